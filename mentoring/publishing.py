"""The workflow's finishing action. Wagtail imports it while defining its own models, so this module
imports nothing from Wagtail or the project at load time."""


def publish_workflow_state(workflow_state, user=None):
    """WAGTAIL_FINISH_WORKFLOW_ACTION: publish what the workflow approved, as Wagtail does.

    For a stage output the last approval (by the reviewers of its own department) is the authority to
    publish, so no model-wide publish permission is needed, which would let a reviewer publish any
    department's outputs through the admin.
    """
    from wagtail.log_actions import LogContext
    from wagtail.workflows import publish_workflow_state as wagtail_publish_workflow_state

    from .models import StageOutput

    obj = workflow_state.content_object
    if isinstance(obj, StageOutput):
        # The approver is also who shared it with the departments (logged by the `published` signal).
        with LogContext(user=user):
            obj.get_latest_revision().publish(user=user, skip_permission_checks=True)
    else:
        wagtail_publish_workflow_state(workflow_state, user=user)
