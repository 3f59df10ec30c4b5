"""The two tasks of the "Stage output review" workflow."""

from django.db.models import CharField
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _
from wagtail.models import GroupApprovalTask, Task, TaskState

from home.workflow_states import OneDecisionTaskMixin

from .outputs import StageOutput

REVIEW_ACTIONS = [
    ("reject", _("Request changes"), True),
    ("approve", _("Approve"), False),
    ("approve", _("Approve with comment"), True),
]


def _output_ids(outputs):
    """Workflow states keep the object's id as text."""
    return outputs.annotate(text_id=Cast("pk", CharField())).values("text_id")


class ReviewerTaskMixin:
    """A task whose reviewers depend on the object under review; everyone else finds it locked."""

    def is_reviewer(self, obj, user):
        raise NotImplementedError

    def reviewed_outputs(self, user):
        raise NotImplementedError

    def user_can_access_editor(self, obj, user):
        return self.is_reviewer(obj, user)

    def locked_for_user(self, obj, user):
        return not self.is_reviewer(obj, user)

    def user_can_lock(self, obj, user):
        return self.is_reviewer(obj, user)

    def user_can_unlock(self, obj, user):
        return self.is_reviewer(obj, user)

    def get_actions(self, obj, user):
        return REVIEW_ACTIONS if self.is_reviewer(obj, user) else []

    def get_task_states_user_can_moderate(self, user, **kwargs):
        outputs = StageOutput.objects.all() if user.is_superuser else self.reviewed_outputs(user)
        return self.task_states.filter(
            status=TaskState.STATUS_IN_PROGRESS, workflow_state__object_id__in=_output_ids(outputs)
        )


class MentorReviewTask(OneDecisionTaskMixin, ReviewerTaskMixin, Task):
    """The first review of a stage output, by the mentor of its relationship and nobody else."""

    def is_reviewer(self, obj, user):
        return (
            user.is_authenticated
            and getattr(obj, "relationship", None) is not None
            and obj.relationship.mentor_id == user.pk
        )

    def reviewed_outputs(self, user):
        return StageOutput.objects.filter(relationship__mentor=user)

    @classmethod
    def get_description(cls):
        return _("The mentor of the relationship reviews the output")

    class Meta:
        verbose_name = _("mentor review task")
        verbose_name_plural = _("mentor review tasks")


class DepartmentApprovalTask(OneDecisionTaskMixin, ReviewerTaskMixin, GroupApprovalTask):
    """Wagtail's group approval, narrowed to the reviewers of the output's own department: the task's
    groups are every department's reviewers, and each output is approved by its own."""

    def is_reviewer(self, obj, user):
        if not user.is_authenticated or getattr(obj, "relationship", None) is None:
            return False
        return user.is_superuser or obj.relationship.department.has_reviewer(user)

    def reviewed_outputs(self, user):
        return StageOutput.objects.filter(relationship__department__reviewers_group__in=user.groups.all())

    @classmethod
    def get_description(cls):
        return _("The reviewers of the output's department approve it before it is published")

    class Meta:
        verbose_name = _("department approval task")
        verbose_name_plural = _("department approval tasks")
