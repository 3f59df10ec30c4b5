"""Who may see and change a filled form: the one place views, downloads and the API ask.

A filled form is confidential to its owner. Others read it only through an object permission granted
with django-guardian (stage outputs shared with a department do that).
"""

from django.db.models import Q
from guardian.shortcuts import get_objects_for_user

from .models import FilledForm

VIEW_PERMISSION = "forms_library.view_filledform"


def filled_forms_visible_to(user):
    if not user.is_authenticated:
        return FilledForm.objects.none()
    shared = get_objects_for_user(user, VIEW_PERMISSION, klass=FilledForm, accept_global_perms=False)
    return FilledForm.objects.filter(Q(owner=user) | Q(pk__in=shared.values("pk")))


def can_view(user, filled_form):
    return user.is_authenticated and (filled_form.owner_id == user.pk or user.has_perm(VIEW_PERMISSION, filled_form))


def can_edit(user, filled_form):
    """Only the owner changes a form, and only while it is a draft."""
    return user.is_authenticated and filled_form.owner_id == user.pk and filled_form.status == FilledForm.Status.DRAFT
