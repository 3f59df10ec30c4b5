"""Sessions: plan, change, cancel one meeting of a series, record who came, and start the forms that go with a
session (its record, prefilled from it, and the mentor's private note, an entry of their diary).

Each operation checks permission itself and writes in one transaction; it raises PermissionDenied or
ValidationError (translated), which the views and the API turn into their answers. Nothing partial is stored.

Who may do what: the mentor plans and changes the sessions of their relationships and writes their private note;
the mentees see the sessions; the reviewers of the relationship's department (and superusers, who run the
programme) see them too, but a private note is its author's alone: no listing names it to anyone else.
"""

import datetime
import zoneinfo

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from forms_library import filling
from forms_library.models import FormTemplatePage
from forms_library.provenance import SourceKind
from home.mail import display_name

from . import recurrence
from .models import MentoringRelationship, MentoringSession, SessionAttendance

# The report's names of the session record and of stage 1's calendar (synchronised, never translated, on every
# language's template).
SESSION_RECORD_NAME = "Suggested form for recording mentoring sessions"
CALENDAR_NAME = "Suggested calendar of mentoring sessions"

EDITABLE_FIELDS = (
    "stage",
    "date",
    "duration_minutes",
    "topic",
    "agreed_topics",
    "place",
    "online_link",
    "session_format",
    "rrule",
)


# Who sees and who acts.


def relationships_visible_to(user):
    if not user.is_authenticated:
        return MentoringRelationship.objects.none()
    if user.is_superuser:
        return MentoringRelationship.objects.all()
    return MentoringRelationship.objects.involving(user)


def sessions_visible_to(user):
    return MentoringSession.objects.filter(relationship__in=relationships_visible_to(user).values("pk"))


def own_sessions(user):
    """The sessions the user takes part in, as mentor or mentee: their calendar."""
    return MentoringSession.objects.filter(
        relationship__in=MentoringRelationship.objects.involving(user, as_reviewer=False).values("pk")
    )


def can_plan(user, relationship):
    return user.is_authenticated and relationship.mentor_id == user.pk


def can_see_private_note(user, session):
    """The note's author alone (forms_library keeps the note itself private to them as well)."""
    return session.private_note_id is not None and session.private_note.owner_id == user.pk


# Writes.


def _check_planner(user, relationship):
    if not can_plan(user, relationship):
        raise PermissionDenied(_("Only the mentor plans the sessions."))


def _validate(session):
    # Checked first: a series is expanded (in clean()) from its start.
    if isinstance(session.date, datetime.datetime) and not recurrence.EARLIEST <= session.date < recurrence.LATEST:
        raise ValidationError({"date": _("Give a date in this century.")})
    session.full_clean(exclude=["relationship", "record", "private_note"])
    if session.session_format == "online" and not session.online_link and not session.place:
        raise ValidationError({"online_link": _("Give the link of an online session.")})


@transaction.atomic
def plan(*, user, relationship, **fields):
    """A new session of `relationship` (fields among EDITABLE_FIELDS)."""
    _check_planner(user, relationship)
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    session = MentoringSession(relationship=relationship, **fields)
    _validate(session)
    session.save()
    return session


@transaction.atomic
def change(*, user, session, **fields):
    """The given fields of `session` changed; the rest stays."""
    session = MentoringSession.objects.select_for_update().select_related("relationship__department").get(pk=session.pk)
    _check_planner(user, session.relationship)
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    for name, value in fields.items():
        setattr(session, name, value)
    _validate(session)
    session.save()
    return session


@transaction.atomic
def cancel_meeting(*, user, session, occurrence):
    """One meeting of a series cancelled (an EXDATE); a single meeting is removed instead."""
    _check_planner(user, session.relationship)
    if occurrence not in session.occurrences():
        raise ValidationError({"occurrence": _("This session has no meeting at that time.")})
    if not session.rrule:
        session.delete()
        return None
    session.exdates = [*session.exdates, occurrence.astimezone(datetime.UTC).isoformat()]
    session.save()
    return session


@transaction.atomic
def record_attendance(*, user, session, occurrence, people):
    """Who came to one meeting: `people` among the relationship's mentor and mentees; replaces what was recorded."""
    relationship = session.relationship
    _check_planner(user, relationship)
    if occurrence not in session.occurrences():
        raise ValidationError({"occurrence": _("This session has no meeting at that time.")})
    participants = {relationship.mentor_id, *relationship.mentees.values_list("pk", flat=True)}
    if any(person.pk not in participants for person in people):
        raise ValidationError({"people": _("Only the mentor and the mentees of this relationship attend.")})
    SessionAttendance.objects.filter(session=session, occurrence=occurrence).delete()
    SessionAttendance.objects.bulk_create(
        SessionAttendance(session=session, person=person, occurrence=occurrence) for person in people
    )


def _template_in_language(queryset, language):
    """The live template of `queryset` in `language`, or the English one."""
    templates = queryset.live().filter(alias_of__isnull=True).select_related("locale")
    return templates.filter(locale__language_code=language).first() or templates.first()


def _local_date(session):
    """The meeting's date where it takes place."""
    return session.date.astimezone(zoneinfo.ZoneInfo(session.relationship.time_zone)).date()


@transaction.atomic
def start_record(*, user, session, language):
    """The session's record ("Suggested form for recording mentoring sessions"), prefilled from the session and
    linked to it, as a draft of the mentor's; an existing record is returned as it is."""
    session = MentoringSession.objects.select_for_update().get(pk=session.pk)
    _check_planner(user, session.relationship)
    if session.record_id is not None:
        return session.record
    template = _template_in_language(FormTemplatePage.objects.filter(source_name=SESSION_RECORD_NAME), language)
    if template is None:
        raise ValidationError(_("The session record form is not published."))
    relationship = session.relationship
    people = [relationship.mentor, *relationship.mentees.order_by("last_name", "first_name")]
    answers = {
        "session_date": _local_date(session).isoformat(),
        "duration_minutes": session.duration_minutes,
        "participants": ", ".join(display_name(person) for person in people)[:255],
        "topics": session.agreed_topics or session.topic,
    }
    record = filling.start(user=user, template=template, answers=_known(template, answers))
    session.record = record
    session.save(update_fields=["record"])
    return record


@transaction.atomic
def start_private_note(*, user, session, language):
    """The mentor's private note on the session: an entry of their diary (a private filled form, the same notes
    as the diary), prefilled with the session's date and topic and linked to it."""
    session = MentoringSession.objects.select_for_update().get(pk=session.pk)
    _check_planner(user, session.relationship)
    if session.private_note_id is not None:
        return session.private_note
    template = _template_in_language(FormTemplatePage.objects.filter(source_kind=SourceKind.NOTE), language)
    if template is None:
        raise ValidationError(_("The diary form is not published."))
    mentees = ", ".join(display_name(person) for person in session.relationship.mentees.all())
    answers = {
        "mentee": mentees[:255],
        "entries": [[date_format(_local_date(session), "Y-m-d"), session.topic, "", ""]],
    }
    note = filling.start(user=user, template=template, answers=_known(template, answers))
    session.private_note = note
    session.save(update_fields=["private_note"])
    return note


@transaction.atomic
def agree_programme(*, user, relationship, planned_end_date, agreed_sessions):
    """The relationship's planned end and the number of sessions agreed for each stage ({stage: count}), as stage 1's
    calendar settles them; the report leaves the number to mentor and mentees."""
    _check_planner(user, relationship)
    if planned_end_date is not None and planned_end_date < relationship.start_date:
        raise ValidationError({"planned_end_date": _("The planned end comes after the start.")})
    if any(stage not in range(1, 6) or not 0 <= count <= 50 for stage, count in agreed_sessions.items()):
        raise ValidationError(_("Give from 0 to 50 sessions for each stage."))
    relationship.planned_end_date = planned_end_date
    relationship.agreed_sessions = {str(stage): count for stage, count in sorted(agreed_sessions.items())}
    relationship.save(update_fields=["planned_end_date", "agreed_sessions"])
    return relationship


@transaction.atomic
def start_calendar_form(*, user, relationship, language):
    """Stage 1's "Suggested calendar of mentoring sessions", prefilled with the relationship's planned meetings (one
    row each, a series expanded, in the zone they take place in), as a draft of the mentor's: the calendar the
    report asks for and the sessions the hub runs say the same."""
    _check_planner(user, relationship)
    template = _template_in_language(FormTemplatePage.objects.filter(source_name=CALENDAR_NAME), language)
    if template is None:
        raise ValidationError(_("The calendar form is not published."))
    zone = zoneinfo.ZoneInfo(relationship.time_zone)
    planned = relationship.sessions.order_by("date", "pk")
    for session in planned:
        session.relationship = relationship
    with translation.override(template.locale.language_code):
        rows = [
            [
                start.astimezone(zone).strftime("%Y-%m-%d %H:%M"),
                session.topic,
                session.place or session.online_link,
                str(session.get_session_format_display()),
            ]
            for start, session in meetings(planned)
        ]
    people = [relationship.mentor, *relationship.mentees.order_by("last_name", "first_name")]
    answers = {"relationship": ", ".join(display_name(person) for person in people)[:255], "sessions": rows[:50]}
    return filling.start(user=user, template=template, answers=_known(template, answers))


def _known(template, answers):
    """The prefilled answers the template has fields for (editors may change its fields), in their shape: a table
    row as wide as the template's columns."""
    known = {}
    for definition in template.definitions:
        if definition.name not in answers:
            continue
        value = answers[definition.name]
        columns = getattr(definition, "columns", None)
        if isinstance(value, list) and columns:
            value = [(row + [""] * len(columns))[: len(columns)] for row in value]
        known[definition.name] = value
    return known


def meetings(sessions, after=None, before=None):
    """[(start, session)] of every meeting of `sessions` in [after, before), in time order."""
    found = [(start, session) for session in sessions for start in session.occurrences(after, before)]
    return sorted(found, key=lambda pair: (pair[0], pair[1].pk))
