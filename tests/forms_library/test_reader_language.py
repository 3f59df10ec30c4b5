"""A filled form reads in its reader's language: the title and the field labels of its template's translation,
on the page and in the Word file; the answers stay as they were written. Dates on the page and in the Word
file are written as the reader's language writes them, on the reader's calendar (their time zone)."""

import datetime
import io

import pytest
from bs4 import BeautifulSoup
from docx import Document

from forms_library.models import FilledForm
from tests.factories import DepartmentFactory, FilledFormFactory, FormTemplatePageFactory, MemberFactory, form_template

pytestmark = pytest.mark.django_db

# 23:30 UTC on 6 December: already 7 December in Prague, Berlin, Madrid and Athens.
SAVED_AT = datetime.datetime(2026, 12, 6, 23, 30, tzinfo=datetime.UTC)

# language: (country of the reader's department, the date as written there, the time on their clock)
READERS = {
    "cs": ("CZ", "7. 12. 2026", "0:30"),
    "de": ("DE", "07.12.2026", "00:30"),
    "es": ("ES", "7/12/2026", "00:30"),
    "el": ("GR", "7/12/2026", "01:30"),
}


def reader(language):
    country = READERS[language][0]
    return MemberFactory(department=DepartmentFactory(country=country), preferred_language=language)


def english_filled_form(owner):
    filled = FilledFormFactory(template=form_template("swot-analysis", "en"), owner=owner)
    text_field = next(d for d in filled.definitions if d.kind in ("short_text", "long_text"))
    answers = {**filled.answers, text_field.name: ANSWER}
    FilledForm.objects.filter(pk=filled.pk).update(updated_at=SAVED_AT, answers=answers)
    filled.refresh_from_db()
    return filled


def word_paragraphs(content):
    return [paragraph.text for paragraph in Document(io.BytesIO(content)).paragraphs]


def first_label(definitions):
    return next(definition.label for definition in definitions if definition.is_input)


@pytest.mark.parametrize("language", READERS)
def test_the_page_shows_the_title_and_labels_of_the_readers_translation_and_the_answers_as_written(client, language):
    person = reader(language)
    filled = english_filled_form(person)
    translation = form_template("swot-analysis", language)
    client.force_login(person)
    html = BeautifulSoup(client.get(f"/{language}/forms/mine/{filled.pk}/").content, "html.parser")
    assert html.h1.get_text(strip=True) == translation.title != filled.title
    labels = html.select_one("form.answer-form").get_text(" ", strip=True)
    assert first_label(translation.definitions) in labels
    assert first_label(filled.definitions) not in labels
    written = [field.get("value") or field.get_text() for field in html.select("form.answer-form input, textarea")]
    assert ANSWER in written


ANSWER = "Geschrieben, wie es geschrieben wurde"


@pytest.mark.parametrize("language", READERS)
def test_the_page_dates_the_form_as_the_reader_writes_dates_in_their_zone(client, language):
    person = reader(language)
    filled = english_filled_form(person)
    client.force_login(person)
    html = BeautifulSoup(client.get(f"/{language}/forms/mine/{filled.pk}/").content, "html.parser")
    _country, day, time = READERS[language]
    assert f"{day} {time}" in html.select_one(".form-status").get_text(" ", strip=True)


@pytest.mark.parametrize("language", READERS)
def test_the_word_file_is_written_in_the_readers_language_with_their_date(client, language):
    person = reader(language)
    filled = english_filled_form(person)
    translation = form_template("swot-analysis", language)
    client.force_login(person)
    response = client.get(f"/{language}/forms/mine/{filled.pk}/docx/")
    assert response.status_code == 200
    paragraphs = word_paragraphs(response.content)
    assert paragraphs[0] == translation.title
    assert any(text.startswith(first_label(translation.definitions)) for text in paragraphs)
    assert not any(text.startswith(first_label(filled.definitions)) for text in paragraphs)
    filled_by = next(text for text in paragraphs if person.last_name in text and "," in text)
    assert filled_by.endswith(READERS[language][1])


def test_a_template_without_a_translation_in_the_readers_language_shows_the_stored_words(client):
    person = reader("de")
    filled = FilledFormFactory(template=FormTemplatePageFactory(), owner=person)
    client.force_login(person)
    html = BeautifulSoup(client.get(f"/de/forms/mine/{filled.pk}/").content, "html.parser")
    assert html.h1.get_text(strip=True) == filled.title
    assert "What you want to learn" in html.select_one("form.answer-form").get_text(" ", strip=True)


def by_name(definitions):
    return {definition.name: definition for definition in definitions}


def option_texts(html, name):
    """The words next to each radio button or check box of a field, in the page's order."""
    return [html.select_one(f"label[for='{box['id']}']") or box.parent for box in html.select(f"input[name='{name}']")]


@pytest.mark.parametrize("status", [200, 400])
def test_the_page_offers_the_choices_and_the_scale_in_the_readers_language_and_keeps_what_was_chosen(client, status):
    """The choices of a filled form read as its template's translation words them (the output page and the
    Word file read them from the same place, forms_library.reading); what is stored is the choice's id, so
    what was chosen stays chosen. The same after a completion refused for a missing answer."""
    person = reader("de")
    filled = FilledFormFactory(template=form_template("partnership-agreement", "en"), owner=person)
    german = by_name(form_template("partnership-agreement", "de").definitions)
    english = by_name(filled.definitions)
    client.force_login(person)
    url = f"/de/forms/mine/{filled.pk}/"
    if status == 200:
        response = client.get(url)
    else:
        data = {name: value for name, value in filled.answers.items() if name != "goals"}
        response = client.post(url, {**data, "action": "complete"})
    assert response.status_code == status
    html = BeautifulSoup(response.content, "html.parser")
    for name in ("mentoring_model", "meeting_frequency", "meeting_format"):
        shown = [label.get_text(" ", strip=True) for label in option_texts(html, name)]
        assert shown == [text for _id, text in german[name].choices] != [text for _id, text in english[name].choices]
        chosen = {box["value"] for box in html.select(f"input[name='{name}'][checked]")}
        stored = filled.answers[name]
        assert chosen == (set(stored) if isinstance(stored, list) else {stored})


def test_a_tables_columns_read_in_the_readers_language_after_a_row_is_added(client):
    person = reader("es")
    filled = FilledFormFactory(template=form_template("calendar-of-sessions", "en"), owner=person)
    spanish = by_name(form_template("calendar-of-sessions", "es").definitions)["sessions"].columns
    client.force_login(person)
    rows = len(filled.answers["sessions"])
    data = {"sessions-rows": str(rows), "add_row": "sessions"}
    for r, row in enumerate(filled.answers["sessions"]):
        data.update({f"sessions-{r}-{c}": cell for c, cell in enumerate(row)})
    html = BeautifulSoup(client.post(f"/es/forms/mine/{filled.pk}/", data).content, "html.parser")
    table = html.select_one(".field--repeating_table table")
    assert [th.get_text(strip=True) for th in table.select("thead th")][1:] == spanish
    # The added row is there, under the same columns.
    assert len(table.select("tbody tr")) == rows + 1


def test_a_rating_scales_meanings_read_in_the_readers_language(client):
    person = reader("cs")
    filled = FilledFormFactory(template=form_template("mutual-understanding", "en"), owner=person)
    scale = next(d for d in form_template("mutual-understanding", "cs").definitions if d.kind == "rating_scale")
    english = next(d for d in filled.definitions if d.kind == "rating_scale")
    assert scale.note != english.note
    client.force_login(person)
    html = BeautifulSoup(client.get(f"/cs/forms/mine/{filled.pk}/").content, "html.parser")
    legends = [legend.get_text(strip=True) for legend in html.select(".rating-legend")]
    assert scale.note in legends and english.note not in legends


@pytest.mark.parametrize("language", READERS)
def test_my_forms_names_each_form_by_its_templates_title_in_the_readers_language(client, language):
    person = reader(language)
    english = english_filled_form(person)
    untranslated = FilledFormFactory(template=FormTemplatePageFactory(), owner=person)
    client.force_login(person)
    html = BeautifulSoup(client.get(f"/{language}/forms/mine/").content, "html.parser")
    rows = {a["href"]: a for a in html.select("table.listing td:first-child a")}
    translated = rows[f"/{language}/forms/mine/{english.pk}/"]
    assert (translated.get_text(strip=True), translated["lang"]) == (
        form_template("swot-analysis", language).title,
        language,
    )
    as_written = rows[f"/{language}/forms/mine/{untranslated.pk}/"]
    assert (as_written.get_text(strip=True), as_written["lang"]) == (untranslated.title, "en")


@pytest.mark.parametrize("language", ["en", "de"])
def test_read_titles_of_values_rows_agree_with_the_lists_annotation(django_assert_num_queries, language):
    """`reading.add_read_titles` (My forms' rows) gives each form the title and language `with_read_titles` gives:
    written in the reader's language, translated, without a translation, without a template."""
    from forms_library import reading

    person = reader("de")
    english_filled_form(person)
    FilledFormFactory(template=form_template("swot-analysis", "de"), owner=person)
    FilledFormFactory(template=FormTemplatePageFactory(), owner=person)
    gone = FilledFormFactory(template=FormTemplatePageFactory(), owner=person)
    FilledForm.objects.filter(pk=gone.pk).update(template=None)
    forms = FilledForm.objects.filter(owner=person).order_by("pk")
    expected = list(reading.with_read_titles(forms, language).values_list("pk", "read_title", "read_language"))
    rows = list(forms.values("pk", "title", "language", "template__translation_key"))
    # One query for the translations of the rows not written in the reader's language.
    with django_assert_num_queries(1):
        reading.add_read_titles(rows, language)
    assert [(row["pk"], row["read_title"], row["read_language"]) for row in rows] == expected
    # One of them read in a translation, not as written.
    assert any(row["read_language"] != row["language"] for row in rows)


def test_read_titles_of_rows_all_written_in_the_readers_language_cost_no_query(django_assert_num_queries):
    from forms_library import reading

    person = reader("de")
    FilledFormFactory(template=form_template("swot-analysis", "de"), owner=person)
    rows = list(FilledForm.objects.filter(owner=person).values("pk", "title", "language", "template__translation_key"))
    with django_assert_num_queries(0):
        reading.add_read_titles(rows, "de")
    assert rows[0]["read_title"] == rows[0]["title"] and rows[0]["read_language"] == "de"
