"""The review of stage outputs: submit, decide, resubmit, withdraw, publish to departments.

Each operation checks permission itself (permissions.py decides) and writes in one transaction; it raises
PermissionDenied, ValidationError or AlreadyDecided, which the site's views turn into their responses. The
Wagtail admin decides through the tasks themselves (its workflow views call `Task.on_action`, which asks the
same `get_actions`); what follows a decision, whichever way it came, is in signals.py.
"""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from wagtail.actions.unpublish import UnpublishAction
from wagtail.log_actions import LogContext
from wagtail.models import TaskState, WorkflowState

from forms_library.models import FilledForm

from . import permissions, pool
from .models import StageOutput

DECISIONS = ("approve", "reject")
# Nothing is preselected: a decision is always the reviewer's own choice.
DECISION_REQUIRED = gettext_lazy("Choose your decision: approve, or request changes.")

# Our words for the state of a review step, on our pages, in Word files and in the API: Wagtail calls a
# request for changes "Rejected", which it is not (the author changes the output and resubmits it).
STEP_STATUS_LABELS = {
    TaskState.STATUS_IN_PROGRESS: pgettext_lazy("review step", "Waiting for a decision"),
    TaskState.STATUS_APPROVED: pgettext_lazy("review step", "Approved"),
    TaskState.STATUS_REJECTED: gettext_lazy("Changes requested"),
    TaskState.STATUS_SKIPPED: pgettext_lazy("review step", "Skipped: nobody reviews their own work"),
    TaskState.STATUS_CANCELLED: pgettext_lazy("review step", "Cancelled"),
}


def step_status_label(task_state):
    return STEP_STATUS_LABELS.get(task_state.status, task_state.get_status_display())


def review_steps(output):
    """The output's review steps, oldest first, each with its task and who finished it."""
    return list(TaskState.objects.for_instance(output).select_related("task", "finished_by").order_by("started_at"))


def latest_request_for_changes(output):
    """The task state whose reviewer asked for the changes the output is waiting for, or None."""
    state = output.current_workflow_state
    if state is None or state.status != state.STATUS_NEEDS_CHANGES:
        return None
    return state.current_task_state


def changed_since_review(output):
    """Whether the author changed any answer since the output was submitted (and reviewed)."""
    return output.filled_form.answers != output.answers


class AlreadyDecided(Exception):
    """Someone decided this review step, or restarted the review, at the same moment."""


def submittable_filled_forms(author):
    """The author's completed forms, each submitted once."""
    return FilledForm.objects.filter(owner=author, status=FilledForm.Status.COMPLETE, stage_output__isnull=True)


def submit_output(
    *, user, relationship, filled_form, stage=None, share_with_all=False, target_departments=(), share_private=False
):
    """One of the user's completed filled forms becomes the output of a stage, and goes to the mentor (or,
    when the mentor wrote it, past the mentor: nobody reviews their own work, models/tasks.py).

    The stage is the filled form's, taken from its template: `stage`, when a caller gives one (the API),
    must be the same.

    Private notes (the mentor's diary) are submitted only when the author says so (`share_private`): that
    entry stops being private, since the reviewers and the departments will read it.
    """
    if not permissions.can_submit_output(user, relationship):
        raise PermissionDenied(_("Only the mentor and the mentees submit outputs."))
    with transaction.atomic():
        stage = _validate_submission(user, relationship, filled_form, stage, share_with_all or target_departments)
        if filled_form.private:
            if not share_private:
                raise ValidationError(
                    {
                        "share_private": _(
                            "This form holds your private notes. Tick the box to share it, or choose another form."
                        )
                    }
                )
            FilledForm.objects.filter(pk=filled_form.pk).update(private=False)
            filled_form.private = False
        output = StageOutput(
            relationship=relationship,
            stage=stage,
            filled_form=filled_form,
            author=user,
            share_with_all=share_with_all,
            live=False,
        )
        output.copy_from_filled_form()
        output.save()
        output.target_departments.set(target_departments)
        output.save()
        submit_for_review(user=user, output=output, log_action="wagtail.create")
        pool.candidates_from_evaluation(output)
    return output


def _validate_submission(user, relationship, filled_form, stage, has_receivers):
    errors = {}
    # Locked, then asked again in a new statement: when the same form is submitted twice at once (two tabs),
    # the second waits here and finds it taken, instead of failing on the unique key.
    FilledForm.objects.select_for_update().filter(pk=filled_form.pk).first()
    if not submittable_filled_forms(user).filter(pk=filled_form.pk).exists():
        message = forms.ModelChoiceField.default_error_messages["invalid_choice"]
        errors["filled_form"] = ValidationError(message, code="invalid_choice")
    form_stage = filled_form.stage
    if stage is not None and stage != form_stage:
        errors["stage"] = ValidationError(
            _("This form belongs to stage %(form_stage)d, not to stage %(stage)d."),
            params={"form_stage": form_stage, "stage": stage},
        )
    elif form_stage > relationship.current_stage:
        errors["stage"] = ValidationError(
            _("Stage %(stage)d has not started yet: the relationship is in stage %(current)d."),
            params={"stage": form_stage, "current": relationship.current_stage},
        )
    if not has_receivers:
        errors[NON_FIELD_ERRORS] = ValidationError(
            _("Choose the departments to publish to, or publish to every department.")
        )
    if errors:
        raise ValidationError(errors)
    return form_stage


def submit_for_review(*, user, output, log_action="wagtail.edit"):
    """Start the review from the beginning; the filled form is locked while it is in review."""
    if not permissions.can_submit_for_review(user, output):
        raise PermissionDenied
    with transaction.atomic():
        output.copy_from_filled_form()
        output.save()
        output.save_revision(user=user, log_action=log_action)
        FilledForm.objects.filter(pk=output.filled_form_id).update(status=FilledForm.Status.COMPLETE)
        permissions.grant_review_access(output)
        output.get_workflow().start(output, user)


def decide(*, user, output, action, comment=""):
    """Approve or request changes at the output's current step. `action` None: the request gave no valid
    decision, refused once the step and the user's right to decide it are checked."""
    with transaction.atomic():
        # Two reviewers deciding at once: the second finds the task decided, not a double transition.
        current = output.current_workflow_task_state
        task_state = current and TaskState.objects.select_for_update().filter(pk=current.pk).first()
        if task_state is None or task_state.status != TaskState.STATUS_IN_PROGRESS:
            raise AlreadyDecided
        if output.author_id == user.pk:
            # The tasks offer their author nothing (models/tasks.py); said plainly here.
            raise PermissionDenied(_("Nobody reviews their own work: another reviewer decides this step."))
        if not permissions.review_actions(user, output, task_state):
            raise PermissionDenied(_("You cannot review this output at this step."))
        if not action:
            raise ValidationError({"action": ValidationError(DECISION_REQUIRED, code="required")})
        if action not in DECISIONS:
            message = forms.ChoiceField.default_error_messages["invalid_choice"]
            raise ValidationError({"action": ValidationError(message, params={"value": action})})
        if action == "reject" and not (comment or "").strip():
            raise ValidationError({"comment": _("Say what should change, so the author knows what to do.")})
        task_state.task.specific.on_action(task_state.specific, user, action, comment=comment)


def reopen_for_changes(output):
    """Changes requested: the author may change the answers again; they are kept as they were."""
    FilledForm.objects.filter(pk=output.filled_form_id).update(status=FilledForm.Status.DRAFT)


def reopen_for_editing(*, user, output):
    """The author opens the form again, to change it, when it was completed unchanged after a request for
    changes (a completed form cannot be edited, and an unchanged one cannot be resubmitted)."""
    if not permissions.can_resubmit(user, output):
        raise PermissionDenied(_("Only the author resubmits an output that needs changes."))
    reopen_for_changes(output)


def current_step(output):
    """The task state the output's review is at: in progress, or the request for changes it waits on."""
    state = output.current_workflow_state
    return state.current_task_state if state is not None else None


def resubmit(*, user, output):
    """The author sends an output that needed changes back to the beginning of its review."""
    if not permissions.can_resubmit(user, output):
        raise PermissionDenied(_("Only the author resubmits an output that needs changes."))
    # Asked of the database: the author completed the form in another request, after `output` was read.
    if not FilledForm.objects.filter(pk=output.filled_form_id, status=FilledForm.Status.COMPLETE).exists():
        raise ValidationError(_("Mark your form as complete in “My forms” before you resubmit it."))
    output.filled_form.refresh_from_db(fields=["answers"])
    if not changed_since_review(output):
        raise ValidationError(_("Nothing has changed since the review: change your answers before you resubmit."))
    state = output.current_workflow_state
    with transaction.atomic():
        # Sent twice at once (a double click): the second finds the review already restarted.
        if not WorkflowState.objects.select_for_update().filter(pk=state.pk, status=state.status).exists():
            raise AlreadyDecided
        state.cancel(user=user)
        output.refresh_from_db()
        submit_for_review(user=user, output=output)


def withdraw(*, user, output):
    """The author or the department's reviewers take a published output back from the departments."""
    refused = _("Only the author or the department's reviewers withdraw a publication.")
    if not permissions.can_withdraw(user, output):
        raise PermissionDenied(refused)
    with transaction.atomic():
        # Read again under a lock: withdrawn meanwhile (by the author and a reviewer at once) is withdrawn once.
        output.refresh_from_db(from_queryset=StageOutput.objects.select_for_update(), fields=["live"])
        if not output.live:
            raise PermissionDenied(refused)
        # Wagtail's action does the unpublishing, logging and signals (signals.py takes the departments' access
        # away); the log context gives the user to what the signals log.
        with LogContext(user=user):
            UnpublishAction(output, user=user).execute(skip_permission_checks=True)


def publish_to_departments(*, user, output):
    """The workflow's last approval publishes the approved revision (publishing.py); the departments' access
    follows from Wagtail's `published` signal (signals.py), whichever way the output was published."""
    if not permissions.can_publish(user, output):
        raise PermissionDenied
    # The approver is also who shared it with the departments (logged by the `published` signal).
    with transaction.atomic(), LogContext(user=user):
        output.get_latest_revision().publish(user=user, skip_permission_checks=True)
