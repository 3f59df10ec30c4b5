import io
import re

import docx
import pytest
from bs4 import BeautifulSoup
from django.utils import translation

from forms_library.content.templates import FORM_TEMPLATES
from forms_library.models import FormTemplatePage
from tests.conftest import LANGUAGE_CODES
from tests.forms_library.helpers import docx_text

pytestmark = pytest.mark.django_db

SLUGS = [spec["slug"] for spec in FORM_TEMPLATES]


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_library_groups_the_nine_templates_by_stage(client, code):
    html = BeautifulSoup(client.get(f"/{code}/forms/").content, "html.parser")
    stages = html.select("section.form-stage")
    assert len(stages) == 5
    per_stage = [[a["href"].split("/")[-2] for a in s.select("h3 a")] for s in stages]
    assert per_stage == [
        ["partnership-agreement", "mutual-understanding", "calendar-of-sessions"],
        ["expectations-and-goals", "session-record"],
        ["working-scenarios"],
        ["session-record", "swot-analysis", "mentors-diary"],
        ["evaluation"],
    ]
    blank_links = {a["href"] for a in html.select("a[download]")}
    assert blank_links == {f"/{code}/forms/{slug}/docx/" for slug in SLUGS}


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_every_blank_template_exports_with_its_title_and_every_label(client, code):
    for page in FormTemplatePage.objects.live().filter(locale__language_code=code, alias_of__isnull=True):
        response = client.get(f"{page.url}docx/")
        assert response.status_code == 200
        assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        text = docx_text(response.content)
        assert page.title in text
        for definition in page.definitions:
            assert definition.label in text, (page.slug, definition.label)
            for _choice_id, choice in definition.choices:
                assert f"☐ {choice}" in text


def test_nine_templates_exist_in_every_language():
    for code in LANGUAGE_CODES:
        pages = FormTemplatePage.objects.live().filter(locale__language_code=code, alias_of__isnull=True)
        assert sorted(pages.values_list("slug", flat=True)) == sorted(SLUGS)


def test_greek_blank_form_is_a_greek_word_document(client):
    page = FormTemplatePage.objects.get(locale__language_code="el", slug="swot-analysis")
    response = client.get(f"{page.url}docx/")
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment; ")
    assert "filename*=utf-8''" in disposition.lower()
    document = docx.Document(io.BytesIO(response.content))
    properties = document.core_properties
    assert properties.title == page.title
    assert properties.language == "el-GR"
    assert properties.author != "python-docx"
    assert properties.created.year >= 2026
    styles_xml = document.styles.element.xml
    assert 'w:val="el-GR"' in styles_xml
    assert 'w:ascii="Calibri"' in styles_xml
    with translation.override("el"):
        assert translation.gettext("Q-SER Mentoring Hub") in document.sections[0].header.paragraphs[0].text
    footer_xml = document.sections[0].footer._element.xml
    assert "PAGE" in footer_xml and "NUMPAGES" in footer_xml
    # The footer says what the template is based on (the SWOT grid: the hub's aid to an objective), in Greek.
    with translation.override("el"):
        assert document.sections[0].footer.paragraphs[0].text == str(page.provenance)
    assert "Identifying Opportunities and Risks - SWOT analysis" in document.sections[0].footer.paragraphs[0].text
    # The SWOT grid is a real 2×2 table.
    swot = [t for t in document.tables if len(t.rows) == 2 and len(t.columns) == 2]
    assert swot and re.search(r"[α-ω]", swot[0].rows[0].cells[0].text, re.I)


def test_form_template_page_offers_filling_and_the_blank_download(client):
    html = BeautifulSoup(client.get("/de/forms/evaluation/").content, "html.parser")
    hrefs = [a["href"] for a in html.select(".actions a")]
    assert "/de/forms/evaluation/docx/" in hrefs
    assert any(href.startswith("/accounts/login/?next=/de/forms/evaluation/fill/") for href in hrefs)


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_guide_timeline_links_every_tool_to_its_form(client, code):
    html = BeautifulSoup(client.get(f"/{code}/guides/the-q-ser-mentoring-process/").content, "html.parser")
    links = [a["href"] for a in html.select(".timeline__tools a, .timeline__aids a")]
    assert len(links) == 10
    assert all(re.fullmatch(rf"/{code}/forms/[a-z-]+/", link) for link in links)
    assert all(client.get(link).status_code == 200 for link in set(links))


def test_library_query_count_is_fixed(without_response_cache, client, django_assert_max_num_queries):
    client.get("/cs/forms/")
    with django_assert_max_num_queries(16):
        assert client.get("/cs/forms/").status_code == 200


def test_exports_start_from_a_shared_prepared_document_without_sharing_content():
    """Each export copies the prepared document of its language and stage: what one writes (answers,
    title, the header's language) never shows up in the next."""
    from forms_library import docx_export
    from forms_library.fields import definitions_from_raw

    greek = FormTemplatePage.objects.get(locale__language_code="el", slug="swot-analysis")
    german = FormTemplatePage.objects.get(locale__language_code="de", slug="swot-analysis")
    definitions = definitions_from_raw(greek.fields.raw_data)
    swot = next(d for d in definitions if d.kind == "swot_grid")
    filled = docx_export.FormDocument.for_template(greek)
    filled.answers = {swot.name: {"strengths": "Only in the first export"}}
    first = docx_text(docx_export.render(filled))
    second_greek = docx_text(docx_export.render(docx_export.FormDocument.for_template(greek)))
    german_bytes = docx_export.render(docx_export.FormDocument.for_template(german))

    assert "Only in the first export" in first
    assert "Only in the first export" not in second_greek
    assert second_greek.count(greek.title) == first.count(greek.title)
    german_document = docx.Document(io.BytesIO(german_bytes))
    with translation.override("de"):
        assert translation.gettext("Q-SER Mentoring Hub") in german_document.sections[0].header.paragraphs[0].text
    assert 'w:val="de-DE"' in german_document.styles.element.xml
    assert 'w:val="el-GR"' not in german_document.styles.element.xml


def test_help_text_is_a_small_muted_italic_style_kept_with_its_field(client):
    page = FormTemplatePage.objects.get(locale__language_code="es", slug="evaluation")
    document = docx.Document(io.BytesIO(client.get(f"{page.url}docx/").content))
    helped = [d for d in page.definitions if d.help_text and d.kind != "section_heading"]
    assert helped
    paragraph = next(p for p in document.paragraphs if p.text == helped[0].help_text)
    style = paragraph.style
    assert style.name == "Field Help"
    assert style.font.italic and style.font.size.pt == 9 and style.paragraph_format.keep_with_next
