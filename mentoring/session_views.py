"""The site's pages for running a relationship: a stage's page, a session's page and its actions, the reader's
calendar and their iCalendar feed. Thin: the operations (sessions.py, progress.py, feeds.py) check permission and
write; these show and turn refusals into responses."""

import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponse, HttpResponseForbidden
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from forms_library.models import FormIndexPage, FormTemplatePage
from home.fragments import remembered
from home.programme import Stage
from home.workflow_states import attach_workflow_states

from . import feeds, progress, sessions
from .forms import ProgrammeForm, SessionForm
from .guide import stage_from_guide
from .models.outputs import with_read_titles

UPCOMING_DAYS = 120


def _relationship(user, pk):
    relationship = (
        sessions.relationships_visible_to(user)
        .filter(pk=pk)
        .select_related("mentor", "department")
        .prefetch_related("mentees")
        .first()
    )
    if relationship is None:
        raise Http404
    return relationship


def _session(user, pk, session_pk):
    relationship = _relationship(user, pk)
    session = relationship.sessions.select_related("private_note", "record").filter(pk=session_pk).first()
    if session is None:
        raise Http404
    session.relationship = relationship
    return session


def _filled_form_url(request, filled):
    libraries = FormIndexPage.objects.live()
    index = libraries.filter(locale__language_code=request.LANGUAGE_CODE).first() or libraries.first()
    return index.url + index.reverse_subpage("edit_filled_form", kwargs={"pk": filled.pk})


def _stage_forms(number, language, request=None):
    """The live form templates of the stage in the reader's language (English where not translated), kept under
    the cache's generation (home/fragments.py)."""
    return remembered("stage-forms", [number, language], lambda: _read_stage_forms(number, language), request)


def _read_stage_forms(number, language):
    templates = (
        FormTemplatePage.objects.live()
        .filter(Q(stage=number) | Q(also_in_stage=number), alias_of__isnull=True)
        .filter(locale__language_code__in={language, settings.LANGUAGE_CODE})
        .select_related("locale")
        .order_by("path")
    )
    chosen = {}
    for template in templates:
        if template.translation_key not in chosen or template.locale.language_code == language:
            chosen[template.translation_key] = template
    return list(chosen.values())


@login_required
def stage_detail(request, pk, number):
    if number not in Stage.values:
        raise Http404
    relationship = _relationship(request.user, pk)
    if request.method == "POST":
        try:
            progress.confirm(user=request.user, relationship=relationship, stage=number)
        except PermissionDenied as error:
            return HttpResponseForbidden(str(error))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("mentoring:stage", pk=pk, number=number)
        messages.success(request, _("Your confirmation is recorded."))
        return redirect("mentoring:stage", pk=pk, number=number)
    relationship.refresh_from_db(fields=["current_stage", "status"])
    outputs = relationship.outputs.filter(stage=number).select_related("author").order_by("pk")
    outputs = attach_workflow_states(with_read_titles(outputs, request.LANGUAGE_CODE))
    stage_sessions = relationship.sessions.filter(stage=number).order_by("date")
    is_mentor = sessions.can_plan(request.user, relationship)
    context = {
        "relationship": relationship,
        "number": number,
        "stage_label": Stage(number).label,
        "guide": stage_from_guide(number, request),
        "status": progress.stage_status(relationship, number, language=request.LANGUAGE_CODE),
        "outputs": outputs,
        "forms": _stage_forms(number, request.LANGUAGE_CODE, request),
        "sessions": stage_sessions,
        "agreed_sessions": relationship.agreed_sessions_for(number),
        "can_confirm": progress.can_confirm(request.user, relationship, number),
        "is_participant": relationship.is_participant(request.user),
        "is_mentor": is_mentor,
        "stages": Stage.choices,
    }
    return TemplateResponse(request, "mentoring/stage_detail.html", context)


def _session_context(request, session, form=None):
    relationship = session.relationship
    is_mentor = sessions.can_plan(request.user, relationship)
    now = timezone.now()
    meetings = session.occurrences()
    attendance = {}
    for row in session.attendance.all():
        attendance.setdefault(row.occurrence, set()).add(row.person_id)
    people = progress.participants(relationship)
    return {
        "relationship": relationship,
        "session": session,
        "meetings": [
            {
                "start": start,
                "is_past": start < now,
                "iso": start.isoformat(),
                "attended": [person for person in people if person.pk in attendance.get(start, set())],
            }
            for start in meetings
        ],
        "people": people,
        "is_mentor": is_mentor,
        "form": form or (SessionForm(instance=session) if is_mentor else None),
        "private_note_url": _filled_form_url(request, session.private_note)
        if sessions.can_see_private_note(request.user, session)
        else None,
        "record_url": _filled_form_url(request, session.record) if session.record_id and is_mentor else None,
    }


@login_required
def session_detail(request, pk, session_pk):
    session = _session(request.user, pk, session_pk)
    if request.method == "POST":
        if not sessions.can_plan(request.user, session.relationship):
            return HttpResponseForbidden(_("Only the mentor plans the sessions."))
        form = SessionForm(request.POST, instance=session)
        if form.is_valid():
            try:
                fields = {name: form.cleaned_data[name] for name in sessions.EDITABLE_FIELDS}
                sessions.change(user=request.user, session=session, **fields)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The session is changed."))
                return redirect("mentoring:session", pk=pk, session_pk=session_pk)
        session.refresh_from_db()
        return TemplateResponse(
            request, "mentoring/session_detail.html", _session_context(request, session, form), status=400
        )
    return TemplateResponse(request, "mentoring/session_detail.html", _session_context(request, session))


def _act(request, pk, session_pk, operation, success):
    """A mentor's action on a session: refused before its data is read when the user is not the mentor."""
    session = _session(request.user, pk, session_pk)
    if not sessions.can_plan(request.user, session.relationship):
        return HttpResponseForbidden(_("Only the mentor plans the sessions."))
    try:
        result = operation(session)
    except PermissionDenied as error:
        return HttpResponseForbidden(str(error) or _("Only the mentor plans the sessions."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("mentoring:session", pk=pk, session_pk=session_pk)
    if success:
        messages.success(request, success)
    return result


def _occurrence(request):
    """The meeting a mentor's action names (an aware ISO date and time), or a translated refusal."""
    try:
        occurrence = datetime.datetime.fromisoformat(request.POST.get("occurrence", ""))
    except ValueError:
        occurrence = None
    if occurrence is None or occurrence.tzinfo is None:
        raise ValidationError(_("This session has no meeting at that time."))
    return occurrence


def _form_of_session(start):
    """The view that starts one of a session's forms with `start` (the record, or the mentor's private note:
    sessions.start_record, sessions.start_private_note) and opens it."""

    @login_required
    @require_POST
    def view(request, pk, session_pk):
        def open_form(session):
            filled = start(user=request.user, session=session, language=request.LANGUAGE_CODE)
            return redirect(_filled_form_url(request, filled))

        return _act(request, pk, session_pk, open_form, None)

    return view


session_record = _form_of_session(sessions.start_record)
session_note = _form_of_session(sessions.start_private_note)


@login_required
@require_POST
def session_cancel(request, pk, session_pk):
    def cancel(session):
        occurrence = _occurrence(request)
        remaining = sessions.cancel_meeting(user=request.user, session=session, occurrence=occurrence)
        if remaining is None:
            return redirect("mentoring:relationship", pk=pk)
        return redirect("mentoring:session", pk=pk, session_pk=session_pk)

    return _act(request, pk, session_pk, cancel, _("The meeting is cancelled."))


@login_required
@require_POST
def session_attendance(request, pk, session_pk):
    def record(session):
        occurrence = _occurrence(request)
        chosen = {value for value in request.POST.getlist("people") if value.isdigit()}
        people = [person for person in progress.participants(session.relationship) if str(person.pk) in chosen]
        if len(people) != len(request.POST.getlist("people")):
            raise ValidationError(_("Only the mentor and the mentees of this relationship attend."))
        sessions.record_attendance(user=request.user, session=session, occurrence=occurrence, people=people)
        return redirect("mentoring:session", pk=pk, session_pk=session_pk)

    return _act(request, pk, session_pk, record, _("Attendance is recorded."))


@login_required
@require_POST
def agree_programme(request, pk):
    relationship = _relationship(request.user, pk)
    if not sessions.can_plan(request.user, relationship):
        return HttpResponseForbidden(_("Only the mentor plans the sessions."))
    form = ProgrammeForm(request.POST, relationship=relationship)
    if not form.is_valid():
        messages.error(request, " ".join(str(error) for errors in form.errors.values() for error in errors))
        return redirect("mentoring:relationship", pk=pk)
    try:
        sessions.agree_programme(
            user=request.user,
            relationship=relationship,
            planned_end_date=form.cleaned_data["planned_end_date"],
            agreed_sessions=form.agreed_sessions(),
        )
    except PermissionDenied as error:
        return HttpResponseForbidden(str(error))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("mentoring:relationship", pk=pk)
    messages.success(request, _("The programme's calendar is saved."))
    return redirect("mentoring:relationship", pk=pk)


@login_required
@require_POST
def calendar_form(request, pk):
    """Stage 1's calendar form, prefilled from the planned sessions."""
    relationship = _relationship(request.user, pk)
    try:
        filled = sessions.start_calendar_form(
            user=request.user, relationship=relationship, language=request.LANGUAGE_CODE
        )
    except PermissionDenied as error:
        return HttpResponseForbidden(str(error))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("mentoring:stage", pk=pk, number=1)
    return redirect(_filled_form_url(request, filled))


@login_required
def my_calendar(request):
    """The reader's meetings of the coming months (series expanded), and their calendar feed's address."""
    if request.method == "POST":
        feeds.regenerate(user=request.user)
        messages.success(request, _("Your calendar has a new address; the old one no longer works."))
        return redirect("mentoring:calendar")
    now = timezone.now()
    own = (
        sessions.own_sessions(request.user)
        .filter(last_occurrence__gte=now)
        .select_related("relationship__department", "relationship__mentor")
    )
    meetings = sessions.meetings(own, after=now, before=now + datetime.timedelta(days=UPCOMING_DAYS))
    feed = feeds.feed_of(request.user)
    context = {"meetings": meetings, "feed_url": feeds.feed_url(feed), "days": UPCOMING_DAYS}
    return TemplateResponse(request, "mentoring/calendar.html", context)


@never_cache
def calendar_feed(request, token):
    """The feed behind its secret address: no sign-in (calendar programs have none), the token is the key."""
    user = feeds.user_for_token(token)
    if user is None:
        raise Http404
    response = HttpResponse(feeds.feed_for(user), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="mentoring.ics"'
    response["X-Robots-Tag"] = "noindex"
    return response
