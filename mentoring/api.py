"""Endpoints for submitting a stage output and for the stage outputs shared with the caller's departments; for
running a relationship: its sessions, the stages' status and confirmation, the caller's calendar feed address; and
what is waiting for the caller (`me_router`, mounted at `/api/me/`)."""

import datetime
from typing import Annotated, Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.decorators import decorate_view
from ninja.errors import HttpError
from ninja.errors import ValidationError as ApiValidationError
from ninja.pagination import paginate
from pydantic import AwareDatetime, StrictBool, StrictInt

from home.api import (
    ERRORS,
    WORD_DOWNLOAD,
    BoundedPagination,
    LanguageCode,
    ObjectId,
    Problem,
    StageNumber,
    StrictObjectId,
    examples,
    invalid,
    merge_patch_body,
    merge_patch_only,
    refused,
)
from home.mail import display_name

from . import feeds, next_steps, permissions, progress, reviews, sessions
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
    relationship_id: StrictObjectId
    filled_form_id: StrictObjectId
    stage: StageNumber | None = Field(
        None,
        description="The stage is the filled form's own (its template's); a stage given here must be the same, "
        "or the submission is refused (422).",
    )
    share_with_all: StrictBool = False
    target_department_ids: list[StrictObjectId] = []
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


# Running the programme: sessions, the calendar feed's address, the stages (mounted at /api/mentoring/).

programme_router = Router(tags=["sessions and stages"])

SessionFormat = Literal["in_person", "online"]
# A stage in a path: 1 to 5 (a code list's examples are a list, which a path parameter's `examples` cannot hold).
StagePathNumber = Annotated[int, Field(ge=1, le=5, description="A stage of the programme, 1 to 5.")]


class SessionIn(Schema):
    stage: StageNumber = 1
    date: AwareDatetime = Field(..., description="The start, with its offset (ISO 8601).")
    duration_minutes: StrictInt = Field(60, ge=5, le=600)
    topic: str = Field(..., min_length=1, max_length=255)
    agreed_topics: str = Field("", max_length=5000)
    place: str = Field("", max_length=255)
    online_link: str = Field("", max_length=500)
    session_format: SessionFormat = "in_person"
    rrule: str = Field(
        "",
        max_length=255,
        description="An RFC 5545 RRULE value that ends (COUNT or UNTIL); empty for a single meeting.",
    )

    model_config = examples(
        {
            "stage": 2,
            "date": "2027-03-04T15:00:00+02:00",
            "duration_minutes": 90,
            "topic": "Goals and plan",
            "agreed_topics": "Short-term goals; needs analysis",
            "place": "Town hall, room 2",
            "online_link": "",
            "session_format": "in_person",
            "rrule": "FREQ=WEEKLY;INTERVAL=2;COUNT=4",
        }
    )


class SessionPatch(Schema):
    stage: StageNumber | None = None
    date: AwareDatetime | None = None
    duration_minutes: StrictInt | None = Field(None, ge=5, le=600)
    topic: str | None = Field(None, min_length=1, max_length=255)
    agreed_topics: str | None = Field(None, max_length=5000)
    place: str | None = Field(None, max_length=255)
    online_link: str | None = Field(None, max_length=500)
    session_format: SessionFormat | None = None
    rrule: str | None = Field(None, max_length=255)

    model_config = examples({"topic": "Goals, measurable", "duration_minutes": 75})


class SessionOut(Schema):
    id: int
    relationship_id: int
    stage: StageNumber
    date: datetime.datetime
    duration_minutes: int
    topic: str
    agreed_topics: str
    place: str
    online_link: str
    session_format: SessionFormat
    rrule: str
    exdates: list[str]
    meetings: list[datetime.datetime] = Field(..., description="The start of every meeting, cancelled ones left out.")
    record_id: int | None = Field(None, description="The session record (a filled form), when one was started.")
    private_note_id: int | None = Field(None, description="The mentor's private note: given to its author only.")

    model_config = examples(
        {
            "id": 12,
            "relationship_id": 7,
            "stage": 2,
            "date": "2027-03-04T13:00:00Z",
            "duration_minutes": 90,
            "topic": "Goals and plan",
            "agreed_topics": "Short-term goals; needs analysis",
            "place": "Town hall, room 2",
            "online_link": "",
            "session_format": "in_person",
            "rrule": "FREQ=WEEKLY;INTERVAL=2;COUNT=3",
            "exdates": ["2027-03-18T13:00:00+00:00"],
            "meetings": ["2027-03-04T13:00:00Z", "2027-04-01T12:00:00Z"],
            "record_id": None,
            "private_note_id": None,
        }
    )


def _session_out(user, session):
    out = SessionOut.model_validate(
        {
            **{name: getattr(session, name) for name in sessions.EDITABLE_FIELDS},
            "id": session.pk,
            "relationship_id": session.relationship_id,
            "exdates": session.exdates,
            "meetings": session.occurrences(),
            "record_id": session.record_id if sessions.can_plan(user, session.relationship) else None,
        }
    )
    if session.private_note_id and session.private_note.owner_id == user.pk:
        out.private_note_id = session.private_note_id
    return out


def _visible_relationship(request, pk):
    relationship = sessions.relationships_visible_to(request.user).filter(pk=pk).select_related("department").first()
    if relationship is None:
        raise HttpError(404, _("No such mentoring relationship, or you take no part in it."))
    return relationship


def _refusal(error):
    """A refused session as the API's 422, one entry per field."""
    messages = error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}
    return ApiValidationError(
        [
            {"loc": ["body"] if name == "__all__" else ["body", name], "msg": " ".join(texts), "type": "value_error"}
            for name, texts in messages.items()
        ]
    )


@programme_router.get(
    "/relationships/{pk}/sessions/",
    response={200: list[SessionOut], **ERRORS},
    summary="The sessions of a relationship I take part in or review",
)
@paginate(BoundedPagination)
def relationship_sessions(request, pk: ObjectId):
    relationship = _visible_relationship(request, pk)
    found = relationship.sessions.select_related("private_note").order_by("date", "pk")
    for session in found:
        session.relationship = relationship
    return [_session_out(request.user, session) for session in found]


@programme_router.post(
    "/relationships/{pk}/sessions/",
    response={201: SessionOut, **ERRORS},
    summary="Plan a session (the relationship's mentor)",
)
def plan_session(request, pk: ObjectId, payload: SessionIn):
    relationship = _visible_relationship(request, pk)
    try:
        session = sessions.plan(user=request.user, relationship=relationship, **payload.model_dump())
    except PermissionDenied as error:
        raise HttpError(403, str(error)) from error
    except ValidationError as error:
        raise _refusal(error) from error
    return Status(201, _session_out(request.user, session))


@programme_router.patch(
    "/sessions/{pk}/",
    response={200: SessionOut, **ERRORS, 415: Problem},
    summary="Change a session (the relationship's mentor)",
    description="A JSON Merge Patch (RFC 7396): only the members named change.",
    openapi_extra=merge_patch_body("SessionPatch"),
)
@decorate_view(merge_patch_only)
def change_session(request, pk: ObjectId, payload: SessionPatch):
    session = (
        sessions.sessions_visible_to(request.user).filter(pk=pk).select_related("relationship__department").first()
    )
    if session is None:
        raise HttpError(404, _("No such session, or you take no part in it."))
    changes = {name: getattr(payload, name) for name in payload.model_fields_set}
    for name, value in changes.items():
        if value is None:
            raise refused(_("This member cannot be removed: give a value."), name)
    try:
        session = sessions.change(user=request.user, session=session, **changes)
    except PermissionDenied as error:
        raise HttpError(403, str(error)) from error
    except ValidationError as error:
        raise _refusal(error) from error
    return _session_out(request.user, session)


class CalendarFeedOut(Schema):
    url: str = Field(..., description="The secret address of my iCalendar feed; whoever has it sees my sessions.")

    model_config = examples({"url": "https://hub.example.org/calendar/Vq3…token….ics"})


@programme_router.get(
    "/calendar-feed/", response={200: CalendarFeedOut, **ERRORS}, summary="My calendar feed's address"
)
def calendar_feed(request):
    return {"url": feeds.feed_url(feeds.feed_of(request.user))}


@programme_router.post(
    "/calendar-feed/regenerate/",
    response={200: CalendarFeedOut, **ERRORS},
    summary="A new address for my calendar feed (the old one stops working)",
)
def regenerate_calendar_feed(request):
    return {"url": feeds.feed_url(feeds.regenerate(user=request.user))}


class RequiredOutputOut(Schema):
    template_id: int
    title: str
    approved: bool


class ConfirmationOut(Schema):
    person: str
    confirmed: bool


class StageStatusOut(Schema):
    stage: StageNumber
    is_current: bool
    is_done: bool
    required_outputs: list[RequiredOutputOut]
    confirmations: list[ConfirmationOut]
    can_confirm: bool = Field(..., description="Whether I may confirm this stage now.")

    model_config = examples(
        {
            "stage": 1,
            "is_current": True,
            "is_done": False,
            "required_outputs": [
                {"template_id": 41, "title": "Partnership Agreement / Mentoring Contract", "approved": True}
            ],
            "confirmations": [
                {"person": "Maria Papadopoulou", "confirmed": True},
                {"person": "Jan Novák", "confirmed": False},
            ],
            "can_confirm": True,
        }
    )


def _stage_out(request, relationship, number):
    status = progress.stage_status(relationship, number, language=request.LANGUAGE_CODE)
    return {
        "stage": number,
        "is_current": status["is_current"],
        "is_done": status["is_done"],
        "required_outputs": [
            {"template_id": item["template"].pk, "title": item["template"].title, "approved": item["approved"]}
            for item in status["required"]
        ],
        "confirmations": [
            {"person": display_name(item["person"]), "confirmed": item["confirmed"]} for item in status["confirmations"]
        ],
        "can_confirm": progress.can_confirm(request.user, relationship, number),
    }


@programme_router.get(
    "/relationships/{pk}/stages/{number}/",
    response={200: StageStatusOut, **ERRORS},
    summary="A stage of a relationship: what it requires, and who confirmed it",
)
def stage_status(request, pk: ObjectId, number: StagePathNumber):
    return _stage_out(request, _visible_relationship(request, pk), number)


@programme_router.post(
    "/relationships/{pk}/stages/{number}/confirm/",
    response={200: StageStatusOut, **ERRORS},
    summary="Confirm that the stage is done for me (the mentor or a mentee)",
)
def confirm_stage(request, pk: ObjectId, number: StagePathNumber):
    relationship = _visible_relationship(request, pk)
    try:
        relationship = progress.confirm(user=request.user, relationship=relationship, stage=number)
    except PermissionDenied as error:
        raise HttpError(403, str(error)) from error
    except ValidationError as error:
        raise _refusal(error) from error
    return _stage_out(request, relationship, number)
