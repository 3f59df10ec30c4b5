"""A person's calendar: their meetings on the site, their iCalendar feed behind a secret address (parsed back with
icalendar: events, repetition rule, exceptions, time zone), and the reminders the command sends once per meeting,
in each recipient's language and time zone."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from icalendar import Calendar

from mentoring import feeds, sessions
from mentoring.models import CalendarFeed, MentoringRelationship, SessionReminder

pytestmark = pytest.mark.django_db

START = datetime.datetime(2027, 3, 4, 13, 0, tzinfo=datetime.UTC)  # 15:00 in Athens


@pytest.fixture
def relationship(users):
    return MentoringRelationship.objects.get(mentor=users["mentor"])


@pytest.fixture
def series(users, relationship):
    session = sessions.plan(
        user=users["mentor"],
        relationship=relationship,
        stage=2,
        date=START,
        duration_minutes=90,
        topic="Group goals",
        place="Town hall",
        rrule="FREQ=WEEKLY;INTERVAL=2;COUNT=4",
    )
    return sessions.cancel_meeting(user=users["mentor"], session=session, occurrence=session.occurrences()[1])


def feed_of(client, user):
    feed = feeds.feed_of(user)
    response = client.get(f"/calendar/{feed.token}.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def test_the_feed_parses_back_with_its_events_rule_exceptions_and_time_zone(client, users, series):
    calendar = feed_of(client, users["mentee"])
    events = {str(event["uid"]): event for event in calendar.walk("VEVENT")}
    event = events[f"session-{series.pk}@{feeds.UID_DOMAIN}"]
    start = event.decoded("dtstart")
    assert start == START and str(start.tzinfo) == "Europe/Athens" and start.hour == 15
    assert event.decoded("dtend") - start == datetime.timedelta(minutes=90)
    assert event["rrule"]["FREQ"] == ["WEEKLY"] and event["rrule"]["COUNT"] == [4]
    exdates = [moment.dt for moment in event["exdate"].dts]
    assert exdates == [datetime.datetime(2027, 3, 18, 13, 0, tzinfo=datetime.UTC)]
    assert str(event["location"]) == "Town hall"
    assert "Europe/Athens" in [str(zone["tzid"]) for zone in calendar.walk("VTIMEZONE")]
    assert str(calendar["x-wr-timezone"]) == users["mentee"].time_zone
    # The cast's three single sessions are there too.
    assert len(events) == 4


def test_the_feed_is_in_its_owners_language(client, users, series):
    calendar = feed_of(client, users["mentee"])  # Czech
    assert str(calendar["x-wr-calname"]) == "Moje mentorská setkání"


def test_the_feed_holds_only_the_owners_sessions(client, users, series):
    calendar = feed_of(client, users["staff"])
    assert calendar.walk("VEVENT") == []
    calendar = feed_of(client, users["reviewer"])  # reviews the department, takes part in no session
    assert calendar.walk("VEVENT") == []


def test_regenerating_revokes_the_old_address(client, users):
    old = feeds.feed_of(users["mentor"]).token
    client.force_login(users["mentor"])
    assert client.post("/en/mentoring/calendar/").status_code == 302
    new = CalendarFeed.objects.get(user=users["mentor"]).token
    assert new != old
    client.logout()
    assert client.get(f"/calendar/{old}.ics").status_code == 404
    assert client.get(f"/calendar/{new}.ics").status_code == 200


def test_an_unknown_token_is_not_found(client):
    assert client.get("/calendar/not-a-token.ics").status_code == 404


def test_the_calendar_page_lists_the_coming_meetings_and_the_feed_address(client, users, relationship):
    client.force_login(users["mentee"])
    response = client.get("/en/mentoring/calendar/")
    assert response.status_code == 200
    page = response.content.decode()
    assert feeds.feed_of(users["mentee"]).token in page
    assert page.count("/sessions/") >= 3  # the cast's three sessions of the coming weeks


def test_the_calendar_page_needs_sign_in(client):
    response = client.get("/en/mentoring/calendar/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_reminders_go_once_per_meeting_in_each_recipients_language_and_zone(users, series):
    now = datetime.datetime(2027, 3, 31, 13, 0, tzinfo=datetime.UTC)  # a day before the third meeting
    users["mentee"].time_zone = "Europe/Prague"
    users["mentee"].save()
    mail.outbox.clear()
    assert feeds.send_due_reminders(now=now) == 2  # the mentor and the mentee
    assert feeds.send_due_reminders(now=now + datetime.timedelta(minutes=5)) == 0
    by_recipient = {message.to[0]: message for message in mail.outbox}
    czech = by_recipient[users["mentee"].email]
    assert "Group goals" in czech.subject and "Připomínka" in czech.subject
    # 1 April, 15:00 in Athens; the mentee's zone is Prague's (14:00 there).
    assert "14:00" in czech.body
    assert SessionReminder.objects.filter(session=series).count() == 2


def test_no_reminder_for_a_cancelled_meeting(users, series):
    before_cancelled = datetime.datetime(2027, 3, 17, 14, 0, tzinfo=datetime.UTC)
    mail.outbox.clear()
    assert feeds.send_due_reminders(now=before_cancelled) == 0


def test_the_command_sends_the_reminders(users, series):
    mail.outbox.clear()
    call_command("send_session_reminders")  # nothing due now: runs and says so
    assert mail.outbox == []


def test_each_reminder_is_a_task_per_recipient_queued_with_its_record(users, series, settings):
    """On the database backend (production), the command queues one task per recipient in the transaction that
    records the reminder, and sends nothing itself: the worker does."""
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {**settings.TASKS, "qser": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    now = datetime.datetime(2027, 3, 31, 13, 0, tzinfo=datetime.UTC)
    mail.outbox.clear()
    assert feeds.send_due_reminders(now=now) == 2
    assert mail.outbox == []
    queued = DBTaskResult.objects.filter(task_path="mentoring.feeds.send_session_reminder")
    assert sorted(row.args_kwargs["args"][1] for row in queued) == sorted([users["mentor"].pk, users["mentee"].pk])
    assert {row.args_kwargs["args"][2] for row in queued} == {"2027-04-01T12:00:00+00:00"}
    assert feeds.send_due_reminders(now=now) == 0  # recorded: queued once
    assert queued.count() == 2


def test_a_queued_reminder_whose_session_is_gone_sends_nothing(users, series):
    session_id, mentor_id = series.pk, users["mentor"].pk
    series.delete()
    mail.outbox.clear()
    feeds.send_session_reminder.enqueue(session_id, mentor_id, "2027-04-01T12:00:00+00:00")
    assert mail.outbox == []


def test_the_clock_sends_the_reminders_due_soon(users, relationship):
    """`run_clock --once` runs each job once; the session reminders are among them."""
    from django.utils import timezone

    sessions.plan(
        user=users["mentor"],
        relationship=relationship,
        stage=2,
        date=timezone.now() + datetime.timedelta(hours=2),
        duration_minutes=60,
        topic="Clockwork",
        place="Town hall",
    )
    mail.outbox.clear()
    call_command("run_clock", "--once", stdout=io.StringIO())
    assert sorted(m.to[0] for m in mail.outbox if "Clockwork" in m.subject) == sorted(
        [users["mentor"].email, users["mentee"].email]
    )
    assert SessionReminder.objects.filter(session__topic="Clockwork").count() == 2
