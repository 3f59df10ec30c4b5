"""Every public listing and detail view costs the same number of queries with a few items or many, and no page of
the site outside the admin costs more than 15, signed in or not (issue 24)."""

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
    "forms library": ("/cs/forms/", 15),
    "form template": ("/es/forms/swot-analysis/", 14),
    "practices": ("/de/practices/", 15),
    "practices, filtered": ("/de/practices/?area=permits&stage=3", 15),
    "practices, searched": ("/es/practices/?q=cita", 15),
    # Every language, the repository's own first (and, on the others, the count of the other languages).
    "practices, all languages": ("/de/practices/?lang=all", 15),
    "practice": (lambda: PracticePage.objects.live().filter(locale__language_code="el").first().url, 14),
    "search": ("/es/search/?q=cita", 12),
    # Nothing in German: one grouped count for every other language (home/search_backend.counts_by).
    "search, found elsewhere": ("/de/search/?q=cita", 12),
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


# No page of the site outside the admin costs more than this, signed in or not.
MOST = 15

# Signed-in pages: the person, the URL (or a function giving it), and the most queries it may cost.
SIGNED_IN = {
    "what is waiting (mentee)": ("mentee", "/cs/mentoring/", MOST),
    "what is waiting (mentor)": ("mentor", "/el/mentoring/", MOST),
    "what is waiting (reviewer)": ("reviewer", "/es/mentoring/", MOST),
    "relationship page (mentor)": ("mentor", lambda: f"/el/mentoring/{_cast_relationship().pk}/", 11),
    "relationship page (mentee)": ("mentee", lambda: f"/cs/mentoring/{_cast_relationship().pk}/", 11),
    "stage page": ("mentor", lambda: f"/cs/mentoring/{_cast_relationship().pk}/stage/2/", MOST),
    # The person, the page (its route is kept: home/fragments.py), the forms, what they are for (one); one more,
    # their titles in the reader's language, only when some are written in another (not here).
    "my forms": ("mentee", "/cs/forms/mine/", 4),
    "next steps API": ("mentee", "/api/me/next-steps/", MOST),
}

# The site's content read signed in (never from the anonymous response cache): the person, the URL (or a function
# giving it), and the most queries it may cost, as the content grows.
SIGNED_IN_CONTENT = {
    "landing": ("mentee", "/cs/", 10),
    # The person and the page: its route, its body, the menus and the listing are kept (home/fragments.py).
    "guide page": ("mentor", "/el/guides/mentoring-models/", 2),
    "practices list": ("staff", "/de/practices/", 2),
    "practices, every language": ("staff", "/de/practices/?lang=all", 2),
    "practices, searched": ("reviewer", "/es/practices/?q=cita", 13),
    "practice": ("staff", lambda: PracticePage.objects.live().filter(locale__language_code="el").first().url, 12),
    "my submissions": ("mentee", "/en/practices/mine/", 6),
    "search": ("reviewer", "/es/search/?q=cita", 9),
    "search, found elsewhere": ("staff", "/de/search/?q=cita", 9),
}


@pytest.mark.parametrize("name", SIGNED_IN_CONTENT)
def test_signed_in_content_costs_fixed_queries_as_the_site_grows(without_response_cache, client, name):
    from tests.conftest import sign_in

    username, target, limit = SIGNED_IN_CONTENT[name]
    sign_in(client, username)
    url = target() if callable(target) else target
    few = queries(client, url)
    seed(practices=60, forms=0, guides=6)
    many = queries(client, url)
    assert few == many <= min(limit, MOST), f"{url}: {few} queries, then {many} with more data"


def _cast_relationship():
    from mentoring.models import MentoringRelationship

    return MentoringRelationship.objects.filter(mentor__username="mentor").order_by("pk").first()


def _more_mentoring(relationships):
    """More relationships of the same people, with outputs in several review states, sessions and forms started
    for a stage."""
    from django.contrib.auth import get_user_model

    from mentoring.models import StageForm
    from tests.factories import (
        REVIEW_STATES,
        FilledFormFactory,
        MentoringSessionFactory,
        RelationshipFactory,
        StageOutputFactory,
        form_template,
    )

    people = get_user_model().objects.in_bulk(["mentor", "mentee"], field_name="username")
    mentor, mentee = people["mentor"], people["mentee"]
    department = _cast_relationship().department
    slugs = ["partnership-agreement", "mutual-understanding", "calendar-of-sessions"]
    for number in range(relationships):
        relationship = RelationshipFactory(mentor=mentor, mentees=[mentee], department=department)
        MentoringSessionFactory(relationship=relationship)
        for slug, state in zip(slugs, REVIEW_STATES[number:], strict=False):
            StageOutputFactory(relationship=relationship, filled_form__template=form_template(slug, "cs"), state=state)
        draft = FilledFormFactory(owner=mentee, template=form_template("partnership-agreement", "cs"))
        StageForm.objects.create(filled_form=draft, relationship=relationship, stage=1)


@pytest.mark.parametrize("name", SIGNED_IN)
def test_signed_in_pages_cost_fixed_queries_as_the_work_grows(client, name):
    from tests.conftest import sign_in

    username, target, limit = SIGNED_IN[name]
    sign_in(client, username)
    url = target() if callable(target) else target
    # One of each kind first (a list that is empty costs fewer queries: nothing to prefetch for it), then more.
    _more_mentoring(1)
    few = queries(client, url)
    _more_mentoring(3)
    many = queries(client, url)
    assert few == many <= limit, f"{url}: {few} queries, then {many} with more data"
