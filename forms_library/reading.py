"""A filled form as its reader reads it: the title and the field labels of its template in the reader's
language, the answers as they were written.

A filled form keeps a snapshot of the definitions it was filled against, in the language it was filled in
(records.py). Its template page has translations (wagtail-localize), whose fields keep the block ids of the
source; so each stored field finds its translated label by its id. Where the reader's language has no
translation of the template yet (or the template is gone), the stored words are shown.
"""

from dataclasses import dataclass, replace

from django.db.models import Case, F, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce

from .fields import SWOT_PARTS, FieldDefinition
from .records import FilledForm

# The words of a field that say what it asks; never its name, under which the answer is stored.
WORDS = ("label", "heading", "help_text", "text", "low_label", "high_label", *(f"{part}_label" for part in SWOT_PARTS))
# Lists of words whose items an answer refers to by id or by position: taken only when they line up.
LISTS = ("choices", "columns", "signatories")


@dataclass(frozen=True)
class ReadForm:
    title: str
    definitions: list[FieldDefinition]
    # The language of the title and the labels (the answers are in the filled form's own).
    language: str
    # The template's instructions in that language ("" without a template).
    instructions: str = ""


def read_in(filled, language):
    """The filled form's title and definitions in `language` (one query when they must be looked up)."""
    instructions = filled.template.instructions if filled.template_id else ""
    stored = ReadForm(filled.title, filled.definitions, filled.language, instructions)
    if language == filled.language or filled.template_id is None:
        return stored
    translation = (
        _translations(language)
        .filter(translation_key__in=_template_model().objects.filter(pk=filled.template_id).values("translation_key"))
        .only("title", "fields", "instructions")
        .first()
    )
    if translation is None:
        return stored
    translated = {definition.block_id: definition for definition in translation.definitions}
    return ReadForm(
        translation.title,
        [_with_words(definition, translated.get(definition.block_id)) for definition in stored.definitions],
        language,
        translation.instructions,
    )


def with_read_titles(queryset, language, *, template="template", title="title", written_in="language"):
    """A list of filled forms (or of records of one, as `template`, `title` and `written_in` name its fields)
    with, on each row, `read_title`: the title of its template's translation in `language`, as `read_in` gives
    it, else the title as written; and `read_language`, the language of that title. Annotated in the list's own
    query: no query per row."""
    translated = _translations(language).filter(translation_key=OuterRef(f"{template}__translation_key"))
    written_here = Q(**{written_in: language})
    # An alias, not an annotation: the subquery is written where it is used (twice), not also selected; Django
    # builds each copy's SQL on every request, and the list of "My forms" spent most of its query building them.
    return queryset.alias(translated_title=Subquery(translated.values("title")[:1])).annotate(
        read_title=Case(When(written_here, then=F(title)), default=Coalesce(F("translated_title"), F(title))),
        read_language=Case(
            When(written_here | Q(translated_title__isnull=True), then=F(written_in)), default=Value(language)
        ),
    )


def add_read_titles(rows, language):
    """`with_read_titles` for a list of filled forms read as values rows (with `title`, `language` and
    `template__translation_key`): sets `read_title` and `read_language` on each, by the same rule, from one
    plain query of the titles in `language` of the templates the rows need (none when every row is written in
    it). Cheaper to build than the list's subquery, which Django writes anew on every request."""
    keys = {
        row["template__translation_key"]
        for row in rows
        if row["language"] != language and row["template__translation_key"] is not None
    }
    translated = {}
    if keys:
        translated = dict(
            _translations(language).filter(translation_key__in=keys).values_list("translation_key", "title")
        )
    for row in rows:
        title = row["title"] if row["language"] == language else translated.get(row["template__translation_key"])
        row["read_title"], row["read_language"] = (
            (title, language) if title is not None else (row["title"], row["language"])
        )
    return rows


def _template_model():
    """The template page's model, through the foreign key: pages.py sits above this module's callers."""
    return FilledForm.template.field.related_model


def _translations(language):
    """The template pages in `language` that are translations: an alias is the source's copy, not one yet."""
    return _template_model().objects.filter(locale__language_code=language, alias_of__isnull=True)


def _with_words(definition, translated):
    if translated is None or translated.kind != definition.kind:
        return definition
    value = dict(definition.value)
    for key in WORDS:
        if translated.value.get(key):
            value[key] = translated.value[key]
    for key in LISTS:
        if _shape(translated.value.get(key)) == _shape(value.get(key)) and key in translated.value:
            value[key] = translated.value[key]
    return replace(definition, value=value)


def _shape(items):
    """The ids of a list's items (or its length, for the legacy plain lists)."""
    items = items or []
    return [item.get("id") if isinstance(item, dict) else None for item in items]
