"""Endpoints for form templates and a person's filled forms; the same rules as the site."""

import datetime

from django.db import transaction
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate
from wagtail.models import Locale

from home.api import ERRORS, BoundedPagination, ObjectId, invalid
from home.docx import docx_response

from . import docx_export, permissions
from .forms import AnswerForm, answers_to_form_data
from .models import FilledForm, FormTemplatePage

router = Router(tags=["forms"])


class ChoiceOut(Schema):
    id: str
    label: str


class FieldOut(Schema):
    kind: str
    name: str
    label: str
    help_text: str
    required: bool
    choices: list[ChoiceOut] = []
    columns: list[str] = []
    signatories: list[str] = []


class FormTemplateOut(Schema):
    id: int
    title: str
    stage: int
    language: str
    fields: list[FieldOut]


class FilledFormIn(Schema):
    template_id: ObjectId
    answers: dict = {}
    complete: bool = False


class FilledFormUpdate(Schema):
    answers: dict = {}
    complete: bool = False


class FilledFormOut(Schema):
    id: int
    template_id: int | None
    title: str
    language: str
    stage: int
    status: str
    answers: dict
    updated_at: datetime.datetime


def _fields(definitions):
    return [
        {
            "kind": d.kind,
            "name": d.name,
            "label": d.label,
            "help_text": d.help_text,
            "required": d.required,
            "choices": [{"id": choice_id, "label": label} for choice_id, label in d.choices],
            "columns": d.columns,
            "signatories": d.signatories,
        }
        for d in definitions
    ]


@router.get(
    "/templates/{page_id}/", response={200: FormTemplateOut, **ERRORS}, auth=None, summary="A form template's fields"
)
def template_schema(request, page_id: ObjectId, lang: str | None = None):
    """The field definitions of a published form template, in the requested language when translated."""
    page = get_object_or_404(FormTemplatePage.objects.live().public(), pk=page_id)
    if lang:
        locale = get_object_or_404(Locale, language_code=lang)
        page = get_object_or_404(
            FormTemplatePage.objects.live().public(), translation_key=page.translation_key, locale=locale
        )
    return {
        "id": page.pk,
        "title": page.title,
        "stage": page.stage,
        "language": page.locale.language_code,
        "fields": _fields(page.definitions),
    }


def _validated_answers(definitions, answers, complete):
    data, wrong_shapes = answers_to_form_data(definitions, answers)
    form = AnswerForm(definitions, data, draft=not complete)
    form.is_valid()
    for name, message in wrong_shapes.items():
        form.errors.pop(name, None)  # left out of the data, it may be missing too: its shape is what to fix
        form.add_error(name, message)
    if form.errors:
        raise invalid(form, "answers")
    return form.answers()


@router.get("/mine/", response={200: list[FilledFormOut], **ERRORS}, summary="My filled forms")
@paginate(BoundedPagination)
def my_filled_forms(request):
    return FilledForm.objects.filter(owner=request.user)


@router.post("/mine/", response={201: FilledFormOut, **ERRORS}, summary="Fill a form")
def create_filled_form(request, payload: FilledFormIn):
    template = get_object_or_404(FormTemplatePage.objects.live().public(), pk=payload.template_id)
    answers = _validated_answers(template.definitions, payload.answers, payload.complete)
    filled = FilledForm.start(template, request.user)
    filled.answers = answers
    filled.status = FilledForm.Status.COMPLETE if payload.complete else FilledForm.Status.DRAFT
    filled.save()
    return Status(201, filled)


def _visible(request, pk: int, for_update=False):
    filled_forms = FilledForm.objects.select_related("owner", "template")
    if for_update:
        # As the site's form does: the status is read after any other change of this form committed.
        filled_forms = filled_forms.select_for_update(of=("self",))
    filled = filled_forms.filter(pk=pk).first()
    if filled is None or not permissions.can_view(request.user, filled):
        raise HttpError(404, "Not found")
    return filled


@router.get("/mine/{pk}/", response={200: FilledFormOut, **ERRORS}, summary="A filled form")
def filled_form(request, pk: ObjectId):
    return _visible(request, pk)


@router.put("/mine/{pk}/", response={200: FilledFormOut, **ERRORS}, summary="Change a draft, or complete it")
@transaction.atomic
def update_filled_form(request, pk: ObjectId, payload: FilledFormUpdate):
    filled = _visible(request, pk, for_update=True)
    if not permissions.can_edit(request.user, filled):
        raise HttpError(403, "Only the owner changes a form, and only while it is a draft.")
    filled.answers = _validated_answers(filled.definitions, payload.answers, payload.complete)
    filled.status = FilledForm.Status.COMPLETE if payload.complete else FilledForm.Status.DRAFT
    filled.save()
    return filled


@router.get("/mine/{pk}/docx/", response={200: None, **ERRORS}, summary="A filled form as a Word document")
def filled_form_docx(request, pk: ObjectId):
    filled = _visible(request, pk)
    document = docx_export.FormDocument.for_filled_form(filled)
    return docx_response(docx_export.render(document), filled.title, filled.updated_at.date())
