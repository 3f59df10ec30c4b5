"""What a client sends can never crash the server or be stored changed: searches are bounded (the same bounds on
the site's search page and in Wagtail's API v2), numbers must be finite, and dates are ISO 8601 only."""

import json

import pytest
from bs4 import BeautifulSoup
from wagtail.models import APIToken

from forms_library.kinds import DATE_MESSAGE, KINDS, NON_FINITE_MESSAGE
from forms_library.records import FilledForm
from home.search import MAX_QUERY_LENGTH, MAX_QUERY_WORDS
from practices.models import PracticePage
from tests.conftest import translated
from tests.factories import FilledFormFactory, FormTemplatePageFactory, MemberFactory, form_field

pytestmark = pytest.mark.django_db

TOO_MANY_WORDS = ("The search has too many words: use at most %(limit)d.",)
TOO_LONG = (
    "The search is too long: use at most %(limit)d character.",
    "The search is too long: use at most %(limit)d characters.",
)


def words(count):
    return " ".join(f"w{n}" for n in range(count))


@pytest.fixture
def token_user():
    return MemberFactory()


@pytest.fixture
def bearer(token_user):
    _token, plaintext = APIToken.create_token(user=token_user, name="bounds")
    return {"HTTP_AUTHORIZATION": f"Bearer {plaintext}"}


# Searches


def site_search(client, code, query):
    response = client.get(f"/{code}/search/", {"q": query})
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    error = html.select_one("#search-error")
    return (error.get_text(strip=True) if error else None), html.select(".search-results")


@pytest.mark.parametrize(
    ("query", "message", "limit"),
    [
        (words(500), TOO_LONG, MAX_QUERY_LENGTH),
        (words(MAX_QUERY_WORDS + 1), TOO_MANY_WORDS, MAX_QUERY_WORDS),
        ("a" * (MAX_QUERY_LENGTH + 1), TOO_LONG, MAX_QUERY_LENGTH),
        ("a " * 600, TOO_LONG, MAX_QUERY_LENGTH),
    ],
)
@pytest.mark.parametrize("code", ["en", "el", "es"])
def test_a_search_beyond_the_bounds_is_refused_alike_on_the_site_and_in_api_v2(client, code, query, message, limit):
    singular, *plural = message
    expected = translated(singular, code, *plural, count=limit) % {"limit": limit}
    assert site_search(client, code, query) == (expected, [])
    for endpoint in ("pages", "images", "documents"):
        for operator in ({}, {"search_operator": "or"}):
            response = client.get(f"/api/v2/{endpoint}/", {"search": query, **operator}, HTTP_ACCEPT_LANGUAGE=code)
            assert response.status_code == 400, (endpoint, response.content[:300])
            assert response["Content-Type"] == "application/problem+json"
            assert response.json()["detail"] == expected


def test_a_search_within_the_bounds_is_answered_on_the_site_and_in_api_v2(client):
    longest = " ".join(["swot"] * MAX_QUERY_WORDS)
    error, results = site_search(client, "en", longest)
    assert error is None and results
    response = client.get("/api/v2/pages/", {"search": longest, "locale": "en"})
    assert response.status_code == 200
    assert any(item["meta"]["slug"] == "swot-analysis" for item in response.json()["items"])
    padded = " swot " + " " * MAX_QUERY_LENGTH  # the bounds count what is searched, not surrounding spaces
    assert client.get("/api/v2/pages/", {"search": padded}).status_code == 200
    assert site_search(client, "en", padded)[0] is None


# Numbers that are not finite

NON_FINITE = ["NaN", "Infinity", "-Infinity", "1e999", "-1e999"]


@pytest.fixture
def template():
    return FormTemplatePageFactory(
        fields=[
            ("short_text", form_field("Subject", "subject")),
            ("number", form_field("Minutes", "minutes")),
            ("multiple_choice", form_field("Topics", "topics", choices=["Housing", "Health"])),
            ("repeating_table", form_field("Steps", "steps", columns=["Step", "Who"], initial_rows=2)),
            ("swot_grid", form_field("SWOT", "swot", **{f"{p}_label": p for p in ("strengths", "weaknesses")})),
        ]
    )


def with_number(answer, number):
    """An answer's JSON with the number written where the placeholder 0.5 stands (JSON has no NaN to dump)."""
    return json.dumps(answer).replace("0.5", number)


ANSWERS_HOLDING_A_NUMBER = [
    ("subject", 0.5),
    ("minutes", 0.5),
    ("topics", [0.5]),
    ("steps", [["Call", 0.5]]),
    ("swot", {"strengths": 0.5}),
]


@pytest.mark.parametrize(("name", "answer"), ANSWERS_HOLDING_A_NUMBER)
@pytest.mark.parametrize("number", NON_FINITE)
def test_a_number_that_is_not_finite_is_refused_at_its_answer(client, bearer, template, name, answer, number):
    body = f'{{"template_id": {template.pk}, "answers": {{"{name}": {with_number(answer, number)}}}}}'
    response = client.post("/api/forms/mine/", body, content_type="application/json", **bearer)
    assert response.status_code == 422, response.content
    assert response.json()["errors"] == [
        {"loc": ["body", "answers", name], "msg": str(NON_FINITE_MESSAGE), "type": "value_error"}
    ]
    assert not FilledForm.objects.filter(template=template).exists()


@pytest.mark.parametrize("name", [name for name, kind in KINDS.items() if kind.is_input])
def test_every_kind_refuses_a_number_that_is_not_finite_wherever_its_answer_holds_it(name):
    for number in (float("nan"), float("inf"), float("-inf")):
        for answer in (number, [number], [["cell", number]], {"strengths": number}):
            assert KINDS[name].refusal(answer) == NON_FINITE_MESSAGE
    assert KINDS[name].refusal(1e308) != NON_FINITE_MESSAGE


@pytest.mark.parametrize("number", NON_FINITE)
def test_changing_a_form_with_a_number_that_is_not_finite_changes_nothing(client, bearer, token_user, template, number):
    filled = FilledFormFactory(template=template, owner=token_user, answers={"subject": "Front desk"})
    body = f'{{"answers": {{"minutes": {number}, "subject": "Changed"}}, "complete": false}}'
    response = client.put(f"/api/forms/mine/{filled.pk}/", body, content_type="application/json", **bearer)
    assert response.status_code == 422
    assert [entry["loc"] for entry in response.json()["errors"]] == [["body", "answers", "minutes"]]
    filled.refresh_from_db()
    assert filled.answers == {"subject": "Front desk"}


def json_bodies(schema):
    """(method, path, the properties of its JSON body) of every operation of the schema that takes one."""
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            content = operation.get("requestBody", {}).get("content", {}).get("application/json")
            if content:
                reference = content["schema"]["$ref"].rsplit("/", 1)[-1]
                yield method, path, list(schema["components"]["schemas"][reference]["properties"])


@pytest.mark.parametrize("number", NON_FINITE)
def test_every_member_of_every_json_body_refuses_a_number_that_is_not_finite(client, bearer, token_user, number):
    """Every body of the schema, member by member: 422 at that member, nothing stored."""
    filled = FilledFormFactory(owner=token_user, answers={"subject": "Front desk"})
    bodies = list(json_bodies(client.get("/api/schema/").json()))
    assert {(method, path) for method, path, _members in bodies} == {
        ("post", "/api/forms/mine/"),
        ("put", "/api/forms/mine/{pk}/"),
        ("patch", "/api/forms/mine/{pk}/"),
        ("post", "/api/practices/"),
        ("put", "/api/practices/mine/{pk}/"),
        ("patch", "/api/practices/mine/{pk}/"),
        ("post", "/api/practices/drafts/"),
        ("put", "/api/practices/drafts/{pk}/"),
        ("patch", "/api/practices/drafts/{pk}/"),
        ("post", "/api/outputs/"),
        ("post", "/api/outputs/{pk}/review/"),
        ("post", "/api/mentoring/relationships/{pk}/sessions/"),
        ("patch", "/api/mentoring/sessions/{pk}/"),
        ("post", "/api/pool/requests/"),
        ("post", "/api/pool/matches/"),
        ("post", "/api/pool/matches/{pk}/answer/"),
        ("post", "/api/pool/groups/"),
        ("post", "/api/pool/groups/{pk}/answer/"),
    }
    for method, path, members in bodies:
        for member in members:
            before = (FilledForm.objects.count(), PracticePage.objects.count(), filled.answers)
            response = getattr(client, method)(
                path.format(pk=filled.pk), f'{{"{member}": {number}}}', content_type="application/json", **bearer
            )
            assert response.status_code == 422, (path, member, response.content)
            located = [entry["loc"] for entry in response.json()["errors"] if entry["loc"][-1] == member]
            assert located, (path, member, response.json())
            filled.refresh_from_db()
            assert (FilledForm.objects.count(), PracticePage.objects.count(), filled.answers) == before


# Dates

NOT_ISO_DATES = ["07/12/2026", "12/07/2026", "7.12.2026", "2026-12-7", "20261207", "2026-W49-1", "7 December 2026"]
NOT_ISO_DATES += ["2026-12-07T10:00", "2026-02-30", " 2026-12-07", 20261207]


@pytest.fixture
def dated_template():
    return FormTemplatePageFactory(fields=[("date", form_field("Date of the session", "session_date"))])


@pytest.mark.parametrize("answer", NOT_ISO_DATES)
def test_a_date_answer_is_iso_8601_or_refused_at_its_field(client, bearer, dated_template, answer):
    response = client.post(
        "/api/forms/mine/",
        {"template_id": dated_template.pk, "answers": {"session_date": answer}},
        content_type="application/json",
        **bearer,
    )
    assert response.status_code == 422, response.content
    [entry] = response.json()["errors"]
    assert entry["loc"] == ["body", "answers", "session_date"]
    assert not FilledForm.objects.filter(template=dated_template).exists()


def test_a_date_in_another_format_is_told_the_one_format(client, bearer, dated_template):
    expected = translated(str(DATE_MESSAGE), "de")
    response = client.post(
        "/api/forms/mine/",
        {"template_id": dated_template.pk, "answers": {"session_date": "07/12/2026"}},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="de",
        **bearer,
    )
    assert response.json()["errors"][0]["msg"] == expected


@pytest.mark.parametrize("code", ["el", "cs", "de", "es"])
def test_a_number_that_is_not_finite_is_told_why_in_the_clients_language(client, bearer, template, code):
    expected = translated(str(NON_FINITE_MESSAGE), code)  # before the request activates the language
    body = f'{{"template_id": {template.pk}, "answers": {{"minutes": NaN}}}}'
    response = client.post(
        "/api/forms/mine/", body, content_type="application/json", HTTP_ACCEPT_LANGUAGE=code, **bearer
    )
    assert response.json()["errors"][0]["msg"] == expected


def test_an_iso_date_is_stored_as_it_was_given(client, bearer, dated_template):
    response = client.post(
        "/api/forms/mine/",
        {"template_id": dated_template.pk, "answers": {"session_date": "2026-12-07"}},
        content_type="application/json",
        **bearer,
    )
    assert response.status_code == 201
    assert response.json()["answers"] == {"session_date": "2026-12-07"}
    assert FilledForm.objects.get(pk=response.json()["id"]).answers == {"session_date": "2026-12-07"}


def test_the_sites_form_takes_a_date_from_the_native_date_input_only(client, token_user, dated_template):
    """English reads 07/12/2026 month first (Django's input formats for the locale): it is refused, not guessed."""
    client.force_login(token_user)
    fill = f"{dated_template.url}fill/"
    html = BeautifulSoup(client.get(fill).content, "html.parser")
    assert html.select_one('input[name="session_date"]')["type"] == "date"
    refused = client.post(fill, {"action": "save_draft", "session_date": "07/12/2026"})
    assert refused.status_code == 400
    assert not FilledForm.objects.filter(template=dated_template).exists()
    saved = client.post(fill, {"action": "save_draft", "session_date": "2026-12-07"})
    assert saved.status_code == 302
    assert FilledForm.objects.get(template=dated_template).answers == {"session_date": "2026-12-07"}
