"""Who may see and change a filled form: the one place views, downloads and the API ask.

A filled form is confidential to its owner. Others read it only through an object permission granted
with django-guardian (stage outputs shared with a department do that).
"""

from .models import FilledForm

VIEW_PERMISSION = "forms_library.view_filledform"


def can_view(user, filled_form):
    return user.is_authenticated and (filled_form.owner_id == user.pk or user.has_perm(VIEW_PERMISSION, filled_form))


def can_edit(user, filled_form):
    """Only the owner changes a form, and only while it is a draft."""
    return user.is_authenticated and filled_form.owner_id == user.pk and filled_form.status == FilledForm.Status.DRAFT
