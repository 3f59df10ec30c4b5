"""Who may see and change a filled form: the one place views, downloads, operations and the API ask.

A filled form is confidential to its owner. Others read it only through an object permission granted
with django-guardian (stage outputs shared with a department do that), and never while it is private (the
mentor's diary): private notes are their owner's alone until the owner shares them.
"""

from .records import FilledForm

VIEW_PERMISSION = "forms_library.view_filledform"


def can_fill(user, template):
    """Anyone signed in fills a published form template."""
    return user.is_authenticated


def can_view(user, filled_form):
    if not user.is_authenticated:
        return False
    if filled_form.owner_id == user.pk:
        return True
    return not filled_form.private and user.has_perm(VIEW_PERMISSION, filled_form)


def can_edit(user, filled_form):
    """Only the owner changes a form, and only while it is a draft."""
    return user.is_authenticated and filled_form.owner_id == user.pk and filled_form.status == FilledForm.Status.DRAFT


def visible_filled_form(user, pk):
    """The filled form `pk` with its owner and template, when the user may see it; else None."""
    filled = FilledForm.objects.select_related("owner", "template").filter(pk=pk).first()
    return filled if filled is not None and can_view(user, filled) else None
