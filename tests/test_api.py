"""The API: Wagtail v2 for published content, v3 mounted for editors, and our own documented endpoints."""

import html
import io
import re
from urllib.parse import parse_qs, urlsplit

import docx
import pytest
from django.contrib.auth import get_user_model
from wagtail.models import APIToken, Page

from forms_library.models import FilledForm, FormTemplatePage
from home.models import GuideIndexPage, HomePage
from mentoring.models import StageOutput
from practices.models import PracticeDraft, PracticePage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("practices_everywhere")]


def bearer(username):
    _token, plaintext = APIToken.create_token(user=get_user_model().objects.get(username=username), name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {plaintext}"}


def test_v2_pages_filter_by_locale_type_and_translation_of(client):
    guides = client.get("/api/v2/pages/", {"type": "home.GuidePage", "locale": "el", "fields": "summary"}).json()
    assert guides["meta"]["total_count"] == 5
    assert all(item["meta"]["locale"] == "el" for item in guides["items"])
    english = Page.objects.get(slug="mentoring-models", locale__language_code="en")
    translations = client.get("/api/v2/pages/", {"translation_of": english.pk, "locale": "cs"}).json()
    assert [item["meta"]["slug"] for item in translations["items"]] == ["mentoring-models"]


def test_v2_guide_body_is_structured_json(client):
    guide = Page.objects.get(slug="the-q-ser-mentoring-process", locale__language_code="de")
    body = client.get(f"/api/v2/pages/{guide.pk}/").json()["body"]
    timeline = next(block for block in body if block["type"] == "stage_timeline")
    assert len(timeline["value"]["stages"]) == 5


def test_v2_practices_filter_by_their_fields_and_hide_unpublished(client):
    response = client.get(
        "/api/v2/pages/",
        {"type": "practices.PracticePage", "service_area": "housing", "fields": "service_area,country"},
    ).json()
    assert response["items"] and all(item["service_area"] == "housing" for item in response["items"])
    hidden = PracticePage.objects.filter(live=False).first()
    assert client.get(f"/api/v2/pages/{hidden.pk}/").status_code == 404
    listed = client.get("/api/v2/pages/", {"type": "practices.PracticePage", "limit": 100}).json()["items"]
    assert hidden.pk not in [item["id"] for item in listed]


def test_v2_images_and_documents_answer(client):
    assert client.get("/api/v2/images/").status_code == 200
    assert client.get("/api/v2/documents/").status_code == 200


def test_v3_is_mounted_with_its_permission_checks(client):
    response = client.post("/api/v3/pages/", {}, content_type="application/json")
    assert response.status_code in (401, 403)


def test_openapi_schema_and_docs_are_served_without_a_cdn(client):
    schema = client.get("/api/schema/").json()
    assert "/api/forms/mine/" in schema["paths"]
    docs = client.get("/api/docs/").content.decode()
    assert "cdn" not in docs.lower()
    assert "/static/ninja/swagger-ui-bundle" in docs


def test_form_template_schema_in_a_requested_language(client):
    swot = FormTemplatePage.objects.get(slug="swot-analysis", locale__language_code="en")
    response = client.get(f"/api/forms/templates/{swot.pk}/", {"lang": "cs"}).json()
    assert response["language"] == "cs"
    assert response["title"] == FormTemplatePage.objects.get(slug="swot-analysis", locale__language_code="cs").title
    assert [field["name"] for field in response["fields"]] == [d.name for d in swot.definitions]


def test_filled_forms_need_authentication(client):
    assert client.get("/api/forms/mine/").status_code == 401


def test_another_system_fills_a_form_with_a_wagtail_api_token(client):
    headers = bearer("mentee")
    swot = FormTemplatePage.objects.get(slug="swot-analysis", locale__language_code="cs")
    swot_grid = {"strengths": "Trpělivost", "weaknesses": "Fronty", "opportunities": "", "threats": ""}
    answers = {"subject": "Přepážka", "swot": swot_grid}
    created = client.post(
        "/api/forms/mine/", {"template_id": swot.pk, "answers": answers}, content_type="application/json", **headers
    )
    assert created.status_code == 201, created.content
    filled_id = created.json()["id"]
    assert created.json()["status"] == "draft" and created.json()["language"] == "cs"

    incomplete = client.put(
        f"/api/forms/mine/{filled_id}/",
        {"answers": {"subject": ""}, "complete": True},
        content_type="application/json",
        **headers,
    )
    assert incomplete.status_code == 422
    assert {error["loc"][-1] for error in incomplete.json()["errors"]} == {"subject", "swot"}
    assert FilledForm.objects.get(pk=filled_id).answers["subject"] == "Přepážka"

    completed = client.put(
        f"/api/forms/mine/{filled_id}/",
        {"answers": answers, "complete": True},
        content_type="application/json",
        **headers,
    )
    assert completed.status_code == 200 and completed.json()["status"] == "complete"
    assert (
        client.put(
            f"/api/forms/mine/{filled_id}/",
            {"answers": answers, "complete": False},
            content_type="application/json",
            **headers,
        ).status_code
        == 409
    )

    download = client.get(f"/api/forms/mine/{filled_id}/docx/", **headers)
    text = "\n".join(
        p.text
        for t in docx.Document(io.BytesIO(download.content)).tables
        for r in t.rows
        for c in r.cells
        for p in c.paragraphs
    )
    assert "Trpělivost" in text
    # Someone else's token reaches nothing of it.
    assert client.get(f"/api/forms/mine/{filled_id}/", **bearer("staff")).status_code == 404


def test_revoked_token_is_refused(client):
    token, plaintext = APIToken.create_token(user=get_user_model().objects.get(username="staff"), name="old")
    from django.utils import timezone

    token.revoked_at = timezone.now()
    token.save()
    assert client.get("/api/forms/mine/", HTTP_AUTHORIZATION=f"Bearer {plaintext}").status_code == 401


def test_browser_session_needs_csrf_for_writes(client):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(get_user_model().objects.get(username="staff"))
    assert browser.get("/api/forms/mine/").status_code == 200
    swot = FormTemplatePage.objects.get(slug="swot-analysis", locale__language_code="en")
    refused = browser.post("/api/forms/mine/", {"template_id": swot.pk}, content_type="application/json")
    assert refused.status_code in (401, 403)


def test_practice_submission_through_the_api(client):
    headers = bearer("staff")
    payload = {
        "language": "de",
        "title": "Terminerinnerung per SMS",
        "summary": "Kurz.",
        "service_area": "health",
        "country": "DE",
        "municipality": "Erlenstadt (fiktive Gemeinde)",
        "department": "Gesundheitsamt",
        "challenge": "Vergessene Termine.",
        "what_was_done": "SMS in fünf Sprachen.",
        "results": "Weniger Ausfälle.",
        "reuse": "Jede Abteilung mit Terminen.",
        "tags": ["sms"],
    }
    response = client.post("/api/practices/", payload, content_type="application/json", **headers)
    assert response.status_code == 201, response.content
    page = PracticePage.objects.get(pk=response.json()["id"])
    assert not page.live and page.locale.language_code == "de"
    assert page.current_workflow_state.workflow.name == "Practice moderation"
    bad = client.post(
        "/api/practices/", {**payload, "service_area": "space"}, content_type="application/json", **headers
    )
    assert bad.status_code == 422

    # The same request sent again (a retry after a lost answer) makes no second practice.
    token = "8a1d3c1e-5f7b-4f7e-9a51-3f0e2b6c9d10"
    first = client.post("/api/practices/", {**payload, "token": token}, content_type="application/json", **headers)
    again = client.post("/api/practices/", {**payload, "token": token}, content_type="application/json", **headers)
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json() == first.json()
    assert PracticePage.objects.filter(submission_token=token).count() == 1
    taken = client.post(
        "/api/practices/", {**payload, "token": token}, content_type="application/json", **bearer("mentee")
    )
    assert taken.status_code == 409
    assert PracticePage.objects.filter(submission_token=token).count() == 1


def test_shared_outputs_follow_the_site_rules(client):
    published = StageOutput.objects.get(live=True)
    shared = client.get("/api/outputs/shared/", **bearer("staff")).json()
    assert [item["id"] for item in shared["items"]] == [published.pk]
    assert shared["items"][0]["department"] == "Social Services"
    assert client.get(f"/api/outputs/{published.pk}/docx/", **bearer("staff")).status_code == 200
    in_review = StageOutput.objects.filter(live=False).first()
    assert client.get(f"/api/outputs/{in_review.pk}/docx/", **bearer("staff")).status_code == 404
    assert client.get("/api/outputs/shared/", **bearer("mentee")).json() == {"items": [], "count": 0}


def test_public_responses_carry_an_etag_that_changes_on_publish(client):
    url = "/api/v2/pages/?type=home.GuidePage&locale=en&fields=summary"
    first = client.get(url)
    assert "public" in first["Cache-Control"] and "must-revalidate" in first["Cache-Control"]
    etag = first["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    guide = Page.objects.get(slug="mentoring-models", locale__language_code="en").specific
    guide.summary = "The seven models, side by side."
    guide.save_revision().publish()
    changed = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_personal_answers_are_never_stored_by_caches(client):
    response = client.get("/api/forms/mine/", **bearer("staff"))
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_cors_allows_only_origins_from_the_environment(client, settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://intranet.example.org"]
    allowed = client.get("/api/v2/pages/", HTTP_ORIGIN="https://intranet.example.org")
    assert allowed["Access-Control-Allow-Origin"] == "https://intranet.example.org"
    other = client.get("/api/v2/pages/", HTTP_ORIGIN="https://evil.example.com")
    assert "Access-Control-Allow-Origin" not in other


def test_pagination_limits(client):
    assert client.get("/api/v2/pages/", {"limit": 101}).status_code == 422
    assert client.get("/api/forms/mine/", {"limit": 1000}, **bearer("staff")).status_code == 422


def test_headless_preview_of_a_draft_for_a_front_end(client, settings, rf):
    guide = Page.objects.get(slug="mentoring-models", locale__language_code="en").specific
    guide.title = "Mentoring models (draft)"
    request = rf.get("/")
    request.user = get_user_model().objects.get(username="editor")
    # Without a front end configured, editors preview on this site.
    local = guide.serve_preview(request, guide.default_preview_mode)
    assert "Mentoring models (draft)" in local.render().content.decode()

    settings.WAGTAIL_HEADLESS_PREVIEW = {"CLIENT_URLS": {"default": "https://front.example.org"}}
    response = guide.serve_preview(request, guide.default_preview_mode)
    preview_url = re.search(r"https://front\.example\.org/[^\"]+", response.content.decode()).group(0)
    query = {key: values[0] for key, values in parse_qs(urlsplit(html.unescape(preview_url)).query).items()}
    draft = client.get("/api/v2/page_preview/", {"content_type": query["content_type"], "token": query["token"]})
    assert draft.status_code == 200
    assert draft.json()["title"] == "Mentoring models (draft)"
    forged = client.get("/api/v2/page_preview/", {"content_type": query["content_type"], "token": "forged"})
    assert forged.status_code == 404


@pytest.mark.parametrize("extra", [0, 25])
def test_list_endpoints_cost_fixed_queries(client, django_assert_max_num_queries, extra):
    staff = get_user_model().objects.get(username="staff")
    swot = FormTemplatePage.objects.get(slug="swot-analysis", locale__language_code="en")
    for _n in range(extra):
        FilledForm.start(swot, staff).save()
    for _n in range(extra):
        PracticeDraft.objects.create(owner=staff, language="en", data={"title": "A desk"})
    headers = bearer("staff")
    with django_assert_max_num_queries(8):
        assert client.get("/api/forms/mine/", **headers).status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get("/api/practices/drafts/", **headers).status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get("/api/outputs/shared/", **headers).status_code == 200
    # The public pages' filter comes from the cache (qser_site/api.py), read once by a first request as on a server.
    practices = {"type": "practices.PracticePage", "locale": "de", "fields": "service_area,tags"}
    client.get("/api/v2/pages/", practices)
    with django_assert_max_num_queries(8):
        assert (
            client.get(
                "/api/v2/pages/", {"type": "practices.PracticePage", "locale": "de", "fields": "service_area,tags"}
            ).status_code
            == 200
        )


@pytest.mark.parametrize(
    ("params", "check"),
    [
        ({"child_of": "GUIDES_EL", "fields": "title"}, lambda items: len(items) == 5),
        ({"descendant_of": "HOME_CS", "type": "forms_library.FormTemplatePage"}, lambda items: len(items) == 9),
        (
            {"search": "SWOT", "locale": "en"},
            lambda items: any(item["meta"]["slug"] == "swot-analysis" for item in items),
        ),
        (
            {"type": "home.GuidePage", "locale": "en", "order": "-title"},
            lambda items: [i["title"] for i in items] == sorted([i["title"] for i in items], reverse=True),
        ),
    ],
)
def test_v2_tree_search_and_order_filters(client, params, check):
    ids = {
        "GUIDES_EL": GuideIndexPage.objects.get(locale__language_code="el").pk,
        "HOME_CS": HomePage.objects.get(locale__language_code="cs").pk,
    }
    query = {key: ids.get(value, value) for key, value in params.items()}
    response = client.get("/api/v2/pages/", query)
    assert response.status_code == 200, response.content
    assert check(response.json()["items"])
