"""The site's pages for filling forms and downloading them; the page types' routes (pages.py) call these.

Writing is filling.py's: a view shows the form, hands the posted data to an operation and turns its
refusal into a response.

What a form is filled for is not the library's to know (a mentoring relationship's stage, say): apps above it
tell through two Wagtail hooks, as Wagtail's own views let apps step in (`after_create_page`):

- `filled_form_purpose(request, template=None, filled_form=None)` returns None, or an object with `label` (a
  line shown above the form), `record(filled_form)` (called in the transaction that starts the form) and
  `next_url(filled_form)` (where completing the form leads, or None). A new form posts back to its own address,
  query string included, so what the address says the form is for holds for the POST too.
- `describe_filled_forms(user)` returns {filled form id: text} for the rows of "My forms", in a fixed number
  of queries.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from wagtail import hooks

from . import docx_export, filling, permissions, reading
from .forms import AnswerForm
from .records import FilledForm

ACTIONS = {"save_draft", "complete", "add_row"}


def _purpose(request, template=None, filled=None):
    """What the form is filled for, when an app above says (see the module's docstring)."""
    for hook in hooks.get_hooks("filled_form_purpose"):
        purpose = hook(request, template=template, filled_form=filled)
        if purpose is not None:
            return purpose
    return None


def _descriptions(user):
    descriptions = {}
    for hook in hooks.get_hooks("describe_filled_forms"):
        descriptions.update(hook(user))
    return descriptions


def blank_docx(request, template_page):
    return docx_export.blank_template_download(template_page)


def filled_form_docx(request, pk):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    filled = permissions.visible_filled_form(request.user, pk)
    if filled is None:
        raise Http404
    return docx_export.filled_form_download(filled, request.LANGUAGE_CODE)


def _answer_form_response(request, page, definitions, libraries, filled=None):
    """Shared by a new and an existing filled form: save a draft or complete it, or show one more row."""
    purpose = _purpose(request, template=None if filled else page, filled=filled)
    if request.method != "POST":
        form = AnswerForm(definitions, answers=filled.answers if filled else None)
        return _render_fill(request, page, form, filled, purpose=purpose)

    action = request.POST.get("action") if request.POST.get("action") in ACTIONS else "save_draft"
    add_row = request.POST.get("add_row") if "add_row" in request.POST else None
    if add_row:
        form = AnswerForm(definitions, request.POST, draft=action != "complete", extra_rows=add_row)
        return _render_fill(request, page, form, filled, purpose=purpose)

    complete = action == "complete"
    try:
        # A request that fails after the answers are saved (telling the reader so) leaves them unsaved.
        with transaction.atomic():
            is_new = filled is None
            filled = _save(request, page, filled, complete)
            if is_new and purpose is not None:
                purpose.record(filled)
            next_url = purpose.next_url(filled) if complete and purpose is not None else None
            _tell_saved(request, complete, leads_on=next_url is not None)
    except filling.AnswersInvalid as invalid:
        return _render_fill(request, page, invalid.form, filled, status=400, purpose=purpose)
    except PermissionDenied as denied:
        return HttpResponse(str(denied), status=403)
    return redirect(next_url or _filled_form_url(request, filled, libraries))


def _tell_saved(request, complete, leads_on):
    if complete and leads_on:
        messages.success(request, _("The form is complete. Now submit it for review."))
    elif complete:
        messages.success(request, _("The form is complete. You can download it as a Word document."))
    else:
        messages.success(request, _("Your draft is saved. You can come back to it from “My forms”."))


def _save(request, page, filled, complete):
    """The posted answers through the operation that fits; `page` is the template when the form is new."""
    if filled is None:
        return filling.start(user=request.user, template=page, data=request.POST, complete=complete)
    if complete:
        return filling.complete(user=request.user, filled_form=filled, data=request.POST)
    return filling.save_draft(user=request.user, filled_form=filled, data=request.POST)


def _filled_form_url(request, filled, libraries):
    """The filled form's page in the library of the reader's language (`libraries`: the live libraries)."""
    index = libraries.filter(locale__language_code=request.LANGUAGE_CODE).first() or libraries.first()
    return index.url + index.reverse_subpage("edit_filled_form", kwargs={"pk": filled.pk})


def _render_fill(request, page, form, filled, status=200, purpose=None):
    editable = filled is None or permissions.can_edit(request.user, filled)
    if not editable:
        for form_field in form.fields.values():
            form_field.disabled = True
    read = None
    if filled is not None:
        # A filled form reads in the reader's language; its answers stay as they were written.
        read = reading.read_in(filled, request.LANGUAGE_CODE)
        form.relabel(read.definitions)
    context = {
        "page": page,
        "form": form,
        "filled": filled,
        "read": read,
        "editable": editable,
        "notices": _notices(request, filled),
        "purpose": purpose,
    }
    return TemplateResponse(request, "forms_library/fill_form.html", context, status=status)


# The hook through which a higher layer adds a notice (HTML) on top of a filled form's page: the mentoring app
# puts there the reviewer's request for changes that reopened the form (mentoring/wagtail_hooks.py).
FILLED_FORM_NOTICES = "filled_form_notices"


def _notices(request, filled):
    if filled is None:
        return []
    return [notice for hook in hooks.get_hooks(FILLED_FORM_NOTICES) if (notice := hook(request, filled))]


def fill_new_form(request, template_page, *, libraries):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return _answer_form_response(request, template_page, template_page.definitions, libraries)


def edit_filled_form(request, index_page, pk, *, libraries):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    filled = permissions.visible_filled_form(request.user, pk)
    if filled is None:
        raise Http404
    # Adding a row writes nothing, so no operation refuses it: the view does, as the operations would.
    if request.method == "POST" and not permissions.can_edit(request.user, filled):
        return HttpResponse(_("This form can no longer be changed."), status=403)
    # The form is shown from its own snapshot, in the page frame of the library.
    return _answer_form_response(request, index_page, filled.definitions, libraries, filled)


# A number no form has, reversed in its place to find where a form's id goes in its addresses.
_ANY_PK = 987654321


def _address_of_each(index_page, library_url, route):
    """The route's address for a form, as a function of its id: reversed once, not once per row."""
    before, after = (library_url + index_page.reverse_subpage(route, kwargs={"pk": _ANY_PK})).split(str(_ANY_PK))
    return lambda pk: f"{before}{pk}{after}"


def my_forms(request, index_page):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    # Only the columns the table shows, as values rows: no model instance per form. The titles in the reader's
    # language where the template has a translation in it (reading.py).
    columns = ("pk", "title", "language", "template__translation_key", "stage", "status", "updated_at", "is_example")
    filled_forms = list(FilledForm.objects.filter(owner=request.user).values(*columns))
    reading.add_read_titles(filled_forms, request.LANGUAGE_CODE)
    descriptions = _descriptions(request.user)
    statuses = dict(FilledForm.Status.choices)
    # The library's address once, rather than once per row and link ({% routablepageurl %}).
    library_url = index_page.get_url(request)
    edit_url = _address_of_each(index_page, library_url, "edit_filled_form")
    docx_url = _address_of_each(index_page, library_url, "filled_form_docx")
    for filled in filled_forms:
        filled["purpose"] = descriptions.get(filled["pk"], "")
        filled["status_label"] = statuses[filled["status"]]
        filled["edit_url"], filled["docx_url"] = edit_url(filled["pk"]), docx_url(filled["pk"])
    context = {"page": index_page, "filled_forms": filled_forms, "example_badge": _example_badge(filled_forms)}
    return TemplateResponse(request, "forms_library/my_forms.html", context)


def _example_badge(rows):
    """The badge of an example record, rendered once for all the rows it marks (not included once per row)."""
    if not any(row["is_example"] for row in rows):
        return ""
    return render_to_string("includes/example_badge.html", {"record": {"is_example": True}})
