"""A person's own account: changing the password, and with it, if they choose, their API tokens, on the site
(/accounts/password/) and in the admin's account settings."""

from django import forms
from django.contrib.auth import forms as auth_forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.account import ChangePasswordPanel
from wagtail.models import APIToken


def revoke_api_tokens(*, user):
    """Revoke every API token of `user` that is still valid (Wagtail's APIToken.revoke: kept, marked revoked,
    so the token admin still shows it). Returns how many were revoked."""
    tokens = list(APIToken.objects.filter(user=user, revoked_at__isnull=True))
    for token in tokens:
        token.revoke()
    return len(tokens)


REVOKE_LABEL = _("Also revoke my API tokens")
REVOKE_HELP = _("Other systems that use one of your API tokens will need a new one.")


class PasswordChangeForm(auth_forms.PasswordChangeForm):
    """Django's password change, offering to revoke the person's API tokens too.

    Checked by default: a password is usually changed because someone else may know it, and a token made with
    the account meanwhile would outlive the change. A person whose other systems should keep their token
    unticks it."""

    revoke_api_tokens = forms.BooleanField(label=REVOKE_LABEL, help_text=REVOKE_HELP, required=False, initial=True)

    @transaction.atomic
    def save(self, commit=True):
        user = super().save(commit=commit)
        if commit and self.cleaned_data.get("revoke_api_tokens"):
            revoke_api_tokens(user=user)
        return user


class RevokeTokensForm(forms.Form):
    revoke_api_tokens = forms.BooleanField(label=REVOKE_LABEL, help_text=REVOKE_HELP, required=False, initial=True)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def save(self):
        if self.cleaned_data["revoke_api_tokens"]:
            revoke_api_tokens(user=self.user)


class RevokeTokensPanel(ChangePasswordPanel):
    """The admin's account settings: the same offer, under its password panel (mentoring/wagtail_hooks.py
    registers it). Wagtail saves every panel's form in one transaction, only when all are valid, and this one
    only when a new password was given, as its password panel does."""

    name = "api_tokens"
    title = _("API tokens")
    order = ChangePasswordPanel.order + 1
    form_class = RevokeTokensForm

    def get_form(self):
        password = ChangePasswordPanel.name
        changing = self.request.method == "POST" and any(
            self.request.POST.get(f"{password}-{field}") for field in ("new_password1", "new_password2")
        )
        if changing:
            return self.form_class(self.request.POST, prefix=self.name, user=self.user)
        return self.form_class(prefix=self.name, user=self.user)
