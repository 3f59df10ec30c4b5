"""Endpoints for form templates and a person's filled forms; the same rules as the site."""

import datetime

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate
from pydantic import create_model
from wagtail.models import Locale

from home.api import ERRORS, WORD_DOWNLOAD, BoundedPagination, LanguageCode, ObjectId, StageNumber, code_list, invalid

from . import docx_export, filling, permissions
from .forms import answers_to_form_data
from .kinds import KINDS
from .pages import FormTemplatePage
from .records import FilledForm

router = Router(tags=["forms"])


class FieldBase(Schema):
    kind: code_list(KINDS, "The field kind (`forms_library.kinds.KINDS`), which decides its answer's shape.")
    name: str
    label: str
    help_text: str
    required: bool


# A field's representation: what every kind has, and the keys its kind adds (kinds.py), empty for others.
FieldOut = create_model(
    "FieldOut",
    __base__=FieldBase,
    **{key: spec for kind in KINDS.values() for key, spec in kind.api_schema.items()},
)


class FormTemplateOut(Schema):
    id: int
    title: str
    stage: StageNumber
    language: LanguageCode
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
    language: LanguageCode
    stage: StageNumber
    status: code_list(FilledForm.Status.values, "`draft` until completed, then `complete`.")
    answers: dict
    updated_at: datetime.datetime


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
        "fields": [d.field_kind.api_representation(d) for d in page.definitions],
    }


@router.get("/mine/", response={200: list[FilledFormOut], **ERRORS}, summary="My filled forms")
@paginate(BoundedPagination)
def my_filled_forms(request):
    return FilledForm.objects.filter(owner=request.user)


@router.post("/mine/", response={201: FilledFormOut, **ERRORS}, summary="Fill a form")
def create_filled_form(request, payload: FilledFormIn):
    template = get_object_or_404(FormTemplatePage.objects.live().public(), pk=payload.template_id)
    data = answers_to_form_data(template.definitions, payload.answers)
    try:
        filled = filling.start(user=request.user, template=template, data=data, complete=payload.complete)
    except filling.AnswersInvalid as error:
        raise invalid(error.form, "answers") from error
    return Status(201, filled)


def _visible(request, pk: int):
    filled = permissions.visible_filled_form(request.user, pk)
    if filled is None:
        raise HttpError(404, "Not found")
    return filled


@router.get("/mine/{pk}/", response={200: FilledFormOut, **ERRORS}, summary="A filled form")
def filled_form(request, pk: ObjectId):
    return _visible(request, pk)


@router.put("/mine/{pk}/", response={200: FilledFormOut, **ERRORS}, summary="Change a draft, or complete it")
def update_filled_form(request, pk: ObjectId, payload: FilledFormUpdate):
    filled = _visible(request, pk)
    data = answers_to_form_data(filled.definitions, payload.answers)
    save = filling.complete if payload.complete else filling.save_draft
    try:
        return save(user=request.user, filled_form=filled, data=data)
    except PermissionDenied as error:
        raise HttpError(403, "Only the owner changes a form, and only while it is a draft.") from error
    except filling.AnswersInvalid as error:
        raise invalid(error.form, "answers") from error


@router.get(
    "/mine/{pk}/docx/",
    response={200: None, **ERRORS},
    summary="A filled form as a Word document",
    openapi_extra=WORD_DOWNLOAD,
)
def filled_form_docx(request, pk: ObjectId):
    return docx_export.filled_form_download(_visible(request, pk))
