"""Anonymous readers are served from the shared cache, and whatever changes what they see shows at once."""

import pytest
from wagtail.documents import get_document_model
from wagtail.models import PageViewRestriction
from wagtail_localize.synctree import synchronize_tree

from home.models import GuideIndexPage, GuidePage
from practices.models import PracticeIndexPage
from tests.factories import MemberFactory, PracticePageFactory, site_page

pytestmark = pytest.mark.django_db

GUIDE_URL = "/el/guides/mentoring-models/"


@pytest.fixture
def guide_el():
    return GuidePage.objects.get(locale__language_code="el", slug="mentoring-models")


@pytest.fixture
def committing(django_capture_on_commit_callbacks):
    """Run what waits for the transaction to commit, as it does outside a test."""

    def run(change):
        with django_capture_on_commit_callbacks(execute=True):
            change()

    return run


def test_second_anonymous_read_is_served_from_the_cache_without_a_query(client, django_assert_num_queries):
    first = client.get(GUIDE_URL)
    assert first["X-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get(GUIDE_URL)
    assert second["X-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Language"] == "el"


def test_each_language_and_query_has_its_own_entry(client):
    client.get("/el/guides/")
    czech = client.get("/cs/guides/")
    assert czech["X-Cache"] == "miss"
    assert czech["Content-Language"] == "cs"
    client.get("/en/search/", {"q": "mentor"})
    other_query = client.get("/en/search/", {"q": "stage"})
    assert other_query["X-Cache"] == "miss"
    assert b"stage" in other_query.content.lower()


def test_a_publish_shows_at_once(client, guide_el, committing):
    client.get(GUIDE_URL)
    guide_el.title = "Μοντέλα καθοδήγησης (αναθεωρημένο)"

    committing(lambda: guide_el.save_revision().publish())

    response = client.get(GUIDE_URL)
    assert response["X-Cache"] == "miss"
    assert "Μοντέλα καθοδήγησης (αναθεωρημένο)" in response.content.decode()


def test_a_draft_saved_without_publishing_changes_nothing(client, guide_el, committing):
    client.get(GUIDE_URL)
    guide_el.title = "Unpublished draft title"
    committing(lambda: guide_el.save_revision())
    response = client.get(GUIDE_URL)
    assert response["X-Cache"] == "hit"
    assert b"Unpublished draft title" not in response.content


def test_unpublish_and_delete_show_at_once(client, guide_el, committing):
    client.get(GUIDE_URL)
    committing(guide_el.unpublish)
    assert client.get(GUIDE_URL).status_code == 404

    other = GuidePage.objects.get(locale__language_code="el", slug="the-q-ser-mentoring-process")
    url = other.get_url()
    assert client.get(url).status_code == 200
    committing(other.delete)
    assert client.get(url).status_code == 404


def test_a_move_shows_at_once(client, committing):
    guide = GuidePage.objects.get(locale__language_code="en", slug="the-q-ser-mentoring-process")
    index = GuideIndexPage.objects.get(locale__language_code="en")
    listing = client.get("/en/guides/").content.decode()
    assert listing.index(guide.title) > listing.index("Mentoring models")

    committing(lambda: guide.move(index, pos="first-child"))

    listing = client.get("/en/guides/").content.decode()
    assert listing.index(guide.title) < listing.index("Mentoring models")


def test_a_private_section_is_never_served_from_the_cache(client, guide_el, committing):
    assert client.get(GUIDE_URL).status_code == 200
    committing(lambda: PageViewRestriction.objects.create(page=guide_el, restriction_type="login"))
    response = client.get(GUIDE_URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    # The guide list, cached before, no longer offers the private guide either.
    assert guide_el.title not in client.get("/el/guides/").content.decode()


def test_translation_sync_shows_at_once(client, committing):
    """A new English page appears in Greek as wagtail-localize's alias once the trees are synchronised."""
    index = GuideIndexPage.objects.get(locale__language_code="en")
    client.get("/el/guides/new-chapter/")  # a cached 404 would hide the new page: 404s are never stored
    client.get("/el/guides/")
    template = GuidePage.objects.get(locale__language_code="en", slug="mentoring-models")
    guide = GuidePage(title="A new chapter", slug="new-chapter", summary="New.", body=template.body.raw_data)

    def add_and_sync():
        index.add_child(instance=guide)
        guide.save_revision().publish()
        synchronize_tree(index.locale, guide.locale)
        synchronize_tree(guide.locale, GuideIndexPage.objects.get(locale__language_code="el").locale)

    committing(add_and_sync)
    assert client.get("/el/guides/new-chapter/").status_code == 200
    assert "A new chapter" in client.get("/el/guides/").content.decode()


def test_the_public_api_is_cached_per_query_and_renewed_on_publish(client, committing):
    url = "/api/v2/pages/"
    query = {"type": "practices.PracticePage", "locale": "de", "fields": "summary"}
    practice = PracticePageFactory(parent=site_page(PracticeIndexPage, "de"))
    first = client.get(url, query)
    assert first["X-Cache"] == "miss"
    assert client.get(url, query)["X-Cache"] == "hit"
    assert client.get(url, {**query, "locale": "es"})["X-Cache"] == "miss"

    practice.summary = "Neu zusammengefasst."
    committing(lambda: practice.save_revision().publish())

    renewed = client.get(url, query)
    assert renewed["X-Cache"] == "miss"
    assert "Neu zusammengefasst." in renewed.content.decode()


def test_a_new_document_renews_the_documents_api(client, committing):
    client.get("/api/v2/documents/")
    from django.core.files.base import ContentFile

    committing(
        lambda: get_document_model().objects.create(title="Leaflet", file=ContentFile(b"text", name="leaflet.txt"))
    )
    assert "Leaflet" in client.get("/api/v2/documents/").content.decode()


def test_signed_in_readers_are_neither_served_nor_stored(client):
    staff = MemberFactory()
    client.get(GUIDE_URL)  # an anonymous copy is in the cache
    client.force_login(staff)
    signed_in = client.get(GUIDE_URL)
    assert "X-Cache" not in signed_in
    assert b"/accounts/logout/" in signed_in.content

    client.logout()
    anonymous = client.get(GUIDE_URL)
    assert anonymous["X-Cache"] == "hit"
    assert b"/accounts/logout/" not in anonymous.content


def test_credentials_and_private_answers_bypass_the_cache(client):
    client.get("/api/v2/pages/")
    with_token = client.get("/api/v2/pages/", HTTP_AUTHORIZATION="Bearer wagtail_nothing")
    assert "X-Cache" not in with_token
    preview = client.get("/api/v2/page_preview/", {"content_type": "home.guidepage", "token": "forged"})
    assert "X-Cache" not in preview


def test_turned_off_it_stores_nothing(client, settings):
    settings.RESPONSE_CACHE_SECONDS = 0
    client.get(GUIDE_URL)
    assert "X-Cache" not in client.get(GUIDE_URL)


def test_a_cached_page_keeps_its_etag_and_answers_a_revalidation_with_304(client):
    first = client.get(GUIDE_URL)
    hit = client.get(GUIDE_URL)
    assert hit["X-Cache"] == "hit" and hit["ETag"] == first["ETag"]
    assert client.get(GUIDE_URL, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
