"""The mentor pool's endpoints: the pool (offers with their load, demand against capacity), requests for a mentor
(with ranked suggestions for a coordinator) and matches (proposed by a coordinator, answered by the mentor and the
mentee). The same operations as the site (pool.py), which check permission themselves."""

from typing import Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.pagination import paginate
from pydantic import StrictBool, StrictInt

from home.api import ERRORS, BoundedPagination, ObjectId, StrictObjectId, examples
from home.programme import ServiceArea

from . import matching, model_choice, permissions, pool
from .models import Department, GroupProposal, MatchProposal, MentoringModel, MentorOffer, MentorRequest, Mode
from .models.pool import WORKING_LANGUAGES

router = Router(tags=["mentor pool"])

LanguageTag = Literal[tuple(WORKING_LANGUAGES)]
ServiceAreaCode = Literal[tuple(ServiceArea.values)]
ModelCode = Literal[tuple(MentoringModel.values)]
# A preferred model, or "" for none: one literal, so that a refusal is located at its member, not at a union's arm.
PreferredModelCode = Literal[(*MentoringModel.values, "")]
ModeCode = Literal[tuple(Mode.values)]
RequestState = Literal[tuple(MentorRequest.State.values)]
ProposalState = Literal[tuple(MatchProposal.State.values)]
AnswerCode = Literal[tuple(MatchProposal.Answer.values)]
GroupState = Literal[tuple(GroupProposal.State.values)]
Rhythm = Literal[tuple(GroupProposal.Rhythm.values)]


class OfferOut(Schema):
    id: int
    mentor: str = Field(..., alias="mentor.username")
    department: str = Field(..., alias="department.name")
    languages: list[LanguageTag]
    service_areas: list[ServiceAreaCode]
    mentoring_models: list[ModelCode]
    sessions_per_month: int
    one_on_one_capacity: int
    group_capacity: int
    mode: ModeCode
    status: Literal[tuple(MentorOffer.Status.values)]
    one_on_one_taken: int = Field(0, description="One-on-one places taken: relationships and waiting proposals.")
    groups_taken: int = 0
    is_example: bool

    model_config = examples(
        {
            "id": 3,
            "mentor": "mentor",
            "department": "Social Services",
            "languages": ["el", "en"],
            "service_areas": ["housing"],
            "mentoring_models": ["one_on_one", "reverse"],
            "sessions_per_month": 2,
            "one_on_one_capacity": 2,
            "group_capacity": 1,
            "mode": "both",
            "status": "confirmed",
            "one_on_one_taken": 1,
            "groups_taken": 0,
            "is_example": True,
        }
    )


class SummaryOut(Schema):
    waiting: int
    one_on_one_places: int
    group_places: int
    demand_exceeds_capacity: bool
    advice: str = Field("", description="The report's advice when demand exceeds capacity (chapter 2).")

    model_config = examples(
        {
            "waiting": 3,
            "one_on_one_places": 1,
            "group_places": 1,
            "demand_exceeds_capacity": True,
            "advice": "Where there are many candidate mentees but few potential mentors, group mentoring or "
            "e-mentoring may work best.",
        }
    )


class RequestIn(Schema):
    department_id: StrictObjectId
    wants_to_learn: str = Field(..., min_length=1, max_length=4000)
    languages: list[LanguageTag] = Field(..., min_length=1, max_length=20)
    service_areas: list[ServiceAreaCode] = Field([], max_length=10)
    preferred_model: PreferredModelCode = ""
    mode: ModeCode = "both"
    sessions_per_month: StrictInt = Field(2, ge=0, le=20)
    years_of_service: StrictInt = Field(0, ge=0, le=50)

    model_config = examples(
        {
            "department_id": 2,
            "wants_to_learn": "How to explain the housing benefit to a family that has just arrived.",
            "languages": ["de", "en"],
            "service_areas": ["housing"],
            "preferred_model": "one_on_one",
            "mode": "in_person",
            "sessions_per_month": 2,
            "years_of_service": 1,
        }
    )


class RequestOut(Schema):
    id: int
    mentee: str = Field(..., alias="mentee.username")
    department: str = Field(..., alias="department.name")
    wants_to_learn: str
    languages: list[LanguageTag]
    service_areas: list[ServiceAreaCode]
    preferred_model: PreferredModelCode
    mode: ModeCode
    state: RequestState
    is_example: bool

    model_config = examples(
        {
            "id": 5,
            "mentee": "staff",
            "department": "Housing",
            "wants_to_learn": "How to explain the housing benefit to a family that has just arrived.",
            "languages": ["de", "en"],
            "service_areas": ["housing"],
            "preferred_model": "",
            "mode": "both",
            "state": "open",
            "is_example": True,
        }
    )


class SuggestionOut(Schema):
    offer_id: int
    mentor: str
    score: float
    reasons: list[str] = Field(..., description="Each part of the score: how well it fits and its weight.")

    model_config = examples(
        {
            "offer_id": 3,
            "mentor": "mentor",
            "score": 7.0,
            "reasons": ["Availability: 100% × weight 2", "Department fit: 100% × weight 3"],
        }
    )


class MatchIn(Schema):
    request_id: StrictObjectId
    offer_id: StrictObjectId
    mentoring_model: ModelCode | None = Field(
        None, description="Default: the model the mentee prefers, else one-on-one."
    )

    model_config = examples({"request_id": 5, "offer_id": 3, "mentoring_model": "one_on_one"})


class MatchOut(Schema):
    id: int
    request_id: int
    mentor: str = Field(..., alias="offer.mentor.username")
    mentee: str = Field(..., alias="request.mentee.username")
    mentoring_model: ModelCode
    state: ProposalState
    mentor_answer: AnswerCode
    mentee_answer: AnswerCode
    score: float
    relationship_id: int | None
    mentors_mentor: str | None = Field(None, description="Who mentored the mentor, when the hub knows (the circle).")
    is_example: bool

    model_config = examples(
        {
            "id": 9,
            "request_id": 5,
            "mentor": "mentor",
            "mentee": "staff",
            "mentoring_model": "one_on_one",
            "state": "proposed",
            "mentor_answer": "",
            "mentee_answer": "accepted",
            "score": 7.0,
            "relationship_id": None,
            "mentors_mentor": None,
            "is_example": False,
        }
    )

    @staticmethod
    def resolve_mentors_mentor(proposal):
        return proposal.mentors_mentor.username if proposal.mentors_mentor_id else None


class AnswerIn(Schema):
    accept: StrictBool

    model_config = examples({"accept": True})


def _refused(error):
    if isinstance(error, PermissionDenied):
        return HttpError(403, str(error))
    return NinjaValidationError(
        [{"loc": ["body"], "msg": message, "type": "value_error"} for message in error.messages]
    )


def _with_loads(offers):
    offers = list(offers)
    loads = matching.loads_of([offer.mentor_id for offer in offers])
    for offer in offers:
        load = loads.get(offer.mentor_id, matching.Load())
        offer.one_on_one_taken, offer.groups_taken = load.one_on_one, load.groups
    return offers


@router.get("/offers/", response={200: list[OfferOut], **ERRORS}, summary="The mentor pool I may see, with loads")
@paginate(BoundedPagination)
def offers(request):
    """My own offer, and a coordinator's departments' offers."""
    departments = permissions.coordinated_departments(request.user)
    visible = MentorOffer.objects.filter(Q(mentor=request.user) | Q(department__in=departments.values("pk")))
    return _with_loads(visible.select_related("mentor", "department").order_by("pk"))


@router.get("/summary/", response={200: SummaryOut, **ERRORS}, summary="Demand against capacity (coordinators)")
def summary(request):
    departments = permissions.coordinated_departments(request.user)
    if not departments.exists():
        raise HttpError(403, _("Only coordinators see the demand and capacity of their departments."))
    result = pool.capacity_summary(departments)
    result["advice"] = str(model_choice.FEW_MENTORS) if result["demand_exceeds_capacity"] else ""
    return result


@router.get("/requests/", response={200: list[RequestOut], **ERRORS}, summary="Requests for a mentor I may see")
@paginate(BoundedPagination)
def requests(request):
    return permissions.requests_visible_to(request.user).select_related("mentee", "department").order_by("pk")


@router.post("/requests/", response={201: RequestOut, **ERRORS}, summary="Ask for a mentor")
def ask(request, payload: RequestIn):
    department = Department.objects.filter(pk=payload.department_id).first()
    if department is None:
        raise HttpError(404, _("No such department."))
    fields = payload.model_dump(exclude={"department_id"})
    try:
        created = pool.ask_for_mentor(user=request.user, department=department, **fields)
    except (PermissionDenied, ValidationError) as error:
        raise _refused(error) from error
    return Status(201, created)


@router.get(
    "/requests/{pk}/suggestions/",
    response={200: list[SuggestionOut], **ERRORS},
    summary="Mentors suggested for a request, best first (coordinators)",
)
def request_suggestions(request, pk: ObjectId, mentoring_model: ModelCode | None = None):
    mentor_request = permissions.requests_visible_to(request.user).filter(pk=pk).first()
    if mentor_request is None:
        raise HttpError(404, _("No such request, or you may not see it."))
    if not permissions.can_propose(request.user, mentor_request):
        raise HttpError(403, _("Only a coordinator of the request's department sees suggestions."))
    return [
        {
            "offer_id": suggestion.offer.pk,
            "mentor": suggestion.offer.mentor.username,
            "score": suggestion.score,
            "reasons": suggestion.explained(),
        }
        for suggestion in pool.suggestions(mentor_request, mentoring_model=mentoring_model)
    ]


def _matches(user):
    return permissions.proposals_visible_to(user).select_related("offer__mentor", "request__mentee", "mentors_mentor")


@router.get("/matches/", response={200: list[MatchOut], **ERRORS}, summary="Matches I take part in or coordinate")
@paginate(BoundedPagination)
def matches(request):
    return _matches(request.user).order_by("pk")


@router.post("/matches/", response={201: MatchOut, **ERRORS}, summary="Propose a match (coordinators)")
def propose(request, payload: MatchIn):
    mentor_request = permissions.requests_visible_to(request.user).filter(pk=payload.request_id).first()
    offer = MentorOffer.objects.filter(pk=payload.offer_id).first()
    if mentor_request is None or offer is None:
        raise HttpError(404, _("No such request or mentor, or you may not see it."))
    try:
        proposal = pool.propose_match(
            user=request.user, mentor_request=mentor_request, offer=offer, mentoring_model=payload.mentoring_model
        )
    except (PermissionDenied, ValidationError) as error:
        raise _refused(error) from error
    return Status(201, _matches(request.user).get(pk=proposal.pk))


@router.post("/matches/{pk}/answer/", response={200: MatchOut, **ERRORS}, summary="Accept or decline a match")
def answer(request, pk: ObjectId, payload: AnswerIn):
    proposal = _matches(request.user).filter(pk=pk).first()
    if proposal is None:
        raise HttpError(404, _("No such match, or you may not see it."))
    try:
        pool.answer(user=request.user, proposal=proposal, accept=payload.accept)
    except (PermissionDenied, ValidationError) as error:
        raise _refused(error) from error
    return _matches(request.user).get(pk=pk)


@router.post("/matches/{pk}/withdraw/", response={200: MatchOut, **ERRORS}, summary="Withdraw a match (coordinators)")
def withdraw(request, pk: ObjectId):
    return _withdrawn(request.user, _matches(request.user), pk, _("No such match, or you may not see it."))


def _withdrawn(user, visible, pk, not_found):
    """A one-on-one or group proposal among those the user may see, withdrawn through pool.withdraw_proposal (which
    checks the permission), read again as the answer shows it."""
    proposal = visible.filter(pk=pk).first()
    if proposal is None:
        raise HttpError(404, not_found)
    try:
        pool.withdraw_proposal(user=user, proposal=proposal)
    except (PermissionDenied, ValidationError) as error:
        raise _refused(error) from error
    return visible.get(pk=pk)


SUGGESTED_GROUPS = 20

# Groups: four to six waiting requests of one department with one mentor (pool.propose_group).


class GroupIn(Schema):
    offer_id: ObjectId
    request_ids: list[ObjectId] = Field(..., min_length=4, max_length=6, description="Four to six waiting requests.")
    working_language: LanguageTag | None = Field(
        None, description="The group's working language; default: the first language all of them speak."
    )
    meetings_per_month: Rhythm = Field(1, description="The group meets once or twice a month.")

    model_config = examples(
        {"offer_id": 3, "request_ids": [5, 6, 7, 8], "working_language": "en", "meetings_per_month": 1}
    )


class GroupMemberOut(Schema):
    request_id: int
    mentee: str = Field(..., alias="request.mentee.username")
    answer: AnswerCode


class GroupOut(Schema):
    id: int
    mentor: str = Field(..., alias="offer.mentor.username")
    department: str = Field(..., alias="department.name")
    working_language: LanguageTag = Field(..., alias="language")
    meetings_per_month: Rhythm
    state: GroupState
    mentor_answer: AnswerCode
    members: list[GroupMemberOut]
    score: float
    relationship_id: int | None
    is_example: bool

    model_config = examples(
        {
            "id": 4,
            "mentor": "mentor",
            "department": "Social Services",
            "working_language": "en",
            "meetings_per_month": 1,
            "state": "proposed",
            "mentor_answer": "accepted",
            "members": [{"request_id": 5, "mentee": "staff", "answer": ""}],
            "score": 6.5,
            "relationship_id": None,
            "is_example": False,
        }
    )

    @staticmethod
    def resolve_members(proposal):
        return list(proposal.members.all())


class GroupSuggestionOut(Schema):
    offer_id: int
    mentor: str
    working_language: LanguageTag
    mode: ModeCode
    request_ids: list[int]
    score: float

    model_config = examples(
        {
            "offer_id": 3,
            "mentor": "mentor",
            "working_language": "en",
            "mode": "online",
            "request_ids": [5, 6, 7, 8],
            "score": 6.5,
        }
    )


def _groups(user):
    return (
        permissions.group_proposals_visible_to(user)
        .select_related("offer__mentor", "department")
        .prefetch_related("members__request__mentee")
    )


@router.get(
    "/groups/", response={200: list[GroupOut], **ERRORS}, summary="Group proposals I take part in or coordinate"
)
@paginate(BoundedPagination)
def groups(request):
    return _groups(request.user).order_by("pk")


@router.get(
    "/groups/suggestions/",
    response={200: list[GroupSuggestionOut], **ERRORS},
    summary="Groups suggested from waiting requests (coordinators)",
)
def group_suggestions(request):
    departments = permissions.coordinated_departments(request.user)
    if not departments.exists():
        raise HttpError(403, _("Only coordinators see the suggested groups of their departments."))
    return [
        {
            "offer_id": group.offer.pk,
            "mentor": group.offer.mentor.username,
            "working_language": group.language,
            "mode": group.mode,
            "request_ids": [mentor_request.pk for mentor_request in group.requests],
            "score": group.score,
        }
        for group in pool.group_suggestions(departments, limit=SUGGESTED_GROUPS)
    ]


@router.post("/groups/", response={201: GroupOut, **ERRORS}, summary="Propose a group (coordinators)")
def propose_group(request, payload: GroupIn):
    found = list(permissions.requests_visible_to(request.user).filter(pk__in=payload.request_ids))
    offer = MentorOffer.objects.filter(pk=payload.offer_id).first()
    if offer is None or len(found) != len(set(payload.request_ids)):
        raise HttpError(404, _("No such request or mentor, or you may not see it."))
    if len(found) != len(payload.request_ids):
        raise NinjaValidationError(
            [
                {
                    "loc": ["body", "payload", "request_ids"],
                    "msg": _("Each request of a group once."),
                    "type": "value_error",
                }
            ]
        )
    try:
        proposal = pool.propose_group(
            user=request.user,
            offer=offer,
            mentor_requests=found,
            language=payload.working_language,
            meetings_per_month=payload.meetings_per_month,
        )
    except (PermissionDenied, ValidationError) as error:
        raise _refused(error) from error
    return Status(201, _groups(request.user).get(pk=proposal.pk))


@router.post("/groups/{pk}/answer/", response={200: GroupOut, **ERRORS}, summary="Accept or decline a group")
def answer_group(request, pk: ObjectId, payload: AnswerIn):
    proposal = _groups(request.user).filter(pk=pk).first()
    if proposal is None:
        raise HttpError(404, _("No such group proposal, or you may not see it."))
    try:
        pool.answer_group(user=request.user, proposal=proposal, accept=payload.accept)
    except (PermissionDenied, ValidationError) as error:
        raise _refused(error) from error
    return _groups(request.user).get(pk=pk)


@router.post(
    "/groups/{pk}/withdraw/", response={200: GroupOut, **ERRORS}, summary="Withdraw a group proposal (coordinators)"
)
def withdraw_group(request, pk: ObjectId):
    return _withdrawn(request.user, _groups(request.user), pk, _("No such group proposal, or you may not see it."))
