"""Hostile input on every form and JSON endpoint, generated with Hypothesis.

The properties: never a server error; a refusal is clear (the form with its errors and a 400, or the API's
400, 404 or 422 with one entry per field) and stores nothing, not a page, revision, workflow state or
document; an acceptance stores exactly one whole thing. Each example runs in a savepoint that is rolled back,
so every example starts from the same data (and the hourly submission limit never fills up).

The examples are derandomized, so a run in CI tests the same inputs as the run before it; see also
tests/forms_library/test_hostile_text.py (any text in any field kind, and its Word export) and
tests/api/test_fuzz.py (schemathesis over the OpenAPI description).
"""

import json
from contextlib import contextmanager
from urllib.parse import quote

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.http import url_has_allowed_host_and_scheme
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from wagtail.documents import get_document_model
from wagtail.models import APIToken, ModelLogEntry, PageLogEntry, Revision, TaskState, WorkflowState

from forms_library.models import FilledForm, FormTemplatePage
from mentoring.models import Department, MentoringRelationship, MentoringSession, StageOutput
from practices.models import PendingAttachment, PracticeDraft, PracticePage
from tests.practices.conftest import practice_data

pytestmark = pytest.mark.django_db

hostile = settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Text as people paste it and as attackers send it: controls, NUL, direction marks, emoji, other scripts,
# markup and query syntax, and strings longer than any field takes.
PIECES = [
    "\x00",
    "\x01\x08\x0b\x1f",
    "\x7f\x85\x9f",
    "\t",
    "\r\n",
    "\u2028",
    "\u200b",
    "\u200f",
    "\u202e",
    "\ufeff",
    "\uffff",
    "🧑‍🤝‍🧑",
    "👍🏽",
    "𝕳𝖊𝖑𝖑𝖔",
    "עברית",
    "العربية",
    "Ελληνικά",
    "Čeština ß ñ",
    "e\u0301",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    '"',
    "%",
    "%00",
    "../",
    "{{ request }}",
    "&amp;",
    "*()|&!:",
]
pasted_text = st.lists(st.sampled_from(PIECES) | st.text(max_size=4), max_size=8).map("".join)
short_hostile_text = st.text(max_size=40) | pasted_text
too_long_text = st.builds(
    lambda char, count: char * count,
    st.sampled_from(["x", "é", "🧑"]),
    st.sampled_from([201, 501, 601, 10_001, 100_001]),
)
hostile_text = short_hostile_text | too_long_text
huge_numbers = st.sampled_from(["99999999999999999999", "-99999999999999999999", "1e400", "NaN", "-0", "0", "²"])
# Form values as a browser sends them: one text, or several under one name.
form_values = hostile_text | huge_numbers | st.lists(hostile_text | huge_numbers, max_size=3)
unknown_names = st.from_regex(r"[a-z_][a-z0-9_-]{0,15}", fullmatch=True)

# JSON: any shape, strings that include half surrogate pairs (valid JSON escapes, but no text).
json_text = hostile_text | st.text(alphabet=st.characters(categories=["Cs"]), min_size=1, max_size=3)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | json_text,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(json_text, children, max_size=3),
    max_leaves=8,
)
broken_bodies = st.sampled_from(
    [
        b"",
        b"{",
        b"null",
        b'"text"',
        b"[]",
        b"\xff\xfe{}",
        b"[" * 50_000 + b"]" * 50_000,
        b'{"template_id": 1' + b"0" * 5000 + b"}",
    ]
)


@contextmanager
def rolled_back():
    """Whatever an example stores is undone afterwards."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def stored():
    """How many of each thing a refused request must leave untouched."""
    models = [
        FilledForm,
        StageOutput,
        PracticePage,
        Revision,
        WorkflowState,
        TaskState,
        get_document_model(),
        MentoringRelationship,
        MentoringSession,
        ModelLogEntry,
        PageLogEntry,
        PracticeDraft,
        PendingAttachment,
    ]
    return {model.__name__: model.objects.count() for model in models}


def added(before, **counts):
    return {**before, **{name: before[name] + count for name, count in counts.items()}}


def assert_form_refused(response, form_name="form"):
    assert response.status_code == 400
    assert response.context[form_name].errors


def assert_api_refusal(response):
    """Every refusal is a problem with a detail; a 422 has one entry per location, each with its message."""
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == response.status_code
    assert isinstance(problem["detail"], str) and problem["detail"]
    if response.status_code == 422:
        locations = [tuple(entry["loc"]) for entry in problem["errors"]]
        assert locations and len(set(locations)) == len(locations), problem
        assert all(entry["msg"] for entry in problem["errors"])


def has_nul(value):
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(has_nul(key) or has_nul(item) for key, item in value.items())
    return isinstance(value, list) and any(map(has_nul, value))


def bearer(username):
    _token, plaintext = APIToken.create_token(user=get_user_model().objects.get(username=username), name="hostile")
    return {"HTTP_AUTHORIZATION": f"Bearer {plaintext}"}


@pytest.fixture
def people(db):
    return {user.username: user for user in get_user_model().objects.all()}


@pytest.fixture
def form_templates(db):
    return list(FormTemplatePage.objects.filter(locale__language_code="en", alias_of__isnull=True).order_by("pk"))


def field_keys(definitions):
    """The names a browser posts for these fields, a table's out-of-range cells included."""
    keys = []
    for definition in definitions:
        name = definition.name
        if definition.kind in ("repeating_table", "signatures"):
            keys += [f"{name}-rows", f"{name}-0-0", f"{name}-1-2", f"{name}-999-0"]
        elif definition.kind == "swot_grid":
            keys += [f"{name}_{part}" for part in range(4)]
        elif definition.is_input:
            keys.append(name)
    return keys


# Forms library


@hostile
@given(data=st.data())
def test_filling_a_form_on_the_site(client, people, form_templates, data):
    client.force_login(people["staff"])
    template = data.draw(st.sampled_from(form_templates))
    names = {definition.name for definition in template.definitions if definition.is_input}
    post = data.draw(st.dictionaries(st.sampled_from(field_keys(template.definitions)) | unknown_names, form_values))
    post["action"] = data.draw(st.sampled_from(["save_draft", "complete", "add_row", "publish"]) | hostile_text)
    with rolled_back():
        before = stored()
        response = client.post(f"{template.url}fill/", post)
        if response.status_code == 302:
            assert stored() == added(before, FilledForm=1)
            filled = FilledForm.objects.latest("pk")
            assert set(filled.answers) <= names
            assert "\\u0000" not in json.dumps(filled.answers)
        else:
            assert stored() == before
            if response.status_code == 400:
                assert_form_refused(response)
            else:
                assert response.status_code == 200 and post["action"] == "add_row"


@hostile
@given(data=st.data())
def test_filling_a_form_through_the_api(client, form_templates, data):
    headers = bearer("staff")
    template = data.draw(st.sampled_from(form_templates))
    names = {definition.name for definition in template.definitions if definition.is_input}
    answers = data.draw(st.dictionaries(st.sampled_from(sorted(names)) | json_text, json_values, max_size=6))
    payload = {
        "template_id": data.draw(st.just(template.pk) | json_values),
        "answers": data.draw(st.just(answers) | json_values),
        "complete": data.draw(st.booleans() | json_values),
    }
    body = data.draw(st.just(json.dumps(payload).encode()) | broken_bodies)
    with rolled_back():
        before = stored()
        response = client.post("/api/forms/mine/", body, content_type="application/json", **headers)
        assert response.status_code in (201, 400, 404, 422), response.content[:500]
        if response.status_code == 201:
            assert stored() == added(before, FilledForm=1)
            assert set(FilledForm.objects.get(pk=response.json()["id"]).answers) <= names
        else:
            assert stored() == before
            assert_api_refusal(response)


@hostile
@given(answers=st.dictionaries(json_text, json_values, max_size=6) | json_values, complete=json_values)
@example(answers={"subject": "\ud800"}, complete=False)  # half a surrogate pair: PostgreSQL refuses it
def test_changing_a_filled_form_through_the_api(client, people, form_templates, answers, complete):
    headers = bearer("staff")
    swot = next(template for template in form_templates if template.slug == "swot-analysis")
    filled = FilledForm.start(swot, people["staff"])
    filled.answers = {"subject": "Front desk"}
    filled.save()
    with rolled_back():
        response = client.put(
            f"/api/forms/mine/{filled.pk}/",
            {"answers": answers, "complete": complete},
            content_type="application/json",
            **headers,
        )
        assert response.status_code in (200, 400, 422), response.content[:500]
        if response.status_code != 200:
            assert_api_refusal(response)
            unchanged = FilledForm.objects.get(pk=filled.pk)
            assert (unchanged.answers, unchanged.status) == ({"subject": "Front desk"}, FilledForm.Status.DRAFT)


WRONG_SHAPES = [
    ("short_text", {"text": "Front desk"}),
    ("long_text", ["one", "two"]),
    ("date", True),
    ("number", [40]),
    ("single_choice", {"id": "housing"}),
    ("multiple_choice", "housing"),
    ("rating_scale", [4]),
    ("repeating_table", "one row"),
    ("repeating_table", [["cell", {"nested": "cell"}]]),
    ("signatures", [{"name": "Maria"}]),
    ("swot_grid", "strong"),
    ("swot_grid", {"strengths": ["patience"]}),
    ("swot_grid", {"luck": "plenty"}),
]


@pytest.mark.parametrize(("kind", "answer"), WRONG_SHAPES)
def test_an_answer_of_the_wrong_shape_is_refused_at_its_field(client, form_templates, kind, answer):
    template, name = next(
        (template, definition.name)
        for template in form_templates
        for definition in template.definitions
        if definition.kind == kind
    )
    before = stored()
    response = client.post(
        "/api/forms/mine/",
        {"template_id": template.pk, "answers": {name: answer}},
        content_type="application/json",
        **bearer("staff"),
    )
    assert response.status_code == 422
    assert [entry["loc"] for entry in response.json()["errors"]] == [["body", "answers", name]]
    assert stored() == before


# Good practices


PRACTICE_FIELDS = sorted(practice_data())


@hostile
@given(overrides=st.dictionaries(st.sampled_from(PRACTICE_FIELDS) | unknown_names, form_values, max_size=4))
@example(overrides={"token": "not a uuid"})
def test_submitting_a_practice_on_the_site(client, people, overrides):
    client.force_login(people["staff"])
    with rolled_back():
        before = stored()
        response = client.post("/es/practices/submit/", {**practice_data(), **overrides})
        if response.status_code == 302:
            assert response["Location"] == "/es/practices/mine/"
            page = PracticePage.objects.latest("pk")
            assert page.submitted_by == people["staff"] and not page.live
            assert page.current_workflow_state is not None
            assert stored()["PracticePage"] == before["PracticePage"] + 1
        else:
            assert_form_refused(response)
            assert stored() == before


@hostile
@given(
    overrides=st.dictionaries(
        st.sampled_from(["language", *PRACTICE_FIELDS]) | json_text, json_values | hostile_text, max_size=4
    )
)
@example(overrides={"language": "\x00"})
@example(overrides={"title": "\ud800"})
def test_submitting_a_practice_through_the_api(client, overrides):
    headers = bearer("staff")
    payload = {**practice_data(), "language": "es", "tags": ["vivienda"], **overrides}
    with rolled_back():
        before = stored()
        response = client.post("/api/practices/", json.dumps(payload), content_type="application/json", **headers)
        assert response.status_code in (201, 400, 404, 422), response.content[:500]
        if response.status_code == 201:
            assert stored()["PracticePage"] == before["PracticePage"] + 1
        else:
            assert_api_refusal(response)
            assert stored() == before


# Mentoring


@pytest.fixture
def relationship(people):
    return MentoringRelationship.objects.get(mentor=people["mentor"])


def ids(*names):
    """One of the named objects' ids (filled in by the test), or an id that is not: too large for any
    database, negative, not a number."""
    return st.sampled_from(names) | huge_numbers | hostile_text


def with_ids(value, known):
    """The value with the objects' names replaced by their ids, as a browser posts them."""
    if isinstance(value, list):
        return [with_ids(item, known) for item in value]
    return str(known[value].pk) if value in known else value


@hostile
@given(
    mentoring_model=st.sampled_from(["one_on_one", "group", "reverse"]) | hostile_text,
    department=ids("social_services"),
    mentees=st.lists(ids("mentee", "mentor"), max_size=3),
    start_date=st.sampled_from(["2026-03-01", "0001-01-01", "9999-12-31"]) | hostile_text,
)
@example(mentoring_model="one_on_one", department="social_services", mentees=["99999999999999999999"], start_date="")
def test_starting_a_relationship(client, people, mentoring_model, department, mentees, start_date):
    client.force_login(people["mentor"])
    known = {**people, "social_services": Department.objects.get(name="Social Services")}
    post = {"mentoring_model": mentoring_model, "start_date": start_date}
    post |= {"department": with_ids(department, known), "mentees": with_ids(mentees, known)}
    with rolled_back():
        before = stored()
        response = client.post("/en/mentoring/new/", post)
        if response.status_code == 302:
            assert stored() == added(before, MentoringRelationship=1)
        else:
            assert_form_refused(response)
            assert stored() == before


@hostile
@given(
    date=st.sampled_from(["2026-05-04T10:00", "9999-12-31T23:59"]) | hostile_text,
    topic=hostile_text,
    place=hostile_text,
    session_format=st.sampled_from(["online", "in_person"]) | hostile_text,
)
@example(date="0001-01-01T00:00", topic="Kick-off", place="", session_format="online")
def test_planning_a_session(client, people, relationship, date, topic, place, session_format):
    client.force_login(people["mentor"])
    with rolled_back():
        before = stored()
        response = client.post(
            f"/en/mentoring/{relationship.pk}/",
            {"date": date, "topic": topic, "place": place, "session_format": session_format},
        )
        if response.status_code == 302:
            assert stored() == added(before, MentoringSession=1)
        else:
            assert_form_refused(response, "session_form")
            assert stored() == before


@hostile
@given(
    filled_form=ids("filled_form"),
    stage=st.sampled_from(["1", "5"]) | huge_numbers | hostile_text,
    target_departments=st.lists(ids("housing", "social_services"), max_size=3),
    share_with_all=st.sampled_from([None, "on"]) | hostile_text,
)
@example(filled_form="filled_form", stage="1", target_departments=["99999999999999999999"], share_with_all=None)
def test_submitting_a_stage_output(
    client, people, relationship, filled_form, stage, target_departments, share_with_all
):
    template = FormTemplatePage.objects.get(slug="calendar-of-sessions", locale__language_code="en")
    client.force_login(people["mentee"])
    with rolled_back():
        known = {
            "filled_form": FilledForm.start(template, people["mentee"]),
            "housing": Department.objects.get(name="Housing"),
            "social_services": Department.objects.get(name="Social Services"),
        }
        known["filled_form"].status = FilledForm.Status.COMPLETE
        known["filled_form"].save()
        post = {"filled_form": with_ids(filled_form, known), "stage": stage}
        post |= {"target_departments": with_ids(target_departments, known)}
        if share_with_all is not None:
            post["share_with_all"] = share_with_all
        before = stored()
        response = client.post(f"/en/mentoring/{relationship.pk}/outputs/new/", post)
        if response.status_code == 302:
            assert StageOutput.objects.filter(filled_form=known["filled_form"]).exists()
            assert stored()["StageOutput"] == before["StageOutput"] + 1
        else:
            assert_form_refused(response)
            assert stored() == before


@hostile
@given(action=st.sampled_from(["approve", "reject", "Approve", "cancel", ""]) | hostile_text, comment=hostile_text)
def test_deciding_a_review(client, people, action, comment):
    output = StageOutput.objects.get(filled_form__template__slug="calendar-of-sessions", author=people["mentee"])
    client.force_login(people["mentor"])
    with rolled_back():
        before = stored()
        states = list(TaskState.objects.values_list("pk", "status"))
        response = client.post(f"/en/mentoring/outputs/{output.pk}/review/", {"action": action, "comment": comment})
        if response.status_code == 302:
            assert action in ("approve", "reject")
        else:
            assert_form_refused(response, "review_form")
            assert stored() == before
            assert list(TaskState.objects.values_list("pk", "status")) == states


# Search, filters and the API's queries


@hostile
@given(language=st.sampled_from(["en", "el", "cs", "de", "es"]), query=hostile_text, page=form_values)
@example(language="en", query='say "hello', page="1")  # SQLite's full-text search
@example(language="el", query="a\x00b", page="")  # PostgreSQL
def test_searching(client, language, query, page):
    response = client.get(f"/{language}/search/", {"q": query, "page": page})
    if has_nul([query, page]):
        assert response.status_code == 400
    else:
        assert response.status_code == 200
        assert (b'id="search-error"' in response.content) == (len(query.strip()) > 200)


@hostile
@given(
    language=st.sampled_from(["en", "el", "cs", "de", "es"]),
    filters=st.dictionaries(
        st.sampled_from(["area", "country", "stage", "lang", "tag", "q", "page"]) | unknown_names,
        st.sampled_from(["housing", "ES", "3", "all", "el"]) | form_values,
        max_size=5,
    ),
)
@example(language="en", filters={"q": 'say "hello'})
@example(language="de", filters={"tag": "a\x00"})
def test_filtering_the_practices(client, language, filters):
    response = client.get(f"/{language}/practices/", filters)
    assert response.status_code == (400 if has_nul(filters) else 200)


API_V2_PARAMETERS = [
    "type",
    "locale",
    "translation_of",
    "child_of",
    "descendant_of",
    "search",
    "search_operator",
    "order",
    "fields",
    "limit",
    "offset",
    "service_area",
    "country",
    "stage",
    "tags",
    "id",
    "title",
    "slug",
    "html_path",
]
api_v2_values = (
    st.sampled_from(
        [
            "practices.PracticePage",
            "home.GuidePage",
            "wagtailcore.Page",
            "en",
            "3",
            "-title",
            "random",
            "title,-body,*",
            "_,body(title)",
            "and",
            "or",
            "housing",
        ]
    )
    | form_values
)


@hostile
@given(
    endpoint=st.sampled_from(["pages/", "images/", "documents/", "pages/find/"]),
    parameters=st.dictionaries(st.sampled_from(API_V2_PARAMETERS) | unknown_names, api_v2_values, max_size=5),
)
@example(endpoint="pages/", parameters={"offset": "99999999999999999999"})
@example(endpoint="pages/", parameters={"search": 'say "hello'})
@example(endpoint="images/", parameters={"search": "a\x00"})
@example(endpoint="pages/find/", parameters={"html_path": "/en/\x00/"})
def test_querying_api_v2(client, endpoint, parameters):
    response = client.get(f"/api/v2/{endpoint}", parameters)
    assert response.status_code in (200, 302, 400, 404, 422), response.content[:500]
    if response.status_code >= 400:
        assert response["Content-Type"] == "application/problem+json"
        assert response.json()["detail"]


@hostile
@given(
    path=st.sampled_from(["/api/forms/mine/", "/api/outputs/shared/", "/api/forms/templates/{template}/"]),
    parameters=st.dictionaries(st.sampled_from(["limit", "offset", "lang"]) | unknown_names, form_values, max_size=3),
)
def test_querying_our_api(client, form_templates, path, parameters):
    headers = bearer("staff")
    response = client.get(path.format(template=form_templates[0].pk), parameters, **headers)
    assert response.status_code in (200, 400, 404, 422), response.content[:500]
    if response.status_code != 200 and not has_nul(parameters):
        assert_api_refusal(response)


# The language switcher


@hostile
@given(
    language=hostile_text | st.sampled_from(["el", "de"]),
    # Short: Django deems a very long address unsafe as a whole, which would hide what this checks.
    next_url=short_hostile_text
    | st.sampled_from(
        ["/el/", "//evil.example.org/", "https://evil.example.org/", "javascript:alert(1)", "/\\evil.example.org"]
    ),
)
def test_switching_language(client, language, next_url):
    response = client.post("/i18n/setlang/", {"language": language, "next": next_url}, HTTP_ACCEPT="text/html")
    assert response.status_code == 302
    assert url_has_allowed_host_and_scheme(response["Location"], allowed_hosts={"testserver"})


@hostile
@given(
    language=st.sampled_from(["en", "el", "cs", "de", "es"]),
    path=st.lists(hostile_text, max_size=3),
    query=st.dictionaries(unknown_names, form_values, max_size=3),
    accept_language=st.text(alphabet=st.characters(max_codepoint=255, exclude_characters="\x00\r\n")),
)
def test_any_address_renders_the_language_switcher_or_a_clear_error(client, language, path, query, accept_language):
    address = f"/{language}/" + "".join(quote(segment, safe="") + "/" for segment in path if segment)
    response = client.get(address, query, HTTP_ACCEPT_LANGUAGE=accept_language)
    if has_nul([path, query]):
        assert response.status_code == 400
    else:
        assert response.status_code in (200, 301, 302, 404)
