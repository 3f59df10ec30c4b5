"""Endpoints for form templates and a person's filled forms; the same rules as the site.

Writes: POST creates a filled form; PUT replaces a draft's answers and status whole (both members required);
PATCH (JSON Merge Patch) changes only what it names. Answers are stored exactly as they were sent, or refused
(filling.py). A filled form's answers carry its `ETag`; a write with an `If-Match` naming another version is
refused (412) and changes nothing; a write without `If-Match` is accepted.
"""

import datetime
from typing import Annotated, Any, Literal, Union

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.decorators import decorate_view
from ninja.errors import HttpError
from ninja.pagination import paginate
from pydantic import ConfigDict, StrictBool, TypeAdapter, WithJsonSchema, create_model
from pydantic import Field as Described
from wagtail.api.utils import get_full_url

from home import idempotency
from home.api import (
    ERRORS,
    OPTIONAL_TOKEN,
    WORD_DOWNLOAD,
    WRITE_ERRORS,
    BoundedPagination,
    IdempotencyKey,
    LanguageCode,
    ObjectId,
    Problem,
    PublicUnlessATokenIsSent,
    StageNumber,
    StrictObjectId,
    code_list,
    examples,
    invalid,
    merge_patch_body,
    merge_patch_only,
    refused,
    stale,
)
from home.writes import PreconditionFailed, if_match

from . import docx_export, filling, permissions
from .kinds import KINDS
from .pages import FormTemplatePage
from .provenance import SourceKind
from .records import FilledForm

router = Router(tags=["forms"])

# What the examples of the schema are made of: the SWOT analysis template (forms_library/content/templates.py).
SWOT_ANSWERS = {
    "subject": "Rent arrears of newly arrived families",
    "analysis_date": "2026-12-07",
    "swot": {
        "strengths": "A trusted interpreter.",
        "weaknesses": "One desk for the whole city.",
        "opportunities": "A new local housing programme.",
        "threats": "Rents rising faster than benefits.",
    },
    "next_steps": "Meet the housing office together.",
}
SWOT_FIELDS = [
    {"kind": "short_text", "name": "subject", "label": "Practice or scenario analysed", "required": True},
    {"kind": "date", "name": "analysis_date", "label": "Date", "required": False},
    {"kind": "swot_grid", "name": "swot", "label": "SWOT grid", "required": True},
    {"kind": "long_text", "name": "next_steps", "label": "What we will do next", "required": False},
]


class FieldBase(Schema):
    name: str
    label: str
    help_text: str
    required: bool
    answer_schema: dict | None = Described(
        None, description="The JSON Schema of this field's answers (none for a section heading)."
    )


# The schema of a template's fields and of answers is built from the kinds registry when the OpenAPI document is
# generated (`describe_field_kinds`), not when this module is imported: a kind registered later (an app's, a
# test's) is in the document, and in the representation, like the others.


def _camel(kind_name):
    return "".join(part.title() for part in kind_name.split("_"))


def _field_keys():
    """The keys every kind's fields have in the API, with their type and default: each kind's own (`api_schema`),
    empty for the kinds that do not use them (as every field has always carried them)."""
    return {key: spec for kind in KINDS.values() for key, spec in kind.api_schema.items()}


def field_model(kind_name):
    """The representation of a field of one kind: its `kind` is that kind's code (the discriminator)."""
    kind = KINDS[kind_name]
    description = f"A field of kind `{kind_name}`; {'it takes no answer' if not kind.is_input else 'its answer: '}"
    if kind.is_input:
        description += (
            _adapter_schema(kind.answer_type).get("description", "").partition(": ")[2] or "see answer_schema"
        )
    return create_model(
        f"{_camel(kind_name)}Field",
        __base__=FieldBase,
        __doc__=description,
        kind=(Literal[kind_name], ...),
        **_field_keys(),
    )


def field_union():
    """Every kind's field representation, told apart by `kind` (OpenAPI: `oneOf` with a discriminator)."""
    models = tuple(field_model(name) for name in KINDS)
    return Annotated[Union[models], Described(discriminator="kind")]  # noqa: UP007


def _adapter_schema(answer_type):
    return TypeAdapter(answer_type).json_schema()


def field_out(definition):
    """A field's representation: what every kind has, and the keys its kind adds (empty for other kinds)."""
    return {
        **{key: default for key, (_type, default) in _field_keys().items()},
        **definition.field_kind.api_representation(definition),
    }


REFERENCE = "#/components/schemas/{model}"


def describe_field_kinds(document):
    """Give the OpenAPI `document` (a dict, as ninja built it) the schemas of fields and answers by kind, from the
    kinds registered now: `FieldOut` is the `oneOf` of every kind's field (`<Kind>Field`), with `kind` as its
    discriminator; `Answer` the `anyOf` of every kind's answer (`<Kind>Answer`)."""
    components = document["components"]["schemas"]
    fields = TypeAdapter(field_union()).json_schema(ref_template=REFERENCE)
    for name, schema in fields.pop("$defs", {}).items():
        kind = schema.get("properties", {}).get("kind", {})
        if "const" in kind:  # also as an enum of one code, for generators that read no `const`
            kind["enum"] = [kind["const"]]
        components[name] = schema
    components["FieldOut"] = {"title": "FieldOut", "description": "A template's field, by its kind.", **fields}
    answers = []
    for name, kind in KINDS.items():
        if kind.is_input:
            schema = TypeAdapter(kind.answer_type).json_schema(ref_template=REFERENCE)
            definitions = schema.pop("$defs", {})
            reference = schema.pop("$ref", None)
            if reference:  # a named object (a SWOT grid's answer): given whole under the kind's name
                schema = {**definitions.pop(reference.rsplit("/", 1)[-1]), **schema}
            components.update(definitions)
            title = f"{_camel(name)}Answer"
            components[title] = {**schema, "title": title}
            answers.append({"$ref": REFERENCE.format(model=title)})
    components["Answer"] = {
        "title": "Answer",
        "description": "An answer, of the shape its field's kind takes: the template says each field's `kind`. One "
        "schema per kind; a JSON value carries no member to tell them apart by, hence `anyOf`.",
        "anyOf": answers,
    }
    return _referenced(document)


def _referenced(value):
    """The document with each marker (FIELDS, ANSWER) replaced by a reference to the schema it names."""
    if isinstance(value, dict):
        if set(value) == {MARKER}:
            return {"$ref": REFERENCE.format(model=value[MARKER])}
        return {key: _referenced(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_referenced(item) for item in value]
    return value


class ProvenanceOut(Schema):
    """Where a template comes from (provenance.py): the sentence in the form's language, and its parts."""

    text: str
    source_kind: code_list(
        [kind for kind in SourceKind.values if kind] + ["hub"],
        "What in the Q-SER guide the template is based on: one of its tools, a stage objective the hub's template "
        "serves, the notes it says the mentor may keep; or the hub's own form.",
        "tool",
    )
    source_name: str
    source_language: LanguageCode
    stages: list[StageNumber]
    source: str

    model_config = examples(
        {
            "text": "Based on the tool “Evaluation of the mentoring process” named in the Q-SER guide, stage 5; the "
            "fields were designed for this hub.",
            "source_kind": "tool",
            "source_name": "Evaluation of the mentoring process",
            "source_language": "en",
            "stages": [5],
            "source": "Q-SER IO3 Annex II (Q-SER Consortium)",
        }
    )


# The SWOT template's provenance, as the examples of the schemas that carry one show it.
SWOT_PROVENANCE = {
    "text": "The hub’s aid to the stage 4 objective “Identifying Opportunities and Risks - SWOT analysis” "
    "of the Q-SER guide; not one of the guide’s tools. The fields were designed for this hub.",
    "source_kind": "objective",
    "source_name": "Identifying Opportunities and Risks - SWOT analysis",
    "source_language": "en",
    "stages": [4],
    "source": "Q-SER IO3 Annex II (Q-SER Consortium)",
}


# Built from the kinds registry as the document is generated (describe_field_kinds), which turns these markers
# into references to what it builds (pydantic refuses a reference to a schema it does not know).
MARKER = "x-qser-field-kinds"
FIELDS = WithJsonSchema({"type": "array", "items": {MARKER: "FieldOut"}})
ANSWER = WithJsonSchema({MARKER: "Answer"})


class FormTemplateOut(Schema):
    id: int
    title: str
    stage: StageNumber
    language: LanguageCode
    provenance: ProvenanceOut
    fields: Annotated[list[dict], FIELDS]

    model_config = examples(
        {
            "id": 42,
            "title": "SWOT analysis",
            "stage": 4,
            "language": "en",
            "provenance": SWOT_PROVENANCE,
            "fields": [
                {**field, "help_text": "", "choices": [], "columns": [], "signatories": []} for field in SWOT_FIELDS
            ],
        }
    )


# An answer, by the kind of its field (kinds.py: each kind's `answer_type`). The schema says so (`Answer`, built by
# describe_field_kinds); what a field takes is checked by its kind (filling.py), which names the field and the
# reason, so the request's own parsing lets every value through as it is rather than coerce one.
AnswerValue = Annotated[Any, ANSWER]
ANSWERS_DESCRIPTION = (
    "The answers by field name (a field's `name`), each of its field's kind; an empty answer (\"\", [], or only "
    "empty texts) is no answer and is not stored. A key that names no field, or an answer its field does not take, "
    "is refused (422)."
)
Answers = dict[str, AnswerValue]


class WriteSchema(Schema):
    """A request body: a member it does not define is refused (422), never ignored."""

    model_config = ConfigDict(extra="forbid")


class FilledFormIn(WriteSchema):
    template_id: StrictObjectId
    answers: Answers = Described({}, description=ANSWERS_DESCRIPTION)
    complete: StrictBool = False

    model_config = examples(
        {"template_id": 42, "answers": {"subject": SWOT_ANSWERS["subject"]}, "complete": False},
    )


class FilledFormReplace(WriteSchema):
    """PUT: the whole of what a client may change; both members are required."""

    answers: Answers = Described(description=ANSWERS_DESCRIPTION)
    complete: StrictBool

    model_config = examples({"answers": SWOT_ANSWERS, "complete": False})


class FilledFormPatch(WriteSchema):
    """PATCH: a JSON Merge Patch; an answer given as null is removed, a SWOT grid's quadrants merge one by one."""

    answers: dict[str, AnswerValue | None] | None = Described(
        None, description="Only the answers named change; null removes an answer."
    )
    complete: StrictBool | None = None

    model_config = examples(
        {"answers": {"next_steps": "Meet the housing office and the family together."}},
        {"answers": {"analysis_date": None}},
        {"complete": True},
    )


class FilledFormOut(Schema):
    id: int
    template_id: int | None
    title: str
    language: LanguageCode
    stage: StageNumber
    status: code_list(FilledForm.Status.values, "`draft` until completed, then `complete`.")
    answers: Answers
    updated_at: datetime.datetime
    is_example: bool = Field(..., description="An example record created for demonstration: fictional.")
    provenance: ProvenanceOut | None
    private: bool

    @staticmethod
    def resolve_provenance(filled):
        """The template's provenance in the form's language; None once the template is deleted."""
        if isinstance(filled, dict):  # an answer kept for its Idempotency-Key (home/idempotency.py), as it was sent
            return filled.get("provenance")
        if filled.template is None:
            return None
        with translation.override(filled.language):
            return filled.template.provenance.as_api()

    model_config = examples(
        {
            "id": 7,
            "template_id": 42,
            "title": "SWOT analysis",
            "language": "en",
            "stage": 4,
            "status": "draft",
            "answers": SWOT_ANSWERS,
            "updated_at": "2026-12-07T09:30:00Z",
            "is_example": False,
            "provenance": SWOT_PROVENANCE,
            "private": False,
        }
    )


class LanguageQuery(Schema):
    """The language parameter, named `locale` as in Wagtail's v2; `lang` is its older name, still accepted."""

    locale: LanguageCode | None = Field(None, description="A language of the site: en, el, cs, de or es.")
    lang: LanguageCode | None = Field(None, description="The older name of `locale`, still accepted.")

    @property
    def code(self):
        return self.locale or self.lang


class FormTemplateListOut(Schema):
    id: int
    title: str
    stage: StageNumber
    slug: str
    language: LanguageCode = Field(..., alias="locale.language_code")
    detail_url: str

    model_config = examples(
        {
            "id": 42,
            "title": "SWOT analysis",
            "stage": 4,
            "slug": "swot-analysis",
            "language": "en",
            "detail_url": "https://hub.example.org/api/forms/templates/42/",
        }
    )

    @staticmethod
    def resolve_detail_url(page, context):
        return get_full_url(context["request"], reverse("qser_api:template_schema", args=[page.pk]))


@router.get(
    "/templates/",
    response={200: list[FormTemplateListOut], **ERRORS},
    auth=PublicUnlessATokenIsSent(),
    openapi_extra=OPTIONAL_TOKEN,
    summary="The form templates one may fill",
    description="Published form templates, in one language with `locale`; each `detail_url` gives its fields.",
)
@paginate(BoundedPagination)
def form_templates(request, language: Query[LanguageQuery]):
    templates = FormTemplatePage.objects.live().public().select_related("locale").order_by("locale_id", "path")
    if language.code:
        templates = templates.filter(locale__language_code=language.code)
    return templates


@router.get(
    "/templates/{page_id}/",
    response={200: FormTemplateOut, **ERRORS},
    auth=PublicUnlessATokenIsSent(),
    openapi_extra=OPTIONAL_TOKEN,
    summary="A form template's fields",
)
def template_schema(request, page_id: ObjectId, language: Query[LanguageQuery]):
    """The field definitions of a published form template, in the requested language when translated."""
    page = get_object_or_404(FormTemplatePage.objects.live().public(), pk=page_id)
    if language.code:
        page = get_object_or_404(
            FormTemplatePage.objects.live().public(),
            translation_key=page.translation_key,
            locale__language_code=language.code,
        )
    with translation.override(page.locale.language_code):
        return _template_out(page)


@router.get(
    "/templates/{page_id}/docx/",
    response={200: None, **ERRORS},
    auth=PublicUnlessATokenIsSent(),
    openapi_extra={**WORD_DOWNLOAD, **OPTIONAL_TOKEN},
    summary="A form template as a blank Word document",
    description="The blank form the site offers at the template page's `docx/`, in the requested language when "
    "translated.",
)
def template_docx(request, page_id: ObjectId, language: Query[LanguageQuery]):
    page = get_object_or_404(FormTemplatePage.objects.live().public(), pk=page_id)
    if language.code:
        page = get_object_or_404(
            FormTemplatePage.objects.live().public(),
            translation_key=page.translation_key,
            locale__language_code=language.code,
        )
    return docx_export.blank_template_download(page)


def _template_out(page):
    return {
        "id": page.pk,
        "title": page.title,
        "stage": page.stage,
        "language": page.locale.language_code,
        "provenance": page.provenance.as_api(),
        "fields": [field_out(d) for d in page.definitions],
    }


@router.get("/mine/", response={200: list[FilledFormOut], **ERRORS}, summary="My filled forms")
@paginate(BoundedPagination)
def my_filled_forms(request):
    return FilledForm.objects.filter(owner=request.user).select_related("template")


@router.post(
    "/mine/",
    response={201: FilledFormOut, **ERRORS},
    summary="Fill a form",
    description="Sent again with the same `Idempotency-Key` header and body, it answers what it first answered and "
    "creates nothing.",
)
def create_filled_form(
    request, response: HttpResponse, payload: FilledFormIn, idempotency_key: str | None = IdempotencyKey
):
    return idempotency.once(
        request,
        response,
        endpoint="forms:create",
        key=idempotency_key,
        payload=payload,
        schema=FilledFormOut,
        create=lambda: _create(request, response, payload),
    )


def _create(request, response, payload):
    template = get_object_or_404(FormTemplatePage.objects.live().public(), pk=payload.template_id)
    try:
        filled = filling.start(user=request.user, template=template, answers=payload.answers, complete=payload.complete)
    except filling.AnswersInvalid as error:
        raise invalid(error.form, "answers") from error
    response["ETag"] = filled.etag
    return Status(201, filled)


def _visible(request, pk: int):
    filled = permissions.visible_filled_form(request.user, pk)
    if filled is None:
        raise HttpError(404, _("No such filled form, or it is not yours to see."))
    return filled


@router.get("/mine/{pk}/", response={200: FilledFormOut, **ERRORS}, summary="A filled form")
def filled_form(request, response: HttpResponse, pk: ObjectId):
    filled = _visible(request, pk)
    response["ETag"] = filled.etag
    return filled


@router.put(
    "/mine/{pk}/",
    response={200: FilledFormOut, **WRITE_ERRORS},
    summary="Replace a draft's answers, or complete it",
    description="Both members are required: the answers given replace the stored ones whole. "
    "With `If-Match`, only the version it names is changed (412 otherwise).",
)
def replace_filled_form(request, response: HttpResponse, pk: ObjectId, payload: FilledFormReplace):
    save = filling.complete if payload.complete else filling.save_draft
    return _write(request, response, pk, save, answers=payload.answers)


@router.patch(
    "/mine/{pk}/",
    response={200: FilledFormOut, **WRITE_ERRORS, 415: Problem},
    summary="Change some answers of a draft, or complete it",
    description="A JSON Merge Patch (RFC 7396, `application/merge-patch+json`): only the answers named change, "
    "null removes one; `complete: true` completes the draft. With `If-Match`, only the version it names is "
    "changed (412 otherwise).",
    openapi_extra=merge_patch_body("FilledFormPatch"),
)
@decorate_view(merge_patch_only)
def patch_filled_form(request, response: HttpResponse, pk: ObjectId, payload: FilledFormPatch):
    for member in ("answers", "complete"):
        if member in payload.model_fields_set and getattr(payload, member) is None:
            raise refused(_("This member cannot be removed: give a value."), member)
    return _write(request, response, pk, filling.change, answers=payload.answers, complete=payload.complete)


def _write(request, response, pk, operation, **changes):
    filled = _visible(request, pk)
    try:
        filled = operation(user=request.user, filled_form=filled, if_match=if_match(request), **changes)
    except filling.FormLocked as error:
        raise HttpError(
            409, _("This form is no longer a draft (it is complete or in review): it cannot change.")
        ) from error
    except PermissionDenied as error:
        raise HttpError(403, _("Only the owner changes a form.")) from error
    except PreconditionFailed as error:
        raise stale() from error
    except filling.AnswersInvalid as error:
        raise invalid(error.form, "answers") from error
    response["ETag"] = filled.etag
    return filled


@router.get(
    "/mine/{pk}/docx/",
    response={200: None, **ERRORS},
    summary="A filled form as a Word document",
    openapi_extra=WORD_DOWNLOAD,
)
def filled_form_docx(request, pk: ObjectId):
    return docx_export.filled_form_download(_visible(request, pk))
