"""A person's own account: changing the password, and with it, if they choose, their API tokens."""

from django import forms
from django.contrib.auth import forms as auth_forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.models import APIToken


def revoke_api_tokens(*, user):
    """Revoke every API token of `user` that is still valid (Wagtail's APIToken.revoke: kept, marked revoked,
    so the token admin still shows it). Returns how many were revoked."""
    tokens = list(APIToken.objects.filter(user=user, revoked_at__isnull=True))
    for token in tokens:
        token.revoke()
    return len(tokens)


class PasswordChangeForm(auth_forms.PasswordChangeForm):
    """Django's password change, offering to revoke the person's API tokens too.

    Checked by default: a password is usually changed because someone else may know it, and a token made with
    the account meanwhile would outlive the change. A person whose other systems should keep their token
    unticks it."""

    revoke_api_tokens = forms.BooleanField(
        label=_("Also revoke my API tokens"),
        help_text=_("Other systems that use one of your API tokens will need a new one."),
        required=False,
        initial=True,
    )

    @transaction.atomic
    def save(self, commit=True):
        user = super().save(commit=commit)
        if commit and self.cleaned_data.get("revoke_api_tokens"):
            revoke_api_tokens(user=user)
        return user
