"""Endpoints for submitting a stage output and for the stage outputs shared with the caller's departments; and
what is waiting for the caller (`me_router`, mounted at `/api/me/`)."""

import datetime
from typing import Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from ninja.errors import ValidationError as ApiValidationError
from ninja.pagination import paginate
from pydantic import StrictBool

from home.api import (
    ERRORS,
    WORD_DOWNLOAD,
    BoundedPagination,
    LanguageCode,
    ObjectId,
    Problem,
    StageNumber,
    examples,
    invalid,
)

from . import next_steps, permissions, reviews
from .documents import stage_output_download
from .forms import StageOutputApiForm
from .models import MentoringRelationship

router = Router(tags=["stage outputs"])
me_router = Router(tags=["me"])


class SharedOutputOut(Schema):
    id: int
    title: str
    stage: StageNumber
    department: str = Field(..., alias="relationship.department.name")
    language: LanguageCode = Field(..., alias="filled_form.language")
    answers: dict
    is_example: bool = Field(..., description="An example record created for demonstration: fictional.")

    model_config = {
        "json_schema_extra": {
            "examples": [
                {
                    "id": 31,
                    "title": "SWOT analysis",
                    "stage": 4,
                    "department": "Social Services",
                    "language": "en",
                    "is_example": False,
                    "answers": {
                        "subject": "Rent arrears of newly arrived families",
                        "analysis_date": "2026-12-07",
                        "swot": {
                            "strengths": "A trusted interpreter.",
                            "weaknesses": "One desk for the whole city.",
                            "opportunities": "The housing fund's new call.",
                            "threats": "Rents rising faster than benefits.",
                        },
                    },
                }
            ]
        }
    }


class OutputIn(Schema):
    relationship_id: ObjectId
    filled_form_id: ObjectId
    stage: StageNumber | None = Field(
        None,
        description="The stage is the filled form's own (its template's); a stage given here must be the same, "
        "or the submission is refused (422).",
    )
    share_with_all: StrictBool = False
    target_department_ids: list[ObjectId] = []
    share_private: StrictBool = Field(
        False,
        description="Private notes (the mentor's diary) are submitted only with `true`: the author's explicit "
        "choice to share that entry with the mentor, the mentees, the reviewers and the departments.",
    )

    model_config = examples(
        {"relationship_id": 7, "filled_form_id": 12, "stage": 4, "target_department_ids": [3], "share_private": False}
    )


class SubmittedOutputOut(Schema):
    id: int
    title: str
    stage: StageNumber
    review_step: str | None = Field(
        ...,
        description="The review step the output waits at, by name (the mentor's review is passed by an "
        "output the mentor wrote: nobody reviews their own work).",
    )
    review_status: str = Field(..., description="The state of that step, in the reader's language.")

    model_config = examples(
        {
            "id": 31,
            "title": "SWOT analysis",
            "stage": 4,
            "review_step": "Mentor review",
            "review_status": "Waiting for a decision",
        }
    )

    @staticmethod
    def resolve_review_step(output):
        task_state = reviews.current_step(output)
        return task_state.task.name if task_state else None

    @staticmethod
    def resolve_review_status(output):
        task_state = reviews.current_step(output)
        return str(reviews.step_status_label(task_state)) if task_state else ""


@router.post(
    "/",
    response={201: SubmittedOutputOut, **ERRORS},
    summary="Submit one of my completed filled forms as a stage output, for review",
)
def submit_output(request, payload: OutputIn):
    """The same form and operation as the site (StageOutputForm, reviews.submit_output)."""
    relationship = MentoringRelationship.objects.involving(request.user).filter(pk=payload.relationship_id).first()
    if relationship is None:
        raise HttpError(404, _("No such mentoring relationship, or you take no part in it."))
    if not permissions.can_submit_output(request.user, relationship):
        raise HttpError(403, _("Only the mentor and the mentees submit outputs."))
    data = {
        "filled_form": payload.filled_form_id,
        "stage": payload.stage or "",
        "share_with_all": payload.share_with_all,
        "target_departments": payload.target_department_ids,
        "share_private": payload.share_private,
    }
    form = StageOutputApiForm(data, author=request.user, relationship=relationship)
    if not form.is_valid():
        raise invalid(form)
    try:
        output = reviews.submit_output(user=request.user, relationship=relationship, **form.cleaned_data)
    except PermissionDenied as error:
        raise HttpError(403, str(error)) from error
    except ValidationError as error:
        form.add_submission_error(error)
        raise invalid(form) from error
    return Status(201, output)


class DecisionIn(Schema):
    action: Literal["approve", "reject"] | None = Field(
        None, description="Nothing is preselected: without a decision the request is refused (422)."
    )
    comment: str = Field("", max_length=5000, description="Needed when changes are requested.")

    model_config = examples({"action": "reject", "comment": "Add a measurable goal for the second month."})


@router.post(
    "/{pk}/review/",
    response={200: SubmittedOutputOut, **ERRORS, 409: Problem},
    summary="Decide the review step an output of mine to review waits at: approve, or request changes",
)
def review_output(request, pk: ObjectId, payload: DecisionIn):
    """The same operation as the site (reviews.decide): only the reviewer of the current step decides, and
    never the output's author (403)."""
    output = permissions.stage_outputs_visible_to(request.user).filter(pk=pk).first()
    if output is None:
        raise HttpError(404, _("No such stage output, or it is not shared with you."))
    try:
        reviews.decide(user=request.user, output=output, action=payload.action, comment=payload.comment)
    except reviews.AlreadyDecided as error:
        raise HttpError(409, _("This review step has already been decided.")) from error
    except PermissionDenied as error:
        raise HttpError(403, str(error) or _("You cannot review this output at this step.")) from error
    except ValidationError as error:
        raise ApiValidationError(
            [
                {"loc": ["body", name], "msg": " ".join(messages), "type": "value_error"}
                for name, messages in error.message_dict.items()
            ]
        ) from error
    output.refresh_from_db()
    return output


@router.get(
    "/shared/", response={200: list[SharedOutputOut], **ERRORS}, summary="Stage outputs shared with my departments"
)
@paginate(BoundedPagination)
def shared_outputs(request):
    return permissions.shared_with_departments_of(request.user).select_related(
        "relationship__department", "filled_form"
    )


@router.get(
    "/{pk}/docx/",
    response={200: None, **ERRORS},
    summary="A stage output as a Word document",
    openapi_extra=WORD_DOWNLOAD,
)
def output_docx(request, pk: ObjectId):
    output = (
        permissions.stage_outputs_visible_to(request.user).filter(pk=pk).select_related("filled_form__owner").first()
    )
    if output is None:
        raise HttpError(404, _("No such stage output, or it is not shared with you."))
    return stage_output_download(output)


class NextStepOut(Schema):
    # Not `kind`, which names a form field's kind wherever it appears in this API.
    type: Literal[next_steps.KINDS] = Field(
        ...,
        alias="kind",
        description="`review`: an output awaiting the caller's decision; `fix`: the caller's output sent back with "
        "changes requested (`comment`); `fill`, `continue`, `submit`: a form the relationship's current stage "
        "still needs, to fill in, to finish, or to submit for review; `session`: the relationship's next session.",
    )
    text: str = Field(..., description="What to do, in the caller's language.")
    title: str
    url: str = Field(..., description="The site's page where it is done (absolute).")
    relationship_id: int
    relationship: str
    stage: StageNumber | None = None
    comment: str = Field("", description="The reviewer's comment, for `fix`.")
    when: datetime.datetime | None = Field(None, description="The session's date and time, for `session`.")

    model_config = examples(
        {
            "type": "fill",
            "text": "Fill in “Stage 1: Mutual understanding”",
            "title": "Stage 1: Mutual understanding",
            "url": "https://hub.example.org/en/forms/mutual-understanding/fill/?relationship=7&stage=1",
            "relationship_id": 7,
            "relationship": "Maria Papadopoulou → Jan Novák",
            "stage": 1,
            "comment": "",
            "when": None,
        }
    )


@me_router.get(
    "/next-steps/",
    response={200: list[NextStepOut], **ERRORS},
    summary="What is waiting for me, with the page to do it",
)
@paginate(BoundedPagination)
def my_next_steps(request):
    """The same items as the site's "What is waiting for you" (mentoring/next_steps.py)."""
    steps = next_steps.for_user(request.user, request=request)
    for step in steps:
        step.url = request.build_absolute_uri(step.url)
    return steps
