import re

import pytest
from bs4 import BeautifulSoup

from home.models import GuidePage
from tests.conftest import LANGUAGE_CODES, localized, translated

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_each_language_home_answers_in_its_language(client, code):
    response = client.get(f"/{code}/")
    assert response.status_code == 200
    html = soup(response)
    assert html.html["lang"] == code
    alternates = {link["hreflang"]: link["href"] for link in html.select('link[rel="alternate"][hreflang]')}
    assert set(alternates) == set(LANGUAGE_CODES) | {"x-default"}
    assert alternates["x-default"].endswith("/en/")
    assert all(alternates[c].endswith(f"/{c}/") for c in LANGUAGE_CODES)
    assert html.select_one("a.skip-link").get_text(strip=True) == translated("Skip to main content", code)


def test_navigation_is_in_greek_under_el(client):
    html = soup(client.get("/el/"))
    navigation = html.select_one("nav.site-nav").get_text(" ", strip=True)
    assert re.search(r"[α-ωΑ-Ω]{4}", navigation)
    assert "guides" not in navigation.lower()
    assert html.select_one("nav.site-nav")["aria-label"] == "Κύρια πλοήγηση"


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [
        ("el-GR,el;q=0.9,en;q=0.5", "/el/"),
        ("cs", "/cs/"),
        ("de-DE", "/de/"),
        ("es-ES,es", "/es/"),
        ("fr-FR", "/en/"),
        ("", "/en/"),
    ],
)
def test_root_redirects_by_accept_language(client, accept_language, expected):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept_language)
    assert response.status_code == 302
    assert response["Location"] == expected


def test_switcher_leads_to_the_translation_of_the_current_page(client):
    guide = GuidePage.objects.get(locale__language_code="el", slug="mentoring-models")
    html = soup(client.get(guide.url))
    switcher = {a["hreflang"]: a["href"] for a in html.select("nav.language-switcher a[hreflang]")}
    assert switcher == {code: f"/{code}/guides/mentoring-models/" for code in LANGUAGE_CODES if code != "el"}
    assert html.select_one('nav.language-switcher [aria-current="true"]').get_text(strip=True) == "Ελληνικά"


def test_switcher_names_each_language_in_itself(client):
    names = [a.get_text(strip=True) for a in soup(client.get("/de/")).select("nav.language-switcher li")]
    assert names == ["English", "Ελληνικά", "Čeština", "Deutsch", "Español"]


def test_switcher_leads_to_the_language_home_when_a_page_has_no_translation(client, home_en):
    from home.models import GuideIndexPage

    index = GuideIndexPage.objects.get(locale__language_code="en")
    lonely = GuidePage(title="Only in English", slug="only-in-english", summary="Draft chapter.", body=[])
    index.add_child(instance=lonely)
    lonely.save_revision().publish()
    html = soup(client.get(lonely.url))
    switcher = {a["hreflang"]: a["href"] for a in html.select("nav.language-switcher a[hreflang]")}
    assert switcher["el"] == "/el/"
    for href in switcher.values():
        assert client.get(href).status_code == 200


def test_footer_credits_the_qser_consortium_under_cc_by(client):
    footer = soup(client.get("/cs/")).select_one("footer")
    assert "Q-SER" in footer.get_text()
    assert footer.select_one('a[rel="license"]')["href"] == "https://creativecommons.org/licenses/by/4.0/"


def test_sitemap_lists_every_language_with_alternates(client, home_en):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    body = response.content.decode()
    for code in LANGUAGE_CODES:
        assert f"/{code}/guides/the-q-ser-mentoring-process/</loc>" in body
    assert 'hreflang="el"' in body
    assert localized(home_en, "es").url in body


def test_robots_keeps_crawlers_out_of_admin_and_api(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Disallow: /admin/" in lines
    assert "Disallow: /api/" in lines
    assert any(line.startswith("Sitemap: ") and line.endswith("/sitemap.xml") for line in lines)


def test_unknown_page_gets_a_translated_404(client):
    response = client.get("/es/no-existe/")
    assert response.status_code == 404
    assert translated("Page not found", "es") in response.content.decode()
