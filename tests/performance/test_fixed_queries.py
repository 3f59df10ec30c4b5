"""Every public listing and detail view costs the same number of queries with a few items or many."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from practices.models import PracticePage
from tests.performance.test_scale import seed

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("practices_everywhere")]


# URL (or a function of the data giving it), and the most queries it may cost uncached.
VIEWS = {
    "home": ("/de/", 12),
    "guide list": ("/el/guides/", 12),
    "guide": ("/el/guides/mentoring-models/", 12),
    "forms library": ("/cs/forms/", 16),
    "form template": ("/es/forms/swot-analysis/", 14),
    "practices": ("/de/practices/", 21),
    "practices, filtered": ("/de/practices/?area=permits&stage=3", 21),
    "practices, searched": ("/es/practices/?q=cita", 21),
    # Every language, the repository's own first (and, on the others, the count of the other languages).
    "practices, all languages": ("/de/practices/?lang=all", 21),
    "practice": (lambda: PracticePage.objects.live().filter(locale__language_code="el").first().url, 14),
    "search": ("/es/search/?q=cita", 12),
    # One query per page type (Wagtail's .specific()), whatever the number of pages.
    "sitemap": ("/sitemap.xml", 13),
}


def queries(client, url):
    client.get(url)  # the site's root paths are cached by a first request, as on a running server
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize("name", VIEWS)
def test_query_count_is_fixed_as_the_site_grows(without_response_cache, client, name):
    target, limit = VIEWS[name]
    url = target() if callable(target) else target
    few = queries(client, url)
    seed(practices=60, forms=0, guides=6)
    many = queries(client, url)
    assert few == many <= limit, f"{url}: {few} queries, then {many} with more data"
