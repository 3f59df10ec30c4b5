"""Signing in, resetting a password and the pages around them, in the language the reader chose.

The /accounts/ pages sit outside the language prefixes (their addresses are a contract), so Django's
LocaleMiddleware alone would take their language from the browser. But the reader has chosen already: a reader
who came from a page of the site came from /<lang>/…, and every link to these pages carries that address in
`next`; a signed-in person has a preferred language; a reader who follows a reset link is the person the
link names, with theirs. These decide in that order. The browser's Accept-Language decides only when none of these says anything.

The views are Django's own; the reset form only writes each mail in its recipient's language.
"""

import re

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme, urlencode, urlsafe_base64_decode
from django.utils.translation import gettext_lazy as _

LANGUAGE_CODES = frozenset(code for code, _name in settings.LANGUAGES)
RESET_LINK = re.compile(r"^/accounts/reset/(?P<uidb64>[0-9A-Za-z_\-]+)/")


def language_of_address(address):
    """The language of a local address such as `/el/practices/`, or None."""
    match = re.match(r"^/([a-z]{2})(?:/|$)", address or "")
    return match.group(1) if match and match.group(1) in LANGUAGE_CODES else None


def person_named_by_reset_link(path):
    match = RESET_LINK.match(path)
    if not match:
        return None
    try:
        pk = urlsafe_base64_decode(match.group("uidb64")).decode()
        return get_user_model().objects.filter(pk=int(pk)).only("preferred_language").first()
    except (ValueError, TypeError, OverflowError, UnicodeDecodeError):
        return None


def chosen_language(request):
    from_address = language_of_address(request.POST.get("next") or request.GET.get("next"))
    if from_address:
        return from_address
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.preferred_language in LANGUAGE_CODES:
        return user.preferred_language
    person = person_named_by_reset_link(request.path_info)
    if person is not None and person.preferred_language in LANGUAGE_CODES:
        return person.preferred_language
    return None


class AccountLanguageMiddleware:
    """After Django's LocaleMiddleware and the authentication middleware: on /accounts/ pages, the
    language the reader chose (see the module's docstring) wins over the browser's."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith("/accounts/"):
            language = chosen_language(request)
            if language:
                translation.activate(language)
                request.LANGUAGE_CODE = language
        return self.get_response(request)


class PasswordResetMailForm(PasswordResetForm):
    """Django's form; the mail is written in its recipient's preferred language, whatever the language
    of the person who asked for it."""

    def send_mail(self, subject_template_name, email_template_name, context, *args, **kwargs):
        with translation.override(context["user"].preferred_language or settings.LANGUAGE_CODE):
            super().send_mail(subject_template_name, email_template_name, context, *args, **kwargs)


def carrying_next(url, request):
    """`url` with the request's `next`, when it is a local address, so the following page keeps the language."""
    next_url = request.POST.get("next") or request.GET.get("next")
    if next_url and url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        return f"{url}?{urlencode({'next': next_url})}"
    return url


class PasswordResetView(auth_views.PasswordResetView):
    form_class = PasswordResetMailForm
    # The mail names the hub, in the recipient's language, rather than the host.
    extra_email_context = {"site_name": _("Q-SER Mentoring Hub")}

    def get_success_url(self):
        return carrying_next(super().get_success_url(), self.request)
