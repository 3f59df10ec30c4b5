import pytest
from bs4 import BeautifulSoup

from home.search import fold, highlighted_excerpt

pytestmark = pytest.mark.django_db


def result_links(client, code, query):
    response = client.get(f"/{code}/search/", {"q": query})
    assert response.status_code == 200
    return [a["href"] for a in BeautifulSoup(response.content, "html.parser").select(".search-results h2 a")]


@pytest.mark.parametrize(
    ("code", "accented", "plain"),
    [
        ("el", "μέντορας", "μεντορας"),
        ("el", "Οδύσσεια", "οδυσσεια"),
        ("cs", "příručky", "prirucky"),
        ("de", "Geflüchtete", "gefluchtete"),
        ("es", "mentoría", "mentoria"),
        ("en", "protégés", "proteges"),
    ],
)
def test_search_finds_with_and_without_accents(client, code, accented, plain):
    with_accents = result_links(client, code, accented)
    assert with_accents, f"nothing found for {accented}"
    assert result_links(client, code, plain) == with_accents
    assert all(link.startswith(f"/{code}/") for link in with_accents)


def test_search_stays_in_the_readers_language(client):
    assert result_links(client, "en", "μέντορας") == []
    assert "/en/guides/what-mentoring-is/" in result_links(client, "en", "Telemachus")
    assert result_links(client, "de", "Telemachos") == ["/de/guides/what-mentoring-is/"]


def test_search_ignores_unpublished_pages(client):
    from home.models import GuidePage

    guide = GuidePage.objects.get(locale__language_code="en", slug="mentoring-models")
    guide.unpublish()
    assert "/en/guides/mentoring-models/" not in result_links(client, "en", "dyads")


def test_search_result_summaries_highlight_the_query(client):
    response = client.get("/el/search/", {"q": "μεντορας"})
    marks = BeautifulSoup(response.content, "html.parser").select(".search-results mark")
    assert marks and all(fold(mark.get_text()) == fold("μεντορας") for mark in marks)


def test_too_long_query_gets_a_translated_error(client):
    response = client.get("/es/search/", {"q": "a" * 201})
    html = BeautifulSoup(response.content, "html.parser")
    assert html.select_one("#search-error").get_text(strip=True).startswith("La búsqueda")


def test_empty_search_shows_the_form_only(client):
    html = BeautifulSoup(client.get("/en/search/").content, "html.parser")
    assert html.select_one("form.search-form")
    assert not html.select(".search-results")


def test_excerpt_escapes_html_and_marks_matches():
    excerpt = highlighted_excerpt("<p>Der Mentor & die Mentée: Mentée trifft Mentor.</p>", "mentee")
    assert excerpt == "Der Mentor &amp; die <mark>Mentée</mark>: <mark>Mentée</mark> trifft Mentor."
