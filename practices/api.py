"""Endpoint for submitting a good practice; the same form, checks and workflow as the site."""

import uuid
from typing import Annotated

from django.conf import settings
from django.db import transaction
from django.http import Http404
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError

from home.api import ERRORS, ErrorOut, invalid

from .forms import PracticeForm
from .models import PracticeIndexPage, PracticePage
from .views import create_submission, lock_for_submission, too_many_submissions

router = Router(tags=["good practices"])


class PracticeIn(Schema):
    language: str
    title: str
    summary: str
    service_area: str
    country: str
    municipality: str
    department: str
    stage: Annotated[int, Field(ge=1, le=5)] | None = None
    challenge: str
    what_was_done: str
    results: str
    reuse: str
    contact: str = ""
    tags: list[str] = []
    token: uuid.UUID | None = None


class SubmissionOut(Schema):
    id: int
    title: str
    language: str
    state: str


@router.post(
    "/",
    response={201: SubmissionOut, 200: SubmissionOut, **ERRORS, 409: ErrorOut, 429: ErrorOut},
    summary="Submit a good practice for moderation",
    description="Sent again with the same `token`, it answers 200 with the practice the first request made.",
)
def submit_practice(request, payload: PracticeIn):
    if payload.language not in dict(settings.LANGUAGES):
        raise Http404  # before any lookup: PostgreSQL cannot even compare some texts (a null character)
    index = PracticeIndexPage.objects.live().filter(locale__language_code=payload.language).first()
    if index is None:
        raise Http404
    with transaction.atomic():
        index = lock_for_submission(index, request.user)
        if payload.token:
            earlier = PracticePage.objects.filter(submission_token=payload.token).first()
            if earlier is not None and earlier.owner_id != request.user.pk:
                raise HttpError(409, "This token belongs to another submission.")
            if earlier is not None:  # a repeated request: the first one made it
                return Status(200, _submission_out(earlier, payload.language))
        if too_many_submissions(request.user):
            raise HttpError(429, "Too many submissions in the last hour.")
        data = payload.dict()
        data["tags"] = ", ".join(payload.tags)
        data["stage"] = "" if payload.stage is None else str(payload.stage)
        data["token"] = str(payload.token or uuid.uuid4())
        form = PracticeForm(data)
        if not form.is_valid():
            raise invalid(form)
        page = create_submission(index, form, request.user)
    return Status(201, _submission_out(page, payload.language))


def _submission_out(page, language):
    states = {True: "published", False: "awaiting_moderation" if page.workflow_in_progress else "not_published"}
    return {"id": page.pk, "title": page.title, "language": language, "state": states[page.live]}
