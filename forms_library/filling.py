"""Filling a form: start one, save a draft, complete it, change some of its answers. The site's views and the
API both call these.

Each operation checks permission itself (permissions.py decides), validates the answers with the web
form (forms.py) and writes in one transaction. The site gives its posted form `data`; the API gives `answers`
as JSON, which are turned into the same form data, and then must be stored exactly as they were sent: an answer
the form would change (trim, cut, pad, convert) is refused, never stored otherwise. A refusal is an exception
its caller turns into a response: PermissionDenied (FormLocked when the form is no longer a draft),
PreconditionFailed (the client's `If-Match` names another version), or AnswersInvalid carrying the form with its
errors. Adding a table row is not an operation: it only shows the form again, one row longer.

What a saved form means elsewhere is not the library's to know: apps above it register the Wagtail hook
`filled_form_saved(user=, filled_form=)`, called in the transaction that saved the answers (the mentoring app keeps a
relationship's sessions in step with its calendar form). A hook refuses the answers by raising `refused(filled_form,
error)`: the transaction rolls back and the form is shown again with the error at its field.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail import hooks

from home.writes import check_if_match, merge_patch

from . import permissions
from .forms import CHANGED_MESSAGE, AnswerForm, answers_to_form_data, changed_answers
from .records import FilledForm


class AnswersInvalid(ValidationError):
    """The answers do not validate; `form` holds them with an error at each field, to be shown again."""

    def __init__(self, form):
        super().__init__(form.errors)
        self.form = form


class FormLocked(PermissionDenied):
    """The form is its owner's but no longer a draft (complete, or in review): it cannot change now."""


def _validated_answers(definitions, complete, data=None, answers=None):
    """The answers to store: from the site's form `data`, or the API's JSON `answers`, which must be stored
    exactly as they were sent."""
    if answers is not None:
        data = answers_to_form_data(definitions, answers)
    form = AnswerForm(definitions, data, draft=not complete)
    if not form.is_valid():
        raise AnswersInvalid(form)
    stored = form.answers()
    if answers is not None:
        changed = changed_answers(answers, stored)
        for name in changed:
            form.add_error(name, CHANGED_MESSAGE)
        if changed:
            raise AnswersInvalid(form)
    return stored


FILLED_FORM_SAVED = "filled_form_saved"


def _saved(user, filled):
    for hook in hooks.get_hooks(FILLED_FORM_SAVED):
        hook(user=user, filled_form=filled)


def refused(filled_form, error):
    """AnswersInvalid for `filled_form`'s stored answers, with the ValidationError `error` at its fields (a field the
    form does not have: at the top of the form)."""
    form = AnswerForm(
        filled_form.definitions,
        answers_to_form_data(filled_form.definitions, filled_form.answers),
        draft=filled_form.status == FilledForm.Status.DRAFT,
    )
    form.is_valid()
    for name, messages in error.message_dict.items() if hasattr(error, "error_dict") else [(None, error.messages)]:
        form.add_error(name if name in form.fields else None, messages)
    return AnswersInvalid(form)


def _status(complete):
    return FilledForm.Status.COMPLETE if complete else FilledForm.Status.DRAFT


@transaction.atomic
def start(*, user, template, data=None, answers=None, complete=False):
    """A new filled form of `template` for `user`, answered with `data` (form data) or `answers` (JSON), as a draft
    or complete."""
    if not permissions.can_fill(user, template):
        raise PermissionDenied
    stored = _validated_answers(template.definitions, complete, data, answers)
    filled = FilledForm.start(template, user)
    filled.answers = stored
    filled.status = _status(complete)
    filled.save()
    _saved(user, filled)
    return filled


def save_draft(*, user, filled_form, data=None, answers=None, if_match=None):
    """The draft's answers replaced by `data` or `answers`, whole; it stays a draft."""
    return _save(user=user, filled_form=filled_form, complete=False, if_match=if_match, data=data, answers=answers)


def complete(*, user, filled_form, data=None, answers=None, if_match=None):
    """The draft answered with `data` or `answers`, whole, every required field included, and marked complete."""
    return _save(user=user, filled_form=filled_form, complete=True, if_match=if_match, data=data, answers=answers)


def change(*, user, filled_form, answers=None, complete=None, if_match=None):
    """Only what a JSON Merge Patch names changes: `answers` is merged into the stored answers (an answer given as
    null is removed), and `complete` (None: unchanged) completes the draft. The result is validated whole."""
    return _save(user=user, filled_form=filled_form, complete=complete, if_match=if_match, patch=answers or {})


@transaction.atomic
def _save(*, user, filled_form, complete, if_match, data=None, answers=None, patch=None):
    # Saved while it is submitted for review (another tab): the row is locked and its status read after
    # the other request committed, so a form in review is never turned back into a draft; a patch is merged
    # into the answers as they are then, and If-Match compared with the version as it is then.
    filled = (
        FilledForm.objects.select_for_update(of=("self",)).select_related("owner", "template").get(pk=filled_form.pk)
    )
    if not permissions.can_edit(user, filled):
        if user.is_authenticated and filled.owner_id == user.pk:
            raise FormLocked(_("This form can no longer be changed."))
        raise PermissionDenied(_("This form can no longer be changed."))
    check_if_match(filled.etag, if_match)
    if patch is not None:
        answers = merge_patch(filled.answers, patch)
        complete = filled.status == FilledForm.Status.COMPLETE if complete is None else complete
    filled.answers = _validated_answers(filled.definitions, complete, data, answers)
    filled.status = _status(complete)
    filled.save()
    _saved(user, filled)
    return filled
