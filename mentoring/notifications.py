"""E-mail about stage outputs, to whoever must act next and to the author on each decision.

Written in each recipient's language, with the reviewer's comment (Wagtail's own workflow e-mails
leave it out: wagtail#7542, #10196, so they are switched off in MentoringConfig.ready). Sent through
Django's tasks framework, so a slow mail server never holds up the click that caused the e-mail.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

SUBJECTS = {
    # Marked for translation here, translated per recipient when sent.
    "review_requested": translation.gettext_noop("Awaiting your review: %(title)s"),
    "approved_step": translation.gettext_noop("Approved by %(actor)s: %(title)s"),
    "changes_requested": translation.gettext_noop("Changes requested: %(title)s"),
    "published": translation.gettext_noop("Published to other departments: %(title)s"),
}


@task()
def send_stage_output_email(kind, output_id, recipient_ids, actor_name="", comment=""):
    from .models import StageOutput

    output = StageOutput.objects.filter(pk=output_id).select_related("relationship").first()
    if output is None:
        return 0
    sent = 0
    for user in get_user_model().objects.filter(pk__in=recipient_ids).exclude(email=""):
        language = user.preferred_language or settings.LANGUAGE_CODE
        with translation.override(language):
            context = {
                "user": user,
                "output": output,
                "actor": actor_name,
                "comment": comment,
                "kind": kind,
                "url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("mentoring:output", args=[output.pk]),
            }
            subject = translation.gettext(SUBJECTS[kind]) % {"title": output.title, "actor": actor_name}
            body = render_to_string("mentoring/email/stage_output.txt", context)
        send_mail(subject, body, None, [user.email])
        sent += 1
    return sent


def notify(kind, output, recipients, actor=None, comment=""):
    recipient_ids = [user.pk for user in recipients if actor is None or user.pk != actor.pk]
    if recipient_ids:
        actor_name = (actor.get_full_name() or actor.get_username()) if actor else ""
        send_stage_output_email.enqueue(kind, output.pk, recipient_ids, actor_name, comment or "")
