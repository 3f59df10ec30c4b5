"""Endpoint for submitting a good practice; the same form and operation as the site (moderation.submit)."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from taggit.models import Tag
from taggit.utils import edit_string_for_tags

from home.api import ERRORS, ErrorOut, LanguageCode, StageNumber, code_list, invalid
from home.programme import Country

from . import moderation
from .constants import ServiceArea, SubmissionState
from .forms import PracticeForm
from .pages import PracticeIndexPage

router = Router(tags=["good practices"])


class PracticeIn(Schema):
    language: LanguageCode
    title: str
    summary: str
    service_area: code_list(ServiceArea.values, "The service area (`practices.constants.ServiceArea`).", "housing")
    country: code_list(Country.values, "The partner country (`home.programme.Country`).", "DE")
    municipality: str
    department: str
    stage: StageNumber | None = None
    challenge: str
    what_was_done: str
    results: str
    reuse: str
    contact: str = ""
    tags: list[str] = []
    token: uuid.UUID | None = None

    model_config = {
        "json_schema_extra": {
            "examples": [
                {
                    "language": "en",
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
            ]
        }
    }


class SubmissionOut(Schema):
    id: int
    title: str
    language: LanguageCode
    state: code_list(SubmissionState.values, "`awaiting_moderation` until an editor decides.")

    model_config = {
        "json_schema_extra": {
            "examples": [
                {
                    "id": 812,
                    "title": "A weekly housing desk with an interpreter",
                    "language": "en",
                    "state": "awaiting_moderation",
                }
            ]
        }
    }


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
    form = PracticeForm(_form_data(payload))
    try:
        page, created = moderation.submit(user=request.user, index=index, form=form)
    except moderation.TokenTaken:
        raise HttpError(409, "This token belongs to another submission.") from None
    except moderation.TooManySubmissions:
        raise HttpError(429, "Too many submissions in the last hour.") from None
    except ValidationError:
        raise invalid(form) from None
    return Status(201 if created else 200, _submission_out(page, payload.language))


def _form_data(payload):
    data = payload.dict()
    # Each name whole, as the form's tag field reads them back (taggit quotes a name with a comma or a space).
    data["tags"] = edit_string_for_tags([Tag(name=name) for name in payload.tags])
    data["stage"] = "" if payload.stage is None else str(payload.stage)
    data["token"] = str(payload.token or uuid.uuid4())
    return data


def _submission_out(page, language):
    if page.live:
        state = SubmissionState.PUBLISHED
    else:
        state = SubmissionState.AWAITING_MODERATION if page.workflow_in_progress else SubmissionState.NOT_PUBLISHED
    return {"id": page.pk, "title": page.title, "language": language, "state": state.value}
