"""Which mentors suit a request, best first, and why: the rules of the hub's matching (its own design; the report
sets the models, not a score). The operations that propose and answer matches are in pool.py.

Hard rules first; an offer breaking one is not suggested at all:
- the mentor and the mentee share a working language;
- the mentor has a place left for the model (a one-mentee model takes a one-on-one place; a group of four to six
  mentees takes one group place), counting relationships running and proposals not yet answered;
- the mentor is not the mentee;
- online and in person are compatible ("online or in person" suits either);
- the offer is in the pool (confirmed and active).

Then the score, the sum of four parts between 0 and 1, each times its weight (the site setting MatchingWeights):
- availability: the share of the sessions a month the mentee asks for that the mentor offers;
- service area: the share of the mentee's service areas the mentor works in;
- the mentee's wishes: the mentor offers the model the mentee prefers;
- department fit, by model: the same department for one-on-one, group and the others; for reverse mentoring
  another department or a less experienced mentor; for peer mentoring the same level (years of service within
  two of each other, falling away over the next ten).
Equal scores keep a fixed order (the mentor's id), so the same pool always ranks the same way.

A group (seed, chapter 2: four to six mentees with one mentor, "from the same workplace or department") has
hard rules of its own: four to six mentees, all of one department, none of them the mentor; one working language
that the mentor and every mentee speak (the group meets together); online and in person compatible for all of
them at once; a group place left. Its members are ranked by the same score, with the group model's department
fit; a suggested group is scored by its members' mean.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from .models import GroupProposal, MatchProposal, MentoringModel, MentoringRelationship, Mode
from .models.relationships import MENTEE_COUNTS

GROUP_MODELS = [MentoringModel.GROUP]
GROUP_SIZE = MENTEE_COUNTS[MentoringModel.GROUP]
PEER_LEVEL_YEARS = 2
PEER_FADE_YEARS = 10


@dataclass(frozen=True)
class Load:
    """Places taken: relationships running and proposals waiting for answers."""

    one_on_one: int = 0
    groups: int = 0


def places_left(offer, load, mentoring_model):
    if mentoring_model in GROUP_MODELS:
        return offer.group_capacity - load.groups
    return offer.one_on_one_capacity - load.one_on_one


def modes_compatible(first, second):
    return Mode.BOTH in (first, second) or first == second


def hard_rules_broken(request, offer, load, mentoring_model):
    """The codes of the hard rules the offer breaks for the request (empty: it may be proposed)."""
    broken = []
    if offer.mentor_id == request.mentee_id:
        broken.append("same_person")
    if not set(offer.languages) & set(request.languages):
        broken.append("no_shared_language")
    if places_left(offer, load, mentoring_model) <= 0:
        broken.append("no_place_left")
    if not modes_compatible(offer.mode, request.mode):
        broken.append("mode")
    if not offer.is_matchable:
        broken.append("not_in_pool")
    return broken


def hard_rule_message(code):
    return {
        "same_person": _("A colleague cannot mentor themselves."),
        "no_shared_language": _("The mentor and the mentee share no working language."),
        "no_place_left": _("The mentor has no place left for this model."),
        "mode": _("One of them meets only online and the other only in person."),
        "not_in_pool": _("The mentor is not in the pool (a candidate not yet confirmed, or inactive)."),
        "group_size": _("A group has four to six mentees."),
        "departments": _("The mentees of a group belong to one department."),
        "mentee_twice": _("Each mentee has one place in a group."),
    }[code]


def department_fit(request, offer, mentoring_model):
    if mentoring_model == MentoringModel.REVERSE:
        return (
            1.0
            if offer.department_id != request.department_id or offer.years_of_service < request.years_of_service
            else 0.0
        )
    if mentoring_model == MentoringModel.PEER:
        gap = abs(offer.years_of_service - request.years_of_service)
        return max(0.0, 1.0 - max(0, gap - PEER_LEVEL_YEARS) / PEER_FADE_YEARS)
    return 1.0 if offer.department_id == request.department_id else 0.0


def parts(request, offer, mentoring_model):
    """Each part of the score, between 0 and 1."""
    wanted = request.sessions_per_month
    areas = set(request.service_areas)
    return {
        "availability": min(offer.sessions_per_month, wanted) / wanted if wanted else 1.0,
        "service_area": len(areas & set(offer.service_areas)) / len(areas) if areas else 0.0,
        "wishes": 1.0 if request.preferred_model and request.preferred_model in offer.mentoring_models else 0.0,
        "department_fit": department_fit(request, offer, mentoring_model),
    }


PARTS = ("availability", "service_area", "wishes", "department_fit")


@dataclass
class Suggestion:
    offer: object
    score: float
    reasons: list = field(default_factory=list)

    def explained(self):
        return [describe(reason) for reason in self.reasons]


def score(request, offer, mentoring_model, weights):
    values = parts(request, offer, mentoring_model)
    reasons = [{"part": name, "value": round(values[name], 2), "weight": getattr(weights, name)} for name in PARTS]
    return round(sum(reason["value"] * reason["weight"] for reason in reasons), 2), reasons


def describe(reason):
    """A reason as the coordinator reads it: the part, how well it fits (0 to 100 %) and its weight."""
    labels = {
        "availability": _("Availability"),
        "service_area": _("Service area"),
        "wishes": _("The mentee's wishes"),
        "department_fit": _("Department fit"),
    }
    return _("%(part)s: %(percent)d%% × weight %(weight)d") % {
        "part": labels[reason["part"]],
        "percent": round(reason["value"] * 100),
        "weight": reason["weight"],
    }


def rank(request, offers, loads, weights, mentoring_model):
    """The offers that pass the hard rules, best first; `loads` maps a mentor's id to their Load."""
    suggestions = []
    for offer in offers:
        if hard_rules_broken(request, offer, loads.get(offer.mentor_id, Load()), mentoring_model):
            continue
        total, reasons = score(request, offer, mentoring_model, weights)
        suggestions.append(Suggestion(offer, total, reasons))
    return sorted(suggestions, key=lambda suggestion: (-suggestion.score, suggestion.offer.mentor_id))


def model_for(request):
    return request.preferred_model or MentoringModel.ONE_ON_ONE


# Groups.


@dataclass
class Member:
    """A request suggested for a group, its score with the group's mentor and why."""

    request: object
    score: float
    reasons: list = field(default_factory=list)

    def explained(self):
        return [describe(reason) for reason in self.reasons]


@dataclass
class GroupSuggestion:
    """A mentor and the requests suggested to meet with them as a group, in one language and one way."""

    offer: object
    language: str
    mode: str
    members: list  # [Member]
    score: float = 0.0

    @property
    def requests(self):
        return [member.request for member in self.members]


def group_modes(offer):
    """The ways a group with this mentor may meet: a mentor at ease with both may lead either kind of group."""
    return [Mode.ONLINE, Mode.IN_PERSON] if offer.mode == Mode.BOTH else [offer.mode]


def shared_languages(offer, requests):
    common = set(offer.languages)
    for request in requests:
        common &= set(request.languages)
    return sorted(common)


def group_hard_rules_broken(offer, requests, load, language=None):
    """The codes of the group rules the mentor and these requests break (empty: they may be proposed)."""
    broken = []
    low, high = GROUP_SIZE
    if not low <= len(requests) <= high:
        broken.append("group_size")
    mentees = [request.mentee_id for request in requests]
    if len(set(mentees)) != len(mentees):
        broken.append("mentee_twice")
    if offer.mentor_id in mentees:
        broken.append("same_person")
    if len({request.department_id for request in requests}) > 1:
        broken.append("departments")
    languages = shared_languages(offer, requests)
    if not languages or (language is not None and language not in languages):
        broken.append("no_shared_language")
    modes = {offer.mode, *(request.mode for request in requests)}
    if {Mode.ONLINE, Mode.IN_PERSON} <= modes:
        broken.append("mode")
    if places_left(offer, load, MentoringModel.GROUP) <= 0:
        broken.append("no_place_left")
    if not offer.is_matchable:
        broken.append("not_in_pool")
    return broken


def group_for(offer, requests, weights):
    """The best group this mentor could lead from these requests (of one department), or None when fewer than
    four fit: for each language the mentor speaks and each way they meet, the requests that fit, best first; the
    language and way that gather most mentees win, then the higher mean score, then the language's code."""
    low, high = GROUP_SIZE
    best = None
    for language in sorted(set(offer.languages)):
        for mode in group_modes(offer):
            fitting = [
                Member(request, *score(request, offer, MentoringModel.GROUP, weights))
                for request in requests
                if language in request.languages
                and modes_compatible(mode, request.mode)
                and request.mentee_id != offer.mentor_id
            ]
            fitting.sort(key=lambda member: (-member.score, member.request.mentee_id))
            members, seen = [], set()
            for member in fitting:
                if member.request.mentee_id not in seen and len(members) < high:
                    seen.add(member.request.mentee_id)
                    members.append(member)
            if len(members) < low:
                continue
            mean = round(sum(member.score for member in members) / len(members), 2)
            candidate = GroupSuggestion(offer, language, mode, members, mean)
            if best is None or (len(members), mean) > (len(best.members), best.score):
                best = candidate
    return best


def suggest_groups(offers, requests, loads, weights, limit=None):
    """Groups to propose, best first, each request in one group at most and no mentor beyond their group places:
    greedily, the best group of any mentor and department, then the best among what is left (the first `limit`)."""
    by_department = {}
    for request in requests:
        by_department.setdefault(request.department_id, []).append(request)
    places = {
        offer.mentor_id: places_left(offer, loads.get(offer.mentor_id, Load()), MentoringModel.GROUP)
        for offer in offers
        if offer.is_matchable
    }
    offers = [offer for offer in offers if places.get(offer.mentor_id, 0) > 0]
    used, chosen = set(), []
    while limit is None or len(chosen) < limit:
        candidates = []
        for offer in offers:
            if places[offer.mentor_id] <= 0:
                continue
            for department_id in sorted(by_department):
                left = [request for request in by_department[department_id] if id(request) not in used]
                group = group_for(offer, left, weights)
                if group is not None:
                    candidates.append((group.score, len(group.members), -offer.mentor_id, -department_id, group))
        if not candidates:
            return chosen
        group = max(candidates, key=lambda candidate: candidate[:4])[-1]
        chosen.append(group)
        places[group.offer.mentor_id] -= 1
        used.update(id(request) for request in group.requests)
    return chosen


# Reading the loads from the database: three queries, whatever the number of mentors.


def loads_of(mentor_ids=None):
    """{mentor id: Load} for the given mentors (all, when None): three queries."""
    group = Q(mentoring_model__in=GROUP_MODELS)
    relationships = MentoringRelationship.objects.filter(status=MentoringRelationship.Status.ACTIVE)
    proposals = MatchProposal.objects.filter(state=MatchProposal.State.PROPOSED)
    if mentor_ids is not None:
        relationships = relationships.filter(mentor_id__in=mentor_ids)
        proposals = proposals.filter(offer__mentor_id__in=mentor_ids)
    counts = {}
    for mentor_id, groups, others in relationships.values_list("mentor_id").annotate(
        groups=Count("pk", filter=group), others=Count("pk", filter=~group)
    ):
        counts[mentor_id] = [others, groups]
    for mentor_id, groups, others in proposals.values_list("offer__mentor_id").annotate(
        groups=Count("pk", filter=group), others=Count("pk", filter=~group)
    ):
        taken = counts.setdefault(mentor_id, [0, 0])
        taken[0] += others
        taken[1] += groups
    group_proposals = GroupProposal.objects.filter(state=GroupProposal.State.PROPOSED)
    if mentor_ids is not None:
        group_proposals = group_proposals.filter(offer__mentor_id__in=mentor_ids)
    for mentor_id, groups in group_proposals.values_list("offer__mentor_id").annotate(groups=Count("pk")):
        counts.setdefault(mentor_id, [0, 0])[1] += groups
    return {mentor_id: Load(one_on_one=others, groups=groups) for mentor_id, (others, groups) in counts.items()}
