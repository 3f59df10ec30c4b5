"""A guide page costs the same number of queries however many guides there are."""

import pytest

from home.models import GuideIndexPage, GuidePage

pytestmark = pytest.mark.django_db

MAX_GUIDE_PAGE_QUERIES = 12


def add_guides(count):
    index = GuideIndexPage.objects.get(locale__language_code="en")
    template = GuidePage.objects.get(locale__language_code="en", slug="mentoring-models")
    for number in range(count):
        guide = GuidePage(
            title=f"Extra guide {number}", slug=f"extra-guide-{number}", summary="Extra.", body=template.body.raw_data
        )
        index.add_child(instance=guide)
        guide.save_revision().publish()


@pytest.mark.parametrize("extra_guides", [0, 45])
def test_guide_page_query_count_does_not_grow(
    without_response_cache, client, django_assert_max_num_queries, extra_guides
):
    add_guides(extra_guides)
    client.get("/el/guides/mentoring-models/")  # warm the site-root cache, as a running server has
    with django_assert_max_num_queries(MAX_GUIDE_PAGE_QUERIES):
        assert client.get("/el/guides/mentoring-models/").status_code == 200


@pytest.mark.parametrize("extra_guides", [0, 45])
def test_guide_index_query_count_does_not_grow(
    without_response_cache, client, django_assert_max_num_queries, extra_guides
):
    add_guides(extra_guides)
    client.get("/en/guides/")
    with django_assert_max_num_queries(MAX_GUIDE_PAGE_QUERIES):
        assert client.get("/en/guides/").status_code == 200


@pytest.mark.parametrize("path", ["/en/about/", "/el/privacy/", "/de/accessibility/"])
def test_information_pages_cost_no_more_than_a_guide_page(
    without_response_cache, client, django_assert_max_num_queries, path
):
    """About, privacy notice and accessibility statement: their blocks read the operator's settings once."""
    client.get(path)  # warm the site-root cache, as a running server has
    with django_assert_max_num_queries(MAX_GUIDE_PAGE_QUERIES):
        assert client.get(path).status_code == 200


def test_the_sign_in_page_costs_a_fixed_few_queries(without_response_cache, client, django_assert_max_num_queries):
    client.get("/accounts/login/?next=/el/")
    with django_assert_max_num_queries(MAX_GUIDE_PAGE_QUERIES):
        assert client.get("/accounts/login/?next=/el/").status_code == 200
