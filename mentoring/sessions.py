"""Sessions: plan, change, cancel one meeting of a series, record who came, and start the forms that go with a
session (its record, prefilled from it, and the mentor's private note, an entry of their diary).

Stage 1's "Suggested calendar of mentoring sessions" and the sessions are kept in step both ways. The
relationship's calendar is the mentor's filled form (`MentoringRelationship.calendar`); each single session is
linked to its row (`MentoringSession.calendar_row`). Saving the calendar plans, moves or removes the sessions of
its rows (a row at a meeting of a repeating series is left to the series, which is changed on its own page);
planning, changing or cancelling a session writes the calendar's rows again, in time order, while the calendar is
a draft (a completed calendar is what its reviewer reads, and stays as it was completed).

Each operation checks permission itself and writes in one transaction; it raises PermissionDenied or
ValidationError (translated), which the views and the API turn into their answers. Nothing partial is stored.

Who may do what: the mentor plans and changes the sessions of their relationships and writes their private note;
the mentees see the sessions; the reviewers of the relationship's department (and superusers, who run the
programme) see them too, but a private note is its author's alone: no listing names it to anyone else.
"""

import datetime
import zoneinfo

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from forms_library import filling
from forms_library.models import FilledForm, FormTemplatePage
from forms_library.provenance import SourceKind
from home.mail import display_name

from . import recurrence
from .models import MentoringRelationship, MentoringSession, SessionAttendance, StageForm

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
    write_calendar(relationship)
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
    write_calendar(session.relationship)
    return session


@transaction.atomic
def cancel_meeting(*, user, session, occurrence):
    """One meeting of a series cancelled (an EXDATE); a single meeting is removed instead."""
    _check_planner(user, session.relationship)
    if occurrence not in session.occurrences():
        raise ValidationError({"occurrence": _("This session has no meeting at that time.")})
    relationship = session.relationship
    if not session.rrule:
        session.delete()
        write_calendar(relationship)
        return None
    session.exdates = [*session.exdates, occurrence.astimezone(datetime.UTC).isoformat()]
    session.save()
    write_calendar(relationship)
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
    following = meetings(relationship.sessions.filter(last_occurrence__gt=session.date), after=session.date)
    following = [start for start, other in following if start > session.date]
    if following:
        zone = zoneinfo.ZoneInfo(relationship.time_zone)
        answers["next_meeting"] = following[0].astimezone(zone).date().isoformat()
    record = filling.start(user=user, template=template, answers=_known(template, answers))
    session.record = record
    session.save(update_fields=["record"])
    # The record is the relationship's, for the session's stage: its stage page and "My forms" say so, and
    # completing it leads to submitting it for review.
    StageForm.objects.create(filled_form=record, relationship=relationship, stage=session.stage)
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


ROW_DATE = "%Y-%m-%d %H:%M"


@transaction.atomic
def start_calendar_form(*, user, relationship, language):
    """Stage 1's "Suggested calendar of mentoring sessions", prefilled with the relationship's planned meetings (one
    row each, a series expanded, in the zone they take place in), as a draft of the mentor's: the calendar the
    report asks for and the sessions the hub runs say the same. It becomes the relationship's calendar; while a
    draft, it is the one returned (its rows written again from the sessions)."""
    _check_planner(user, relationship)
    relationship = MentoringRelationship.objects.select_for_update().get(pk=relationship.pk)
    current = relationship.calendar
    if current is not None and current.owner_id == user.pk and current.status == FilledForm.Status.DRAFT:
        write_calendar(relationship)
        return current
    template = _template_in_language(FormTemplatePage.objects.filter(source_name=CALENDAR_NAME), language)
    if template is None:
        raise ValidationError(_("The calendar form is not published."))
    rows, linked = _calendar_rows(relationship, template.locale.language_code)
    people = [relationship.mentor, *relationship.mentees.order_by("last_name", "first_name")]
    answers = {"relationship": ", ".join(display_name(person) for person in people)[:255], "sessions": rows}
    calendar = filling.start(user=user, template=template, answers=_known(template, answers))
    relationship.calendar = calendar
    relationship.save(update_fields=["calendar"])
    StageForm.objects.get_or_create(filled_form=calendar, defaults={"relationship": relationship, "stage": 1})
    _link_rows(relationship, linked)
    return calendar


MAX_CALENDAR_ROWS = 50


def _calendar_rows(relationship, language):
    """The calendar's rows of the relationship's meetings in time order, and the single session of each row (None
    for a meeting of a series)."""
    zone = zoneinfo.ZoneInfo(relationship.time_zone)
    planned = list(relationship.sessions.order_by("date", "pk"))
    for session in planned:
        session.relationship = relationship
    rows, linked = [], []
    with translation.override(language):
        for start, session in meetings(planned)[:MAX_CALENDAR_ROWS]:
            rows.append(
                [
                    start.astimezone(zone).strftime(ROW_DATE),
                    session.topic,
                    session.place or session.online_link,
                    str(session.get_session_format_display()),
                ]
            )
            linked.append(None if session.rrule else session)
    return rows, linked


def _link_rows(relationship, linked):
    """Each single session linked to its row; the others to none."""
    rows = {session.pk: index for index, session in enumerate(linked) if session is not None}
    changed = []
    for session in relationship.sessions.all():
        row = rows.get(session.pk)
        if session.calendar_row != row:
            session.calendar_row = row
            changed.append(session)
    MentoringSession.objects.bulk_update(changed, ["calendar_row"])


def write_calendar(relationship):
    """The relationship's calendar, while a draft, lists its meetings again (sessions → calendar)."""
    calendar = FilledForm.objects.select_for_update().filter(calendar_of=relationship).first()
    if calendar is None or calendar.status != FilledForm.Status.DRAFT:
        return
    rows, linked = _calendar_rows(relationship, calendar.language)
    known = _known_in(calendar.definitions, {"sessions": rows})
    if "sessions" not in known:
        return
    calendar.answers = {**calendar.answers, **known}
    calendar.save()
    _link_rows(relationship, linked)


def _row_start(text, zone):
    """A row's date and time ("2027-03-15 14:00", or with a T), in the relationship's zone; None if unreadable."""
    try:
        naive = datetime.datetime.strptime(text.replace("T", " ", 1), ROW_DATE)
    except ValueError:
        return None
    return naive.replace(tzinfo=zone)


def _format_names():
    """Each way the calendar's format column says a session's format, in every language of the site."""
    names = {}
    for code, label in MentoringSession._meta.get_field("session_format").choices:
        names[code.replace("_", " ")] = code
        for language, _name in settings.LANGUAGES:
            with translation.override(language):
                names[str(label).casefold()] = code
    return names


def _row_fields(index, row, zone):
    """The session a calendar row describes, as fields; ValidationError (naming the row) when it cannot."""
    date_text, topic, place, format_text = (list(row) + [""] * 4)[:4] if isinstance(row, list) else [""] * 4
    date_text, topic, place, format_text = (str(value).strip() for value in (date_text, topic, place, format_text))
    if not any((date_text, topic, place, format_text)):
        return None
    number = index + 1
    start = _row_start(date_text, zone)
    if start is None:
        raise ValidationError(
            _("Row %(row)d: write the date and time like %(example)s.") % {"row": number, "example": "2027-03-15 14:00"}
        )
    if not topic:
        raise ValidationError(_("Row %(row)d: give the session's topic.") % {"row": number})
    is_link = place.startswith(("http://", "https://"))
    session_format = _format_names().get(format_text.casefold()) if format_text else None
    if format_text and session_format is None:
        raise ValidationError(_("Row %(row)d: the format is in person or online.") % {"row": number})
    fields = {
        "date": start,
        "topic": topic,
        "place": "" if is_link else place,
        "online_link": place if is_link else "",
        "session_format": session_format or ("online" if is_link else "in_person"),
    }
    return fields


def _match_rows(rows, singles, linked):
    """{row index: the session it is}: a stored table drops emptied rows, so a row's place alone does not say which
    session it lists. First the session at the row's time (any single one), then a linked session of the same
    topic (moved), then the one linked to the row's place; an unmatched row is a new session."""
    matched, taken = {}, set()

    def take(index, session):
        matched[index] = session
        taken.add(session.pk)

    at = {}
    for session in singles:
        at.setdefault(session.date, session)
    for index, fields in rows:
        session = at.get(fields["date"])
        if session is not None and session.pk not in taken:
            take(index, session)
    for index, fields in rows:
        if index in matched:
            continue
        same_topic = [
            session for session in linked.values() if session.pk not in taken and session.topic == fields["topic"][:255]
        ]
        if same_topic:
            take(index, same_topic[0])
    for index, _fields in rows:
        session = linked.get(index)
        if index not in matched and session is not None and session.pk not in taken:
            take(index, session)
    return matched


def _was_held(session):
    return session.record_id is not None or session.attendance.exists()


@transaction.atomic
def sync_from_calendar(*, user, relationship, calendar):
    """Calendar → sessions: each dated row of `calendar` plans its session or moves the one it lists (_match_rows);
    a linked session whose row was emptied is removed (refused once it was held: its attendance or record is kept).
    A row at a meeting of a series is the series'. Bad rows are refused together, and nothing is stored."""
    _check_planner(user, relationship)
    if calendar.owner_id != user.pk:
        raise PermissionDenied(_("Only the mentor plans the sessions."))
    zone = zoneinfo.ZoneInfo(relationship.time_zone)
    planned = list(relationship.sessions.select_for_update().order_by("date", "pk"))
    for session in planned:
        session.relationship = relationship
    singles = [session for session in planned if not session.rrule]
    linked = {session.calendar_row: session for session in singles if session.calendar_row is not None}
    series_starts = {start for session in planned if session.rrule for start in session.occurrences()}
    errors, rows = [], []
    for index, row in enumerate((calendar.answers.get("sessions") or [])[:MAX_CALENDAR_ROWS]):
        try:
            fields = _row_fields(index, row, zone)
        except ValidationError as error:
            errors.extend(error.messages)
            continue
        if fields is not None and fields["date"] not in series_starts:
            rows.append((index, fields))
    if errors:
        raise ValidationError({"sessions": errors})
    matched = _match_rows(rows, singles, linked)
    kept = set()
    for index, fields in rows:
        session = matched.get(index) or MentoringSession(relationship=relationship, stage=relationship.current_stage)
        for name, value in fields.items():
            setattr(session, name, value)
        session.calendar_row = index
        try:
            _validate(session)
        except ValidationError as error:
            raise ValidationError(
                {"sessions": [_("Row %(row)d: %(error)s") % {"row": index + 1, "error": " ".join(error.messages)}]}
            ) from error
        session.save()
        kept.add(session.pk)
    for session in linked.values():
        if session.pk in kept:
            continue
        if _was_held(session):
            when = date_format(session.date.astimezone(zone), "DATETIME_FORMAT")
            raise ValidationError({"sessions": [_("The session of %(date)s was held: keep its row.") % {"date": when}]})
        session.delete()


def adopt_calendar(*, user, relationship, calendar):
    """The mentor's new calendar form of the relationship becomes its calendar (started from the stage's forms)."""
    _check_planner(user, relationship)
    relationship.calendar = calendar
    relationship.save(update_fields=["calendar"])
    relationship.sessions.update(calendar_row=None)
    sync_from_calendar(user=user, relationship=relationship, calendar=calendar)


def calendar_saved(*, user, filled_form):
    """The forms library's hook `filled_form_saved`: a relationship's calendar saved by its mentor moves its
    sessions; bad rows refuse the whole save (forms_library rolls it back and shows the form again)."""
    relationship = MentoringRelationship.objects.filter(calendar=filled_form).first()
    if relationship is None or not can_plan(user, relationship):
        return
    try:
        sync_from_calendar(user=user, relationship=relationship, calendar=filled_form)
    except ValidationError as error:
        raise filling.refused(filled_form, error) from error


def _known(template, answers):
    """The prefilled answers the template has fields for (editors may change its fields), in their shape: a table
    row as wide as the template's columns."""
    return _known_in(template.definitions, answers)


def _known_in(definitions, answers):
    known = {}
    for definition in definitions:
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
