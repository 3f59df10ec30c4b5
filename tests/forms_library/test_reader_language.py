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
