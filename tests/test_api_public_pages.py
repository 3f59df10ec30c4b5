"""API v2's public pages come from the cache (qser_site/api.py's public_pages_queryset): the same pages as Wagtail's
own get_public_pages_queryset, and never stale: a view restriction, an unpublish, a publish, a move and a new site
root are seen by the next request."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from wagtail.api.querysets import get_public_pages_queryset
from wagtail.models import Page, PageViewRestriction, Site

from practices.models import PracticePage
from qser_site.api import public_pages_queryset
from tests.factories import GuidePageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("without_response_cache", "practices_everywhere")]

QUERY = {"type": "practices.PracticePage", "locale": "el", "fields": "service_area,tags", "limit": 100}


def listed(client, **query):
    response = client.get("/api/v2/pages/", {**QUERY, **query})
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["items"]}


def request_of(**query):
    request = RequestFactory().get("/api/v2/pages/", query)
    request.user = AnonymousUser()
    request.session = {}
    return request


@pytest.mark.parametrize("model", [Page, PracticePage])
def test_the_same_pages_as_wagtails_own_filter(model):
    guide = Page.objects.live().filter(locale__language_code="de", depth__gt=3).first()
    PageViewRestriction.objects.create(page=guide, restriction_type=PageViewRestriction.LOGIN)
    ours = set(public_pages_queryset(request_of(), model=model).values_list("pk", flat=True))
    wagtails = set(get_public_pages_queryset(request_of(), model=model).values_list("pk", flat=True))
    assert ours == wagtails
    assert ours and guide.pk not in ours


def test_a_signed_in_reader_sees_what_a_login_restriction_hides_from_others(client):
    practice = PracticePage.objects.live().filter(locale__language_code="el").first()
    PageViewRestriction.objects.create(page=practice, restriction_type=PageViewRestriction.LOGIN)
    assert practice.pk not in listed(client, id=practice.pk)
    client.force_login(get_user_model().objects.get(username="staff"))
    assert practice.pk in listed(client, id=practice.pk)


def test_a_new_view_restriction_hides_a_practice_at_once_and_its_removal_shows_it(client):
    practice = PracticePage.objects.live().filter(locale__language_code="el").first()
    assert practice.pk in listed(client)
    restriction = PageViewRestriction.objects.create(page=practice, restriction_type=PageViewRestriction.LOGIN)
    assert practice.pk not in listed(client)
    restriction.delete()
    assert practice.pk in listed(client)


def test_an_unpublished_practice_leaves_the_list_and_comes_back_when_published(client):
    practice = PracticePage.objects.live().filter(locale__language_code="el").first()
    assert practice.pk in listed(client)
    practice.unpublish()
    assert practice.pk not in listed(client)
    practice.get_latest_revision().publish()
    assert practice.pk in listed(client)


def test_a_practice_moved_under_a_restricted_page_is_hidden(client):
    practice = PracticePage.objects.live().filter(locale__language_code="el").first()
    private = GuidePageFactory(parent=Page.objects.get(pk=practice.get_parent().pk), title="Private corner")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    assert practice.pk in listed(client)
    practice.move(private, pos="last-child")
    assert practice.pk not in listed(client)


def test_a_site_whose_root_changes_lists_its_new_tree(client):
    practice = PracticePage.objects.live().filter(locale__language_code="el").first()
    guides = {"type": "home.GuidePage", "locale": "el", "fields": ""}
    assert practice.pk in listed(client)
    assert listed(client, **guides)
    site = Site.objects.get(is_default_site=True)
    site.root_page = Page.objects.get(pk=practice.get_parent().pk)
    site.save()
    # The practices repository (and, as Wagtail has it, its translations) is the site's root now: the guides are
    # no longer the site's.
    assert practice.pk in listed(client)
    assert not listed(client, **guides)
