"""The "Stage output review" workflow: Wagtail's own Workflow and Task models, made sure of after
every migrate so that each installation has it."""

from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import Workflow, WorkflowContentType, WorkflowTask

from .models import DepartmentApprovalTask, MentorReviewTask, StageOutput

WORKFLOW_NAME = "Stage output review"


@transaction.atomic
def ensure_stage_output_workflow():
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    mentor_review, _created = MentorReviewTask.objects.get_or_create(name="Mentor review")
    department_approval, _created = DepartmentApprovalTask.objects.get_or_create(name="Department approval")
    for order, task in enumerate([mentor_review, department_approval]):
        WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": order})
    WorkflowContentType.objects.get_or_create(
        content_type=ContentType.objects.get_for_model(StageOutput), defaults={"workflow": workflow}
    )
    sync_department_reviewers(department_approval)
    return workflow


def sync_department_reviewers(task=None):
    """The approval task lists every department's reviewers; each output is narrowed to its own."""
    for approval in [task] if task else DepartmentApprovalTask.objects.all():
        approval.groups.set(Group.objects.filter(department_as_reviewers__isnull=False))


def ensure_after_migrate(sender, **kwargs):
    ensure_stage_output_workflow()
