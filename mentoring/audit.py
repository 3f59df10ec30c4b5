"""The audit log's entries beyond Wagtail's own: stage outputs shared with departments and withdrawn from
them, a review step passed to others because the author may not review their own work, personal data exported or
erased, and a relationship's stage done. Registered with Wagtail (wagtail_hooks.py), so that the admin's
history views and its Site history report show them with translated labels."""

from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogFormatter, log

SHARED = "mentoring.share_with_departments"
WITHDRAWN = "mentoring.withdraw_from_departments"
EXPORTED = "mentoring.export_personal_data"
ERASED = "mentoring.erase_personal_data"
MENTOR_REVIEW_SKIPPED = "mentoring.skip_mentor_review"
APPROVAL_BY_OTHERS = "mentoring.approval_by_others"
STAGE_DONE = "mentoring.stage_done"
MATCH_PROPOSED = "mentoring.propose_match"
MATCH_ACCEPTED = "mentoring.accept_match"
MATCH_DECLINED = "mentoring.decline_match"
MENTOR_CONFIRMED = "mentoring.confirm_mentor"
GROUP_PROPOSED = "mentoring.propose_group"
GROUP_ACCEPTED = "mentoring.accept_group"
GROUP_DECLINED = "mentoring.decline_group"
PROPOSAL_WITHDRAWN = "mentoring.withdraw_proposal"


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
    actions.register_action(
        MENTOR_REVIEW_SKIPPED,
        _("Skip the mentor review"),
        _("Mentor review skipped: the mentor wrote this output, and nobody reviews their own work"),
    )

    @actions.register_action(APPROVAL_BY_OTHERS)
    class ApprovalByOthersFormatter(LogFormatter):
        label = _("Approval by others")

        def format_message(self, log_entry):
            if log_entry.data.get("by") == "moderators":
                return _(
                    "The author is the department's only reviewer, and nobody reviews their own work: "
                    "the moderators approve this output"
                )
            return _(
                "The author is one of the department's reviewers, and nobody reviews their own work: "
                "another reviewer approves this output"
            )

    @actions.register_action(STAGE_DONE)
    class StageDoneFormatter(LogFormatter):
        label = _("Stage done")

        def format_message(self, log_entry):
            return _("Stage %(number)s done: its outputs approved and confirmed by everyone") % {
                "number": log_entry.data.get("stage")
            }

    actions.register_action(MATCH_PROPOSED, _("Propose a match"), _("Match proposed"))
    actions.register_action(MATCH_ACCEPTED, _("Accept a match"), _("Match accepted"))
    actions.register_action(MATCH_DECLINED, _("Decline a match"), _("Match declined"))
    actions.register_action(MENTOR_CONFIRMED, _("Confirm a mentor"), _("Confirmed as a mentor in the pool"))
    actions.register_action(GROUP_PROPOSED, _("Propose a group"), _("Group proposed"))
    actions.register_action(GROUP_ACCEPTED, _("Accept a group"), _("Group accepted"))
    actions.register_action(GROUP_DECLINED, _("Decline a group"), _("Group declined"))
    actions.register_action(PROPOSAL_WITHDRAWN, _("Withdraw a proposal"), _("Proposal withdrawn by the coordinator"))


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
