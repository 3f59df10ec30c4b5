"""The workflow's finishing action. Wagtail imports it while defining its own models
(WAGTAIL_FINISH_WORKFLOW_ACTION, read in WorkflowState's class body), so this module imports nothing from
Wagtail or the project at load time."""


def publish_workflow_state(workflow_state, user=None):
    """WAGTAIL_FINISH_WORKFLOW_ACTION: publish what the workflow approved, as Wagtail does.

    For a stage output the last approval (by the reviewers of its own department) is the authority to
    publish, so no model-wide publish permission is needed, which would let a reviewer publish any
    department's outputs through the admin. Likewise for a page: its workflow's last approval publishes it.
    """
    # Imported here, at the first finished workflow: this module is loaded before the app registry is ready.
    from .models import StageOutput
    from .reviews import publish_to_departments

    obj = workflow_state.content_object
    if isinstance(obj, StageOutput):
        publish_to_departments(user=user, output=obj)
    else:
        # What Wagtail's own finishing action does, except that the approval is the authority: a page type may
        # refuse direct publishing to everyone (a practice, practices/permissions.py) and still be published
        # by its workflow.
        obj.get_latest_revision().publish(user=user, skip_permission_checks=True)
