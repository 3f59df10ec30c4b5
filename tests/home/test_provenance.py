"""Provenance: what is Q-SER's says so, what is the hub's says so.

Every form template, in every language, says what in the Q-SER guide it is based on, in the report's own words,
on its page, in its Word file and in the API; every guide page credits the report under CC BY 4.0 (translations:
translated and adapted); a filled form is its author's document and claims no licence of the consortium's."""

import io
import re
from pathlib import Path

import docx
import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.utils import translation
from docx.oxml.ns import qn

from forms_library.content.templates import FORM_TEMPLATES
from forms_library.docx_export import filled_form_file
from forms_library.models import FilledForm, FormTemplatePage
from home.models import GuidePage
from tests.conftest import LANGUAGE_CODES

pytestmark = pytest.mark.django_db

SEED = Path(settings.BASE_DIR).parent / "shared" / "seed" / "qser-io3-annex-ii.txt"
# The report's own words, as the seed has them (chapter 3, "Mentoring tools" and the stage 4 objectives).
REPORT_WORDS = {
    "partnership-agreement": "Partnership Agreement / Mentoring Contract",
    "mutual-understanding": "Stage 1: Mutual understanding",
    "calendar-of-sessions": "Suggested calendar of mentoring sessions",
    "expectations-and-goals": "Stage 2: Expectations and goals",
    "session-record": "Suggested form for recording mentoring sessions",
    "working-scenarios": "Form for recording working scenarios",
    "swot-analysis": "Identifying Opportunities and Risks - SWOT analysis",
    "mentors-diary": "The mentor may also keep personal notes in the form of a diary to record the progress of the work",
    "evaluation": "Evaluation of the mentoring process",
}
CASES = [(slug, language) for slug in REPORT_WORDS for language in LANGUAGE_CODES]


def template(slug, language):
    return FormTemplatePage.objects.get(slug=slug, locale__language_code=language, alias_of__isnull=True)


def expected_provenance(page):
    with translation.override(page.locale.language_code):
        return str(page.provenance)


def test_the_nine_templates_quote_the_report_word_for_word():
    assert {spec["slug"]: spec["source_name"] for spec in FORM_TEMPLATES} == REPORT_WORDS
    if SEED.exists():  # the seed sits beside the project in the workspace; the strings above are copied from it
        seed = SEED.read_text(encoding="utf-8")
        for words in REPORT_WORDS.values():
            assert words in seed, words


@pytest.mark.parametrize(("slug", "language"), CASES)
def test_each_template_page_and_fill_page_say_where_it_comes_from(client, django_user_model, slug, language):
    page = template(slug, language)
    assert page.source_name == REPORT_WORDS[slug]
    html = BeautifulSoup(client.get(page.url).content, "html.parser")
    provenance = html.select_one(".provenance")
    assert provenance.select_one('[lang="en"]').get_text() == REPORT_WORDS[slug]
    assert expected_provenance(page) in provenance.get_text()

    client.force_login(django_user_model.objects.get(username="staff"))
    fill = BeautifulSoup(client.get(f"{page.url}fill/").content, "html.parser")
    assert fill.select_one('.provenance [lang="en"]').get_text() == REPORT_WORDS[slug]


@pytest.mark.parametrize(("slug", "language"), CASES)
def test_each_template_word_file_and_api_say_where_it_comes_from(client, slug, language):
    page = template(slug, language)
    document = docx.Document(io.BytesIO(client.get(f"{page.url}docx/").content))
    assert document.sections[0].footer.paragraphs[0].text == expected_provenance(page)
    assert expected_provenance(page) in [paragraph.text for paragraph in document.paragraphs]

    body = client.get(f"/api/forms/templates/{page.pk}/").json()
    assert body["provenance"]["source_name"] == REPORT_WORDS[slug]
    assert body["provenance"]["text"] == expected_provenance(page)
    v2 = client.get(f"/api/v2/pages/{page.pk}/").json()
    assert v2["provenance"]["text"] == expected_provenance(page)


def test_swot_is_the_hubs_aid_to_an_objective_not_a_tool(client):
    page = template("swot-analysis", "en")
    assert page.provenance.as_api()["source_kind"] == "objective"
    text = str(page.provenance)
    assert "not one of the guide’s tools" in text and "Based on the tool" not in text
    index = BeautifulSoup(client.get(page.get_parent().url).content, "html.parser")
    card = next(card for card in index.select(".card") if card.select_one(f'a[href="{page.url}"]'))
    assert "not one of the guide’s tools" in card.select_one(".provenance").get_text()


def test_the_tools_say_they_are_tools_and_the_fields_are_the_hubs():
    for slug in REPORT_WORDS:
        text = str(template(slug, "en").provenance)
        assert "the fields were designed for this hub" in text.lower()
        if slug not in ("swot-analysis", "mentors-diary"):
            assert text.startswith(f"Based on the tool “{REPORT_WORDS[slug]}” named in the Q-SER guide, stage")
    assert "stages 2 and 4" in str(template("session-record", "en").provenance)


@pytest.mark.parametrize("language", LANGUAGE_CODES)
def test_every_guide_page_credits_the_report(client, language):
    guides = GuidePage.objects.filter(locale__language_code=language).live()
    assert guides.exists()
    english = "Adapted from" if language == "en" else "Translated and adapted from"
    for guide in guides:
        with translation.override(language):
            expected = translation.gettext(f"{english} Q-SER IO3 Annex II (Q-SER Consortium), CC BY 4.0, changes made.")
        assert guide.attribution() == expected
        html = BeautifulSoup(client.get(guide.url).content, "html.parser")
        credit = html.select_one(".source-credit")
        assert expected in credit.get_text()
        assert credit.select_one('a[rel="license"]')["href"] == "https://creativecommons.org/licenses/by/4.0/"
        assert client.get(f"/api/v2/pages/{guide.pk}/").json()["attribution"]["text"] == expected


@pytest.mark.parametrize("language", LANGUAGE_CODES)
def test_the_footer_licenses_the_report_not_the_sites_content(client, language):
    footer = BeautifulSoup(client.get(f"/{language}/").content, "html.parser").select_one(".licence-credit")
    english = (
        "The guides are adapted from the report “Q-SER — Qualitative Services at local level for Emigrants and "
        "Refugees, IO3 Annex II: Extra material and references” by the Q-SER Consortium (Erasmus+ "
        "2017-1-EL01-KA204-036335). The report is licensed under"
    )
    with translation.override(language):
        sentence = translation.gettext(english)
    assert language == "en" or sentence != english  # translated
    assert " ".join(sentence.split()) in " ".join(footer.get_text().split())
    assert footer.select_one('a[rel="license"]')


def test_a_filled_form_is_its_authors_document(django_user_model):
    owner = django_user_model.objects.get(username="mentee")
    filled = FilledForm.start(template("working-scenarios", "en"), owner)
    filled.save()
    footer = docx.Document(io.BytesIO(filled_form_file(filled))).sections[0].footer.paragraphs[0].text
    assert "its author" in footer
    assert not re.search(r"CC BY|©|Consortium", footer)


# The seven tools the report names (chapter 3, "Mentoring tools"), copied from the seed word for word; the
# diary's sentence and the SWOT objective are not among them.
REPORT_TOOLS = [
    "Partnership Agreement / Mentoring Contract",
    "Stage 1: Mutual understanding",
    "Suggested calendar of mentoring sessions",
    "Stage 2: Expectations and goals",
    "Suggested form for recording mentoring sessions",
    "Form for recording working scenarios",
    "Evaluation of the mentoring process",
]


def test_the_reports_tool_names_are_the_template_titles_and_the_timelines_tools(client):
    if SEED.exists():
        seed = SEED.read_text(encoding="utf-8")
        assert all(f"- {name}" in seed for name in REPORT_TOOLS)
    titles = set(FormTemplatePage.objects.filter(locale__language_code="en").values_list("title", flat=True))
    assert set(REPORT_TOOLS) <= titles

    html = BeautifulSoup(client.get("/en/guides/the-q-ser-mentoring-process/").content, "html.parser")
    tools = [item.get_text(strip=True) for item in html.select(".timeline__tools li")]
    aids = [item.get_text(strip=True) for item in html.select(".timeline__aids li")]
    assert set(tools) == set(REPORT_TOOLS)
    # SWOT and the diary are the hub's aids, never called tools.
    assert not any("SWOT" in name or "diary" in name for name in tools)
    assert [name.split(":")[0] for name in aids] == ["SWOT analysis", "Mentor’s diary"]
    for slug in ("swot-analysis", "mentors-diary"):
        page = template(slug, "en")
        assert not page.is_guide_tool
        assert "Based on the tool" not in str(page.provenance)


def run_languages(paragraph):
    """(text, w:lang of the run or None) for each run of a python-docx paragraph."""
    result = []
    for run in paragraph.runs:
        lang = run._r.rPr.find(qn("w:lang")) if run._r.rPr is not None else None
        result.append((run.text, lang.get(qn("w:val")) if lang is not None else None))
    return result


def document_language(document):
    defaults = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    return defaults.find(qn("w:lang")).get(qn("w:val"))


@pytest.mark.parametrize(
    ("language", "word_language"), [("el", "el-GR"), ("cs", "cs-CZ"), ("de", "de-DE"), ("es", "es-ES")]
)
def test_the_reports_english_words_in_a_word_file_carry_their_language(
    client, django_user_model, language, word_language
):
    """WCAG 3.1.2 in documents: the document's default language is its own, the quoted tool name is English."""
    page = template("session-record", language)
    document = docx.Document(io.BytesIO(client.get(f"{page.url}docx/").content))
    assert document_language(document) == word_language
    provenance = next(p for p in document.paragraphs if REPORT_WORDS["session-record"] in p.text)
    for paragraph in (provenance, document.sections[0].footer.paragraphs[0]):
        runs = run_languages(paragraph)
        assert (REPORT_WORDS["session-record"], "en-GB") in runs
        assert all(tag is None for text, tag in runs if text != REPORT_WORDS["session-record"])

    filled = FilledForm.start(page, django_user_model.objects.get(username="mentee"))
    filled.save()
    filled_document = docx.Document(io.BytesIO(filled_form_file(filled)))
    provenance = next(p for p in filled_document.paragraphs if REPORT_WORDS["session-record"] in p.text)
    assert (REPORT_WORDS["session-record"], "en-GB") in run_languages(provenance)


def test_an_english_word_file_tags_no_run(client):
    page = template("session-record", "en")
    document = docx.Document(io.BytesIO(client.get(f"{page.url}docx/").content))
    assert document_language(document) == "en-GB"
    provenance = next(p for p in document.paragraphs if REPORT_WORDS["session-record"] in p.text)
    assert all(tag is None for _text, tag in run_languages(provenance))
