"""The workflow's finishing action. Wagtail imports it while defining its own models
(WAGTAIL_FINISH_WORKFLOW_ACTION, read in WorkflowState's class body), so this module imports nothing from
Wagtail or the project at load time."""


def publish_workflow_state(workflow_state, user=None):
    """WAGTAIL_FINISH_WORKFLOW_ACTION: publish what the workflow approved, as Wagtail does.

    For a stage output the last approval (by the reviewers of its own department) is the authority to
    publish, so no model-wide publish permission is needed, which would let a reviewer publish any
    department's outputs through the admin.
    """
    # Imported here, at the first finished workflow: this module is loaded before the app registry is ready.
    from wagtail.workflows import publish_workflow_state as wagtail_publish_workflow_state

    from .models import StageOutput
    from .reviews import publish_to_departments

    obj = workflow_state.content_object
    if isinstance(obj, StageOutput):
        publish_to_departments(user=user, output=obj)
    else:
        wagtail_publish_workflow_state(workflow_state, user=user)
