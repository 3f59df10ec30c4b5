"""The "Practice moderation" workflow, made sure of after every migrate and assigned to each
language's repository page when it is created."""

from django.contrib.auth.models import Group
from django.db import transaction

WORKFLOW_NAME = "Practice moderation"
MODERATORS = "Moderators"


@transaction.atomic
def ensure_practice_workflow():
    from wagtail.models import Workflow, WorkflowTask

    from .models import PracticeModerationTask

    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    task = PracticeModerationTask.objects.filter(name="Moderation").first()
    if task is None:
        task = PracticeModerationTask.objects.create(name="Moderation")
        moderators, _created = Group.objects.get_or_create(name=MODERATORS)
        task.groups.set([moderators])
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    return workflow


def assign_to_repository(index_page):
    from wagtail.models import WorkflowPage

    WorkflowPage.objects.get_or_create(page=index_page, defaults={"workflow": ensure_practice_workflow()})


def ensure_after_migrate(sender, **kwargs):
    from wagtail.models import Collection

    from .attachments import submissions_collection

    ensure_practice_workflow()
    # Not after a flush, which leaves no root collection until Wagtail's data is loaded again.
    if Collection.get_first_root_node() is not None:
        submissions_collection()
