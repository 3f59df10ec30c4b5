"""Endpoints for good practices: submitting one, and what the site's "My submissions" lets a submitter do (list
their submissions, read one, change one and send it again when the moderators ask for changes). The same form
and operations as the site (moderation.submit, moderation.resubmit).

A submission carries an `ETag`; a change with an `If-Match` naming another version is refused (412). PUT
replaces every member and requires each; PATCH (JSON Merge Patch) changes only those it names.
"""

import uuid
from typing import Annotated, Literal

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.decorators import decorate_view
from ninja.errors import HttpError
from ninja.pagination import paginate
from pydantic import ConfigDict
from taggit.models import Tag
from taggit.utils import edit_string_for_tags

from home import idempotency
from home.api import (
    ERRORS,
    WRITE_ERRORS,
    BoundedPagination,
    IdempotencyKey,
    LanguageCode,
    ObjectId,
    Problem,
    StageNumber,
    code_list,
    examples,
    invalid,
    merge_patch_body,
    merge_patch_only,
    refused,
    stale,
)
from home.programme import Country
from home.workflow_states import attach_workflow_states
from home.writes import PreconditionFailed, if_match, merge_patch

from . import moderation
from .constants import Licence, ServiceArea, SubmissionState
from .forms import PracticeForm
from .pages import PracticeIndexPage, PracticePage
from .texts import richtext_to_plain

router = Router(tags=["good practices"])

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


class PracticeOut(PracticeContent, MySubmissionOut):
    model_config = ConfigDict(
        extra="ignore",
        json_schema_extra={
            "examples": [{"id": 812, "language": "en", "state": "awaiting_moderation", "comment": None, **EXAMPLE}]
        },
    )


@router.post(
    "/",
    response={201: SubmissionOut, 200: SubmissionOut, **ERRORS, 409: Problem, 429: Problem},
    summary="Submit a good practice for moderation",
    description="Sent again with the same `token`, it answers 200 with the practice the first request made; sent "
    "again with the same `Idempotency-Key` header and body, it answers what it first answered.",
)
def submit_practice(request, response: HttpResponse, payload: PracticeIn, idempotency_key: str | None = IdempotencyKey):
    return idempotency.once(
        request,
        response,
        endpoint="practices:submit",
        key=idempotency_key,
        payload=payload,
        schema=SubmissionOut,
        create=lambda: _submit(request, payload),
    )


def _submit(request, payload):
    index = PracticeIndexPage.objects.live().filter(locale__language_code=payload.language).first()
    if index is None:
        raise Http404
    form = PracticeForm(_form_data(payload.dict(), payload.token or uuid.uuid4()))
    try:
        page, created = moderation.submit(user=request.user, index=index, form=form)
    except moderation.TokenTaken:
        raise HttpError(409, _("This token belongs to another submission.")) from None
    except moderation.TooManySubmissions:
        raise HttpError(429, _("Too many submissions in the last hour.")) from None
    except ValidationError:
        raise invalid(form) from None
    return Status(201 if created else 200, _submission_out(page, payload.language))


def _form_data(content, token):
    data = dict(content)
    # Each name whole, as the form's tag field reads them back (taggit quotes a name with a comma or a space).
    data["tags"] = edit_string_for_tags([Tag(name=name) for name in content["tags"]])
    data["stage"] = "" if content.get("stage") is None else str(content["stage"])  # null removes it (PATCH)
    data["token"] = str(token)
    return data


def _submission_out(page, language):
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


def _representation(page, response):
    response["ETag"] = moderation.submission_etag(page)
    return {**_summary(page), **_content(page)}


@router.get("/mine/{pk}/", response={200: PracticeOut, **ERRORS}, summary="One of my submitted practices")
def my_submission(request, response: HttpResponse, pk: ObjectId):
    return _representation(_submission(request, pk), response)


@router.put(
    "/mine/{pk}/",
    response={200: PracticeOut, **WRITE_ERRORS},
    summary="Change a practice the moderators sent back, and send it again",
    description="Every member is required and replaces what was sent before (attachments stay). Only while the "
    "moderators ask for changes (409 otherwise). With `If-Match`, only the version it names (412 otherwise).",
)
def replace_submission(request, response: HttpResponse, pk: ObjectId, payload: PracticeContent):
    return _resubmit(request, response, pk, lambda _current: payload.dict())


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
    return _resubmit(request, response, pk, lambda current: merge_patch(current, patch))


def _resubmit(request, response, pk, content_of):
    page = _submission(request, pk)
    content = content_of(_content(page))
    form = PracticeForm(_form_data(content, page.submission_token), instance=page)
    try:
        moderation.resubmit(user=request.user, page=page, form=form, if_match=if_match(request))
    except moderation.NotAwaitingChanges:
        raise HttpError(409, _("This practice can be edited only when the moderators ask for changes.")) from None
    except PreconditionFailed:
        raise stale() from None
    except ValidationError:
        raise invalid(form) from None
    return _representation(_submission(request, pk), response)
