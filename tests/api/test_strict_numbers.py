"""Strict types in every body: a stage, an id or a count sent as `true`, `false`, a text or a float is refused
with a 422 naming the member (pydantic would read `true` as 1 and "2" as 2), before anything is looked up, and
nothing is stored. The practices' own bodies are tested in test_practice_drafts.py and test_attachments.py."""

import pytest

from tests.api.test_attachments import bearer
from tests.factories import MemberFactory
from tests.security.test_hostile_input import stored

pytestmark = pytest.mark.django_db

SESSION = {"stage": 2, "date": "2031-03-04T15:00:00+02:00", "topic": "Goals"}
POOL_REQUEST = {"department_id": 1, "wants_to_learn": "Letters", "languages": ["en"]}
OUTPUT = {"relationship_id": 1, "filled_form_id": 1, "stage": 1, "target_department_ids": [1]}

CASES = [
    ("post", "/api/mentoring/relationships/1/sessions/", SESSION, "stage"),
    ("post", "/api/mentoring/relationships/1/sessions/", SESSION, "duration_minutes"),
    ("patch", "/api/mentoring/sessions/1/", {}, "stage"),
    ("patch", "/api/mentoring/sessions/1/", {}, "duration_minutes"),
    ("post", "/api/outputs/", OUTPUT, "stage"),
    ("post", "/api/outputs/", OUTPUT, "relationship_id"),
    ("post", "/api/outputs/", OUTPUT, "filled_form_id"),
    ("post", "/api/pool/requests/", POOL_REQUEST, "department_id"),
    ("post", "/api/pool/requests/", POOL_REQUEST, "sessions_per_month"),
    ("post", "/api/pool/requests/", POOL_REQUEST, "years_of_service"),
    ("post", "/api/pool/matches/", {"request_id": 1, "offer_id": 1}, "request_id"),
    ("post", "/api/pool/matches/", {"request_id": 1, "offer_id": 1}, "offer_id"),
    ("post", "/api/forms/mine/", {"template_id": 1}, "template_id"),
    ("post", "/api/practices/drafts/", {"language": "en"}, "stage"),
]


@pytest.mark.parametrize("value", [True, "2"])
@pytest.mark.parametrize(("method", "url", "body", "member"), CASES, ids=[f"{c[1]} {c[3]}" for c in CASES])
def test_a_number_member_takes_only_a_json_integer(client, method, url, body, member, value):
    headers = bearer(MemberFactory())
    content_type = "application/merge-patch+json" if method == "patch" else "application/json"
    before = stored()
    response = getattr(client, method)(url, {**body, member: value}, content_type=content_type, **headers)
    assert response.status_code == 422, response.content[:300]
    assert response["Content-Type"] == "application/problem+json"
    errors = response.json()["errors"]
    assert [error["loc"][-1] for error in errors] == [member], errors
    assert stored() == before


def test_the_target_department_ids_take_only_integers(client):
    response = client.post(
        "/api/outputs/",
        {**OUTPUT, "target_department_ids": [True]},
        content_type="application/json",
        **bearer(MemberFactory()),
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"][-2:] == ["target_department_ids", 0]


@pytest.mark.parametrize("value", [False, 2.0, 2.5])
def test_a_stage_is_not_a_boolean_nor_a_float(client, value):
    response = client.post(
        "/api/mentoring/relationships/1/sessions/",
        {**SESSION, "stage": value},
        content_type="application/json",
        **bearer(MemberFactory()),
    )
    assert response.status_code == 422
    assert [error["loc"][-1] for error in response.json()["errors"]] == ["stage"]
