"""E-mail to the submitter of a practice on each moderation decision, in their language, with the
moderator's comment (Wagtail's own workflow e-mails are off; see mentoring/apps.py)."""

from django.utils.translation import gettext_noop

from home.mail import display_name, send_localized_mail_on_commit

SUBJECTS = {
    "published": gettext_noop("Your good practice is published: %(title)s"),
    "changes_requested": gettext_noop("Changes requested for your good practice: %(title)s"),
    "declined": gettext_noop("Your good practice was not accepted: %(title)s"),
}


def notify_submitter(kind, page, actor=None, comment=""):
    if page.submitted_by_id is None:
        return
    params = {"title": page.title, "actor": display_name(actor)}
    context = {**params, "kind": kind, "comment": comment or ""}
    send_localized_mail_on_commit(
        [page.submitted_by_id], SUBJECTS[kind], params, "practices/email/moderation.txt", context, "practices:mine"
    )
