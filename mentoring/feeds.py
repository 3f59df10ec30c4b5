"""A person's sessions as an iCalendar feed (RFC 5545, written by the icalendar library) behind a secret, revocable
address, so that they appear in Outlook or Thunderbird; and the reminders before each meeting.

Each session is one event: a series keeps its RRULE and EXDATEs (calendar programs expand them), its start in the
zone it is planned in (its department's), with that zone's VTIMEZONE, so a series keeps its wall-clock time across
a change of the clocks; the feed names the reader's own zone (X-WR-TIMEZONE), which calendar programs show it in.
"""

import datetime
import zoneinfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vRecur

from home.mail import display_name
from home.tasks import retried_task

from . import sessions
from .models import CalendarFeed, MentoringSession, SessionReminder

PRODID = "-//Q-SER Mentoring Hub//Sessions//EN"
UID_DOMAIN = "qser-hub.example.org"
# How long before a meeting its reminder goes out; the command runs every few minutes.
REMINDER_LEAD = datetime.timedelta(hours=getattr(settings, "SESSION_REMINDER_HOURS", 24))


# The secret address.


def feed_of(user):
    """The user's feed, created on first use."""
    feed, _created = CalendarFeed.objects.get_or_create(user=user)
    return feed


@transaction.atomic
def regenerate(*, user):
    """A new secret address; the old one stops working at once."""
    if not user.is_authenticated:
        raise PermissionDenied
    feed = feed_of(user)
    feed.token = CalendarFeed._meta.get_field("token").default()
    feed.save()
    return feed


def feed_path(feed):
    return reverse("calendar_feed", kwargs={"token": feed.token})


def feed_url(feed):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + feed_path(feed)


def user_for_token(token):
    feed = CalendarFeed.objects.select_related("user").filter(token=token, user__is_active=True).first()
    return feed.user if feed else None


# The feed.


def _absolute(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def session_event(session):
    relationship = session.relationship
    zone = zoneinfo.ZoneInfo(relationship.time_zone)
    start = session.date.astimezone(zone)
    event = Event()
    event.add("uid", f"session-{session.pk}@{UID_DOMAIN}")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", start)
    event.add("dtend", session.end_of(start))
    event.add("summary", f"{session.topic} ({_('mentoring session')})")
    if session.place or session.online_link:
        event.add("location", session.place or session.online_link)
    description = [
        session.get_stage_display(),
        _("Mentor: %(name)s") % {"name": display_name(relationship.mentor)},
    ]
    if session.agreed_topics:
        description.append(session.agreed_topics)
    if session.online_link:
        description.append(session.online_link)
    event.add("description", "\n".join(str(line) for line in description))
    event.add("url", _absolute(reverse("mentoring:session", args=[relationship.pk, session.pk])))
    if session.rrule:
        event.add("rrule", vRecur.from_ical(session.rrule))
        exdates = [datetime.datetime.fromisoformat(value).astimezone(zone) for value in session.exdates]
        if exdates:
            event.add("exdate", exdates)
    return event


def feed_for(user):
    """The user's sessions (as mentor or mentee) as an iCalendar document, in their language."""
    with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
        calendar = Calendar()
        calendar.add("prodid", PRODID)
        calendar.add("version", "2.0")
        calendar.add("calscale", "GREGORIAN")
        calendar.add("x-wr-calname", _("My mentoring sessions"))
        calendar.add("x-wr-timezone", user.time_zone or settings.TIME_ZONE)
        own = sessions.own_sessions(user).select_related("relationship__mentor", "relationship__department")
        for session in own.order_by("date", "pk"):
            calendar.add_component(session_event(session))
        calendar.add_missing_timezones()
        return calendar.to_ical()


# Reminders.


def due_meetings(now, lead=REMINDER_LEAD):
    """[(start, session)] of the meetings that start in (now, now + lead]."""
    candidates = MentoringSession.objects.filter(
        date__lte=now + lead,
        last_occurrence__gt=now,
        relationship__status="active",
    ).select_related("relationship__mentor", "relationship__department")
    return [
        (start, session)
        for start, session in sessions.meetings(candidates, after=now, before=now + lead)
        if start > now
    ]


def _send(person, session, start):
    zone = zoneinfo.ZoneInfo(person.time_zone or session.relationship.time_zone)
    with translation.override(person.preferred_language or settings.LANGUAGE_CODE), timezone.override(zone):
        context = {
            "user": person,
            "session": session,
            "start": start,
            "zone": zone.key,
            "url": _absolute(reverse("mentoring:session", args=[session.relationship_id, session.pk])),
        }
        body = render_to_string("mentoring/email/session_reminder.txt", context)
        subject = _("Reminder: mentoring session “%(topic)s”") % {"topic": session.topic}
        send_mail(subject, body, None, [person.email])


@retried_task()
def send_session_reminder(session_id, person_id, start):
    """One reminder, to one person, of one meeting (`start` in ISO 8601), on our task backend (home/tasks.py): the
    worker sends it, retries it while the mail server is down, and records it for the administrators if it fails
    for good. A session or person gone since it was queued is nobody's reminder any more."""
    session = MentoringSession.objects.filter(pk=session_id).select_related("relationship__mentor").first()
    person = get_user_model().objects.filter(pk=person_id, is_active=True).exclude(email="").first()
    if session is None or person is None:
        return 0
    _send(person, session, datetime.datetime.fromisoformat(start))
    return 1


def send_due_reminders(now=None, lead=REMINDER_LEAD):
    """Queue one reminder (a task per recipient) to each participant of each meeting starting within `lead`, never
    twice for the same meeting: the SessionReminder row, unique per person and meeting, and the queued task are
    written in the same transaction (the database backend's queue is a table of the same database), so a reminder
    is either recorded and queued or neither. Returns how many were queued."""
    now = now or timezone.now()
    queued = 0
    for start, session in due_meetings(now, lead):
        relationship = session.relationship
        for person in [relationship.mentor, *relationship.mentees.all()]:
            if not person.email or not person.is_active:
                continue
            try:
                with transaction.atomic():
                    SessionReminder.objects.create(session=session, person=person, occurrence=start)
                    send_session_reminder.enqueue(session.pk, person.pk, start.isoformat())
            except IntegrityError:
                continue  # queued already, by an earlier run
            queued += 1
    return queued
