"""Endpoints for good practices: submitting one, and what the site's "My submissions" lets a submitter do (list
their submissions, read one, change one and send it again when the moderators ask for changes). The same form
and operations as the site (moderation.submit, moderation.resubmit).

A submission carries an `ETag`; a change with an `If-Match` naming another version is refused (412). PUT
replaces every member and requires each; PATCH (JSON Merge Patch) changes only those it names.
"""

import hashlib
import uuid
from functools import wraps
from typing import Annotated, Literal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.urls import reverse
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field, File, Router, Schema, Status, UploadedFile
from ninja.decorators import decorate_view
from ninja.errors import HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.pagination import paginate
from pydantic import ConfigDict
from taggit.models import Tag
from taggit.utils import edit_string_for_tags

from home import idempotency, uploads
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
    absolute_url,
    code_list,
    examples,
    invalid,
    merge_patch_body,
    merge_patch_only,
    refused,
    stale,
)
from home.problems import problem_response
from home.programme import Country
from home.workflow_states import attach_workflow_states
from home.writes import PreconditionFailed, if_match, merge_patch

from . import moderation, submitted_attachments, word
from .constants import Licence, ServiceArea, SubmissionState
from .forms import ATTACHMENT_EXTENSIONS, MAX_ATTACHMENTS, PracticeForm
from .pages import PracticeIndexPage, PracticePage
from .texts import richtext_to_plain

router = Router(tags=["good practices"])

# Strict, as every stage (home/api.py); and bounded, as the form's choices are checked only when it is valid.
Stage = Annotated[StageNumber, Field(ge=1, le=5)]
State = Literal[tuple(SubmissionState.values)]
Area = code_list(ServiceArea.values, "The service area (`practices.constants.ServiceArea`).", "housing")
CountryCode = code_list(Country.values, "The partner country (`home.programme.Country`).", "GR")


# What the examples of the schema are made of (fictional, as the demo's organisations are).
EXAMPLE = {
    "title": "A weekly housing desk with an interpreter",
    "summary": "Newcomers bring their housing questions to one desk, one morning a week.",
    "service_area": "housing",
    "country": "GR",
    "municipality": "Elmstead (fictional)",
    "department": "Housing",
    "stage": 5,
    "challenge": "Questions about rent and contracts went to five offices.",
    "what_was_done": "One desk, an interpreter and a shared checklist.",
    "results": "Fewer visits to answer one question.",
    "reuse": "A room, an interpreter and the checklist.",
    "contact": "housing@example.org",
    "tags": ["housing", "interpreting"],
}


class PracticeContent(Schema):
    """What a submitter writes: every member, as PUT requires them and GET gives them."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [EXAMPLE]})

    title: str
    summary: str
    service_area: Area
    country: CountryCode
    municipality: str
    department: str
    stage: Stage | None
    challenge: str
    what_was_done: str
    results: str
    reuse: str
    contact: str
    tags: list[str]


CONTENT = list(PracticeContent.model_fields)


class PracticeIn(PracticeContent):
    language: LanguageCode
    stage: Stage | None = None
    contact: str = ""
    licence: str = Field(
        "",
        description="The licence the submitter chooses, one of "
        + ", ".join(f"`{value}`" for value in Licence.values if value)
        + "; empty (the default): no licence stated. The submission form checks it.",
    )
    tags: list[str] = []
    token: uuid.UUID | None = None

    model_config = examples({"language": "en", **EXAMPLE})


class PracticeChange(Schema):
    """PATCH: a JSON Merge Patch of a submission's members; null removes only the stage."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"results": "Visits per question fell from three to one."}, {"stage": None}]},
    )

    title: str | None = None
    summary: str | None = None
    service_area: Area | None = None
    country: CountryCode | None = None
    municipality: str | None = None
    department: str | None = None
    stage: Stage | None = None
    challenge: str | None = None
    what_was_done: str | None = None
    results: str | None = None
    reuse: str | None = None
    contact: str | None = None
    tags: list[str] | None = None


class SubmissionOut(Schema):
    id: int
    title: str
    language: LanguageCode
    state: State

    model_config = examples({"id": 812, "title": EXAMPLE["title"], "language": "en", "state": "awaiting_moderation"})


class MySubmissionOut(Schema):
    id: int
    title: str
    language: LanguageCode
    state: State
    comment: str | None = Field(None, description="The moderators' comment, while the practice is not published.")

    model_config = examples(
        {
            "id": 812,
            "title": EXAMPLE["title"],
            "language": "en",
            "state": "changes_requested",
            "comment": "Please add how many families came.",
        }
    )


# The media types of the attachments the site takes (forms.py), as the schema lists them: each extension taken
# stands for one type, which the file's content was checked to be (home/uploads.py).
ATTACHMENT_TYPES = sorted({next(iter(uploads.TYPES_BY_EXTENSION[extension])) for extension in ATTACHMENT_EXTENSIONS})
ATTACHMENT_EXAMPLE = {
    "id": 3051,
    "file_name": "housing-desk-checklist.pdf",
    "media_type": "application/pdf",
    "size": 48213,
    "download_url": "https://hub.example.org/api/practices/812/attachments/3051/",
}


class AttachmentOut(Schema):
    id: int = Field(..., description="The attachment's id in its practice's attachment addresses.")
    file_name: str
    media_type: code_list(ATTACHMENT_TYPES, "The file's media type, which its content was checked to be.")
    size: int = Field(..., description="In bytes.")
    download_url: str = Field(..., description="Absolute: the file, for whoever may read the practice.")

    model_config = examples(ATTACHMENT_EXAMPLE)


class PracticeOut(PracticeContent, MySubmissionOut):
    attachments: list[AttachmentOut] = Field(
        ..., description="The files sent with the practice, in their order (the version last sent)."
    )

    model_config = ConfigDict(
        extra="ignore",
        json_schema_extra={
            "examples": [
                {
                    "id": 812,
                    "language": "en",
                    "state": "awaiting_moderation",
                    "comment": None,
                    **EXAMPLE,
                    "attachments": [ATTACHMENT_EXAMPLE],
                }
            ]
        },
    )


# What a multipart submission holds (with attachments): the practice as JSON in the part `practice`, and the files.
PRACTICE_PART = "practice"
ATTACHMENTS_PART = "attachments"
MULTIPART = "multipart/form-data"
FILES_SCHEMA = {
    "type": "array",
    "maxItems": MAX_ATTACHMENTS,
    "items": {"type": "string", "format": "binary"},
    "description": f"At most {MAX_ATTACHMENTS} files, each a PDF, DOCX, ODT or image of at most "
    f"{settings.PRACTICE_ATTACHMENT_MAX_UPLOAD_SIZE // (1024 * 1024)} MB, judged by "
    "content as the site's form judges them; a file refused is a 422 at `attachments`, and nothing is stored.",
}
SUBMISSION_BODY = {
    "requestBody": {
        "content": {
            MULTIPART: {
                "schema": {
                    "type": "object",
                    "required": [PRACTICE_PART],
                    "properties": {
                        PRACTICE_PART: {"$ref": "#/components/schemas/PracticeIn"},
                        ATTACHMENTS_PART: FILES_SCHEMA,
                    },
                },
                "encoding": {PRACTICE_PART: {"contentType": "application/json"}},
            }
        }
    }
}


def json_or_multipart(run):
    """For ninja's `decorate_view`: a submission is JSON, or, with attachments, `multipart/form-data` whose part
    `practice` holds the same JSON. ninja reads a body of one type per operation; the JSON part is given to it as
    the request's body (Django's own cache of the raw body, `_body`), and the files stay in `request.FILES`. Only
    the multipart request's text parts are held in memory (Django's upload handlers spool the files to disk)."""

    @wraps(run)
    def parsed(request, *args, **kwargs):
        if request.content_type == MULTIPART:
            try:
                practice = request.POST.get(PRACTICE_PART)
            except MultiPartParserError:
                return problem_response(400)
            errors = [
                {"loc": ["body", name], "msg": _("Send each attachment as a file."), "type": "value_error"}
                if name == ATTACHMENTS_PART
                else {
                    "loc": ["body", name],
                    "msg": _("This member is not part of the request: remove it."),
                    "type": "value_error",
                }
                for name in sorted(set(request.POST) - {PRACTICE_PART} | set(request.FILES) - {ATTACHMENTS_PART})
            ]
            if practice is None:
                errors.insert(
                    0, {"loc": ["body", PRACTICE_PART], "msg": _("This member is required."), "type": "missing"}
                )
            if errors:
                return run.__self__.api.on_exception(request, NinjaValidationError(errors))
            request._body = practice.encode()
        return run(request, *args, **kwargs)

    return parsed


class MultipartSubmission(Schema):
    """What an Idempotency-Key is compared with when a submission has files: the practice and each file's digest."""

    practice: dict
    attachments: list[str]


@router.post(
    "/",
    response={201: SubmissionOut, 200: SubmissionOut, **ERRORS, 409: Problem, 429: Problem},
    summary="Submit a good practice for moderation",
    description="JSON, or `multipart/form-data` to send attachments with it: the practice as JSON in the part "
    "`practice`, and the files in parts `attachments`. Sent again with the same `token`, it answers 200 with the "
    "practice the first request made; sent again with the same `Idempotency-Key` header and body (files included), "
    "it answers what it first answered.",
    openapi_extra=SUBMISSION_BODY,
)
@decorate_view(json_or_multipart)
def submit_practice(request, response: HttpResponse, payload: PracticeIn, idempotency_key: str | None = IdempotencyKey):
    files = request.FILES.getlist(ATTACHMENTS_PART) if request.content_type == MULTIPART else []
    sent = payload
    if files:
        sent = MultipartSubmission(
            practice=payload.model_dump(mode="json"), attachments=[_digest_of(upload) for upload in files]
        )
    return idempotency.once(
        request,
        response,
        endpoint="practices:submit",
        key=idempotency_key,
        payload=sent,
        schema=SubmissionOut,
        create=lambda: _submit(request, payload, files),
    )


def _digest_of(upload):
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return f"{upload.name}:{digest.hexdigest()}"


def _submit(request, payload, files=()):
    index = PracticeIndexPage.objects.live().filter(locale__language_code=payload.language).first()
    if index is None:
        raise Http404
    content = payload.dict()
    refuse_changes(content, CONTENT)
    form = PracticeForm(
        form_data(content, payload.token or uuid.uuid4()), MultiValueDict({ATTACHMENTS_PART: list(files)})
    )
    try:
        page, created = moderation.submit(user=request.user, index=index, form=form)
    except moderation.TokenTaken:
        raise HttpError(409, _("This token belongs to another submission.")) from None
    except moderation.TooManySubmissions:
        raise HttpError(429, _("Too many submissions in the last hour.")) from None
    except ValidationError:
        raise invalid(form) from None
    return Status(201 if created else 200, submission_out(page, payload.language))


# "Reject, don't repair", as for a filled form's answers (forms_library/forms.py): a member the submission form
# would store otherwise than it was sent (its text trimmed, its paragraphs re-spaced, its tags merged) is refused.
PLAIN_TEXTS = ("title", "summary", "municipality", "department", "contact")
TRIMMED = gettext_lazy("This text would not be stored as it was sent: send it without spaces around it.")
RESPACED = gettext_lazy(
    "This text would not be stored as it was sent: send it without spaces or empty lines around its paragraphs and "
    "lines, its paragraphs separated by one empty line."
)
RETAGGED = gettext_lazy(
    "These tags would not be stored as they were sent: send each tag once, without spaces around it."
)


def refuse_changes(content, sent):
    """A 422 naming each member among `sent` that the submission form would store otherwise than `content` has
    it. The form is validated on its own here (what it refuses, the operation reports with the form's messages)."""
    form = PracticeForm(form_data(content, uuid.uuid4()))
    if not form.is_valid():
        return
    cleaned = form.cleaned_data
    errors = [(name, TRIMMED) for name in PLAIN_TEXTS if name in sent and cleaned[name] != content[name]]
    errors += [
        (name, RESPACED)
        for name in PracticePage.RICH_TEXT_FIELDS
        if name in sent and richtext_to_plain(cleaned[name]) != content[name]
    ]
    if "tags" in sent and (
        len(set(content["tags"])) != len(content["tags"]) or sorted(cleaned["tags"]) != sorted(content["tags"])
    ):
        errors.append(("tags", RETAGGED))
    if errors:
        raise NinjaValidationError(
            [{"loc": ["body", name], "msg": str(message), "type": "value_error"} for name, message in errors]
        )


def form_data(content, token):
    data = dict(content)
    # Each name whole, as the form's tag field reads them back (taggit quotes a name with a comma or a space).
    data["tags"] = edit_string_for_tags([Tag(name=name) for name in content["tags"]])
    data["stage"] = "" if content.get("stage") is None else str(content["stage"])  # null removes it (PATCH)
    data["token"] = str(token)
    return data


def submission_out(page, language):
    if page.live:
        state = SubmissionState.PUBLISHED
    else:
        state = SubmissionState.AWAITING_MODERATION if page.workflow_in_progress else SubmissionState.NOT_PUBLISHED
    return {"id": page.pk, "title": page.title, "language": language, "state": state.value}


# The submitter's own submissions ("My submissions" on the site)

# Wagtail's workflow states, as the API names them.
STATES = {
    "needs_changes": SubmissionState.CHANGES_REQUESTED,
    "cancelled": SubmissionState.DECLINED,
    "in_progress": SubmissionState.AWAITING_MODERATION,
}


def _state(page):
    state = page.review_state
    if page.live:
        return SubmissionState.PUBLISHED.value, None
    if state is None:
        return SubmissionState.NOT_PUBLISHED.value, None
    comment = state.current_task_state.comment if state.current_task_state else ""
    return STATES.get(state.status, SubmissionState.NOT_PUBLISHED).value, comment or None


def _mine(request):
    return PracticePage.objects.filter(owner=request.user, submission_token__isnull=False)


def _summary(page):
    state, comment = _state(page)
    return {
        "id": page.pk,
        "title": page.draft_title or page.title,
        "language": page.locale.language_code,
        "state": state,
        "comment": comment,
    }


@router.get("/mine/", response={200: list[MySubmissionOut], **ERRORS}, summary="My submitted practices")
@paginate(BoundedPagination)
def my_submissions(request):
    pages = attach_workflow_states(_mine(request).select_related("locale").order_by("-pk"), active_only=False)
    return [_summary(page) for page in pages]


def _submission(request, pk):
    """The submitter's practice as its latest revision (what they last sent), with its moderation."""
    page = _mine(request).select_related("locale").filter(pk=pk).first()
    if page is None:
        raise HttpError(404, "Not found")
    latest = page.get_latest_revision_as_object()
    latest.review_state = attach_workflow_states([page], active_only=False)[0].review_state
    return latest


def _content(page):
    return {
        **{name: getattr(page, name) for name in CONTENT if name not in PracticePage.RICH_TEXT_FIELDS},
        **{name: richtext_to_plain(getattr(page, name)) for name in PracticePage.RICH_TEXT_FIELDS},
        "tags": sorted(tag.name for tag in page.tags.all()),
    }


def _attachment_out(request, page, document):
    return {
        "id": document.pk,
        "file_name": document.filename,
        "media_type": media_type_of(document.filename),
        "size": document.file_size if document.file_size is not None else document.file.size,
        "download_url": absolute_url(request, reverse("qser_api:practice_attachment", args=[page.pk, document.pk])),
    }


def media_type_of(name):
    types = uploads.TYPES_BY_EXTENSION.get(uploads.extension_of(name), ())
    return next(iter(types)) if len(types) == 1 else "application/octet-stream"


def _representation(request, page, response):
    response["ETag"] = moderation.submission_etag(page)
    attachments = [_attachment_out(request, page, document) for document in submitted_attachments.documents_of(page)]
    return {**_summary(page), **_content(page), "attachments": attachments}


@router.get("/mine/{pk}/", response={200: PracticeOut, **ERRORS}, summary="One of my submitted practices")
def my_submission(request, response: HttpResponse, pk: ObjectId):
    return _representation(request, _submission(request, pk), response)


@router.put(
    "/mine/{pk}/",
    response={200: PracticeOut, **WRITE_ERRORS},
    summary="Change a practice the moderators sent back, and send it again",
    description="Every member is required and replaces what was sent before (attachments stay). Only while the "
    "moderators ask for changes (409 otherwise). With `If-Match`, only the version it names (412 otherwise).",
)
def replace_submission(request, response: HttpResponse, pk: ObjectId, payload: PracticeContent):
    return _resubmit(request, response, pk, lambda _current: payload.dict(), CONTENT)


@router.patch(
    "/mine/{pk}/",
    response={200: PracticeOut, **WRITE_ERRORS, 415: Problem},
    summary="Change some members of a practice the moderators sent back, and send it again",
    description="A JSON Merge Patch (RFC 7396): only the members named change; null removes the stage. Only while "
    "the moderators ask for changes (409 otherwise). With `If-Match`, only the version it names (412 otherwise).",
    openapi_extra=merge_patch_body("PracticeChange"),
)
@decorate_view(merge_patch_only)
def change_submission(request, response: HttpResponse, pk: ObjectId, payload: PracticeChange):
    patch = payload.model_dump(include=payload.model_fields_set)
    for member, value in patch.items():
        if value is None and member != "stage":
            raise refused(_("This member cannot be removed: give a value."), member)
    return _resubmit(request, response, pk, lambda current: merge_patch(current, patch), set(patch))


def _resubmit(request, response, pk, content_of, sent):
    page = _submission(request, pk)
    content = content_of(_content(page))
    refuse_changes(content, sent)
    form = PracticeForm(form_data(content, page.submission_token), instance=page)
    try:
        moderation.resubmit(user=request.user, page=page, form=form, if_match=if_match(request))
    except moderation.NotAwaitingChanges:
        raise HttpError(409, _("This practice can be edited only when the moderators ask for changes.")) from None
    except PreconditionFailed:
        raise stale() from None
    except ValidationError:
        raise invalid(form) from None
    return _representation(request, _submission(request, pk), response)


# A submission's attachments (submitted_attachments.py)

ATTACHMENT_DOWNLOAD = {
    "responses": {
        200: {
            "description": "The file, as an attachment under its name, in the media type its content was checked to "
            "be.",
            "content": {
                media_type: {"schema": {"type": "string", "format": "binary"}} for media_type in ATTACHMENT_TYPES
            },
            "headers": {
                "Content-Disposition": {
                    "description": 'For example `attachment; filename="housing-desk-checklist.pdf"`.',
                    "schema": {"type": "string"},
                }
            },
        }
    }
}


def _own_page(request, pk):
    """The caller's submission, as stored (the operations read its latest version themselves)."""
    page = _mine(request).filter(pk=pk).first()
    if page is None:
        raise HttpError(404, "Not found")
    return page


def _change_attachments(request, response, pk, operation, **arguments):
    page = _own_page(request, pk)
    try:
        operation(user=request.user, page=page, if_match=if_match(request), **arguments)
    except moderation.NotAwaitingChanges:
        raise HttpError(409, _("This practice can be edited only when the moderators ask for changes.")) from None
    except PermissionDenied:
        raise HttpError(404, "Not found") from None
    except PreconditionFailed:
        raise stale() from None
    except submitted_attachments.NoSuchAttachment:
        raise HttpError(404, _("This practice has no such attachment.")) from None
    except ValidationError:
        raise invalid(arguments["form"]) from None
    return _representation(request, _submission(request, pk), response)


@router.post(
    "/mine/{pk}/attachments/",
    response={200: PracticeOut, **WRITE_ERRORS},
    summary="Add attachments to a practice the moderators sent back",
    description="`multipart/form-data`, the files in parts `attachments`, judged as the site's form judges them (a "
    "file refused is a 422 at `attachments`, and nothing is stored). Only while the moderators ask for changes (409 "
    "otherwise); send the practice again with PUT or PATCH (an empty PATCH sends it as it is). With `If-Match`, "
    "only the version it names (412 otherwise).",
)
def add_attachments(request, response: HttpResponse, pk: ObjectId, attachments: File[list[UploadedFile]]):
    form = submitted_attachments.AttachmentsForm(files=MultiValueDict({ATTACHMENTS_PART: attachments}))
    return _change_attachments(request, response, pk, submitted_attachments.add, form=form)


@router.put(
    "/mine/{pk}/attachments/{attachment_id}/",
    response={200: PracticeOut, **WRITE_ERRORS},
    summary="Replace an attachment of a practice the moderators sent back",
    description="`multipart/form-data`, the new file in the part `file`, in the old one's place. Only while the "
    "moderators ask for changes (409 otherwise). With `If-Match`, only the version it names (412 otherwise).",
)
def replace_attachment(
    request, response: HttpResponse, pk: ObjectId, attachment_id: ObjectId, file: File[UploadedFile]
):
    form = submitted_attachments.ReplacementForm(files=MultiValueDict({"file": [file]}))
    return _change_attachments(
        request, response, pk, submitted_attachments.replace, document_id=attachment_id, form=form
    )


@router.delete(
    "/mine/{pk}/attachments/{attachment_id}/",
    response={204: None, **WRITE_ERRORS},
    summary="Remove an attachment of a practice the moderators sent back",
    description="Only while the moderators ask for changes (409 otherwise). With `If-Match`, only the version it "
    "names (412 otherwise). Answers the practice's new `ETag`.",
)
def remove_attachment(request, response: HttpResponse, pk: ObjectId, attachment_id: ObjectId):
    _change_attachments(request, response, pk, submitted_attachments.remove, document_id=attachment_id)
    return Status(204, None)


@router.get(
    "/{pk}/docx/",
    response={200: None, **ERRORS},
    auth=PublicUnlessATokenIsSent(),
    openapi_extra={**WORD_DOWNLOAD, **OPTIONAL_TOKEN},
    summary="A published practice as a Word document",
    description="The download the site offers on a published practice's page (404 for one not published).",
)
def practice_docx(request, pk: ObjectId):
    page = PracticePage.objects.live().public().filter(pk=pk).first()
    if page is None:
        raise HttpError(404, "Not found")
    return word.practice_docx(page)


@router.get(
    "/{pk}/attachments/{attachment_id}/",
    response={200: None, **ERRORS},
    auth=PublicUnlessATokenIsSent(),
    openapi_extra={**ATTACHMENT_DOWNLOAD, **OPTIONAL_TOKEN},
    summary="Download an attachment of a practice",
    description="For anyone once the practice is published; before, for its submitter only (404 for others).",
)
def practice_attachment(request, pk: ObjectId, attachment_id: ObjectId):
    try:
        document = submitted_attachments.readable_document(request.user, pk, attachment_id)
    except submitted_attachments.NoSuchAttachment:
        raise HttpError(404, _("This practice has no such attachment, or you may not see it.")) from None
    return FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.filename,
        content_type=media_type_of(document.filename),
    )
