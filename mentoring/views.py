from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import TaskState

from . import permissions, pool, progress, reviews
from .documents import stage_output_download
from .forms import RelationshipForm, ReviewForm, SessionForm, StageOutputForm
from .models import MentoringRelationship


def _get_relationship(user, pk):
    relationships = (
        MentoringRelationship.objects.all() if user.is_superuser else MentoringRelationship.objects.involving(user)
    )
    relationship = relationships.filter(pk=pk).select_related("mentor", "department").first()
    if relationship is None:
        raise Http404
    return relationship


def _get_output(user, pk):
    output = (
        permissions.stage_outputs_visible_to(user)
        .filter(pk=pk)
        .select_related("relationship__mentor", "relationship__department", "filled_form", "author")
        .first()
    )
    if output is None:
        raise Http404
    return output


@login_required
def my_relationships(request):
    relationships = (
        MentoringRelationship.objects.involving(request.user)
        .select_related("mentor", "department")
        .prefetch_related("mentees")
    )
    return TemplateResponse(request, "mentoring/my_relationships.html", {"relationships": relationships})


@login_required
def new_relationship(request):
    form = RelationshipForm(
        request.POST or None, mentor=request.user, instance=MentoringRelationship(mentor=request.user)
    )
    if request.method == "POST" and form.is_valid():
        relationship = form.save()
        messages.success(request, _("The mentoring relationship has started."))
        return redirect("mentoring:relationship", pk=relationship.pk)
    return TemplateResponse(
        request, "mentoring/relationship_form.html", {"form": form}, status=400 if form.errors else 200
    )


@login_required
def relationship_detail(request, pk):
    relationship = _get_relationship(request.user, pk)
    is_mentor = permissions.can_plan_sessions(request.user, relationship)
    session_form = SessionForm(request.POST or None) if is_mentor else None
    if request.method == "POST":
        if not is_mentor:
            return HttpResponseForbidden(_("Only the mentor plans the sessions."))
        if session_form.is_valid():
            session = session_form.save(commit=False)
            session.relationship = relationship
            session.save()
            messages.success(request, _("The session is in the calendar."))
            return redirect("mentoring:relationship", pk=pk)
    context = {
        "relationship": relationship,
        "stages": progress.stage_states(relationship),
        "sessions": relationship.sessions.order_by("date"),
        "session_form": session_form,
        "is_participant": relationship.is_participant(request.user),
        "is_mentor": is_mentor,
    }
    return TemplateResponse(
        request,
        "mentoring/relationship_detail.html",
        context,
        status=400 if session_form and session_form.errors else 200,
    )


@login_required
@require_POST
def mark_ready_to_mentor(request, pk, user_pk):
    relationship = _get_relationship(request.user, pk)
    if not permissions.can_record_ready_to_mentor(request.user, relationship):
        return HttpResponseForbidden(_("The mentor records this once the five stages are complete."))
    mentee = get_object_or_404(relationship.mentees, pk=user_pk)
    relationship.ready_to_mentor.add(mentee)
    relationship.save()
    # The circle: a yes makes them a candidate of the mentor pool, confirmed by the coordinator after training.
    pool.enter_as_candidate(relationship=relationship, mentee=mentee)
    messages.success(request, _("Recorded: ready to mentor other colleagues."))
    return redirect("mentoring:relationship", pk=pk)


@login_required
def new_output(request, pk):
    relationship = _get_relationship(request.user, pk)
    if not permissions.can_submit_output(request.user, relationship):
        return HttpResponseForbidden(_("Only the mentor and the mentees submit outputs."))
    form = StageOutputForm(request.POST or None, author=request.user, relationship=relationship)
    if request.method == "POST" and form.is_valid():
        try:
            output = reviews.submit_output(user=request.user, relationship=relationship, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The output is submitted for review."))
            return redirect("mentoring:output", pk=output.pk)
    context = {"relationship": relationship, "form": form}
    return TemplateResponse(request, "mentoring/output_form.html", context, status=400 if form.errors else 200)


def _output_context(request, output, review_form=None):
    task_state = output.current_workflow_task_state
    actions = permissions.review_actions(request.user, output, task_state)
    workflow_state = output.current_workflow_state
    output.review_state = workflow_state
    return {
        "output": output,
        "definitions": output.filled_form.definitions,
        "task_state": task_state,
        "review_form": review_form or (ReviewForm() if actions else None),
        "needs_changes": workflow_state is not None and workflow_state.status == workflow_state.STATUS_NEEDS_CHANGES,
        "history": TaskState.objects.for_instance(output).select_related("task", "finished_by").order_by("started_at"),
        "is_author": output.author_id == request.user.pk,
        "can_withdraw": permissions.can_withdraw(request.user, output),
    }


@login_required
def output_detail(request, pk):
    output = _get_output(request.user, pk)
    return TemplateResponse(request, "mentoring/output_detail.html", _output_context(request, output))


@login_required
@require_POST
def review_output(request, pk):
    output = _get_output(request.user, pk)
    form = ReviewForm(request.POST)
    # An invalid form gives no decision: refused by the operation once it has checked the step and the user.
    decision = form.cleaned_data if form.is_valid() else {"action": None, "comment": ""}
    try:
        reviews.decide(user=request.user, output=output, **decision)
    except reviews.AlreadyDecided:
        messages.error(request, _("This review step has already been decided."))
        return redirect("mentoring:output", pk=pk)
    except PermissionDenied as error:
        return HttpResponseForbidden(str(error))
    except ValidationError as error:
        if not form.errors:
            form.add_error(None, error)
        context = _output_context(request, output, review_form=form)
        return TemplateResponse(request, "mentoring/output_detail.html", context, status=400)
    messages.success(request, _("Your decision is recorded."))
    return redirect("mentoring:output", pk=pk)


@login_required
@require_POST
def resubmit_output(request, pk):
    output = _get_output(request.user, pk)
    try:
        reviews.resubmit(user=request.user, output=output)
    except PermissionDenied as error:
        return HttpResponseForbidden(str(error))
    except ValidationError as error:
        messages.error(request, error.message)
        return redirect("mentoring:output", pk=pk)
    except reviews.AlreadyDecided:
        return redirect("mentoring:output", pk=pk)
    messages.success(request, _("The output is submitted for review again."))
    return redirect("mentoring:output", pk=pk)


@login_required
@require_POST
def withdraw_output(request, pk):
    output = _get_output(request.user, pk)
    try:
        reviews.withdraw(user=request.user, output=output)
    except PermissionDenied as error:
        return HttpResponseForbidden(str(error))
    messages.success(request, _("The output is no longer published to other departments."))
    return redirect("mentoring:output", pk=pk)


@login_required
def shared_with_my_department(request):
    outputs = permissions.shared_with_departments_of(request.user).select_related("relationship__department", "author")
    return TemplateResponse(request, "mentoring/shared_outputs.html", {"outputs": outputs})


@login_required
def output_docx(request, pk):
    return stage_output_download(_get_output(request.user, pk))
