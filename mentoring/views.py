from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Q
from django.http import Http404, HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.actions.unpublish import UnpublishAction
from wagtail.log_actions import LogContext
from wagtail.models import TaskState, WorkflowState

from forms_library import docx_export
from forms_library.models import FilledForm
from home.docx import docx_response

from . import permissions, progress
from .forms import RelationshipForm, ReviewForm, SessionForm, StageOutputForm
from .models import MentoringRelationship, StageOutput


def _relationships_of(user):
    return MentoringRelationship.objects.filter(
        Q(mentor=user) | Q(mentees=user) | Q(department__reviewers_group__in=user.groups.all())
    ).distinct()


def _get_relationship(user, pk):
    relationships = MentoringRelationship.objects.all() if user.is_superuser else _relationships_of(user)
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
    relationships = _relationships_of(request.user).select_related("mentor", "department").prefetch_related("mentees")
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
    is_mentor = relationship.mentor_id == request.user.pk
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
    if relationship.mentor_id != request.user.pk or relationship.status != MentoringRelationship.Status.COMPLETED:
        return HttpResponseForbidden(_("The mentor records this once the five stages are complete."))
    mentee = get_object_or_404(relationship.mentees, pk=user_pk)
    relationship.ready_to_mentor.add(mentee)
    relationship.save()
    messages.success(request, _("Recorded: ready to mentor other colleagues."))
    return redirect("mentoring:relationship", pk=pk)


@login_required
def new_output(request, pk):
    relationship = _get_relationship(request.user, pk)
    if not relationship.is_participant(request.user):
        return HttpResponseForbidden(_("Only the mentor and the mentees submit outputs."))
    form = StageOutputForm(request.POST or None, author=request.user, relationship=relationship)
    if request.method == "POST":
        # Validated inside the transaction: the form locks the chosen filled form (see its clean_filled_form).
        with transaction.atomic():
            output = form.create(relationship, request.user) if form.is_valid() else None
            if output:
                submit_for_review(output, request.user, log_action="wagtail.create")
        if output:
            messages.success(request, _("The output is submitted for review."))
            return redirect("mentoring:output", pk=output.pk)
    context = {"relationship": relationship, "form": form}
    return TemplateResponse(request, "mentoring/output_form.html", context, status=400 if form.errors else 200)


def submit_for_review(output, user, log_action="wagtail.edit"):
    """Start the review from the beginning; the filled form is locked while it is in review."""
    output.copy_from_filled_form()
    output.save()
    output.save_revision(user=user, log_action=log_action)
    FilledForm.objects.filter(pk=output.filled_form_id).update(status=FilledForm.Status.COMPLETE)
    permissions.grant_review_access(output)
    output.get_workflow().start(output, user)


def _review_actions(output, user):
    task_state = output.current_workflow_task_state
    if task_state is None:
        return None, []
    return task_state, task_state.task.specific.get_actions(output, user)


def _output_context(request, output, review_form=None):
    task_state, actions = _review_actions(output, request.user)
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
        "can_withdraw": output.live and _can_withdraw(request.user, output),
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
    with transaction.atomic():
        # Two reviewers deciding at once: the second finds the task decided, not a double transition.
        current = output.current_workflow_task_state
        task_state = current and TaskState.objects.select_for_update().filter(pk=current.pk).first()
        if task_state is None or task_state.status != TaskState.STATUS_IN_PROGRESS:
            messages.error(request, _("This review step has already been decided."))
            return redirect("mentoring:output", pk=pk)
        task = task_state.task.specific
        if not task.get_actions(output, request.user):
            return HttpResponseForbidden(_("You cannot review this output at this step."))
        if not form.is_valid():
            context = _output_context(request, output, review_form=form)
            return TemplateResponse(request, "mentoring/output_detail.html", context, status=400)
        action = form.cleaned_data["action"]
        task.on_action(task_state.specific, request.user, action, comment=form.cleaned_data["comment"])
        if action == "reject":
            # The author may change the answers again; they are kept as they were.
            FilledForm.objects.filter(pk=output.filled_form_id).update(status=FilledForm.Status.DRAFT)
    messages.success(request, _("Your decision is recorded."))
    return redirect("mentoring:output", pk=pk)


@login_required
@require_POST
def resubmit_output(request, pk):
    output = _get_output(request.user, pk)
    state = output.current_workflow_state
    if output.author_id != request.user.pk or state is None or state.status != state.STATUS_NEEDS_CHANGES:
        return HttpResponseForbidden(_("Only the author resubmits an output that needs changes."))
    if output.filled_form.status != FilledForm.Status.COMPLETE:
        messages.error(request, _("Mark your form as complete in “My forms” before you resubmit it."))
        return redirect("mentoring:output", pk=pk)
    with transaction.atomic():
        # Sent twice at once (a double click): the second finds the review already restarted.
        if not WorkflowState.objects.select_for_update().filter(pk=state.pk, status=state.status).exists():
            return redirect("mentoring:output", pk=pk)
        state.cancel(user=request.user)
        output.refresh_from_db()
        submit_for_review(output, request.user)
    messages.success(request, _("The output is submitted for review again."))
    return redirect("mentoring:output", pk=pk)


def _can_withdraw(user, output):
    return (
        output.author_id == user.pk or user.groups.filter(pk=output.relationship.department.reviewers_group_id).exists()
    )


@login_required
@require_POST
def withdraw_output(request, pk):
    output = _get_output(request.user, pk)
    if not _can_withdraw(request.user, output):
        return HttpResponseForbidden(_("Only the author or the department's reviewers withdraw a publication."))
    with transaction.atomic():
        # Read again under a lock: withdrawn meanwhile (by the author and a reviewer at once) is withdrawn once.
        output.refresh_from_db(from_queryset=StageOutput.objects.select_for_update(), fields=["live"])
        if not output.live:
            return HttpResponseForbidden(_("Only the author or the department's reviewers withdraw a publication."))
        # Wagtail's action does the unpublishing, logging and signals; who may do it was decided above. The log
        # context gives the user to what the signals log (the withdrawal from the departments).
        with LogContext(user=request.user):
            UnpublishAction(output, user=request.user).execute(skip_permission_checks=True)
    messages.success(request, _("The output is no longer published to other departments."))
    return redirect("mentoring:output", pk=pk)


@login_required
def shared_with_my_department(request):
    outputs = permissions.shared_with_departments_of(request.user).select_related("relationship__department", "author")
    return TemplateResponse(request, "mentoring/shared_outputs.html", {"outputs": outputs})


@login_required
def output_docx(request, pk):
    output = _get_output(request.user, pk)
    document = docx_export.FormDocument.for_filled_form(output.filled_form)
    # The answers as submitted for review, not a later draft of the filled form.
    document.answers = output.answers
    return docx_response(docx_export.render(document), output.title, output.filled_form.updated_at.date())
