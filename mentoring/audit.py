"""The audit log's entries beyond Wagtail's own: stage outputs shared with departments and withdrawn from
them, and personal data exported or erased. Registered with Wagtail (wagtail_hooks.py), so that the admin's
history views and its Site history report show them with translated labels."""

from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogFormatter, log

SHARED = "mentoring.share_with_departments"
WITHDRAWN = "mentoring.withdraw_from_departments"
EXPORTED = "mentoring.export_personal_data"
ERASED = "mentoring.erase_personal_data"
MATCH_PROPOSED = "mentoring.propose_match"
MATCH_ACCEPTED = "mentoring.accept_match"
MATCH_DECLINED = "mentoring.decline_match"
MENTOR_CONFIRMED = "mentoring.confirm_mentor"


def register_log_actions(actions):
    @actions.register_action(SHARED)
    class SharedFormatter(LogFormatter):
        label = _("Share with departments")

        def format_message(self, log_entry):
            if log_entry.data.get("every_department"):
                return _("Shared with every department")
            return _("Shared with %(departments)s") % {"departments": ", ".join(log_entry.data.get("departments", []))}

    actions.register_action(WITHDRAWN, _("Withdraw from departments"), _("No longer shared with other departments"))
    actions.register_action(EXPORTED, _("Export personal data"), _("Personal data exported"))
    actions.register_action(ERASED, _("Erase personal data"), _("Personal data erased on request"))
    actions.register_action(MATCH_PROPOSED, _("Propose a match"), _("Match proposed"))
    actions.register_action(MATCH_ACCEPTED, _("Accept a match"), _("Match accepted"))
    actions.register_action(MATCH_DECLINED, _("Decline a match"), _("Match declined"))
    actions.register_action(MENTOR_CONFIRMED, _("Confirm a mentor"), _("Confirmed as a mentor in the pool"))


def log_sharing(output):
    """Who received the output (the acting user comes from Wagtail's log context)."""
    log(
        output,
        SHARED,
        data={
            "every_department": output.share_with_all,
            "departments": [department.name for department in output.receiving_departments()],
        },
    )
