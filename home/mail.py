"""E-mail in each recipient's own language, sent through Django's tasks framework.

The task takes only JSON-ready arguments (ids, strings), so any tasks backend can queue it; the
subject and body are translated and rendered per recipient, in their preferred language. It is
enqueued when the decision it reports commits (`send_localized_mail_on_commit`), one task per recipient,
so that a retry (home/tasks.py) never sends the message twice to those who already have it.
"""

from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from .tasks import retried_task


@retried_task()
def send_localized_mail(recipient_ids, subject, subject_params, template, context, url_name=None, url_args=()):
    """`subject` is an untranslated message (gettext_noop); `url_name` is reversed in each language."""
    sent = 0
    for user in get_user_model().objects.filter(pk__in=recipient_ids).exclude(email=""):
        with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
            body_context = {**context, "user": user}
            if url_name:
                body_context["url"] = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(url_name, args=url_args)
            body = render_to_string(template, body_context)
            send_mail(translation.gettext(subject) % subject_params, body, None, [user.email])
        sent += 1
    return sent


def send_localized_mail_on_commit(*args):
    """Enqueue `send_localized_mail` once the current transaction commits: a decision that fails and
    rolls back tells nobody, and a queue's worker finds the objects the message is about."""
    recipient_ids, *rest = args
    for recipient_id in recipient_ids:
        transaction.on_commit(partial(send_localized_mail.enqueue, [recipient_id], *rest))


def display_name(user):
    return (user.get_full_name() or user.get_username()) if user else ""


def name_from(first_name, last_name, username):
    """`display_name` from a person's columns (a values row), without building the user."""
    return f"{first_name} {last_name}".strip() or username
