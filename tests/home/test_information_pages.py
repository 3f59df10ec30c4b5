"""The pages a public body's site publishes (about the programme, privacy notice, accessibility statement) in
five languages, linked from every footer, with the operator's settings rendered; the cookies the notice
lists; the report's voice on the guides (hedges, "for further reading", notes linked both ways); and the
language of text left in another language (WCAG 3.1.2)."""

import re
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup
from django.conf import settings as django_settings
from django.test import Client
from django.utils import translation

from home.content import report
from home.content.information import INFORMATION_PAGES
from home.models import InformationPage
from home.site_settings import OperatorSettings
from practices.models import PracticePage
from tests.conftest import LANGUAGE_CODES, PUBLIC_PAGES, sign_in, translated

pytestmark = pytest.mark.django_db

SLUGS = [content["slug"] for content in INFORMATION_PAGES]


def html(response):
    assert response.status_code == 200, response
    return BeautifulSoup(response.content, "html.parser")


def footer_links(soup):
    return [link["href"] for link in soup.select("footer .footer-links a")]


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_each_page_is_published_and_translated_in_every_language(client, code):
    pages = InformationPage.objects.live().filter(locale__language_code=code, alias_of__isnull=True)
    assert sorted(pages.values_list("slug", flat=True)) == sorted(SLUGS)
    english_titles = {content["title"] for content in INFORMATION_PAGES}
    for slug in SLUGS:
        soup = html(client.get(f"/{code}/{slug}/"))
        assert soup.html["lang"] == code
        assert (soup.h1.get_text(strip=True) in english_titles) == (code == "en")


SIGNED_IN_PAGES = ["/{lang}/mentoring/", "/{lang}/mentoring/my-data/", "/{lang}/forms/mine/", "/{lang}/practices/mine/"]


@pytest.mark.parametrize("code", ["en", "el", "de"])
def test_every_page_type_links_the_three_pages_in_its_language_from_the_footer(client, code, practices_everywhere):
    expected = [f"/{code}/{slug}/" for slug in SLUGS]
    public = [re.sub(r"^/[a-z]{2}/", f"/{code}/", url) for url in PUBLIC_PAGES]
    public += [f"/{code}/practices/", f"/{code}/guides/mentoring-models/", *expected]
    for url in public:
        assert footer_links(html(client.get(url, HTTP_ACCEPT_LANGUAGE=code))) == expected, url
    practice = PracticePage.objects.live().filter(locale__language_code=code, alias_of__isnull=True).first()
    assert footer_links(html(client.get(practice.url))) == expected
    sign_in(client, "mentor")
    for url in SIGNED_IN_PAGES:
        assert footer_links(html(client.get(url.format(lang=code)))) == expected, url
    not_found = client.get(f"/{code}/no-such-page/")
    assert not_found.status_code == 404
    assert footer_links(BeautifulSoup(not_found.content, "html.parser")) == expected


def test_the_footer_follows_the_editors_unpublishing_a_page(client):
    InformationPage.objects.get(slug="about", locale__language_code="cs").unpublish()
    assert footer_links(html(client.get("/cs/"))) == ["/cs/privacy/", "/cs/accessibility/"]


@pytest.fixture
def operator():
    values = OperatorSettings.load()
    values.operator_name = "Example Town Council (fictional)"
    values.operator_address = "1 Example Square\n12345 Exampleton"
    values.operator_email = "hub@example.org"
    values.dpo_name = "Data protection officer"
    values.dpo_email = "dpo@example.org"
    values.accessibility_email = "access@example.org"
    values.enforcement_body = "Example Accessibility Authority"
    values.enforcement_url = "https://authority.example.org/"
    values.supervisory_authority = "Example Data Protection Authority"
    values.supervisory_authority_url = "https://dpa.example.org/"
    values.account_retention_days = 731
    values.session_retention_days = 366
    values.filled_form_retention_days = 1096
    values.practice_retention_days = 367
    values.save()
    return values


@pytest.mark.parametrize("code", ["en", "de"])
def test_the_privacy_notice_shows_the_operator_and_the_retention_periods_from_the_settings(client, operator, code):
    soup = html(client.get(f"/{code}/privacy/"))
    text = soup.select_one("main").get_text(" ", strip=True)
    for value in ["Example Town Council (fictional)", "12345 Exampleton", "Example Data Protection Authority"]:
        assert value in text
    assert soup.select_one('main a[href="mailto:dpo@example.org"]')
    assert soup.select_one('main a[href="https://dpa.example.org/"]')
    periods = [cell.get_text(strip=True) for cell in soup.select(".retention-periods td")]
    assert periods == [
        translated("%(days)s day", code, "%(days)s days", days) % {"days": days} for days in (731, 366, 1096, 367)
    ]
    # The link to "My data" leads to the reader's own language.
    my_data = soup.find("a", string=translated("My data", code))
    assert my_data is not None
    assert urljoin(f"/{code}/privacy/", my_data["href"]) == f"/{code}/mentoring/my-data/"


def test_the_accessibility_statement_shows_the_feedback_contact_and_the_enforcement_body(client, operator):
    soup = html(client.get("/es/accessibility/"))
    assert soup.select_one('main a[href="mailto:access@example.org"]')
    enforcement = soup.select_one('main a[href="https://authority.example.org/"]')
    assert enforcement.get_text(strip=True) == "Example Accessibility Authority"
    assert soup.select_one("time[datetime]")  # the date it was prepared (last reviewed)


def test_details_not_entered_yet_say_so_rather_than_stay_blank(client):
    soup = html(client.get("/en/privacy/"))
    assert soup.select(".not-set"), "an empty operator setting should be shown as not entered"


def test_the_statement_names_what_the_checks_cover_and_what_does_not_conform(client):
    text = html(client.get("/en/accessibility/")).select_one("main").get_text(" ", strip=True)
    for claim in ["partially compliant", "axe-core", "320", "keyboard", "administration interface", "Word documents"]:
        assert claim in text


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_the_about_page_gives_the_reports_facts_and_its_english_disclaimer(client, code):
    soup = html(client.get(f"/{code}/about/"))
    text = soup.select_one(".report-facts").get_text(" ", strip=True)
    for fact in [report.TITLE, report.DELIVERABLE, report.VERSION, report.PROJECT_NUMBER, "Drosostalida"]:
        assert fact in text
    assert "2020" in text
    rows = [[cell.get_text(strip=True) for cell in row.select("td")] for row in soup.select(".partners tbody tr")]
    assert [name for name, _country in rows] == [name for name, _language, _country in report.PARTNERS]
    countries = [country for _name, country in rows]
    with translation.override("en"):
        english = [str(country.label) for _name, _language, country in report.PARTNERS]
    assert countries == [translated(name, code) for name in english]
    original = soup.select_one("blockquote.disclaimer")
    assert original["lang"] == "en"
    assert original.get_text(strip=True) == report.DISCLAIMER
    hub_translation = soup.select_one(".disclaimer-translation")
    if code == "en":
        assert hub_translation is None
    else:
        assert hub_translation.p.get_text(strip=True) == translated(report.DISCLAIMER, code)
        assert "Q-SER" in hub_translation.figcaption.get_text()


def test_partner_names_in_another_language_carry_its_lang(client):
    def name_languages(code):
        soup = html(client.get(f"/{code}/about/"))
        return [row.td.get("lang") for row in soup.select(".partners tbody tr")]

    assert name_languages("en") == [None, "cs", "de", "es", None, None, "es"]
    assert name_languages("cs") == ["en", None, "de", "es", "en", "en", "es"]


# Cookies: the privacy notice lists the only cookies the hub sets.

LISTED_COOKIES = {
    django_settings.SESSION_COOKIE_NAME,
    django_settings.CSRF_COOKIE_NAME,
    django_settings.LANGUAGE_COOKIE_NAME,
    "messages",
}


def cookies_set(responses):
    return {name for response in responses for name in response.cookies}


def test_the_hub_sets_only_the_cookies_the_privacy_notice_lists(without_response_cache):
    visitor = Client()
    responses = [visitor.get(url, HTTP_ACCEPT_LANGUAGE="en") for url in PUBLIC_PAGES]
    responses.append(visitor.post("/i18n/setlang/", {"language": "de", "next": "/accounts/login/"}))
    responses.append(visitor.post("/accounts/login/", {"username": "staff", "password": django_settings.DEMO_PASSWORD}))
    for url in ["/en/", "/en/forms/mine/", "/en/practices/mine/", "/en/mentoring/my-data/", "/en/practices/submit/"]:
        responses.append(visitor.get(url))
    responses.append(visitor.post("/en/forms/swot-analysis/fill/", {"action": "save_draft", "subject": "Desk"}))
    responses.append(visitor.post("/accounts/logout/"))
    found = cookies_set(responses)
    assert django_settings.SESSION_COOKIE_NAME in found and django_settings.CSRF_COOKIE_NAME in found
    assert found <= LISTED_COOKIES

    notice = Client().get("/en/privacy/")
    for name in LISTED_COOKIES:
        assert f"<b>{name}</b>" in notice.content.decode()


def test_an_anonymous_reader_of_a_page_gets_no_cookie_at_all(client):
    for url in ["/en/", "/el/guides/mentoring-models/", "/de/privacy/"]:
        assert not client.get(url).cookies, url


# The report's voice on the guides

HEDGED = {
    "mentoring-models": [
        "It can be the easiest model for an organisation to administer.",
        "It can create strong relationships between mentors and mentees",
        "group mentoring or e-mentoring may work best",
    ],
    "the-q-ser-mentoring-process": ["It is a brief and indicative map"],
    "references-and-useful-links": ["for further reading"],
    "mentoring-in-q-ser": [
        "Mentoring can be a very useful tool for Q-SER",
        "the mentees will be able to apply",
        "tools and services designed to make communication",
    ],
}
CLAIMS = [
    "The easiest model for an organisation to run",
    "draws on",
    "Mentoring is a very useful tool",
    "Distance does not matter",
]


def test_the_guides_keep_the_reports_hedges(client):
    texts = {
        slug: html(client.get(f"/en/guides/{slug}/")).select_one("main").get_text(" ", strip=True) for slug in HEDGED
    }
    for slug, sentences in HEDGED.items():
        for sentence in sentences:
            assert sentence in texts[slug], (slug, sentence)
    for claim in CLAIMS:
        assert not any(claim in text for text in texts.values()), claim


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_note_markers_link_to_their_notes_and_back(client, code):
    for slug, markers in [("mentoring-in-q-ser", ["1", "2"]), ("mentoring-models", ["3", "4"])]:
        soup = html(client.get(f"/{code}/guides/{slug}/"))
        for marker in markers:
            reference = soup.select_one(f'a[href="#note-{marker}"]')
            assert reference is not None and reference["id"] == f"note-ref-{marker}", (slug, marker)
            assert marker in reference.get_text()  # its accessible name says which note
            note = soup.find(id=f"note-{marker}")
            assert note is not None and note.get("aria-label")
            back = note.select_one(f'a[href="#note-ref-{marker}"]')
            assert back is not None and marker in back.get_text()


@pytest.mark.parametrize("code", ["el", "cs", "de", "es"])
def test_english_titles_in_translated_reference_lists_carry_lang_en(client, code):
    soup = html(client.get(f"/{code}/guides/references-and-useful-links/"))
    citations = soup.select(".references__citation")
    assert len(citations) == 9
    assert all(citation.get("lang") == "en" for citation in citations)
    note = html(client.get(f"/{code}/guides/mentoring-in-q-ser/")).select_one("#note-1 .source-note__text")
    assert note["lang"] == "en"


def test_english_pages_do_not_mark_english_as_another_language(client):
    soup = html(client.get("/en/guides/references-and-useful-links/"))
    assert not soup.select(".references__citation[lang]")
    assert not html(client.get("/en/about/")).select(".report-facts cite[lang]")
