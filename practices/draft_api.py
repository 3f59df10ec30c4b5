"""Endpoints for the drafts of good practices (mounted at /api/practices/drafts/): what the site's submission form
lets a person do with "Save as draft" and "My submissions". A draft is its author's only (404 for anyone else,
administrators included) and is not in moderation; nothing in it is checked until it is sent, but the types and
code lists of the schema, and each text's length. Sending it (`submit`) is the site's own operation
(drafts.submit): the draft becomes a practice awaiting moderation, checked as the site's form checks it, and goes.

A draft can be drafted from a stage 5 evaluation (`?from_output=`, as the site's `?from_output=` on the
submission form, with the same operation, evaluation.draft_from_evaluation): for those who may see that output.

As the other practice endpoints: a draft carries an `ETag`; a change, a deletion or a sending with an `If-Match`
naming another version is refused (412). PUT replaces every member and requires each; PATCH (JSON Merge Patch)
changes only those it names, and null empties a member. POST takes an `Idempotency-Key`.
"""

import datetime
import uuid
from typing import Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.urls import reverse
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field, Query, Router, Schema, Status
from ninja.decorators import decorate_view
from ninja.errors import HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.pagination import paginate
from pydantic import ConfigDict
from taggit.models import Tag
from taggit.utils import edit_string_for_tags, parse_tags

from home import idempotency
from home.api import (
    ERRORS,
    WRITE_ERRORS,
    BoundedPagination,
    IdempotencyKey,
    LanguageCode,
    ObjectId,
    Problem,
    absolute_url,
    code_list,
    examples,
    invalid,
    merge_patch_body,
    merge_patch_only,
    refused,
    stale,
)
from home.programme import Country
from home.writes import PreconditionFailed, if_match, merge_patch

from . import drafts, evaluation, moderation, pending
from .api import (
    EXAMPLE,
    RETAGGED,
    Stage,
    SubmissionOut,
    form_data,
    media_type_of,
    refuse_changes,
    submission_out,
)
from .constants import Licence, ServiceArea
from .forms import PracticeForm
from .pages import PracticeIndexPage

router = Router(tags=["good practice drafts"])

MAX_TEXT = pending.MAX_DRAFT_FIELD
TEXTS = (
    "title",
    "summary",
    "municipality",
    "department",
    "challenge",
    "what_was_done",
    "results",
    "reuse",
    "contact",
)
# A draft's code lists: one of the list's codes, or null (not chosen yet); a licence's "" is no licence stated.
DraftArea = Literal[tuple(ServiceArea.values)]
DraftCountry = Literal[tuple(Country.values)]
DraftLicence = Literal[tuple(Licence.values)]
CODES = ("service_area", "country")


def text():
    return Field(..., max_length=MAX_TEXT)


DRAFT_EXAMPLE = {**EXAMPLE, "licence": ""}


class DraftContent(Schema):
    """PUT: every member of a draft, each required; an empty text (null for a code or the stage, an empty list of
    tags) is a member not filled in yet."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"language": "en", **DRAFT_EXAMPLE}]})

    language: LanguageCode = Field(..., description="The repository the practice goes to when it is sent.")
    title: str = text()
    summary: str = text()
    service_area: DraftArea | None
    country: DraftCountry | None
    municipality: str = text()
    department: str = text()
    stage: Stage | None
    challenge: str = text()
    what_was_done: str = text()
    results: str = text()
    reuse: str = text()
    contact: str = text()
    licence: DraftLicence
    tags: list[str]


MEMBERS = list(DraftContent.model_fields)
EMPTY = {**dict.fromkeys(MEMBERS, ""), **dict.fromkeys(CODES), "stage": None, "tags": []}


class DraftIn(Schema):
    """POST: the language, and any members filled in so far (the others are empty)."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"language": "en", "title": EXAMPLE["title"]}, {"language": "en"}]},
    )

    language: LanguageCode = Field(..., description="The repository the practice goes to when it is sent.")
    title: str | None = Field(None, max_length=MAX_TEXT)
    summary: str | None = Field(None, max_length=MAX_TEXT)
    service_area: DraftArea | None = None
    country: DraftCountry | None = None
    municipality: str | None = Field(None, max_length=MAX_TEXT)
    department: str | None = Field(None, max_length=MAX_TEXT)
    stage: Stage | None = None
    challenge: str | None = Field(None, max_length=MAX_TEXT)
    what_was_done: str | None = Field(None, max_length=MAX_TEXT)
    results: str | None = Field(None, max_length=MAX_TEXT)
    reuse: str | None = Field(None, max_length=MAX_TEXT)
    contact: str | None = Field(None, max_length=MAX_TEXT)
    licence: DraftLicence | None = None
    tags: list[str] | None = None


class DraftChange(DraftIn):
    """PATCH: a JSON Merge Patch of a draft's members; null empties a member (not the language)."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"results": "Visits per question fell from three to one."}, {"stage": None}]},
    )

    language: LanguageCode | None = None


class DraftAttachmentOut(Schema):
    id: int
    file_name: str
    media_type: str = Field(..., description="As its name says; its content was checked when it was attached.")
    size: int = Field(..., description="In bytes.")


class DraftSummaryOut(Schema):
    id: int
    title: str
    language: LanguageCode
    updated_at: datetime.datetime
    detail_url: str = Field(..., description="Absolute: the draft.")

    model_config = examples(
        {
            "id": 31,
            "title": EXAMPLE["title"],
            "language": "en",
            "updated_at": "2026-12-07T09:30:00Z",
            "detail_url": "https://hub.example.org/api/practices/drafts/31/",
        }
    )


class DraftOut(DraftSummaryOut):
    # Code lists as the schema states them, unchecked on the way out: a draft the site saved holds what its form sent.
    service_area: code_list(ServiceArea.values, "The service area (`practices.constants.ServiceArea`).") | None
    country: code_list(Country.values, "The partner country (`home.programme.Country`).") | None
    licence: code_list(Licence.values, "The licence chosen, or empty: none stated.")
    summary: str
    municipality: str
    department: str
    stage: Stage | None
    challenge: str
    what_was_done: str
    results: str
    reuse: str
    contact: str
    tags: list[str] = Field(..., description="In alphabetical order, as a practice's.")
    drafted_from: str = Field(
        ..., description="Drafted from a stage 5 evaluation: which answer went where (the moderators will see it)."
    )
    attachments: list[DraftAttachmentOut] = Field(
        ..., description="Files attached on the site; they go with the practice when it is sent."
    )
    created_at: datetime.datetime

    model_config = ConfigDict(
        extra="ignore",
        json_schema_extra={
            "examples": [
                {
                    "id": 31,
                    "language": "en",
                    **DRAFT_EXAMPLE,
                    "drafted_from": "",
                    "attachments": [],
                    "created_at": "2026-12-07T09:00:00Z",
                    "updated_at": "2026-12-07T09:30:00Z",
                    "detail_url": "https://hub.example.org/api/practices/drafts/31/",
                }
            ]
        },
    )


class DraftCreation(Schema):
    """What an Idempotency-Key is compared with when a draft is made: the body and the evaluation it is drafted from."""

    draft: dict
    from_output: int | None


class DraftSending(Schema):
    """What an Idempotency-Key is compared with when a draft is sent: which draft."""

    draft_id: int


FROM_OUTPUT = Query(None, description="A stage 5 evaluation (a stage output) to draft the practice from.")
NO_DRAFT = gettext_lazy("No such draft: it was sent or deleted, or it is not yours.")
NO_OUTPUT = gettext_lazy("No such stage 5 evaluation, or you may not see it.")
NOT_REMOVABLE = gettext_lazy("This member cannot be removed: give a value.")
TOO_LONG = gettext_lazy("This member is too long to be saved in a draft.")


def _draft(request, pk):
    draft = pending.draft_of(request.user, pk)
    if draft is None:
        raise HttpError(404, str(NO_DRAFT))
    return draft


# Between the draft's form fields (the site's, as typed: pending.DRAFT_FIELDS) and the API's typed members.


def _stage_of(value):
    value = str(value or "")
    return int(value) if value.isdigit() and 1 <= int(value) <= 5 else None


def _content(draft):
    data = draft.data
    return {
        "language": draft.language,
        **{name: str(data.get(name) or "") for name in (*TEXTS, "licence")},
        **{name: data.get(name) or None for name in CODES},
        "stage": _stage_of(data.get("stage")),
        "tags": sorted(parse_tags(str(data.get("tags") or ""))),
    }


def _fields(content, token):
    """The draft's form fields for `content` (typed members): as the site's form would have sent them."""
    fields = {name: content[name] or "" for name in (*TEXTS, *CODES, "licence")}
    fields["stage"] = "" if content["stage"] is None else str(content["stage"])
    fields["tags"] = edit_string_for_tags([Tag(name=name) for name in content["tags"]])
    fields["token"] = token
    return fields


def _refuse_retagged(content):
    """Tags read back otherwise than sent (a tag twice, spaces around one, an empty one) are refused, not changed."""
    tags = content["tags"]
    read_back = parse_tags(edit_string_for_tags([Tag(name=name) for name in tags]))
    if len(set(tags)) != len(tags) or sorted(read_back) != sorted(tags):
        raise refused(RETAGGED, "tags")


def _token(draft):
    """The draft's submission token (the site's form keeps one per form shown): a sending again is no duplicate."""
    token = str((draft.data if draft else {}).get("token") or "")
    try:
        return str(uuid.UUID(token))
    except ValueError:
        return str(uuid.uuid4())


def _save(request, content, draft=None, drafted_from=None):
    _refuse_retagged(content)
    try:
        return pending.save_draft(
            user=request.user,
            language=content["language"],
            data=_fields(content, _token(draft)),
            uploads=(),
            kept=(),
            draft=draft,
            drafted_from=drafted_from,
            if_match=None if draft is None else if_match(request),
        )
    except pending.DraftTooLong as error:
        raise NinjaValidationError(
            [{"loc": ["body", name], "msg": str(TOO_LONG), "type": "value_error"} for name in error.fields]
        ) from None
    except PreconditionFailed:
        raise stale() from None
    except PermissionDenied:  # sent or deleted meanwhile
        raise HttpError(404, str(NO_DRAFT)) from None


def _representation(request, draft, response=None):
    if response is not None:
        response["ETag"] = pending.draft_etag(draft)
    attachments = [
        {"id": file.pk, "file_name": file.name, "media_type": media_type_of(file.name), "size": file.size}
        for file in draft.attachments.all()
    ]
    return {
        **_summary(request, draft),
        **_content(draft),
        "drafted_from": draft.drafted_from,
        "attachments": attachments,
        "created_at": draft.created_at,
    }


def _summary(request, draft):
    return {
        "id": draft.pk,
        "title": draft.title,
        "language": draft.language,
        "updated_at": draft.updated_at,
        "detail_url": absolute_url(request, reverse("qser_api:practice_draft", args=[draft.pk])),
    }


@router.get("/", response={200: list[DraftSummaryOut], **ERRORS}, summary="My drafts of good practices")
@paginate(BoundedPagination)
def my_drafts(request):
    return [_summary(request, draft) for draft in pending.PracticeDraft.objects.filter(owner=request.user)]


@router.post(
    "/",
    response={201: DraftOut, **ERRORS, 409: Problem},
    summary="Save a draft of a good practice, to finish later",
    description="Nothing is checked but the types, the code lists and each text's length (at most 10,000 "
    "characters): the submission form's checks come when the draft is sent. With `from_output`, the id of a stage 5 "
    "evaluation (a stage output the caller may see; 404 otherwise), the draft starts as the site's submission form "
    "does from it, and the members the body names replace what was drafted. Sent again with the same "
    "`Idempotency-Key` header and body, it answers what it first answered.",
)
def create_draft(
    request,
    response: HttpResponse,
    payload: DraftIn,
    from_output: ObjectId | None = FROM_OUTPUT,
    idempotency_key: str | None = IdempotencyKey,
):
    sent = payload.model_dump(include=payload.model_fields_set)
    return idempotency.once(
        request,
        response,
        endpoint="practices:drafts:create",
        key=idempotency_key,
        payload=DraftCreation(draft=sent, from_output=from_output),
        schema=DraftOut,
        create=lambda: _create(request, response, sent, from_output),
    )


def _create(request, response, sent, from_output):
    content, note = dict(EMPTY), None
    if from_output is not None:
        initial, _sources, note = evaluation.draft_from_evaluation(request.user, from_output)
        if not note:
            raise HttpError(404, str(NO_OUTPUT))
        content.update({name: str(value) for name, value in initial.items() if name in TEXTS})
        content.update({"country": initial.get("country") or None, "stage": initial.get("stage")})
    for name, value in sent.items():
        if value is None and name == "language":
            raise refused(NOT_REMOVABLE, name)
        content[name] = EMPTY[name] if value is None else value
    draft = _save(request, content, drafted_from=note)
    response["Location"] = absolute_url(request, reverse("qser_api:practice_draft", args=[draft.pk]))
    return Status(201, _representation(request, draft, response))


@router.get("/{pk}/", response={200: DraftOut, **ERRORS}, summary="One of my drafts")
def practice_draft(request, response: HttpResponse, pk: ObjectId):
    return _representation(request, _draft(request, pk), response)


@router.put(
    "/{pk}/",
    response={200: DraftOut, **WRITE_ERRORS},
    summary="Replace a draft whole",
    description="Every member is required and replaces what the draft held. With `If-Match`, only the version it "
    "names (412 otherwise).",
)
def replace_draft(request, response: HttpResponse, pk: ObjectId, payload: DraftContent):
    draft = _save(request, payload.dict(), _draft(request, pk))
    return _representation(request, draft, response)


@router.patch(
    "/{pk}/",
    response={200: DraftOut, **WRITE_ERRORS, 415: Problem},
    summary="Change some members of a draft",
    description="A JSON Merge Patch (RFC 7396): only the members named change; null empties a member (the "
    "language cannot be removed). With `If-Match`, only the version it names (412 otherwise).",
    openapi_extra=merge_patch_body("DraftChange"),
)
@decorate_view(merge_patch_only)
def change_draft(request, response: HttpResponse, pk: ObjectId, payload: DraftChange):
    patch = payload.model_dump(include=payload.model_fields_set)
    if "language" in patch and patch["language"] is None:
        raise refused(NOT_REMOVABLE, "language")
    draft = _draft(request, pk)
    content = merge_patch(_content(draft), patch)
    content = {**EMPTY, **content}  # a member removed is empty
    return _representation(request, _save(request, content, draft), response)


@router.delete(
    "/{pk}/",
    response={204: None, **WRITE_ERRORS},
    summary="Delete a draft, with its files",
    description="With `If-Match`, only the version it names (412 otherwise).",
)
def delete_draft(request, pk: ObjectId):
    try:
        pending.delete_draft(user=request.user, draft=_draft(request, pk), if_match=if_match(request))
    except PreconditionFailed:
        raise stale() from None
    except PermissionDenied:
        raise HttpError(404, str(NO_DRAFT)) from None
    return Status(204, None)


@router.post(
    "/{pk}/submit/",
    response={201: SubmissionOut, 200: SubmissionOut, **WRITE_ERRORS, 429: Problem},
    summary="Send a draft to the moderators",
    description="The draft becomes a practice awaiting moderation, exactly as when the site's form sends it (with "
    "its files, and the note of the evaluation it was drafted from), and the draft goes. The submission form's "
    "checks apply: a member it refuses, or would store otherwise than the draft holds it, is a 422 naming it, and "
    "nothing is sent. With `If-Match`, only the version it names (412 otherwise). Sent again with the same "
    "`Idempotency-Key`, it answers what it first answered.",
)
def submit_draft(request, response: HttpResponse, pk: ObjectId, idempotency_key: str | None = IdempotencyKey):
    return idempotency.once(
        request,
        response,
        endpoint="practices:drafts:submit",
        key=idempotency_key,
        payload=DraftSending(draft_id=pk),
        schema=SubmissionOut,
        create=lambda: _submit(request, _draft(request, pk)),
    )


def _submit(request, draft):
    index = PracticeIndexPage.objects.live().filter(locale__language_code=draft.language).first()
    if index is None:
        raise HttpError(404, "Not found")
    content = _content(draft)
    refuse_changes(content, [name for name in content if name != "language"])
    attachments = list(draft.attachments.all())
    data = MultiValueDict({name: [value] for name, value in form_data(content, _token(draft)).items()})
    data.setlist("kept_attachments", [attachment.token for attachment in attachments])
    form = PracticeForm(data, MultiValueDict(), user=request.user)
    try:
        page, created = drafts.submit(
            user=request.user, index=index, form=form, draft=draft, if_match=if_match(request)
        )
    except moderation.TokenTaken:
        raise HttpError(409, _("This token belongs to another submission.")) from None
    except moderation.TooManySubmissions:
        raise HttpError(429, _("Too many submissions in the last hour.")) from None
    except PreconditionFailed:
        raise stale() from None
    except PermissionDenied:
        raise HttpError(404, str(NO_DRAFT)) from None
    except ValidationError:
        raise invalid(form) from None
    return Status(201 if created else 200, submission_out(page, draft.language))
