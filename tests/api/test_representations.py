"""One representation everywhere: times in UTC with `Z`, absolute URLs on the configured base URL (never the
Site record's http://localhost), `fields=` that never filters, and the list of form templates per language."""

import re

import pytest
from wagtail.models import Page

from forms_library.models import FilledForm
from tests.factories import FilledFormFactory, MemberFactory, form_template
from tests.test_api import bearer

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("practices_everywhere")]

UTC = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$")


def page_types():
    return sorted(
        {
            f"{model._meta.app_label}.{model.__name__}"
            for model in (page.specific_class for page in Page.objects.live().public().filter(depth__gt=1))
        }
    )


def test_every_page_type_answers_fields_star_and_a_field_list(client):
    """v2 took a page type's own field named `fields` (the form template's) as a filter: total_count 0."""
    types = page_types()
    assert "forms_library.FormTemplatePage" in types
    for page_type in types:
        everything = client.get("/api/v2/pages/", {"type": page_type, "fields": "*"})
        assert everything.status_code == 200, (page_type, everything.content[:300])
        total = everything.json()["meta"]["total_count"]
        plain = client.get("/api/v2/pages/", {"type": page_type}).json()["meta"]["total_count"]
        assert total == plain > 0, page_type
        listed = client.get("/api/v2/pages/", {"type": page_type, "fields": "title,slug"}).json()
        assert listed["meta"]["total_count"] == plain
        assert all("title" in item and "slug" in item["meta"] for item in listed["items"])
    templates = client.get("/api/v2/pages/", {"type": "forms_library.FormTemplatePage", "fields": "fields"}).json()
    assert all(isinstance(item["fields"], list) and item["fields"] for item in templates["items"])


def test_v2_times_are_utc_and_urls_are_on_the_base_url(client, settings):
    settings.WAGTAILAPI_BASE_URL = "https://hub.example.org"
    listing = client.get("/api/v2/pages/", {"fields": "first_published_at", "limit": 50}).json()
    for item in listing["items"]:
        assert item["meta"]["detail_url"].startswith("https://hub.example.org/api/v2/pages/")
        assert item["meta"]["html_url"].startswith("https://hub.example.org/")
        assert UTC.match(item["meta"]["first_published_at"]), item["meta"]["first_published_at"]
    detail = client.get(listing["items"][0]["meta"]["detail_url"].removeprefix("https://hub.example.org")).json()
    assert detail["meta"]["html_url"].startswith("https://hub.example.org/")
    assert UTC.match(detail["meta"]["first_published_at"])
    assert "localhost" not in str(listing)


def test_the_base_url_comes_from_the_environment_in_production():
    from qser_site.settings import base

    assert base.WAGTAILAPI_BASE_URL  # never unset: v2 would fall back on the Site record


def test_our_times_are_utc_with_z(client):
    member = MemberFactory()
    FilledFormFactory(owner=member)
    headers = bearer(member.username)
    [item] = client.get("/api/forms/mine/", **headers).json()["items"]
    assert UTC.match(item["updated_at"]), item["updated_at"]
    assert FilledForm.objects.filter(owner=member).exists()


@pytest.mark.parametrize("parameter", ["locale", "lang"])
def test_the_form_templates_of_a_language_are_listed_with_absolute_detail_urls(client, settings, parameter):
    settings.WAGTAILAPI_BASE_URL = "https://hub.example.org"
    response = client.get("/api/forms/templates/", {parameter: "el"})
    assert response.status_code == 200
    listing = response.json()
    assert listing["count"] == 9 == len(listing["items"])
    swot = form_template("swot-analysis", "el")
    [item] = [item for item in listing["items"] if item["id"] == swot.pk]
    assert item == {
        "id": swot.pk,
        "title": swot.title,
        "stage": swot.stage,
        "slug": swot.slug,
        "language": "el",
        "detail_url": f"https://hub.example.org/api/forms/templates/{swot.pk}/",
    }
    fields = client.get(item["detail_url"].removeprefix("https://hub.example.org")).json()
    assert fields["language"] == "el" and fields["fields"]


def test_the_form_templates_list_is_paginated_like_the_other_lists(client):
    everything = client.get("/api/forms/templates/").json()
    assert everything["count"] == 45  # nine templates in five languages
    page = client.get("/api/forms/templates/", {"limit": 10, "offset": 40}).json()
    assert page["count"] == 45 and len(page["items"]) == 5


def test_the_language_parameter_of_a_template_has_one_name_and_an_alias(client):
    swot = form_template("swot-analysis")
    by_locale = client.get(f"/api/forms/templates/{swot.pk}/", {"locale": "de"}).json()
    by_lang = client.get(f"/api/forms/templates/{swot.pk}/", {"lang": "de"}).json()
    assert by_locale == by_lang
    assert by_locale["language"] == "de"


@pytest.mark.parametrize("base_url", ["https://hub.example.org", ""])
def test_v3_html_urls_are_on_the_base_url_or_the_request_host_never_the_site_records(client, settings, base_url):
    """v3 took a page's html_url from the Site record (http://localhost in a fresh install)."""
    settings.WAGTAILAPI_BASE_URL = base_url
    expected = base_url or "http://api.example.net"
    settings.ALLOWED_HOSTS = ["api.example.net", "testserver"]
    headers = {**bearer("editor"), "HTTP_HOST": "api.example.net"}
    listing = client.get("/api/v3/pages/", {"limit": 20}, **headers)
    assert listing.status_code == 200, listing.content[:300]
    urls = [item["meta"]["html_url"] for item in listing.json()["items"] if item["meta"]["html_url"]]
    assert urls and all(url.startswith(expected + "/") for url in urls), urls
    page_id = listing.json()["items"][-1]["id"]
    detail = client.get(f"/api/v3/pages/{page_id}/", **headers).json()
    assert detail["meta"]["html_url"].startswith(expected + "/")
    assert "localhost" not in str(listing.json()) + str(detail)
