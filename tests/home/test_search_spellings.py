"""Search finds a word written with a hyphen or as one ("Gruppen-Mentoring", "Gruppenmentoring"), and when nothing
matches in the reader's language, it says how many results each other language holds, with a link there."""

import pytest
from bs4 import BeautifulSoup

from home.search import index_text, query_text
from tests.conftest import translated

pytestmark = pytest.mark.django_db


def result_links(client, code, query):
    response = client.get(f"/{code}/search/", {"q": query})
    assert response.status_code == 200
    return [a["href"] for a in BeautifulSoup(response.content, "html.parser").select(".search-results h2 a")]


def test_a_hyphenated_compound_is_indexed_in_its_parts_and_as_one_word():
    assert index_text("Das Gruppen-Mentoring") == "das gruppen-mentoring gruppenmentoring"
    assert index_text("Führungs\u00adkräfte-Mentoring").endswith(" fuhrungskraftementoring")
    assert query_text("Gruppen-Mentoring") == query_text("Gruppenmentoring") == "gruppenmentoring"
    assert query_text("E\u2011Mentoring und Peer-Mentoring") == "ementoring und peermentoring"


@pytest.mark.parametrize(
    ("hyphenated", "joined"),
    [
        ("Gruppen-Mentoring", "Gruppenmentoring"),  # written as one word in the German guides
        ("Peer-Mentoring", "Peermentoring"),  # written with a hyphen there
        ("Führungskräfte-Mentoring", "Führungskräftementoring"),
    ],
)
def test_german_readers_find_the_same_pages_whichever_way_they_write_a_compound(client, hyphenated, joined):
    found = result_links(client, "de", hyphenated)
    assert found, f"nothing found for {hyphenated}"
    assert result_links(client, "de", joined) == found


def test_nothing_in_the_readers_language_says_how_many_results_other_languages_hold(client):
    response = client.get("/de/search/", {"q": "Telemachus"})  # the German guide says "Telemachos"
    html = BeautifulSoup(response.content, "html.parser")
    assert not html.select(".search-results li")
    links = {a["hreflang"]: a for a in html.select(".search-elsewhere a")}
    assert links["en"]["href"] == "/en/search/?q=Telemachus"
    count = len(result_links(client, "en", "Telemachus"))
    assert links["en"].get_text(strip=True) == translated(
        "%(count)d result in %(language)s", "de", "%(count)d results in %(language)s", count
    ) % {"count": count, "language": "Englisch"}
    assert "de" not in links


def test_results_in_the_readers_language_say_nothing_of_other_languages(client):
    html = BeautifulSoup(client.get("/de/search/", {"q": "Telemachos"}).content, "html.parser")
    assert html.select(".search-results li") and not html.select(".search-elsewhere")
