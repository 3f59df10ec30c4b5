from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _
from wagtail import signals as wagtail_signals

# Wagtail's own workflow e-mails omit the reviewer's comment and the recipient's language
# (wagtail#7542, #10196) and would tell every department's reviewers; mentoring/notifications.py
# sends ours instead.
WAGTAIL_WORKFLOW_EMAILS = [
    ("task_submitted", "group_approval_task_submitted_email_notification"),
    ("workflow_submitted", "workflow_state_submitted_email_notification"),
    ("workflow_rejected", "workflow_state_rejected_email_notification"),
    ("workflow_approved", "workflow_state_approved_email_notification"),
]


class MentoringConfig(AppConfig):
    name = "mentoring"
    verbose_name = _("Mentoring")

    def ready(self):
        # Models are importable only once the app registry is ready, here.
        from wagtail.models import TaskState, WorkflowState

        from . import signals  # noqa: F401 -- connects the receivers; it imports the models
        from .workflows import ensure_after_migrate  # imports the models

        post_migrate.connect(ensure_after_migrate, sender=self)
        for signal_name, dispatch_uid in WAGTAIL_WORKFLOW_EMAILS:
            sender = TaskState if signal_name.startswith("task") else WorkflowState
            getattr(wagtail_signals, signal_name).disconnect(sender=sender, dispatch_uid=dispatch_uid)
