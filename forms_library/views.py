from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from home.docx import docx_response

from . import docx_export, permissions
from .forms import AnswerForm
from .models import FilledForm, FormIndexPage

ACTIONS = {"save_draft", "complete", "add_row"}


def blank_docx(request, template_page):
    document = docx_export.FormDocument.for_template(template_page)
    return docx_response(docx_export.render(document), template_page.title, timezone.localdate())


def filled_form_docx(request, pk):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    filled = FilledForm.objects.select_related("owner", "template").filter(pk=pk).first()
    if filled is None or not permissions.can_view(request.user, filled):
        raise Http404
    document = docx_export.FormDocument.for_filled_form(filled)
    return docx_response(docx_export.render(document), filled.title, filled.updated_at.date())


def _answer_form_response(request, page, definitions, filled=None):
    """Shared by a new and an existing filled form: validate, then save a draft, complete, or add a row."""
    answers = filled.answers if filled else None
    if request.method != "POST":
        form = AnswerForm(definitions, answers=answers)
        return _render_fill(request, page, form, filled)

    action = request.POST.get("action") if request.POST.get("action") in ACTIONS else "save_draft"
    add_row = request.POST.get("add_row") if "add_row" in request.POST else None
    form = AnswerForm(definitions, request.POST, draft=action != "complete", extra_rows=add_row)
    if add_row or not form.is_valid():
        return _render_fill(request, page, form, filled, status=200 if add_row else 400)

    if filled is None:
        filled = FilledForm.start(page, request.user)
    filled.answers = form.answers()
    filled.status = FilledForm.Status.COMPLETE if action == "complete" else FilledForm.Status.DRAFT
    filled.save()
    if action == "complete":
        messages.success(request, _("The form is complete. You can download it as a Word document."))
    else:
        messages.success(request, _("Your draft is saved. You can come back to it from “My forms”."))
    return redirect(_filled_form_url(request, filled))


def _filled_form_url(request, filled):
    index = FormIndexPage.objects.live().filter(locale__language_code=request.LANGUAGE_CODE).first()
    index = index or FormIndexPage.objects.live().first()
    return index.url + index.reverse_subpage("edit_filled_form", kwargs={"pk": filled.pk})


def _render_fill(request, page, form, filled, status=200):
    editable = filled is None or permissions.can_edit(request.user, filled)
    if not editable:
        for form_field in form.fields.values():
            form_field.disabled = True
    context = {"page": page, "form": form, "filled": filled, "editable": editable}
    return TemplateResponse(request, "forms_library/fill_form.html", context, status=status)


def fill_new_form(request, template_page):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return _answer_form_response(request, template_page, template_page.definitions)


def edit_filled_form(request, index_page, pk):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    filled_forms = FilledForm.objects.select_related("template")
    with transaction.atomic():
        if request.method == "POST":
            # Saved while it is submitted for review (another tab): the row is locked and its status read
            # after the other request committed, so a form in review is never turned back into a draft.
            filled_forms = filled_forms.select_for_update(of=("self",))
        filled = filled_forms.filter(pk=pk).first()
        if filled is None or not permissions.can_view(request.user, filled):
            raise Http404
        if request.method == "POST" and not permissions.can_edit(request.user, filled):
            return HttpResponse(_("This form can no longer be changed."), status=403)
        # The form is shown from its own snapshot, in the page frame of the library.
        return _answer_form_response(request, index_page, filled.definitions, filled)


def my_forms(request, index_page):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    filled_forms = FilledForm.objects.filter(owner=request.user).only(
        "pk", "title", "stage", "status", "language", "updated_at"
    )
    return TemplateResponse(request, "forms_library/my_forms.html", {"page": index_page, "filled_forms": filled_forms})
