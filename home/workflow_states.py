"""Workflow states of many objects in one query, for listings that show each object's review state;
and one decision per task, whoever decides at the same moment."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from wagtail.models import TaskState, WorkflowState


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
