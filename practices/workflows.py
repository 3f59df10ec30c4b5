"""The "Practice moderation" workflow, made sure of after every migrate and assigned to each
language's repository page when it is created."""

from django.contrib.auth.models import Group
from django.db import transaction
from wagtail.models import Collection, Workflow, WorkflowPage, WorkflowTask

from .attachments import submissions_collection
from .constants import MODERATORS, WORKFLOW_NAME
from .moderation_task import PracticeModerationTask


@transaction.atomic
def ensure_practice_workflow():
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    task, created = PracticeModerationTask.objects.get_or_create(name="Moderation")
    if created:
        task.groups.set([Group.objects.get_or_create(name=MODERATORS)[0]])
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    return workflow


def assign_to_repository(index_page):
    WorkflowPage.objects.get_or_create(page=index_page, defaults={"workflow": ensure_practice_workflow()})


def ensure_after_migrate(sender, **kwargs):
    ensure_practice_workflow()
    # Not after a flush, which leaves no root collection until Wagtail's data is loaded again.
    if Collection.get_first_root_node() is not None:
        submissions_collection()
