import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model

from practices.models import PracticeIndexPage, PracticePage
from tests.conftest import for_the_module
from tests.factories import MemberFactory, PracticePageFactory, site_page

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module", autouse=True)
def repository(django_db_setup, django_db_blocker):
    """Published practices in Greek, Spanish and English, with tags and stages, and one awaiting moderation."""
    with for_the_module(django_db_blocker):
        greek, spanish = site_page(PracticeIndexPage, "el"), site_page(PracticeIndexPage, "es")
        PracticePageFactory(parent=greek, title="Διερμηνείς στο γκισέ", service_area="housing", tags=["διερμηνεία"])
        PracticePageFactory(parent=greek, title="Οδηγός για νέους γονείς", service_area="education", stage=None)
        PracticePageFactory(
            parent=spanish,
            title="Mentoría entre ventanillas",
            summary="Un programa de mentoría entre las ventanillas de vivienda.",
            country="ES",
            stage=3,
            tags=["mentoría", "vivienda"],
        )
        PracticePageFactory(title="SMS reminders for vaccinations", service_area="health", country="ES", tags=["sms"])
        PracticePageFactory(title="A practice awaiting moderation", owner=MemberFactory(), state="in_moderation")
        yield


def listed(client, url="/en/practices/", **params):
    html = BeautifulSoup(client.get(url, params).content, "html.parser")
    return [a.get_text(strip=True) for a in html.select(".practice-list h2 a")]


def test_listing_shows_published_practices_of_the_readers_language(client):
    titles = listed(client, "/el/practices/")
    greek = PracticePage.objects.live().filter(locale__language_code="el", alias_of__isnull=True)
    assert sorted(titles) == sorted(greek.values_list("title", flat=True))
    assert greek.count() >= 2


def test_filters_combine(client):
    everything = PracticePage.objects.live().filter(alias_of__isnull=True)
    for practice in everything:
        titles = listed(client, lang="all", area=practice.service_area, country=practice.country)
        expected = everything.filter(service_area=practice.service_area, country=practice.country)
        assert sorted(titles) == sorted(expected.values_list("title", flat=True))
    assert listed(client, lang="all", area="housing", country="XX") == listed(client, lang="all", area="housing")


def test_tag_and_stage_filters(client):
    practice = PracticePage.objects.live().filter(alias_of__isnull=True).exclude(stage=None).first()
    tag = practice.tags.first()
    assert practice.title in listed(client, lang="all", tag=tag.slug)
    assert practice.title in listed(client, lang="all", stage=str(practice.stage))
    other_stage = 1 if practice.stage != 1 else 2
    assert practice.title not in listed(client, lang="all", stage=str(other_stage))


def test_search_within_filters_with_and_without_accents(client):
    spanish = PracticePage.objects.live().filter(locale__language_code="es", alias_of__isnull=True).first()
    assert spanish.title in listed(client, "/es/practices/", q="mentoría")
    assert spanish.title in listed(client, "/es/practices/", q="mentoria")
    other_area = "health" if spanish.service_area != "health" else "housing"
    assert spanish.title not in listed(client, "/es/practices/", q="mentoria", area=other_area)


def test_unpublished_practices_are_invisible_to_others(client):
    waiting = PracticePage.objects.filter(live=False, submission_token__isnull=False).first()
    assert waiting is not None
    for username in [None, "mentee", "reviewer"]:
        if username:
            client.force_login(get_user_model().objects.get(username=username))
        assert (
            client.get(waiting.url or f"/{waiting.locale.language_code}/practices/{waiting.slug}/").status_code == 404
        )
        assert (
            waiting.title
            not in client.get(f"/{waiting.locale.language_code}/practices/", {"lang": "all"}).content.decode()
        )
        search = client.get(f"/{waiting.locale.language_code}/search/", {"q": waiting.title})
        hrefs = [a["href"] for a in BeautifulSoup(search.content, "html.parser").select(".search-results a")]
        assert not [href for href in hrefs if waiting.slug in href]
    assert f"/practices/{waiting.slug}/" not in client.get("/sitemap.xml").content.decode()
    # Its submitter sees it in "My submissions"; moderators in the Wagtail admin.
    client.force_login(waiting.submitted_by)
    assert waiting.title in client.get(f"/{waiting.locale.language_code}/practices/mine/").content.decode()
    client.force_login(get_user_model().objects.get(username="editor"))
    assert client.get(f"/admin/pages/{waiting.pk}/edit/").status_code == 200


def test_moderators_can_send_a_practice_for_translation(client):
    practice = PracticePage.objects.live().filter(locale__language_code="es", alias_of__isnull=True).first()
    client.force_login(get_user_model().objects.get(username="editor"))
    response = client.get(f"/admin/localize/submit/page/{practice.pk}/")
    assert response.status_code == 200


@pytest.mark.parametrize("count", [10, 1000])
def test_listing_query_count_does_not_grow(without_response_cache, client, django_assert_max_num_queries, count):
    index = PracticeIndexPage.objects.get(locale__language_code="de")
    for number in range(count):
        index.add_child(
            instance=PracticePage(
                title=f"Praxis {number}",
                slug=f"praxis-{number}",
                summary="Kurz.",
                service_area="health",
                country="DE",
                municipality="Erlenstadt (fiktive Gemeinde)",
                department="Sozialamt",
                challenge="<p>x</p>",
                what_was_done="<p>x</p>",
                results="<p>x</p>",
                reuse="<p>x</p>",
                live=True,
                locale=index.locale,
            )
        )
    client.get("/de/practices/", {"area": "health"})
    with django_assert_max_num_queries(21):
        assert client.get("/de/practices/", {"area": "health", "page": "2"}).status_code == 200


def test_unknown_filter_values_are_left_out_without_an_error(client):
    assert listed(client, "/es/practices/", area="space", lang="xx") == listed(client, "/es/practices/", lang="all")
    html = BeautifulSoup(client.get("/es/practices/", {"area": "space", "stage": "9"}).content, "html.parser")
    form = html.select_one("form.filters")
    assert not form.select("[aria-invalid]")
    for field in form.select("select, input"):
        assert form.select_one(f"label[for='{field['id']}']").get_text(strip=True)
