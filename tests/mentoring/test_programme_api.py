"""The API of running a relationship: sessions (list, plan, change), the calendar feed's address (and a new one), a
stage's status and its confirmation; each with the site's permission rules, errors as problem+json."""

import json

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import APIToken

from mentoring import sessions
from mentoring.models import CalendarFeed, MentoringRelationship, StageConfirmation

pytestmark = pytest.mark.django_db

SESSION = {
    "stage": 2,
    "date": "2027-03-04T15:00:00+02:00",
    "duration_minutes": 90,
    "topic": "Goals and plan",
    "rrule": "FREQ=WEEKLY;INTERVAL=2;COUNT=3",
}


def bearer(username):
    _token, plaintext = APIToken.create_token(user=get_user_model().objects.get(username=username), name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {plaintext}"}


@pytest.fixture
def relationship(users):
    return MentoringRelationship.objects.get(mentor=users["mentor"])


def post(client, url, body, username):
    return client.post(url, json.dumps(body), content_type="application/json", **bearer(username))


@pytest.mark.parametrize("username, status", [("mentor", 201), ("mentee", 403), ("reviewer", 403), ("staff", 404)])
def test_planning_a_session_per_role(client, users, relationship, username, status):
    response = post(client, f"/api/mentoring/relationships/{relationship.pk}/sessions/", SESSION, username)
    assert response.status_code == status
    if status == 201:
        body = response.json()
        assert body["meetings"] == ["2027-03-04T13:00:00Z", "2027-03-18T13:00:00Z", "2027-04-01T12:00:00Z"]
    else:
        assert response["Content-Type"] == "application/problem+json"


def test_a_bad_rule_is_a_422_at_its_member_and_stores_nothing(client, users, relationship):
    before = relationship.sessions.count()
    response = post(
        client,
        f"/api/mentoring/relationships/{relationship.pk}/sessions/",
        {**SESSION, "rrule": "FREQ=WEEKLY"},
        "mentor",
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["body", "rrule"]
    assert relationship.sessions.count() == before


@pytest.mark.parametrize("username, status", [("mentor", 200), ("mentee", 200), ("reviewer", 200), ("staff", 404)])
def test_listing_sessions_per_role(client, users, relationship, username, status):
    response = client.get(f"/api/mentoring/relationships/{relationship.pk}/sessions/", **bearer(username))
    assert response.status_code == status
    if status == 200:
        assert response.json()["count"] == relationship.sessions.count()


def test_the_private_note_is_named_to_its_author_only(client, users, relationship):
    session = relationship.sessions.first()
    note = sessions.start_private_note(user=users["mentor"], session=session, language="en")
    url = f"/api/mentoring/relationships/{relationship.pk}/sessions/"
    mine = {item["id"]: item for item in client.get(url, **bearer("mentor")).json()["items"]}
    assert mine[session.pk]["private_note_id"] == note.pk
    for username in ("mentee", "reviewer", "admin"):
        theirs = {item["id"]: item for item in client.get(url, **bearer(username)).json()["items"]}
        assert theirs[session.pk]["private_note_id"] is None


@pytest.mark.parametrize("username, status", [("mentor", 200), ("mentee", 403), ("reviewer", 403), ("staff", 404)])
def test_changing_a_session_per_role(client, users, relationship, username, status):
    session = relationship.sessions.first()
    response = client.patch(
        f"/api/mentoring/sessions/{session.pk}/",
        json.dumps({"topic": "Roles and rules"}),
        content_type="application/merge-patch+json",
        **bearer(username),
    )
    assert response.status_code == status
    session.refresh_from_db()
    assert (session.topic == "Roles and rules") == (status == 200)


def test_the_calendar_feed_address_and_a_new_one(client, users):
    first = client.get("/api/mentoring/calendar-feed/", **bearer("mentee")).json()["url"]
    assert first.endswith(f"/calendar/{CalendarFeed.objects.get(user=users['mentee']).token}.ics")
    second = post(client, "/api/mentoring/calendar-feed/regenerate/", {}, "mentee").json()["url"]
    assert second != first
    assert client.get("/api/mentoring/calendar-feed/").status_code == 401


@pytest.mark.parametrize("username, status", [("mentor", 200), ("mentee", 200), ("reviewer", 200), ("staff", 404)])
def test_stage_status_per_role(client, users, relationship, username, status):
    response = client.get(f"/api/mentoring/relationships/{relationship.pk}/stages/1/", **bearer(username))
    assert response.status_code == status
    if status == 200:
        body = response.json()
        assert body["is_current"] and not body["is_done"]
        assert {item["person"] for item in body["confirmations"]} == {"Maria Papadopoulou", "Jan Novák"}


@pytest.mark.parametrize("username, status", [("mentee", 200), ("reviewer", 403), ("staff", 404)])
def test_confirming_a_stage_per_role(client, users, relationship, username, status):
    response = post(client, f"/api/mentoring/relationships/{relationship.pk}/stages/1/confirm/", {}, username)
    assert response.status_code == status
    assert StageConfirmation.objects.filter(relationship=relationship, stage=1).exists() == (status == 200)


def test_confirming_a_later_stage_is_a_422(client, users, relationship):
    response = post(client, f"/api/mentoring/relationships/{relationship.pk}/stages/3/confirm/", {}, "mentee")
    assert response.status_code == 422
