"""Sessions: the mentor plans them (once or repeating by an RFC 5545 rule with exceptions), records who came and
starts the session's record (prefilled) and their private note (an entry of their diary, seen by them alone);
mentees and reviewers see the sessions, never the note."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from forms_library.models import FilledForm
from forms_library.permissions import visible_filled_form
from mentoring import sessions
from mentoring.models import MentoringRelationship, MentoringSession, SessionAttendance
from tests.factories import GroupRelationshipFactory, MentoringSessionFactory, mentee_of

pytestmark = pytest.mark.django_db

START = datetime.datetime(2027, 3, 4, 13, 0, tzinfo=datetime.UTC)  # 15:00 in Athens


@pytest.fixture
def relationship(users):
    return MentoringRelationship.objects.get(mentor=users["mentor"])


def plan_data(**overrides):
    data = {
        "stage": 1,
        "date": "2027-03-04T15:00",
        "duration_minutes": 90,
        "topic": "Getting to know each other",
        "agreed_topics": "Rules, roles, the agreement",
        "place": "Town hall, room 2",
        "online_link": "",
        "session_format": "in_person",
        "rrule": "FREQ=WEEKLY;INTERVAL=2;COUNT=4",
    }
    return {**data, **overrides}


def test_the_mentor_plans_a_repeating_session_in_their_own_time_zone(client, users, relationship):
    client.force_login(users["mentor"])  # Europe/Athens (Greek)
    response = client.post(f"/en/mentoring/{relationship.pk}/", plan_data())
    assert response.status_code == 302
    session = relationship.sessions.get(topic="Getting to know each other")
    assert session.date == START
    assert session.duration_minutes == 90
    assert [start.isoformat() for start in session.occurrences()] == [
        "2027-03-04T13:00:00+00:00",
        "2027-03-18T13:00:00+00:00",
        # Athens changes its clocks on 28 March: still 15:00 there.
        "2027-04-01T12:00:00+00:00",
        "2027-04-15T12:00:00+00:00",
    ]
    assert session.last_occurrence == datetime.datetime(2027, 4, 15, 12, 0, tzinfo=datetime.UTC)


@pytest.mark.parametrize(
    "rrule, message",
    [
        ("FREQ=FORTNIGHTLY;COUNT=3", "not one of RFC 5545"),
        ("FREQ=WEEKLY", "A repetition must end"),
        ("FREQ=DAILY;COUNT=500", "at most 120 meetings"),
    ],
)
def test_a_bad_rule_is_refused_with_a_clear_error_and_nothing_is_stored(client, users, relationship, rrule, message):
    client.force_login(users["mentor"])
    before = MentoringSession.objects.count()
    response = client.post(f"/en/mentoring/{relationship.pk}/", plan_data(rrule=rrule))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert MentoringSession.objects.count() == before


def test_the_rule_error_is_translated(client, users, relationship):
    client.force_login(users["mentor"])
    response = client.post(f"/de/mentoring/{relationship.pk}/", plan_data(rrule="FREQ=WEEKLY"))
    assert response.status_code == 400
    assert "Eine Wiederholung muss enden" in response.content.decode()


def test_an_online_session_needs_its_link(users, relationship):
    with pytest.raises(ValidationError) as refused:
        sessions.plan(
            user=users["mentor"], relationship=relationship, date=START, topic="Online", session_format="online"
        )
    assert "online_link" in refused.value.message_dict


def test_only_the_mentor_plans_and_changes(client, users, relationship):
    for name in ("mentee", "reviewer"):
        client.force_login(users[name])
        assert client.post(f"/en/mentoring/{relationship.pk}/", plan_data()).status_code == 403
    session = relationship.sessions.first()
    with pytest.raises(PermissionDenied):
        sessions.change(user=users["mentee"], session=session, topic="Mine now")
    client.force_login(users["mentee"])
    response = client.post(f"/en/mentoring/{relationship.pk}/sessions/{session.pk}/", plan_data(rrule=""))
    assert response.status_code == 403
    client.force_login(users["mentor"])
    response = client.post(
        f"/en/mentoring/{relationship.pk}/sessions/{session.pk}/", plan_data(rrule="", topic="Roles and rules")
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.topic == "Roles and rules"


@pytest.mark.parametrize(
    "name, status",
    [("mentor", 200), ("mentee", 200), ("reviewer", 200), ("admin", 200), ("staff", 404), ("other_mentor", 404)],
)
def test_who_sees_a_session_page(client, users, relationship, name, status):
    session = relationship.sessions.first()
    client.force_login(users[name])
    assert client.get(f"/en/mentoring/{relationship.pk}/sessions/{session.pk}/").status_code == status


def test_a_signed_out_reader_is_sent_to_sign_in(client, relationship):
    session = relationship.sessions.first()
    response = client.get(f"/en/mentoring/{relationship.pk}/sessions/{session.pk}/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_private_note_is_an_entry_of_the_mentors_diary_seen_by_them_alone(client, users, relationship):
    session = relationship.sessions.first()
    client.force_login(users["mentor"])
    response = client.post(f"/en/mentoring/{relationship.pk}/sessions/{session.pk}/note/")
    assert response.status_code == 302
    session.refresh_from_db()
    note = session.private_note
    assert note.private and note.owner == users["mentor"]
    assert note.template.is_personal_notes  # the diary's template: one concept of private notes
    assert note.answers["entries"][0][1] == session.topic
    assert response["Location"].endswith(f"/forms/mine/{note.pk}/")
    page = client.get(f"/en/mentoring/{relationship.pk}/sessions/{session.pk}/").content.decode()
    assert f"/forms/mine/{note.pk}/" in page
    for name in ("mentee", "reviewer", "admin"):
        assert visible_filled_form(users[name], note.pk) is None
        client.force_login(users[name])
        page = client.get(f"/en/mentoring/{relationship.pk}/sessions/{session.pk}/").content.decode()
        assert f"/forms/mine/{note.pk}/" not in page
    client.force_login(users["mentee"])
    assert client.post(f"/en/mentoring/{relationship.pk}/sessions/{session.pk}/note/").status_code == 403


def test_the_session_record_is_prefilled_from_the_session_and_linked_to_it(users, relationship):
    session = sessions.plan(
        user=users["mentor"],
        relationship=relationship,
        stage=2,
        date=START,
        duration_minutes=75,
        topic="Goals",
        agreed_topics="Short-term goals; needs analysis",
    )
    record = sessions.start_record(user=users["mentor"], session=session, language="en")
    assert record.answers["session_date"] == "2027-03-04"
    assert record.answers["duration_minutes"] == 75
    assert record.answers["topics"] == "Short-term goals; needs analysis"
    assert "Maria Papadopoulou" in record.answers["participants"]
    assert record.status == FilledForm.Status.DRAFT
    session.refresh_from_db()
    assert session.record == record
    # Asked again, the same record.
    assert sessions.start_record(user=users["mentor"], session=session, language="en") == record


def test_cancelling_one_meeting_of_a_series_adds_an_exdate(client, users, relationship):
    session = sessions.plan(
        user=users["mentor"], relationship=relationship, date=START, topic="Series", rrule="FREQ=MONTHLY;COUNT=3"
    )
    second = session.occurrences()[1]
    client.force_login(users["mentee"])
    url = f"/en/mentoring/{relationship.pk}/sessions/{session.pk}/cancel/"
    assert client.post(url, {"occurrence": second.isoformat()}).status_code == 403
    client.force_login(users["mentor"])
    assert client.post(url, {"occurrence": second.isoformat()}).status_code == 302
    session.refresh_from_db()
    assert second not in session.occurrences()
    assert len(session.occurrences()) == 2
    assert session.exdates == [second.isoformat()]


def test_attendance_of_each_mentee_of_a_group(users):
    relationship = GroupRelationshipFactory()
    session = MentoringSessionFactory(relationship=relationship, date=START, rrule="FREQ=MONTHLY;COUNT=2")
    mentees = list(relationship.mentees.order_by("pk"))
    sessions.record_attendance(
        user=relationship.mentor, session=session, occurrence=START, people=[relationship.mentor, *mentees[:3]]
    )
    assert set(SessionAttendance.objects.filter(session=session).values_list("person", flat=True)) == {
        relationship.mentor.pk,
        *[mentee.pk for mentee in mentees[:3]],
    }
    with pytest.raises(ValidationError):
        sessions.record_attendance(user=relationship.mentor, session=session, occurrence=START, people=[users["staff"]])
    with pytest.raises(PermissionDenied):
        sessions.record_attendance(user=mentee_of(relationship), session=session, occurrence=START, people=[])


def test_the_mentor_agrees_the_planned_end_and_the_sessions_of_each_stage(client, users, relationship):
    client.force_login(users["mentee"])
    url = f"/en/mentoring/{relationship.pk}/programme/"
    data = {"planned_end_date": "2027-06-30", "stage_1": "2", "stage_2": "4", "stage_5": "1"}
    assert client.post(url, data).status_code == 403
    client.force_login(users["mentor"])
    assert client.post(url, data).status_code == 302
    relationship.refresh_from_db()
    assert relationship.planned_end_date == datetime.date(2027, 6, 30)
    assert relationship.agreed_sessions == {"1": 2, "2": 4, "5": 1}
    html = client.get(f"/en/mentoring/{relationship.pk}/stage/2/").content.decode()
    assert "4 sessions agreed for this stage." in html
    client.post(url, {"planned_end_date": "2000-01-01"})
    relationship.refresh_from_db()
    assert relationship.planned_end_date == datetime.date(2027, 6, 30)  # before the start: refused, nothing stored


def test_the_stage_1_calendar_form_is_prefilled_from_the_planned_sessions(client, users, relationship):
    sessions.plan(
        user=users["mentor"], relationship=relationship, date=START, topic="Series", rrule="FREQ=MONTHLY;COUNT=2"
    )
    client.force_login(users["mentee"])
    assert client.post(f"/en/mentoring/{relationship.pk}/calendar-form/").status_code == 403
    client.force_login(users["mentor"])
    response = client.post(f"/en/mentoring/{relationship.pk}/calendar-form/")
    assert response.status_code == 302
    calendar = FilledForm.objects.filter(owner=users["mentor"]).latest("pk")
    assert calendar.template.source_name == "Suggested calendar of mentoring sessions"
    rows = calendar.answers["sessions"]
    assert ["2027-03-04 15:00", "Series", "", "In person"] in rows
    assert ["2027-04-04 15:00", "Series", "", "In person"] in rows  # the series expanded, at 15:00 in Athens
    assert len(rows) == relationship.sessions.count() + 1
