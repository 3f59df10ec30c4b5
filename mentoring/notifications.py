"""E-mail about stage outputs, to whoever must act next and to the author on each decision.

Written in each recipient's language, with the reviewer's comment (Wagtail's own workflow e-mails
leave it out: wagtail#7542, #10196, so they are switched off in MentoringConfig.ready).
"""

from django.utils.translation import gettext_noop

from home.mail import display_name, send_localized_mail_on_commit

SUBJECTS = {
    "review_requested": gettext_noop("Awaiting your review: %(title)s"),
    "approved_step": gettext_noop("Approved by %(actor)s: %(title)s"),
    "changes_requested": gettext_noop("Changes requested: %(title)s"),
    "published": gettext_noop("Published to other departments: %(title)s"),
}


def notify(kind, output, recipients, actor=None, comment=""):
    recipient_ids = [user.pk for user in recipients if actor is None or user.pk != actor.pk]
    if not recipient_ids:
        return
    params = {"title": output.title, "actor": display_name(actor)}
    context = {**params, "kind": kind, "comment": comment or ""}
    send_localized_mail_on_commit(
        recipient_ids,
        SUBJECTS[kind],
        params,
        "mentoring/email/stage_output.txt",
        context,
        "mentoring:output",
        [output.pk],
    )
