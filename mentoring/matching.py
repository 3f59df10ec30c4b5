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
"""

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from .models import MatchProposal, MentoringModel, MentoringRelationship, Mode

GROUP_MODELS = [MentoringModel.GROUP]
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


# Reading the loads from the database: two queries, whatever the number of mentors.


def loads_of(mentor_ids=None):
    """{mentor id: Load} for the given mentors (all, when None)."""
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
    return {mentor_id: Load(one_on_one=others, groups=groups) for mentor_id, (others, groups) in counts.items()}
