"""The task of the "Practice moderation" workflow: Wagtail's group approval for the Moderators, with a final
"reject" beside "request changes". Its decisions are the moderation operations (moderation.py), which lock the
task state so that two moderators deciding at once make one decision."""

from django.utils.translation import gettext_lazy as _
from wagtail.models import GroupApprovalTask

from . import moderation

DECISIONS = {"approve": moderation.approve, "reject": moderation.request_changes, "decline": moderation.decline}


class PracticeModerationTask(GroupApprovalTask):
    def get_actions(self, obj, user):
        actions = super().get_actions(obj, user)
        if actions:
            actions = [*actions, ("decline", _("Reject"), True)]
        return actions

    def on_action(self, task_state, user, action_name, **kwargs):
        decision = DECISIONS.get(action_name)
        if decision is None:
            return super().on_action(task_state, user, action_name, **kwargs)
        return decision(task_state=task_state, user=user, comment=kwargs.get("comment", ""))

    class Meta:
        verbose_name = _("practice moderation task")
        verbose_name_plural = _("practice moderation tasks")
