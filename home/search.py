"""Accent-insensitive search text, the bounds of a query, and highlighted excerpts.

Greek readers type "μεντορας" as often as "μέντορας", Czech readers "mentorstvi" for "mentorství".
Search backends differ in how they treat diacritics, so pages index an accent-free copy of their
text and queries are folded the same way before they reach Wagtail's search.

German readers write the same word with a hyphen or without ("Gruppen-Mentoring", "Gruppenmentoring").
SQLite's FTS5 and PostgreSQL's parser both split a hyphenated word into its parts, so the two spellings
never meet; neither splits a compound written as one word. So a hyphenated compound is joined into one
word on both sides: the indexed text adds the joined word to its parts (`index_text`), and the query
asks for the joined word (`query_text`). Either spelling finds the other, on either database, without
a dictionary of compounds; a part alone ("Mentoring") still finds the hyphenated spelling only.

A query is bounded before any search runs (`bounded_query`), by the site's search page and Wagtail's
API v2 alike: Wagtail's search backends build one nested expression per word and compile it
recursively, so a query of a few hundred words exhausts Python's recursion (a RecursionError, a 500).
"""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

EXCERPT_CHARS = 240
MAX_QUERY_LENGTH = 200
# Far below the few hundred words that exhaust the recursion, and more than any reader types.
MAX_QUERY_WORDS = 32


def bounded_query(query):
    """The query without its surrounding spaces; a ValidationError, with a translated message for the reader,
    when it has more characters or words than a search takes."""
    query = query.strip()
    if len(query) > MAX_QUERY_LENGTH:
        raise ValidationError(
            ngettext(
                "The search is too long: use at most %(limit)d character.",
                "The search is too long: use at most %(limit)d characters.",
                MAX_QUERY_LENGTH,
            ),
            code="too_long",
            params={"limit": MAX_QUERY_LENGTH},
        )
    if len(query.split()) > MAX_QUERY_WORDS:
        raise ValidationError(
            _("The search has too many words: use at most %(limit)d."),
            code="too_many_words",
            params={"limit": MAX_QUERY_WORDS},
        )
    return query


def fold(text):
    """Lower-case text without diacritics, keeping one character per character where possible."""
    decomposed = unicodedata.normalize("NFD", text.casefold())
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch)))


# A hyphen between two letters or digits joins a compound; the soft hyphen only marks where a word may break.
COMPOUND = re.compile(r"\w+(?:[-\u2010\u2011]\w+)+")
HYPHENS = re.compile(r"[-\u2010\u2011]")
SOFT_HYPHEN = "\u00ad"


def _joined(match):
    return HYPHENS.sub("", match.group())


def index_text(text):
    """The text a page indexes: folded, with each hyphenated compound also written as one word."""
    folded = fold(text).replace(SOFT_HYPHEN, "")
    return " ".join([folded, *(_joined(match) for match in COMPOUND.finditer(folded))])


def query_text(query):
    """A query as the index reads it: folded, each hyphenated compound written as one word."""
    return COMPOUND.sub(_joined, fold(query).replace(SOFT_HYPHEN, ""))


def _folded_with_positions(text):
    """The folded text and, for each of its characters, the index of the source character."""
    folded_chars, positions = [], []
    for index, char in enumerate(text):
        for folded_char in fold(char):
            folded_chars.append(folded_char)
            positions.append(index)
    return "".join(folded_chars), positions


def highlighted_excerpt(text, query):
    """A short excerpt of plain text around the first match of a query word, matches in <mark>."""
    text = re.sub(r"\s+", " ", strip_tags(text)).strip()
    words = [w for w in fold(query).split() if len(w) > 1]
    folded, positions = _folded_with_positions(text)
    spans = []
    for word in words:
        spans += [(m.start(), m.end()) for m in re.finditer(re.escape(word), folded)]
    if not spans:
        return text[:EXCERPT_CHARS] + ("…" if len(text) > EXCERPT_CHARS else "")
    spans.sort()
    first = positions[spans[0][0]]
    start = max(0, first - EXCERPT_CHARS // 3)
    if start > 0:  # begin on a word, not in the middle of one
        start = text.find(" ", start, first) + 1 or start
    end = min(len(text), start + EXCERPT_CHARS)
    parts, cursor = [], start
    for span_start, span_end in spans:
        source_start, source_end = positions[span_start], positions[span_end - 1] + 1
        if source_start < cursor or source_end > end:
            continue
        parts += [escape(text[cursor:source_start]), f"<mark>{escape(text[source_start:source_end])}</mark>"]
        cursor = source_end
    parts.append(escape(text[cursor:end]))
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return mark_safe(prefix + "".join(parts) + suffix)  # noqa: S308 (every piece is escaped above)
