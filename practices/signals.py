"""Moderation of practices: the workflow on every language's repository, the submitter told of each
decision, a final rejection recorded in the audit log, and the attachments public only while the practice is."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.log_actions import log
from wagtail.signals import page_published, page_unpublished, task_rejected, workflow_approved

from home import fragments

from . import attachments, notifications
from .pages import PracticeIndexPage, PracticePage, PracticePageTag
from .workflows import assign_to_repository

# The listing's tags in use are kept under the cache's generation (practices/listing.py).
post_save.connect(fragments.renew, sender=PracticePageTag, dispatch_uid="qser-part-practice-tag-save")
post_delete.connect(fragments.renew, sender=PracticePageTag, dispatch_uid="qser-part-practice-tag-delete")


@receiver(post_save, sender=PracticeIndexPage)
def moderate_new_repository(sender, instance, created, **kwargs):
    if created:
        assign_to_repository(instance)


@receiver(page_published, sender=PracticePage)
def release_attachments(sender, instance, **kwargs):
    attachments.release(instance)


@receiver(page_unpublished, sender=PracticePage)
def withdraw_attachments(sender, instance, **kwargs):
    attachments.withdraw(instance)


def _practice(workflow_state):
    """The practice a workflow state is about, or None (workflow states point at the base Page)."""
    obj = workflow_state.content_object
    obj = getattr(obj, "specific", obj)
    return obj if isinstance(obj, PracticePage) else None


@receiver(workflow_approved)
def tell_submitter_of_publication(sender, instance, user=None, **kwargs):
    if page := _practice(instance):
        notifications.notify_submitter("published", page, actor=user)


@receiver(task_rejected)
def tell_submitter_of_requested_changes(sender, instance, user=None, **kwargs):
    page = _practice(instance.workflow_state)
    if page and not getattr(instance, "declining", False):
        notifications.notify_submitter("changes_requested", page, actor=user, comment=instance.get_comment())


DECLINED = "practices.decline"


@receiver(task_rejected)
def log_final_rejection(sender, instance, user=None, **kwargs):
    """Wagtail logs a rejection as "changes requested"; a final one also says that it is final."""
    page = _practice(instance.workflow_state)
    if page and getattr(instance, "declining", False):
        log(page, DECLINED, user=user, data={"comment": instance.get_comment()})
