"""Filling a form: start one, save a draft, complete it. The site's views and the API both call these.

Each operation checks permission itself (permissions.py decides), validates the answers with the web
form (forms.py, which the API's JSON is first turned into) and writes in one transaction. A refusal is
an exception its caller turns into a response: PermissionDenied, or AnswersInvalid carrying the form
with its errors. Adding a table row is not an operation: it only shows the form again, one row longer.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from . import permissions
from .forms import AnswerForm
from .records import FilledForm


class AnswersInvalid(ValidationError):
    """The answers do not validate; `form` holds them with an error at each field, to be shown again."""

    def __init__(self, form):
        super().__init__(form.errors)
        self.form = form


def _validated_answers(definitions, data, complete):
    form = AnswerForm(definitions, data, draft=not complete)
    if not form.is_valid():
        raise AnswersInvalid(form)
    return form.answers()


def _status(complete):
    return FilledForm.Status.COMPLETE if complete else FilledForm.Status.DRAFT


@transaction.atomic
def start(*, user, template, data, complete=False):
    """A new filled form of `template` for `user`, answered with `data` (form data), as a draft or complete."""
    if not permissions.can_fill(user, template):
        raise PermissionDenied
    answers = _validated_answers(template.definitions, data, complete)
    filled = FilledForm.start(template, user)
    filled.answers = answers
    filled.status = _status(complete)
    filled.save()
    return filled


def save_draft(*, user, filled_form, data):
    """The draft's answers replaced by `data`; it stays a draft."""
    return _save(user=user, filled_form=filled_form, data=data, complete=False)


def complete(*, user, filled_form, data):
    """The draft answered with `data`, every required field included, and marked complete."""
    return _save(user=user, filled_form=filled_form, data=data, complete=True)


@transaction.atomic
def _save(*, user, filled_form, data, complete):
    # Saved while it is submitted for review (another tab): the row is locked and its status read after
    # the other request committed, so a form in review is never turned back into a draft.
    filled = (
        FilledForm.objects.select_for_update(of=("self",)).select_related("owner", "template").get(pk=filled_form.pk)
    )
    if not permissions.can_edit(user, filled):
        raise PermissionDenied(_("This form can no longer be changed."))
    filled.answers = _validated_answers(filled.definitions, data, complete)
    filled.status = _status(complete)
    filled.save()
    return filled
