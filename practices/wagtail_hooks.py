from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.log_actions import LogFormatter

from .signals import DECLINED


@hooks.register("register_log_actions")
def register_log_actions(actions):
    @actions.register_action(DECLINED)
    class DeclinedFormatter(LogFormatter):
        label = _("Reject for good")
        message = _("Rejected: the practice will not be published")

        def format_comment(self, log_entry):
            return log_entry.data.get("comment", "")
