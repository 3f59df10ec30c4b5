"""Stage 1's "Suggested calendar of mentoring sessions" and the sessions, kept in step both ways: saving the
mentor's calendar plans, moves and removes the sessions of its rows; planning, moving and cancelling a session
writes the calendar's rows again. Bad rows are refused, and nothing is stored."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from wagtail.models import APIToken

from forms_library import filling
from forms_library.forms import answers_to_form_data
from forms_library.models import FormTemplatePage
from mentoring import sessions
from mentoring.models import MentoringRelationship, MentoringSession, StageForm

pytestmark = pytest.mark.django_db

START = datetime.datetime(2027, 3, 4, 13, 0, tzinfo=datetime.UTC)  # 15:00 in Athens


@pytest.fixture
def relationship(users):
    relationship = MentoringRelationship.objects.get(mentor=users["mentor"])
    relationship.sessions.all().delete()
    return relationship


@pytest.fixture
def calendar(users, relationship):
    return sessions.start_calendar_form(user=users["mentor"], relationship=relationship, language="en")


def rows(calendar):
    calendar.refresh_from_db()
    return [row for row in calendar.answers.get("sessions", []) if any(row)]


def save_rows(user, calendar, table):
    answers = {**calendar.answers, "sessions": table}
    return filling.save_draft(user=user, filled_form=calendar, answers=answers)


def test_the_calendar_is_the_relationships_and_tied_to_stage_1(users, relationship, calendar):
    relationship.refresh_from_db()
    assert relationship.calendar == calendar
    assert StageForm.objects.get(filled_form=calendar).stage == 1
    # Asked again while a draft: the same calendar.
    assert sessions.start_calendar_form(user=users["mentor"], relationship=relationship, language="en") == calendar


def test_planning_moving_and_cancelling_a_session_writes_the_calendars_rows(users, relationship, calendar):
    mentor = users["mentor"]
    assert rows(calendar) == []
    session = sessions.plan(user=mentor, relationship=relationship, date=START, topic="Getting to know each other")
    assert rows(calendar) == [["2027-03-04 15:00", "Getting to know each other", "", "In person"]]
    session.refresh_from_db()
    assert session.calendar_row == 0

    earlier = sessions.plan(
        user=mentor,
        relationship=relationship,
        date=START - datetime.timedelta(days=2),
        topic="The agreement",
        session_format="online",
        online_link="https://meet.example.org/q-ser",
    )
    assert rows(calendar) == [
        ["2027-03-02 15:00", "The agreement", "https://meet.example.org/q-ser", "Online"],
        ["2027-03-04 15:00", "Getting to know each other", "", "In person"],
    ]
    session.refresh_from_db()
    earlier.refresh_from_db()
    assert (earlier.calendar_row, session.calendar_row) == (0, 1)

    sessions.change(user=mentor, session=session, date=START + datetime.timedelta(days=7), place="Town hall")
    assert rows(calendar)[1] == ["2027-03-11 15:00", "Getting to know each other", "Town hall", "In person"]

    sessions.cancel_meeting(user=mentor, session=earlier, occurrence=earlier.date)
    assert rows(calendar) == [["2027-03-11 15:00", "Getting to know each other", "Town hall", "In person"]]
    session.refresh_from_db()
    assert session.calendar_row == 0


def test_a_series_is_expanded_in_the_calendar_and_its_rows_are_left_to_it(users, relationship, calendar):
    mentor = users["mentor"]
    series = sessions.plan(
        user=mentor, relationship=relationship, date=START, topic="Group", rrule="FREQ=MONTHLY;COUNT=2"
    )
    table = rows(calendar)
    assert [row[0] for row in table] == ["2027-03-04 15:00", "2027-04-04 15:00"]
    series.refresh_from_db()
    assert series.calendar_row is None
    # Saved as it is, the calendar plans nothing more: its rows are the series' meetings.
    save_rows(mentor, calendar, table)
    assert relationship.sessions.count() == 1


def test_saving_the_calendar_plans_moves_and_removes_sessions(users, relationship, calendar):
    mentor = users["mentor"]
    save_rows(
        mentor,
        calendar,
        [
            ["2027-03-04 15:00", "Relationship and contract", "Town hall, room 2", "In person"],
            ["2027-03-18 15:00", "Goals", "https://meet.example.org/q-ser", ""],
        ],
    )
    first, second = relationship.sessions.order_by("date")
    assert (first.date, first.topic, first.place, first.session_format, first.calendar_row) == (
        START,
        "Relationship and contract",
        "Town hall, room 2",
        "in_person",
        0,
    )
    assert (second.online_link, second.session_format) == ("https://meet.example.org/q-ser", "online")
    assert second.stage == relationship.current_stage

    # Row 1 emptied (a stored table drops it), row 2 a week later: the first session goes, the second moves.
    save_rows(mentor, calendar, [["2027-03-25 10:30", "Goals", "https://meet.example.org/q-ser", "Online"]])
    (moved,) = relationship.sessions.all()
    assert moved.pk == second.pk
    assert moved.date == datetime.datetime(2027, 3, 25, 8, 30, tzinfo=datetime.UTC)
    assert moved.calendar_row == 0
    # A row added at the end, the rows in another order: each session is found by its time.
    save_rows(
        mentor,
        calendar,
        [["2027-04-01 10:00", "Practice", "", ""], ["2027-03-25 10:30", "Goals", "https://meet.example.org/q-ser", ""]],
    )
    assert relationship.sessions.get(topic="Goals").pk == second.pk
    assert relationship.sessions.get(topic="Practice").calendar_row == 0


def test_a_format_in_the_calendars_language_is_understood(users, relationship, calendar):
    save_rows(users["mentor"], calendar, [["2027-03-04 15:00", "Ziele", "https://meet.example.org/x", "Online"]])
    save_rows(users["mentor"], calendar, [["2027-03-04 15:00", "Ziele", "Rathaus", "Vor Ort"]])
    assert relationship.sessions.get().session_format == "in_person"


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (["4 March", "Goals", "", ""], "Row 2: write the date and time like 2027-03-15 14:00."),
        (["2027-03-04 15:00", "", "", ""], "Row 2: give the session's topic."),
        (["2027-03-04 15:00", "Goals", "", "by pigeon"], "Row 2: the format is in person or online."),
        (["2027-03-04 15:00", "Goals", "", "Online"], "Give the link of an online session."),
    ],
)
def test_bad_rows_are_refused_and_nothing_is_stored(users, relationship, calendar, row, message):
    mentor = users["mentor"]
    save_rows(mentor, calendar, [["2027-03-01 09:00", "Start", "", ""]])
    before = rows(calendar)
    with pytest.raises(filling.AnswersInvalid) as refused:
        save_rows(mentor, calendar, [["2027-03-02 09:00", "Moved", "", ""], row])
    assert message in " ".join(str(error) for error in refused.value.form.errors["sessions"])
    assert rows(calendar) == before
    (session,) = relationship.sessions.all()
    assert (session.topic, session.date.day) == ("Start", 1)


def test_the_site_shows_a_bad_row_at_the_table_and_stores_nothing(client, users, relationship, calendar):
    client.force_login(users["mentor"])
    answers = {**calendar.answers, "sessions": [["tomorrow", "Goals", "", ""]]}
    data = dict(answers_to_form_data(calendar.definitions, answers).lists())
    response = client.post(f"/en/forms/mine/{calendar.pk}/", {**data, "action": "save_draft"})
    assert response.status_code == 400
    assert "Row 1: write the date and time like 2027-03-15 14:00." in response.content.decode()
    assert rows(calendar) == [] and not relationship.sessions.exists()


def test_a_held_session_keeps_its_row(users, relationship, calendar):
    mentor = users["mentor"]
    session = sessions.plan(user=mentor, relationship=relationship, date=START, topic="Held")
    sessions.record_attendance(user=mentor, session=session, occurrence=START, people=[mentor])
    with pytest.raises(filling.AnswersInvalid) as refused:
        save_rows(mentor, calendar, [])
    assert "was held: keep its row" in str(refused.value.form.errors["sessions"])
    assert relationship.sessions.filter(pk=session.pk).exists()


def test_a_completed_calendar_stays_as_it_was_completed(users, relationship, calendar):
    mentor = users["mentor"]
    sessions.plan(user=mentor, relationship=relationship, date=START, topic="Before")
    calendar.refresh_from_db()
    filling.complete(user=mentor, filled_form=calendar, answers=calendar.answers)
    sessions.plan(user=mentor, relationship=relationship, date=START + datetime.timedelta(days=1), topic="After")
    assert [row[1] for row in rows(calendar)] == ["Before"]
    # Started again, a new draft with every session: the relationship's calendar now.
    again = sessions.start_calendar_form(user=mentor, relationship=relationship, language="en")
    assert again != calendar and [row[1] for row in rows(again)] == ["Before", "After"]
    relationship.refresh_from_db()
    assert relationship.calendar == again


def test_a_mentees_calendar_plans_nothing(users, relationship, calendar):
    mentee = users["mentee"]
    own = filling.start(user=mentee, template=calendar.template, answers={"relationship": "Mine"})
    save_rows(mentee, own, [["2027-03-04 15:00", "Mine", "", ""]])
    assert not relationship.sessions.exists()
    with pytest.raises(PermissionDenied):
        sessions.sync_from_calendar(user=mentee, relationship=relationship, calendar=own)


def test_the_calendar_started_from_the_stage_page_becomes_the_relationships(client, users, relationship):
    MentoringRelationship.objects.filter(pk=relationship.pk).update(calendar=None)
    existing = MentoringSession.objects.create(relationship=relationship, date=START, topic="Already planned")
    template = FormTemplatePage.objects.get(
        source_name=sessions.CALENDAR_NAME, locale__language_code="en", alias_of__isnull=True
    )
    client.force_login(users["mentor"])
    answers = {
        "relationship": "Us",
        "sessions": [["2027-03-04 15:00", "Already planned", "", ""], ["2027-03-11 15:00", "Next", "", ""]],
    }
    data = dict(answers_to_form_data(template.definitions, answers).lists())
    response = client.post(
        f"{template.url}fill/?relationship={relationship.pk}&stage=1", {**data, "action": "save_draft"}
    )
    assert response.status_code == 302
    relationship.refresh_from_db()
    assert relationship.calendar.owner == users["mentor"]
    planned = list(relationship.sessions.order_by("date").values_list("pk", "topic", "calendar_row"))
    assert planned == [(existing.pk, "Already planned", 0), (planned[1][0], "Next", 1)]


def test_the_session_record_is_tied_to_the_stage_and_names_the_next_meeting(users, relationship):
    mentor = users["mentor"]
    session = sessions.plan(user=mentor, relationship=relationship, stage=2, date=START, topic="Goals")
    sessions.plan(user=mentor, relationship=relationship, date=START + datetime.timedelta(days=14), topic="Then")
    record = sessions.start_record(user=mentor, session=session, language="en")
    assert record.answers["next_meeting"] == "2027-03-18"
    assert StageForm.objects.get(filled_form=record).stage == 2


def test_the_calendar_says_it_is_in_step_with_the_sessions_to_its_mentor_alone(client, users, relationship, calendar):
    client.force_login(users["mentor"])
    page = client.get(f"/de/forms/mine/{calendar.pk}/").content.decode()
    assert "Dies ist der Zeitplan der Sitzungen dieser Beziehung" in page
    other = filling.start(user=users["mentor"], template=calendar.template, answers={"relationship": "Other"})
    assert "calendar-in-step" not in client.get(f"/en/forms/mine/{other.pk}/").content.decode()


def test_the_api_moves_the_sessions_and_refuses_a_bad_row_with_a_problem(client, users, relationship, calendar):
    _token, plaintext = APIToken.create_token(user=users["mentor"], name="calendar")
    bearer = {"HTTP_AUTHORIZATION": f"Bearer {plaintext}"}

    def patch(table):
        body = {"answers": {"sessions": table}}
        return client.patch(
            f"/api/forms/mine/{calendar.pk}/", body, content_type="application/merge-patch+json", **bearer
        )

    assert patch([["2027-03-04 15:00", "Goals", "", ""]]).status_code == 200
    assert relationship.sessions.get().topic == "Goals"
    refused = patch([["2027-03-04 15:00", "Goals", "", ""], ["soon", "More", "", ""]])
    assert refused.status_code == 422
    assert "Row 2: write the date and time like 2027-03-15 14:00." in refused.content.decode()
    assert relationship.sessions.count() == 1 and len(rows(calendar)) == 1
