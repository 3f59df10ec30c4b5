"""Workflow states of many objects in one query, for listings that show each object's review state."""

from wagtail.models import WorkflowState


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
