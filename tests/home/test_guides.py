import re

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Page
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.synctree import synchronize_tree

from home import translation_files
from home.content.guides import GUIDES
from home.models import GuideIndexPage, GuidePage
from tests.conftest import LANGUAGE_CODES, translated

pytestmark = pytest.mark.django_db

GUIDE_SLUGS = [slug for slug, *_rest in GUIDES]
SCRIPT = {"el": re.compile(r"[\u0370-\u03ff\u1f00-\u1fff]")}


def text_of(response):
    return BeautifulSoup(response.content, "html.parser").select_one("main").get_text(" ", strip=True)


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_every_guide_is_live_and_translated_in_every_locale(client, code):
    guides = GuidePage.objects.live().filter(locale__language_code=code, alias_of__isnull=True)
    assert sorted(guides.values_list("slug", flat=True)) == sorted(GUIDE_SLUGS)
    for slug in GUIDE_SLUGS:
        assert client.get(f"/{code}/guides/{slug}/").status_code == 200


@pytest.mark.parametrize("code", ["el", "cs", "de", "es"])
def test_translations_are_complete_in_wagtail_localize(code):
    translations = Translation.objects.filter(target_locale__language_code=code)
    home = Page.objects.get(depth=2, locale__language_code="en")
    assert translations.count() == len(translation_files.source_pages(home)) > len(GUIDES)
    for translation in translations:
        total, done = translation.get_progress()
        assert total > 0 and done == total, translation.source.object_repr
        assert translation.get_status_display() == "Up to date"


@pytest.mark.parametrize("slug", GUIDE_SLUGS)
def test_greek_guides_are_written_in_greek_letters(client, slug):
    main = BeautifulSoup(client.get(f"/el/guides/{slug}/").content, "html.parser").select_one("main")
    # Citations, URLs and the names of sources stay as published; the prose around them is Greek.
    for source in main.select(".references, .url, .source-note"):
        source.decompose()
    words = re.findall(r"\w{4,}", main.get_text(" "))
    greek = [w for w in words if SCRIPT["el"].search(w)]
    assert len(greek) / len(words) > 0.8, [w for w in words if not SCRIPT["el"].search(w)]


def test_english_guides_hold_every_model_stage_and_reference(client):
    text = " ".join(text_of(client.get(f"/en/guides/{slug}/")) for slug in GUIDE_SLUGS)
    for model in [
        "One-on-one",
        "Group mentoring",
        "Peer mentoring",
        "Training-based",
        "Reverse mentoring",
        "Executive mentoring",
        "E-mentoring",
    ]:
        assert model in text
    for stage in ["Introduction", "Setting a plan", "Working scenarios", "Implementation", "Evaluation"]:
        assert stage in text
    for author in [
        "Allen, T. D.",
        "Byington",
        "Detsky",
        "Kutilek",
        "Ludwig",
        "Mincemoyer",
        "Podsen",
        "Starcevich",
        "Wilson, J.",
    ]:
        assert author in text
    assert "Ohio State University" in text
    for typo in ["Ohaio", "solidfy", "commitement", "implemantation", "kwoledge", "conserning"]:
        assert typo not in text.lower()


def test_references_link_their_doi_and_urls(client):
    html = BeautifulSoup(client.get("/en/guides/references-and-useful-links/").content, "html.parser")
    hrefs = [a["href"] for a in html.select("main a[href]")]
    assert "https://doi.org/10.1037/0021-9010.89.1.127" in hrefs
    assert "http://www.emt.org/userfiles/DesignTraining.pdf" in hrefs
    assert len(html.select(".useful-links li")) == 5
    assert len(html.select(".references li")) == 9


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_timeline_lists_five_stages_with_their_tools(client, code):
    html = BeautifulSoup(client.get(f"/{code}/guides/the-q-ser-mentoring-process/").content, "html.parser")
    stages = html.select("ol.timeline > li")
    assert len(stages) == 5
    assert [len(stage.select(".timeline__tools li")) for stage in stages] == [3, 2, 1, 1, 1]
    # The SWOT grid and the diary are the hub's aids to stage 4, listed apart from the guide's tools.
    aids = [link["href"] for link in stages[3].select(".timeline__aids a")]
    assert [len(stage.select(".timeline__aids li")) for stage in stages] == [0, 0, 0, 2, 0]
    assert "/forms/swot-analysis/" in aids[0] and "/forms/mentors-diary/" in aids[1]


def test_guide_page_has_toc_previous_next_and_credit(client):
    html = BeautifulSoup(client.get("/de/guides/mentoring-models/").content, "html.parser")
    toc_targets = [a["href"][1:] for a in html.select("nav.toc a")]
    assert toc_targets and all(html.find(id=target) for target in toc_targets)
    assert html.select_one('a[rel="prev"]')["href"] == "/de/guides/mentoring-in-q-ser/"
    assert html.select_one('a[rel="next"]')["href"] == "/de/guides/the-q-ser-mentoring-process/"
    assert html.select_one('footer a[rel="license"]')


def test_guide_index_lists_guides_in_reading_order_with_summaries(client):
    html = BeautifulSoup(client.get("/es/guides/").content, "html.parser")
    links = [a["href"] for a in html.select(".guide-list h2 a")]
    assert links == [f"/es/guides/{slug}/" for slug in GUIDE_SLUGS]
    assert all(item.select_one("p").get_text(strip=True) for item in html.select(".guide-list li"))


def test_untranslated_guide_is_shown_in_english_with_a_notice(client):
    index = GuideIndexPage.objects.get(locale__language_code="en")
    guide = GuidePage(
        title="Working with interpreters", slug="interpreters", summary="Notes for a new chapter.", body=[]
    )
    index.add_child(instance=guide)
    guide.save_revision().publish()
    synchronize_tree(guide.locale, GuidePage.objects.get(slug="mentoring-models", locale__language_code="cs").locale)

    response = client.get("/cs/guides/interpreters/")
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    assert html.html["lang"] == "cs"
    assert html.select_one(".page-content")["lang"] == "en"
    assert "Working with interpreters" in html.select_one(".page-content").get_text()
    notice = html.select_one(".notice--untranslated").get_text(" ", strip=True)
    assert notice == translated(
        "This page has not been translated into this language yet, so it is shown in English.", "cs"
    )
    # The alias is no alternate language version for search engines.
    assert not html.select('link[hreflang="cs"]')


def test_editing_an_english_paragraph_flags_it_in_every_translation(client):
    guide = GuidePage.objects.get(locale__language_code="en", slug="what-mentoring-is")
    section = next(block for block in guide.body if block.block_type == "section")
    section.value["heading"] = "Mentoring: ideas and meanings"
    guide.save_revision().publish()

    source = TranslationSource.objects.get(object_id=guide.translation_key, locale=guide.locale)
    for translation in Translation.objects.filter(source=source):
        total, done = translation.get_progress()
        assert done == total - 1, translation.target_locale
        assert translation.get_status_display() == "Waiting for translations"
