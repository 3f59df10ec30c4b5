"""Endpoint for submitting a good practice; the same form, checks and workflow as the site."""

import uuid
from typing import Annotated

from django.conf import settings
from django.db import transaction
from django.http import Http404
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError

from forms_library.api import ERRORS, ErrorOut, invalid

from .forms import PracticeForm
from .models import PracticeIndexPage
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
    "/", response={201: SubmissionOut, **ERRORS, 429: ErrorOut}, summary="Submit a good practice for moderation"
)
def submit_practice(request, payload: PracticeIn):
    if payload.language not in dict(settings.LANGUAGES):
        raise Http404  # before any lookup: PostgreSQL cannot even compare some texts (a null character)
    index = PracticeIndexPage.objects.live().filter(locale__language_code=payload.language).first()
    if index is None:
        raise Http404
    with transaction.atomic():
        index = lock_for_submission(index, request.user)
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
    return Status(
        201, {"id": page.pk, "title": page.title, "language": payload.language, "state": "awaiting_moderation"}
    )
