"""The mentor pool's operations: offering to mentor, asking for a mentor, the coordinator's proposal, the mentor's
and the mentee's answers, and the circle (a mentee found ready to mentor becomes a candidate, then a mentor once
their training is recorded). Each checks permission itself and writes in one transaction; views and the API call
them. The ranking is matching.py's."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import Site

from home.programme import Stage

from . import audit, matching, permissions, sessions
from .models import (
    GroupMember,
    GroupProposal,
    MatchingWeights,
    MatchProposal,
    MentoringModel,
    MentoringRelationship,
    MentorOffer,
    MentorRequest,
    MentorTraining,
)

# The report's advice when mentors are few (seed, chapter 2), quoted where the pool shows demand above capacity.
FEW_MENTORS_ADVICE = (
    "where there are many mentee candidates but a limited number of potential mentors, Group Mentoring or "
    "e-Mentoring might work best."
)
ONE_ON_ONE_LIMIT = "Availability of mentors is the only limitation."
# The evaluation template's question (forms_library/content/templates.py).
READY_TO_MENTOR = "ready_to_mentor"


def _member_of(user, department):
    return user.is_superuser or user.departments.filter(pk=department.pk).exists()


def offer_to_mentor(*, user, department, **fields):
    """Create or change the user's offer. A confirmed offer stays confirmed; a candidate stays a candidate
    until the coordinator confirms them."""
    if not _member_of(user, department):
        raise PermissionDenied(_("You offer to mentor in a department you belong to."))
    with transaction.atomic():
        offer = MentorOffer.objects.filter(mentor=user).first() or MentorOffer(mentor=user)
        offer.department = department
        for name, value in fields.items():
            setattr(offer, name, value)
        offer.full_clean()
        offer.save()
    return offer


def ask_for_mentor(*, user, department, **fields):
    if not _member_of(user, department):
        raise PermissionDenied(_("You ask for a mentor in a department you belong to."))
    if MentorRequest.objects.filter(
        mentee=user, state__in=[MentorRequest.State.OPEN, MentorRequest.State.PROPOSED]
    ).exists():
        raise ValidationError(_("You already have a request waiting: withdraw it first to ask again."))
    request = MentorRequest(mentee=user, department=department, **fields)
    request.full_clean()
    request.save()
    return request


def withdraw_request(*, user, mentor_request):
    if mentor_request.mentee_id != user.pk:
        raise PermissionDenied(_("Only the colleague who asked withdraws a request."))
    with transaction.atomic():
        mentor_request.state = MentorRequest.State.WITHDRAWN
        mentor_request.save(update_fields=["state"])
        mentor_request.proposals.filter(state=MatchProposal.State.PROPOSED).update(state=MatchProposal.State.DECLINED)
        for place in mentor_request.group_places.filter(answer=MatchProposal.Answer.NONE).select_related("proposal"):
            _leave_group(place, withdrawn=True)


def weights_for(site=None):
    """The matching weights of the site (the default site's outside a request; the defaults without a site)."""
    site = site or Site.objects.filter(is_default_site=True).first()
    return MatchingWeights.for_site(site) if site else MatchingWeights()


def suggestions(mentor_request, *, mentoring_model=None, weights=None, offers=None, loads=None):
    """The mentors suggested for a request, best first (matching.rank over the pool)."""
    mentoring_model = mentoring_model or matching.model_for(mentor_request)
    if offers is None:
        offers = matchable_offers()
    if loads is None:
        loads = matching.loads_of()
    return matching.rank(mentor_request, offers, loads, weights or weights_for(), mentoring_model)


def matchable_offers():
    return MentorOffer.objects.filter(active=True, status=MentorOffer.Status.CONFIRMED).select_related(
        "mentor", "department"
    )


def propose_match(*, user, mentor_request, offer, mentoring_model=None, weights=None):
    """The coordinator proposes a mentor: the hard rules are checked again (the pool may have changed since the
    suggestions were shown), and the proposal keeps its score and reasons."""
    if not permissions.can_propose(user, mentor_request):
        raise PermissionDenied(_("Only a coordinator of the request's department proposes a match."))
    mentoring_model = mentoring_model or matching.model_for(mentor_request)
    if mentoring_model == MentoringModel.GROUP:
        raise ValidationError(_("Group mentoring is started with its four to six mentees, not from one request."))
    with transaction.atomic():
        # Locks the offer's row where the database can (PostgreSQL), so two proposals cannot take its last place.
        offer = MentorOffer.objects.select_for_update().get(pk=offer.pk)
        mentor_request = MentorRequest.objects.select_for_update().get(pk=mentor_request.pk)
        if mentor_request.state != MentorRequest.State.OPEN:
            raise ValidationError(_("This request is not waiting for a match."))
        load = matching.loads_of([offer.mentor_id]).get(offer.mentor_id, matching.Load())
        broken = matching.hard_rules_broken(mentor_request, offer, load, mentoring_model)
        if broken:
            raise ValidationError([matching.hard_rule_message(code) for code in broken])
        total, reasons = matching.score(mentor_request, offer, mentoring_model, weights or weights_for())
        proposal = MatchProposal.objects.create(
            request=mentor_request,
            offer=offer,
            mentoring_model=mentoring_model,
            proposed_by=user,
            score=total,
            reasons=reasons,
            is_example=mentor_request.is_example,
        )
        mentor_request.state = MentorRequest.State.PROPOSED
        mentor_request.save(update_fields=["state"])
        log(proposal, audit.MATCH_PROPOSED, user=user)
    return proposal


def answer(*, user, proposal, accept):
    """The mentor or the mentee answers for themselves. A decline ends the proposal and the request waits for
    another match; the second acceptance starts the relationship."""
    if not permissions.can_answer(user, proposal):
        raise PermissionDenied(_("Only the proposed mentor and the mentee answer a proposal."))
    with transaction.atomic():
        proposal = MatchProposal.objects.select_for_update().select_related("request", "offer").get(pk=proposal.pk)
        if proposal.state != MatchProposal.State.PROPOSED:
            raise ValidationError(_("This proposal has already been answered."))
        value = MatchProposal.Answer.ACCEPTED if accept else MatchProposal.Answer.DECLINED
        if user.pk == proposal.offer.mentor_id:
            proposal.mentor_answer = value
        if user.pk == proposal.request.mentee_id:
            proposal.mentee_answer = value
        if not accept:
            proposal.state = MatchProposal.State.DECLINED
            proposal.request.state = MentorRequest.State.OPEN
            proposal.request.save(update_fields=["state"])
            log(proposal, audit.MATCH_DECLINED, user=user)
        else:
            log(proposal, audit.MATCH_ACCEPTED, user=user)
            if proposal.mentor_answer == proposal.mentee_answer == MatchProposal.Answer.ACCEPTED:
                _start_relationship(proposal)
        proposal.save()
    return proposal


def proposal_department(proposal):
    return proposal.department if isinstance(proposal, GroupProposal) else proposal.request.department


def can_withdraw_proposal(user, proposal):
    """A coordinator of the proposal's department, while it waits for answers."""
    return proposal.state == proposal.State.PROPOSED and permissions.coordinates(user, proposal_department(proposal))


def withdraw_proposal(*, user, proposal):
    """The coordinator withdraws a proposal, of one mentee or of a group, that still waits for answers (the mentor
    is no longer available, the group is to be formed again): its requests wait for a match again."""
    if not permissions.coordinates(user, proposal_department(proposal)):
        raise PermissionDenied(_("Only a coordinator of its department withdraws a proposal."))
    model = type(proposal)
    with transaction.atomic():
        proposal = model.objects.select_for_update().get(pk=proposal.pk)
        if proposal.state != model.State.PROPOSED:
            raise ValidationError(_("This proposal no longer waits for answers."))
        if model is GroupProposal:
            _decline_group(proposal)
        else:
            proposal.state = MatchProposal.State.DECLINED
            proposal.save(update_fields=["state"])
            MentorRequest.objects.filter(pk=proposal.request_id).update(state=MentorRequest.State.OPEN)
        log(proposal, audit.PROPOSAL_WITHDRAWN, user=user)
    return proposal


def _start_relationship(proposal):
    mentor_request = proposal.request
    relationship = MentoringRelationship.objects.create(
        mentoring_model=proposal.mentoring_model,
        mentor=proposal.offer.mentor,
        department=mentor_request.department,
        start_date=timezone.localdate(),
        is_example=proposal.is_example,
    )
    relationship.mentees.set([mentor_request.mentee])
    relationship.save()
    proposal.relationship = relationship
    proposal.state = MatchProposal.State.ACCEPTED
    came_from = proposal.offer.came_from
    proposal.mentors_mentor_id = came_from.mentor_id if came_from else None
    mentor_request.state = MentorRequest.State.MATCHED
    mentor_request.save(update_fields=["state"])


# Groups (seed, chapter 2: "a mentor and a group of 4-6 mentees", meeting "once or twice a month").


def propose_group(*, user, offer, mentor_requests, language=None, meetings_per_month=1, weights=None):
    """The coordinator proposes a group: four to six waiting requests of one department they coordinate, with a
    mentor who has a group place left, a working language all of them speak (the first they share when not
    given) and a way of meeting that suits all of them. The rules are checked again under lock."""
    mentor_requests = list(mentor_requests)
    departments = {mentor_request.department_id for mentor_request in mentor_requests}
    if not all(permissions.can_propose(user, mentor_request) for mentor_request in mentor_requests):
        raise PermissionDenied(_("Only a coordinator of the requests' department proposes a group."))
    if meetings_per_month not in GroupProposal.Rhythm.values:
        raise ValidationError({"meetings_per_month": _("A group meets once or twice a month.")})
    with transaction.atomic():
        offer = MentorOffer.objects.select_for_update().get(pk=offer.pk)
        mentor_requests = list(
            MentorRequest.objects.select_for_update().filter(pk__in=[r.pk for r in mentor_requests]).order_by("pk")
        )
        if any(mentor_request.state != MentorRequest.State.OPEN for mentor_request in mentor_requests):
            raise ValidationError(_("Each request of a group must be waiting for a match."))
        load = matching.loads_of([offer.mentor_id]).get(offer.mentor_id, matching.Load())
        broken = matching.group_hard_rules_broken(offer, mentor_requests, load, language)
        if broken:
            raise ValidationError([matching.hard_rule_message(code) for code in broken])
        language = language or matching.shared_languages(offer, mentor_requests)[0]
        weights = weights or weights_for()
        scores = [matching.score(r, offer, MentoringModel.GROUP, weights)[0] for r in mentor_requests]
        proposal = GroupProposal.objects.create(
            offer=offer,
            department_id=departments.pop(),
            language=language,
            meetings_per_month=meetings_per_month,
            proposed_by=user,
            score=round(sum(scores) / len(scores), 2),
            is_example=offer.is_example,
        )
        GroupMember.objects.bulk_create(
            GroupMember(proposal=proposal, request=mentor_request) for mentor_request in mentor_requests
        )
        MentorRequest.objects.filter(pk__in=[r.pk for r in mentor_requests]).update(state=MentorRequest.State.PROPOSED)
        log(proposal, audit.GROUP_PROPOSED, user=user, data={"mentees": len(mentor_requests)})
    return proposal


def can_answer_group(user, proposal):
    """The mentor while the group waits for them; a mentee while their own answer is missing and the group has
    not been declined (a group already started takes a late acceptance, up to six)."""
    if proposal.state == GroupProposal.State.DECLINED or not user.is_authenticated:
        return False
    if user.pk == proposal.offer.mentor_id:
        return proposal.state == GroupProposal.State.PROPOSED and not proposal.mentor_answer
    return proposal.members.filter(request__mentee=user, answer=MatchProposal.Answer.NONE).exists()


def answer_group(*, user, proposal, accept):
    """The mentor or a mentee answers for themselves. The mentor's decline ends the proposal; a mentee's decline
    frees their request, and ends the proposal when fewer than four could still accept. Once the mentor and four
    mentees have accepted, the group relationship starts; later acceptances join it."""
    with transaction.atomic():
        proposal = GroupProposal.objects.select_for_update().select_related("offer").get(pk=proposal.pk)
        if not (user.pk == proposal.offer.mentor_id or proposal.members.filter(request__mentee=user).exists()):
            raise PermissionDenied(_("Only the proposed mentor and the group's mentees answer a group proposal."))
        if not can_answer_group(user, proposal):
            raise ValidationError(_("This proposal has already been answered."))
        value = MatchProposal.Answer.ACCEPTED if accept else MatchProposal.Answer.DECLINED
        log(proposal, audit.GROUP_ACCEPTED if accept else audit.GROUP_DECLINED, user=user)
        if user.pk == proposal.offer.mentor_id:
            proposal.mentor_answer = value
            proposal.save(update_fields=["mentor_answer"])
            if not accept:
                _decline_group(proposal)
        else:
            place = proposal.members.select_related("request").get(request__mentee=user)
            if accept:
                place.answer = value
                place.save(update_fields=["answer"])
                if proposal.relationship_id:
                    _join_group(proposal.relationship, place.request)
            else:
                _leave_group(place)
        if accept and proposal.state == GroupProposal.State.PROPOSED and proposal.mentor_answer == value:
            members = proposal.members.select_related("request__mentee")
            accepted = [member.request for member in members if member.answer == value]
            if len(accepted) >= matching.GROUP_SIZE[0]:
                _start_group(proposal, accepted)
    return proposal


def _leave_group(place, withdrawn=False):
    """A mentee declines (or withdraws their request): their request waits again unless withdrawn, and the group
    is declined when fewer than four could still accept."""
    proposal = place.proposal
    place.answer = MatchProposal.Answer.DECLINED
    place.save(update_fields=["answer"])
    if not withdrawn:
        MentorRequest.objects.filter(pk=place.request_id).update(state=MentorRequest.State.OPEN)
    still = proposal.members.exclude(answer=MatchProposal.Answer.DECLINED).count()
    if proposal.state == GroupProposal.State.PROPOSED and still < matching.GROUP_SIZE[0]:
        _decline_group(proposal)


def _decline_group(proposal):
    proposal.state = GroupProposal.State.DECLINED
    proposal.save(update_fields=["state"])
    MentorRequest.objects.filter(group_places__proposal=proposal, state=MentorRequest.State.PROPOSED).update(
        state=MentorRequest.State.OPEN
    )


def _start_group(proposal, accepted):
    relationship = MentoringRelationship.objects.create(
        mentoring_model=MentoringModel.GROUP,
        mentor=proposal.offer.mentor,
        department=proposal.department,
        start_date=timezone.localdate(),
        is_example=proposal.is_example,
    )
    relationship.mentees.set([mentor_request.mentee for mentor_request in accepted])
    relationship.save()
    proposal.relationship = relationship
    proposal.state = GroupProposal.State.ACCEPTED
    proposal.save(update_fields=["relationship", "state"])
    MentorRequest.objects.filter(pk__in=[r.pk for r in accepted]).update(state=MentorRequest.State.MATCHED)


def _join_group(relationship, mentor_request):
    relationship.mentees.add(mentor_request.mentee)
    relationship.save()
    MentorRequest.objects.filter(pk=mentor_request.pk).update(state=MentorRequest.State.MATCHED)


def group_suggestions(departments, *, weights=None, limit=None):
    """Groups to propose from the waiting requests of these departments (matching.suggest_groups): four queries,
    whatever the number of staff (offers with a group place, loads, requests, weights)."""
    offers = list(matchable_offers().filter(group_capacity__gt=0))
    waiting = list(
        MentorRequest.objects.filter(state=MentorRequest.State.OPEN, department__in=departments).select_related(
            "mentee", "department"
        )
    )
    if not offers or not waiting:
        return []
    loads = matching.loads_of([offer.mentor_id for offer in offers])
    return matching.suggest_groups(offers, waiting, loads, weights or weights_for(), limit=limit)


# Twice a month, as every other week: RFC 5545 has no "twice a month" of its own that a calendar program shows.
GROUP_RULES = {1: "FREQ=MONTHLY;INTERVAL=1;COUNT={count}", 2: "FREQ=WEEKLY;INTERVAL=2;COUNT={count}"}


def group_rule(meetings_per_month, count):
    """The repetition rule (RRULE) of a group's meetings: once or twice a month, `count` meetings."""
    return GROUP_RULES[meetings_per_month].format(count=count)


def plan_group_meetings(*, user, proposal, first, count, **fields):
    """The recurring schedule offered when a group starts: its mentor plans the group's meetings as one series
    (sessions.plan checks the mentor, the rule and the rest; its recurrence code expands the meetings)."""
    if proposal.relationship_id is None:
        raise ValidationError(_("The group has not started yet."))
    return sessions.plan(
        user=user,
        relationship=proposal.relationship,
        date=first,
        rrule=group_rule(proposal.meetings_per_month, count),
        **fields,
    )


# The circle.


def enter_as_candidate(*, relationship, mentee):
    """A mentee found ready to mentor at stage 5 enters the pool as a candidate (nothing changes for someone
    already in it)."""
    offer, _created = MentorOffer.objects.get_or_create(
        mentor=mentee,
        defaults={
            "department": relationship.department,
            "status": MentorOffer.Status.CANDIDATE,
            "came_from": relationship,
            "languages": [mentee.preferred_language] if mentee.preferred_language else [],
            "is_example": relationship.is_example,
        },
    )
    return offer


def candidates_from_evaluation(output):
    """At stage 5 the evaluation asks whether the mentee is ready to mentor (the field `ready_to_mentor` of the
    evaluation template): a yes makes them a candidate. The mentee is the author, or, when the mentor fills the
    evaluation of a one-mentee relationship, that mentee; the coordinator still confirms after training."""
    if output.stage != Stage.EVALUATION or output.answers.get(READY_TO_MENTOR) != "yes":
        return []
    relationship = output.relationship
    mentees = list(relationship.mentees.all())
    if output.author_id != relationship.mentor_id:
        mentees = [mentee for mentee in mentees if mentee.pk == output.author_id]
    elif len(mentees) != 1:
        return []
    relationship.ready_to_mentor.add(*mentees)
    relationship.save()  # a ParentalManyToManyField keeps the change in memory until the relationship is saved
    return [enter_as_candidate(relationship=relationship, mentee=mentee) for mentee in mentees]


def record_training(*, user, offer, name, date, hours):
    if not permissions.can_confirm_mentor(user, offer):
        raise PermissionDenied(_("Only a coordinator of the mentor's department records their training."))
    training = MentorTraining(person=offer.mentor, name=name, date=date, hours=hours, is_example=offer.is_example)
    training.full_clean()
    training.save()
    return training


def confirm_mentor(*, user, offer):
    if not permissions.can_confirm_mentor(user, offer):
        raise PermissionDenied(_("Only a coordinator of the mentor's department confirms a new mentor."))
    if not MentorTraining.objects.filter(person_id=offer.mentor_id).exists():
        raise ValidationError(_("Record the mentor training this colleague attended before confirming them."))
    with transaction.atomic():
        offer.status = MentorOffer.Status.CONFIRMED
        offer.confirmed_at = timezone.now()
        offer.save(update_fields=["status", "confirmed_at"])
        log(offer, audit.MENTOR_CONFIRMED, user=user)
    return offer


# Selectors for the pages and the API.


def capacity_summary(departments=None):
    """Open requests against the places left in the pool, and whether demand exceeds capacity (then the pool
    quotes the report's advice). Three queries, whatever the size of the pool."""
    offers = matchable_offers()
    requests = MentorRequest.objects.filter(state=MentorRequest.State.OPEN)
    if departments is not None:
        offers = offers.filter(department__in=departments)
        requests = requests.filter(department__in=departments)
    loads = matching.loads_of()
    one_on_one = groups = 0
    for offer in offers.select_related(None).only("mentor_id", "one_on_one_capacity", "group_capacity"):
        load = loads.get(offer.mentor_id, matching.Load())
        one_on_one += max(0, offer.one_on_one_capacity - load.one_on_one)
        groups += max(0, offer.group_capacity - load.groups)
    waiting = requests.count()
    return {
        "waiting": waiting,
        "one_on_one_places": one_on_one,
        "group_places": groups,
        "demand_exceeds_capacity": waiting > one_on_one,
    }


def mentors_grown(departments=None):
    """The circle, counted: mentees who became mentors, per department (where they were mentored) and year."""
    offers = MentorOffer.objects.filter(came_from__isnull=False, status=MentorOffer.Status.CONFIRMED)
    if departments is not None:
        offers = offers.filter(came_from__department__in=departments)
    return list(
        offers.annotate(year=ExtractYear("confirmed_at"))
        .values("came_from__department__name", "year")
        .annotate(count=Count("pk"))
        .order_by("came_from__department__name", "year")
    )


def lineage(relationship):
    """Who mentored this relationship's mentor, when the hub recorded it (or None)."""
    if relationship.mentoring_model == MentoringModel.GROUP:
        group = (
            GroupProposal.objects.filter(relationship=relationship).select_related("offer__came_from__mentor").first()
        )
        came_from = group.offer.came_from if group else None
        return came_from.mentor if came_from else None
    proposal = MatchProposal.objects.filter(relationship=relationship).select_related("mentors_mentor").first()
    return proposal.mentors_mentor if proposal else None


def mentor_load(user):
    """A mentor's current load: places taken against their offer's capacity."""
    offer = MentorOffer.objects.filter(mentor=user).first()
    load = matching.loads_of([user.pk]).get(user.pk, matching.Load())
    return offer, load


def waiting_for(user):
    """Proposals waiting for the user's answer."""
    return (
        MatchProposal.objects.filter(state=MatchProposal.State.PROPOSED)
        .filter(
            Q(offer__mentor=user, mentor_answer=MatchProposal.Answer.NONE)
            | Q(request__mentee=user, mentee_answer=MatchProposal.Answer.NONE)
        )
        .select_related("offer__mentor", "request__mentee", "request__department")
    )
