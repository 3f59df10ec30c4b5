"""Accent-insensitive search text and highlighted excerpts.

Greek readers type "μεντορας" as often as "μέντορας", Czech readers "mentorstvi" for "mentorství".
Search backends differ in how they treat diacritics, so pages index an accent-free copy of their
text and queries are folded the same way before they reach Wagtail's search.
"""

import re
import unicodedata

from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

EXCERPT_CHARS = 240


def fold(text):
    """Lower-case text without diacritics, keeping one character per character where possible."""
    decomposed = unicodedata.normalize("NFD", text.casefold())
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch)))


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
