"""Workflow states of many objects in one query, for listings that show each object's review state;
one decision per task, whoever decides at the same moment; and the words our pages use for workflows,
their steps and their states, in the reader's language."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import pgettext_lazy
from wagtail.models import TaskState, WorkflowState

# Wagtail keeps a workflow's and a task's name in the database, in one language, for its admin (where it stays
# as it is). Our pages show them through this mapping, keyed by the stored name (as mentoring/workflows.py and
# practices/workflows.py create them; tests/home/test_reader_language.py checks that each one has its words).
# A name editors give a new task in the admin is shown as they wrote it.
WORKFLOW_NAMES = {
    "Stage output review": pgettext_lazy("workflow", "Stage output review"),
    "Practice moderation": pgettext_lazy("workflow", "Practice moderation"),
    "Mentor review": pgettext_lazy("workflow step", "Mentor review"),
    "Department approval": pgettext_lazy("workflow step", "Department approval"),
    "Moderation": pgettext_lazy("workflow step", "Moderation"),
    # Wagtail's own default workflow and its task, made by its migrations.
    "Moderators approval": pgettext_lazy("workflow", "Moderators approval"),
}

# The states of one step (a TaskState) as our pages say them. A step "rejected" in Wagtail's terms sends the
# work back to its author for changes: that is what the reader is told.
TASK_STATE_WORDS = {
    TaskState.STATUS_IN_PROGRESS: pgettext_lazy("state of a workflow step", "In progress"),
    TaskState.STATUS_APPROVED: pgettext_lazy("state of a workflow step", "Approved"),
    TaskState.STATUS_REJECTED: pgettext_lazy("state of a workflow step", "Changes requested"),
    TaskState.STATUS_SKIPPED: pgettext_lazy("state of a workflow step", "Skipped"),
    TaskState.STATUS_CANCELLED: pgettext_lazy("state of a workflow step", "Cancelled"),
}


def workflow_label(name):
    """A workflow's or a step's stored name in the reader's language (as stored when we do not know it)."""
    return str(WORKFLOW_NAMES.get(name, name))


def task_state_label(status):
    return str(TASK_STATE_WORDS.get(status, status))


def attach_workflow_states(objects, active_only=True):
    """Set `review_state` on each object: its active workflow state (or its latest one), or None."""
    objects = list(objects)
    if not objects:
        return objects
    states = WorkflowState.objects.filter(
        base_content_type=objects[0].get_base_content_type(), object_id__in=[str(obj.pk) for obj in objects]
    ).select_related("current_task_state__task")
    if active_only:
        states = states.active()
    by_object = {}
    for state in states.order_by("created_at"):
        by_object[state.object_id] = state  # the latest wins
    for obj in objects:
        obj.review_state = by_object.get(str(obj.pk))
    return objects


def lock_undecided(task_state):
    """Lock the task state's row and read its status again; PermissionDenied (as Wagtail answers a decision
    on a decided task) when someone decided it meanwhile. Wagtail's approve and reject check the status of
    the copy each request loaded, which two reviewers deciding at once both loaded as in progress."""
    status = TaskState.objects.select_for_update().filter(pk=task_state.pk).values_list("status", flat=True).first()
    if status != TaskState.STATUS_IN_PROGRESS:
        raise PermissionDenied


class OneDecisionTaskMixin:
    """For a workflow task: two decisions at the same moment make one transition, and the second fails."""

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        lock_undecided(task_state)
        return super().on_action(task_state, user, action_name, **kwargs)
