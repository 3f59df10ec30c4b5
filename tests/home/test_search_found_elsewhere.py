""" "Found in other languages" counts every other language's matches in one grouped query over the search's matches
(home/search_backend.counts_by): the same counts as one search per language, private pages and aliases left out."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from home import views
from home.cache import public
from home.models import GuideIndexPage
from home.search import query_text
from tests.factories import GuidePageFactory, site_page

pytestmark = pytest.mark.django_db

OTHERS = ["en", "el", "cs", "es"]


def one_search_per_language(query, codes):
    counts = {}
    for code in codes:
        translated = Page.objects.live().filter(locale__language_code=code, depth__gt=1, alias_of__isnull=True)
        pages = Page.objects.filter(pk__in=public(translated).values("pk"))
        counts[code] = pages.search(query_text(query), operator="and").count()
    return {code: count for code, count in counts.items() if count}


@pytest.mark.parametrize("query", ["mentor", "Telemachus", "mentoring stage", "Μέντορας", "zzzunfound"])
def test_the_grouped_count_is_each_languages_own_count(query):
    expected = one_search_per_language(query, OTHERS)
    with CaptureQueriesContext(connection) as captured:
        counts = views._counts_by_language(query, OTHERS)
    assert {code: count for code, count in counts.items() if count} == expected
    assert len(captured.captured_queries) == 1


def test_a_query_matching_several_languages_is_counted_in_each():
    assert len(views._counts_by_language("mentor", OTHERS)) >= 2


def test_private_pages_and_aliases_are_not_counted():
    before = views._counts_by_language("Telemachus", OTHERS)["en"]
    english = Page.objects.live().filter(locale__language_code="en", alias_of__isnull=True)
    guide = Page.objects.filter(pk__in=english.values("pk")).search(query_text("Telemachus"))[0]
    PageViewRestriction.objects.create(page=guide, restriction_type=PageViewRestriction.LOGIN)
    assert views._counts_by_language("Telemachus", OTHERS).get("en", 0) == before - 1
    assert views._counts_by_language("Telemachus", OTHERS) == one_search_per_language("Telemachus", OTHERS)


def test_a_new_page_is_counted_in_its_own_language_only():
    before = views._counts_by_language("Quetzalcoatlus", OTHERS)
    GuidePageFactory(parent=site_page(GuideIndexPage, "cs"), title="Quetzalcoatlus", slug="quetzalcoatlus")
    after = views._counts_by_language("Quetzalcoatlus", OTHERS)
    assert after.get("cs", 0) == before.get("cs", 0) + 1
    assert {code: n for code, n in after.items() if code != "cs"} == {
        code: n for code, n in before.items() if code != "cs"
    }


def test_a_search_the_backend_leaves_to_wagtail_counts_each_language(monkeypatch):
    expected = one_search_per_language("mentor", OTHERS)
    monkeypatch.setattr(views, "counts_by", lambda results, field, within=None: None)
    counts = views._counts_by_language("mentor", OTHERS)
    assert {code: count for code, count in counts.items() if count} == expected
