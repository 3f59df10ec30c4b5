"""Every error under /api/ is one format, RFC 9457 problem details, with the right status, on every API family:
Wagtail's v2, Wagtail's v3, our endpoints and any other address under /api/."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone, translation
from wagtail.models import APIToken

from home.problems import TITLES
from tests.conftest import translated
from tests.factories import MemberFactory, form_template

pytestmark = pytest.mark.django_db

LANGUAGE_CODES = ["en", "el", "cs", "de", "es"]


@pytest.fixture
def member():
    return MemberFactory()


def token_of(user):
    _token, plaintext = APIToken.create_token(user=user, name="errors")
    return plaintext


def assert_problem(response, status):
    assert response.status_code == status, response.content[:400]
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["type"] == "about:blank"
    assert problem["status"] == status
    assert isinstance(problem["title"], str) and problem["title"]
    assert isinstance(problem["detail"], str) and problem["detail"]
    return problem


@pytest.mark.parametrize(
    "path",
    [
        "/api/nowhere/",
        "/api/v2/nowhere/",
        "/api/v3/nowhere/",
        "/api/v2/pages/2147483647/",
        "/api/forms/templates/2147483647/",
        "/api/v3/pages/2147483647/",
    ],
)
def test_an_address_with_nothing_is_a_404_problem(client, path):
    assert_problem(client.get(path), 404)


def test_an_unknown_api_address_is_a_problem_in_development_too(client, settings):
    """With DEBUG on, Django would answer with its HTML debug page rather than handler404."""
    settings.DEBUG = True
    assert_problem(client.get("/api/v3/nowhere/"), 404)
    assert_problem(client.get("/api/nowhere/at/all/"), 404)


@pytest.mark.parametrize(
    ("method", "path"),
    [("delete", "/api/forms/templates/"), ("put", "/api/forms/mine/"), ("delete", "/api/v2/pages/")],
)
def test_a_method_an_address_does_not_take_is_a_405_problem_naming_the_allowed_ones(client, method, path):
    response = getattr(client, method)(path)
    assert_problem(response, 405)
    assert "GET" in response["Allow"]


@pytest.mark.parametrize(
    "path", ["/api/forms/templates/?x=a\x00b", "/api/v2/pages/?search=a\x00b", "/api/v3/pages/?x=\x00"]
)
def test_a_null_character_is_a_400_problem(client, path):
    assert_problem(client.get(path), 400)


def test_a_page_keeps_its_html_error_pages(client):
    response = client.get("/en/nowhere-at-all/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
    assert client.get("/en/search/?q=a\x00")["Content-Type"].startswith("text/plain")


# Validation: 422 with an entry per invalid value


@pytest.mark.parametrize(
    ("path", "parameter"),
    [
        ("/api/v2/pages/?limit=101", "limit"),
        ("/api/v2/images/?limit=-1", "limit"),
        ("/api/v2/documents/?offset=1000001", "offset"),
        ("/api/v2/pages/?offset=x", "offset"),
        ("/api/forms/templates/?limit=101", "limit"),
        ("/api/forms/templates/?limit=0", "limit"),
        ("/api/forms/templates/?offset=1000001", "offset"),
        ("/api/outputs/shared/?limit=1000", "limit"),
        ("/api/forms/mine/?offset=-1", "offset"),
    ],
)
def test_a_limit_or_offset_out_of_range_is_the_same_422_everywhere(client, member, path, parameter):
    problem = assert_problem(client.get(path, HTTP_AUTHORIZATION=f"Bearer {token_of(member)}"), 422)
    [error] = problem["errors"]
    assert error["loc"] == ["query", parameter]
    assert error["msg"] and error["type"]


@pytest.mark.parametrize(
    "path", ["/api/v2/pages/?locale=xx", "/api/forms/templates/?locale=xx", "/api/forms/templates/?lang=xx"]
)
def test_an_unknown_language_is_a_422_listing_the_valid_codes(client, path):
    problem = assert_problem(client.get(path), 422)
    [error] = problem["errors"]
    assert error["loc"][0] == "query" and error["loc"][-1] in ("locale", "lang")
    assert all(f"'{code}'" in error["msg"] for code in LANGUAGE_CODES)


def test_an_unknown_language_of_a_template_is_a_422_too(client):
    template = form_template("swot-analysis")
    problem = assert_problem(client.get(f"/api/forms/templates/{template.pk}/", {"locale": "xx"}), 422)
    assert problem["errors"][0]["loc"] == ["query", "locale"]


def test_a_practice_in_an_unknown_language_is_a_422_and_nothing_is_stored(client, member):
    response = client.post(
        "/api/practices/",
        {"language": "xx", "title": "T"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token_of(member)}",
    )
    problem = assert_problem(response, 422)
    assert ["body", "payload", "language"] in [error["loc"] for error in problem["errors"]]


def test_invalid_answers_are_a_422_locating_each_field(client, member):
    template = form_template("swot-analysis")
    response = client.post(
        "/api/forms/mine/",
        {"template_id": template.pk, "answers": {"swot": "not quadrants"}, "complete": True},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token_of(member)}",
    )
    problem = assert_problem(response, 422)
    assert all(error["loc"][:2] == ["body", "answers"] and error["msg"] for error in problem["errors"])


def test_a_body_that_is_not_json_is_a_400_problem(client, member):
    response = client.post(
        "/api/forms/mine/", "{", content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token_of(member)}"
    )
    assert_problem(response, 400)


def test_v2_parameters_it_does_not_know_are_a_400_problem(client):
    assert_problem(client.get("/api/v2/pages/", {"colour": "blue"}), 400)


def test_v3_validation_errors_are_problems_with_errors(client, member):
    response = client.get("/api/v3/pages/", {"limit": "x"}, HTTP_AUTHORIZATION=f"Bearer {token_of(member)}")
    problem = assert_problem(response, 422)
    assert problem["errors"]


# Authentication: 401 with a Bearer challenge, never 403 "CSRF check failed"


def test_no_credentials_at_all_is_a_401_with_a_bearer_challenge_not_a_csrf_failure(client):
    template = form_template("swot-analysis")
    response = client.post("/api/forms/mine/", {"template_id": template.pk}, content_type="application/json")
    assert_problem(response, 401)
    assert response["WWW-Authenticate"] == "Bearer"
    assert_problem(client.get("/api/forms/mine/"), 401)
    assert_problem(client.get("/api/outputs/shared/"), 401)


@pytest.mark.parametrize("header", ["Bearer", "Bearer not-a-token", "Bearer " + "x" * 5000])
def test_a_malformed_or_unknown_token_is_a_401_naming_it_invalid(client, header):
    response = client.get("/api/forms/mine/", HTTP_AUTHORIZATION=header)
    assert_problem(response, 401)
    assert response["WWW-Authenticate"] == 'Bearer error="invalid_token"'


def test_a_revoked_token_or_one_of_a_deactivated_user_is_a_401(client, member):
    token, plaintext = APIToken.create_token(user=member, name="errors")
    headers = {"HTTP_AUTHORIZATION": f"Bearer {plaintext}"}
    assert client.get("/api/forms/mine/", **headers).status_code == 200
    APIToken.objects.filter(pk=token.pk).update(revoked_at=timezone.now())
    assert_problem(client.get("/api/forms/mine/", **headers), 401)

    other = MemberFactory()
    plaintext = token_of(other)
    get_user_model().objects.filter(pk=other.pk).update(is_active=False)
    response = client.get("/api/forms/mine/", HTTP_AUTHORIZATION=f"Bearer {plaintext}")
    assert_problem(response, 401)
    assert response["WWW-Authenticate"] == 'Bearer error="invalid_token"'


def test_a_revoked_token_does_not_fall_back_on_the_session(client, member):
    token, plaintext = APIToken.create_token(user=member, name="errors")
    APIToken.objects.filter(pk=token.pk).update(revoked_at=timezone.now())
    client.force_login(member)
    assert_problem(client.get("/api/forms/mine/", HTTP_AUTHORIZATION=f"Bearer {plaintext}"), 401)


def test_a_session_write_still_needs_its_csrf_token(member):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(member)
    template = form_template("swot-analysis")
    response = browser.post("/api/forms/mine/", {"template_id": template.pk}, content_type="application/json")
    problem = assert_problem(response, 403)
    assert "CSRF" in problem["detail"]
    assert browser.get("/api/forms/mine/").status_code == 200


def test_a_token_write_needs_no_csrf_token(member):
    client = Client(enforce_csrf_checks=True)
    template = form_template("swot-analysis")
    response = client.post(
        "/api/forms/mine/",
        {"template_id": template.pk},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token_of(member)}",
    )
    assert response.status_code == 201


def test_v3_without_a_token_is_a_401_with_a_bearer_challenge(client):
    response = client.post("/api/v3/pages/", {}, content_type="application/json")
    assert_problem(response, 401)
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_body_larger_than_django_takes_is_a_400_problem(client, member, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    template = form_template("swot-analysis")
    response = Client(raise_request_exception=False).post(
        "/api/forms/mine/",
        {"template_id": template.pk, "answers": {"subject": "x" * 2000}},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token_of(member)}",
    )
    assert_problem(response, 400)


# Server errors


@pytest.mark.parametrize("path", ["/api/forms/templates/", "/api/v2/pages/", "/api/v3/pages/"])
def test_a_server_error_is_a_500_problem_that_says_nothing_of_the_cause(path, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("secret cause")

    monkeypatch.setattr("wagtail.query.PageQuerySet.live", fail)
    response = Client(raise_request_exception=False).get(path)
    problem = assert_problem(response, 500)
    assert "secret" not in problem["detail"]


# The reader's language


@pytest.mark.parametrize("code", ["el", "cs", "de", "es"])
def test_titles_and_details_are_in_the_readers_language(client, code):
    problem = assert_problem(client.get("/api/forms/mine/", HTTP_ACCEPT_LANGUAGE=code), 401)
    with translation.override(code):
        title = str(TITLES[401])
    assert problem["title"] == title != "Unauthorized"
    with_context = assert_problem(client.get("/api/nowhere/", HTTP_ACCEPT_LANGUAGE=code), 404)
    assert with_context["detail"] == translated("Nothing was found at this address, or you may not see it.", code)
    invalid = assert_problem(client.get("/api/v2/pages/?limit=101", HTTP_ACCEPT_LANGUAGE=code), 422)
    assert invalid["detail"] == translated("Some values are invalid: see errors.", code)


@pytest.mark.parametrize("code", ["el", "cs", "de", "es"])
def test_the_messages_of_invalid_values_are_in_the_readers_language_too(client, member, code):
    """pydantic writes its messages in English only; home/problems.py gives the reader's language by error type."""
    limit = assert_problem(client.get("/api/v2/pages/?limit=101", HTTP_ACCEPT_LANGUAGE=code), 422)
    assert limit["errors"][0]["msg"] == translated("Give at most %(limit)s.", code) % {"limit": 100}
    body = assert_problem(
        client.post(
            "/api/forms/mine/",
            {"answers": {}, "colour": "blue"},
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {token_of(member)}",
            HTTP_ACCEPT_LANGUAGE=code,
        ),
        422,
    )
    messages = {entry["loc"][-1]: entry["msg"] for entry in body["errors"]}
    assert messages["template_id"] == translated("This member is required.", code)
    assert messages["colour"] == translated("This member is not part of the request: remove it.", code)
    language = assert_problem(client.get("/api/forms/templates/?locale=xx", HTTP_ACCEPT_LANGUAGE=code), 422)
    assert language["errors"][0]["msg"].startswith(translated("Give one of %(codes)s.", code).split("%")[0])
    assert " or " not in language["errors"][0]["msg"]


def test_a_public_endpoint_refuses_a_token_that_is_not_valid_and_serves_anyone_without_one(client, member):
    assert client.get("/api/forms/templates/").status_code == 200
    assert client.get("/api/forms/templates/", HTTP_AUTHORIZATION=f"Bearer {token_of(member)}").status_code == 200
    token, plaintext = APIToken.create_token(user=member, name="revoked")
    token.revoke()
    for header in (f"Bearer {plaintext}", "Bearer not-a-token", "Basic dXNlcjpwYXNz"):
        problem = assert_problem(client.get("/api/forms/templates/", HTTP_AUTHORIZATION=header), 401)
        assert problem["status"] == 401
    response = client.get("/api/forms/templates/", HTTP_AUTHORIZATION="Bearer not-a-token")
    assert response["WWW-Authenticate"].startswith("Bearer")


# Wagtail's v2 (DRF) and a token that is sent


@pytest.mark.parametrize("path", ["/api/v2/pages/", "/api/v2/images/", "/api/v2/documents/"])
def test_v2_refuses_a_token_that_is_not_valid_and_serves_anyone_without_credentials(client, member, path):
    """DRF's default authentication ignored a Bearer header: a revoked token read v2 as nobody, silently."""
    assert client.get(path).status_code == 200
    assert client.get(path, HTTP_AUTHORIZATION=f"Bearer {token_of(member)}").status_code == 200
    revoked, revoked_plaintext = APIToken.create_token(user=member, name="revoked")
    revoked.revoke()
    inactive = MemberFactory(is_active=False)
    for header in (
        f"Bearer {revoked_plaintext}",
        f"Bearer {token_of(inactive)}",
        "Bearer not-a-token",
        "Bearer",
        "Bearer   ",
        "Basic dXNlcjpwYXNz",
    ):
        response = client.get(path, HTTP_AUTHORIZATION=header)
        assert_problem(response, 401)
        assert response["WWW-Authenticate"].startswith("Bearer"), header


def test_v2_names_an_invalid_token_in_the_readers_language(client):
    response = client.get("/api/v2/pages/", HTTP_AUTHORIZATION="Bearer not-a-token", HTTP_ACCEPT_LANGUAGE="de")
    problem = assert_problem(response, 401)
    assert response["WWW-Authenticate"] == 'Bearer error="invalid_token"'
    assert problem["detail"] == translated(
        "The API token is not valid: it is unknown, revoked, or its user is deactivated.", "de"
    )
