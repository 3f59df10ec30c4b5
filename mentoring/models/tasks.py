"""The two tasks of the "Stage output review" workflow.

Nobody reviews their own work. Each task's reviewers leave out the output's author, in every permission
method Wagtail asks (the admin's edit view, its workflow action menu and dashboard, the site and the API
ask the same): an output the mentor wrote skips the mentor's review, which the system records as skipped
with an audit-log entry; one a department reviewer wrote is approved by another reviewer of the
department or, when it has none, by the moderators, and the audit log says so.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db.models import CharField, Exists, OuterRef
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log
from wagtail.models import GroupApprovalTask, Task, TaskState

from home.workflow_states import OneDecisionTaskMixin

from .. import audit
from .outputs import StageOutput

# The same group moderates good practices (practices/constants.py, a higher layer this one does not import).
MODERATORS = "Moderators"

REVIEW_ACTIONS = [
    ("reject", _("Request changes"), True),
    ("approve", _("Approve"), False),
    ("approve", _("Approve with comment"), True),
]


def _output_ids(outputs):
    """Workflow states keep the object's id as text."""
    return outputs.annotate(text_id=Cast("pk", CharField())).values("text_id")


class ReviewerTaskMixin:
    """A task whose reviewers depend on the object under review; everyone else finds it locked, and the
    author of the object is never among them."""

    def is_reviewer(self, obj, user):
        raise NotImplementedError

    def reviewed_outputs(self, user):
        raise NotImplementedError

    def reviewers(self, obj):
        """The people who decide this step for `obj` (told by e-mail)."""
        raise NotImplementedError

    def decides(self, obj, user):
        return (
            user is not None
            and user.is_authenticated
            and getattr(obj, "relationship", None) is not None
            and obj.author_id != user.pk
            and self.is_reviewer(obj, user)
        )

    def user_can_access_editor(self, obj, user):
        return self.decides(obj, user)

    def locked_for_user(self, obj, user):
        return not self.decides(obj, user)

    def user_can_lock(self, obj, user):
        return self.decides(obj, user)

    def user_can_unlock(self, obj, user):
        return self.decides(obj, user)

    def get_actions(self, obj, user):
        return REVIEW_ACTIONS if self.decides(obj, user) else []

    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name not in {
            name for name, _label, _modal in self.get_actions(task_state.workflow_state.content_object, user)
        }:
            raise PermissionDenied
        return super().on_action(task_state, user, action_name, **kwargs)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        outputs = StageOutput.objects.all() if user.is_superuser else self.reviewed_outputs(user)
        return self.task_states.filter(
            status=TaskState.STATUS_IN_PROGRESS,
            workflow_state__object_id__in=_output_ids(outputs.exclude(author=user)),
        )


class MentorReviewTask(OneDecisionTaskMixin, ReviewerTaskMixin, Task):
    """The first review of a stage output, by the mentor of its relationship and nobody else; skipped when
    the mentor wrote the output."""

    def is_reviewer(self, obj, user):
        return obj.relationship.mentor_id == user.pk

    def reviewed_outputs(self, user):
        return StageOutput.objects.filter(relationship__mentor=user)

    def reviewers(self, obj):
        return [] if obj.author_id == obj.relationship.mentor_id else [obj.relationship.mentor]

    def start(self, workflow_state, user=None):
        output = workflow_state.content_object
        if not isinstance(output, StageOutput) or output.author_id != output.relationship.mentor_id:
            return super().start(workflow_state, user=user)
        # Wagtail's workflow moves on from a task state that starts decided (its "auto-approved" case);
        # "skipped" counts as passed, and tells the history that nobody approved it.
        now = timezone.now()
        task_state = TaskState.objects.create(
            workflow_state=workflow_state,
            task=self,
            status=TaskState.STATUS_SKIPPED,
            revision=output.get_latest_revision(),
            finished_at=now,
        )
        log(output, audit.MENTOR_REVIEW_SKIPPED, data={"task": {"id": self.pk, "title": self.name}})
        return task_state

    @classmethod
    def get_description(cls):
        return _("The mentor of the relationship reviews the output")

    class Meta:
        verbose_name = _("mentor review task")
        verbose_name_plural = _("mentor review tasks")


def _reviewers_of_department(**conditions):
    """Reviewers of the output's department, for an Exists subquery over stage outputs."""
    return get_user_model().objects.filter(groups=OuterRef("relationship__department__reviewers_group"), **conditions)


def approved_by_moderators(user=None):
    """The outputs the moderators approve: those written by the only reviewer of their department. With
    `user`, none unless the user is a moderator."""
    if user is not None and not user.groups.filter(name=MODERATORS).exists():
        return StageOutput.objects.none()
    author_reviews = Exists(_reviewers_of_department(pk=OuterRef("author")))
    others_review = Exists(_reviewers_of_department(is_active=True).exclude(pk=OuterRef("author")))
    return StageOutput.objects.filter(author_reviews, ~others_review)


class DepartmentApprovalTask(OneDecisionTaskMixin, ReviewerTaskMixin, GroupApprovalTask):
    """Wagtail's group approval, narrowed to the reviewers of the output's own department: the task's
    groups are every department's reviewers, and each output is approved by its own; by the moderators
    when its author is the department's only reviewer. (A department without reviewers waits for them.)"""

    def _by_moderators(self, obj):
        """Whether the author is the department's only reviewer (then the moderators approve)."""
        department = obj.relationship.department
        return (
            department.has_reviewer(obj.author)
            and not department.reviewers_group.user_set.filter(is_active=True).exclude(pk=obj.author_id).exists()
        )

    def is_reviewer(self, obj, user):
        if user.is_superuser:
            return True
        if self._by_moderators(obj):
            return user.groups.filter(name=MODERATORS).exists()
        return obj.relationship.department.has_reviewer(user)

    def reviewed_outputs(self, user):
        own = StageOutput.objects.filter(relationship__department__reviewers_group__in=user.groups.all())
        return own | approved_by_moderators(user)

    def reviewers(self, obj):
        if self._by_moderators(obj):
            group = Group.objects.filter(name=MODERATORS).first()
        else:
            group = obj.relationship.department.reviewers_group
        return list(group.user_set.filter(is_active=True).exclude(pk=obj.author_id)) if group else []

    def start(self, workflow_state, user=None):
        output = workflow_state.content_object
        if isinstance(output, StageOutput) and output.relationship.department.has_reviewer(output.author):
            # Logged as the task starts, next to the e-mail that tells the reviewers.
            by = "moderators" if self._by_moderators(output) else "reviewers"
            log(output, audit.APPROVAL_BY_OTHERS, data={"by": by, "task": {"id": self.pk, "title": self.name}})
        return super().start(workflow_state, user=user)

    @classmethod
    def get_description(cls):
        return _("The reviewers of the output's department approve it before it is published")

    class Meta:
        verbose_name = _("department approval task")
        verbose_name_plural = _("department approval tasks")
