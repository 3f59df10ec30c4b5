"""The ranking of mentors for a request (mentoring/matching.py): hard rules, the score and its reasons, and
properties that hold for any pool (Hypothesis): no mentor over capacity, never a language neither speaks,
the same ranking whatever order the pool is read in."""

from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from mentoring import matching
from mentoring.models import MentoringModel, MentorOffer, MentorRequest, Mode

WEIGHTS = SimpleNamespace(availability=2, service_area=2, wishes=1, department_fit=3)
LANGUAGES = ["en", "el", "ar", "uk"]
AREAS = ["housing", "health", "permits"]


def offer(mentor_id, **fields):
    values = {
        "languages": ["en"],
        "service_areas": ["housing"],
        "mentoring_models": ["one_on_one"],
        "one_on_one_capacity": 1,
        "group_capacity": 0,
        "mode": Mode.BOTH,
        "department_id": 1,
        "sessions_per_month": 2,
        "years_of_service": 10,
        "status": MentorOffer.Status.CONFIRMED,
    }
    values.update(fields)
    return MentorOffer(mentor_id=mentor_id, **values)


def request(mentee_id=100, **fields):
    values = {
        "languages": ["en"],
        "service_areas": ["housing"],
        "mode": Mode.BOTH,
        "department_id": 1,
        "sessions_per_month": 2,
        "years_of_service": 2,
        "preferred_model": "",
    }
    values.update(fields)
    return MentorRequest(mentee_id=mentee_id, **values)


def ranked(the_request, offers, loads=None, model=MentoringModel.ONE_ON_ONE):
    return [s.offer.mentor_id for s in matching.rank(the_request, offers, loads or {}, WEIGHTS, model)]


def test_each_hard_rule_removes_the_offer():
    assert ranked(request(), [offer(1)]) == [1]
    assert ranked(request(mentee_id=1), [offer(1)]) == [], "not the same person"
    assert ranked(request(languages=["el"]), [offer(1)]) == [], "a shared language"
    assert ranked(request(), [offer(1)], {1: matching.Load(one_on_one=1)}) == [], "a place left"
    assert ranked(request(mode=Mode.ONLINE), [offer(1, mode=Mode.IN_PERSON)]) == [], "online and in person"
    assert ranked(request(mode=Mode.ONLINE), [offer(1, mode=Mode.BOTH)]) == [1]
    assert ranked(request(), [offer(1, status=MentorOffer.Status.CANDIDATE)]) == [], "a candidate is not matched"
    assert ranked(request(), [offer(1, active=False)]) == []


def test_a_group_takes_a_group_place_not_a_one_on_one_place():
    group_mentor = offer(1, one_on_one_capacity=0, group_capacity=1)
    assert ranked(request(), [group_mentor], model=MentoringModel.GROUP) == [1]
    assert ranked(request(), [group_mentor]) == []
    assert ranked(request(), [group_mentor], {1: matching.Load(groups=1)}, model=MentoringModel.GROUP) == []


def test_department_fit_depends_on_the_model():
    same, other = offer(1, department_id=1), offer(2, department_id=2)
    assert ranked(request(), [other, same]) == [1, 2], "one-on-one: the same department first"
    assert ranked(request(), [same, other], model=MentoringModel.REVERSE) == [2, 1], "reverse: another department"
    junior = offer(3, department_id=1, years_of_service=1)
    assert ranked(request(years_of_service=5), [same, junior], model=MentoringModel.REVERSE) == [3, 1]
    peer = offer(4, years_of_service=3)
    assert ranked(request(years_of_service=3), [same, peer], model=MentoringModel.PEER) == [4, 1]


def test_the_reasons_say_how_each_part_scored():
    the_request = request(sessions_per_month=4, service_areas=["housing", "health"], preferred_model="one_on_one")
    (suggestion,) = matching.rank(the_request, [offer(1)], {}, WEIGHTS, MentoringModel.ONE_ON_ONE)
    assert suggestion.score == 0.5 * 2 + 0.5 * 2 + 1 * 1 + 1 * 3
    assert suggestion.explained() == [
        "Availability: 50% × weight 2",
        "Service area: 50% × weight 2",
        "The mentee's wishes: 100% × weight 1",
        "Department fit: 100% × weight 3",
    ]


offers_strategy = st.lists(
    st.builds(
        dict,
        languages=st.lists(st.sampled_from(LANGUAGES), min_size=1, max_size=3, unique=True),
        service_areas=st.lists(st.sampled_from(AREAS), max_size=3, unique=True),
        one_on_one_capacity=st.integers(0, 3),
        mode=st.sampled_from(list(Mode)),
        department_id=st.integers(1, 3),
        sessions_per_month=st.integers(1, 6),
        years_of_service=st.integers(0, 30),
    ),
    max_size=12,
)
requests_strategy = st.lists(
    st.builds(
        dict,
        languages=st.lists(st.sampled_from(LANGUAGES), min_size=1, max_size=2, unique=True),
        service_areas=st.lists(st.sampled_from(AREAS), max_size=2, unique=True),
        mode=st.sampled_from(list(Mode)),
        department_id=st.integers(1, 3),
        sessions_per_month=st.integers(1, 6),
    ),
    min_size=1,
    max_size=20,
)


@settings(max_examples=150, deadline=None)
@given(offers_strategy, requests_strategy)
def test_matching_every_request_in_turn_never_puts_a_mentor_over_capacity_nor_matches_without_a_language(
    offer_specs, request_specs
):
    offers = [offer(number + 1, **spec) for number, spec in enumerate(offer_specs)]
    loads = {}
    for number, spec in enumerate(request_specs):
        the_request = request(mentee_id=1000 + number, **spec)
        suggestions = matching.rank(the_request, offers, loads, WEIGHTS, MentoringModel.ONE_ON_ONE)
        if not suggestions:
            continue
        chosen = suggestions[0].offer
        assert set(chosen.languages) & set(the_request.languages)
        load = loads.get(chosen.mentor_id, matching.Load())
        loads[chosen.mentor_id] = matching.Load(one_on_one=load.one_on_one + 1)
    for chosen in offers:
        assert loads.get(chosen.mentor_id, matching.Load()).one_on_one <= chosen.one_on_one_capacity


@settings(max_examples=150, deadline=None)
@given(offers_strategy, requests_strategy.map(lambda specs: specs[0]), st.randoms(use_true_random=False))
def test_the_ranking_is_the_same_whatever_order_the_pool_is_read_in(offer_specs, request_spec, random):
    offers = [offer(number + 1, **spec) for number, spec in enumerate(offer_specs)]
    the_request = request(**request_spec)
    first = matching.rank(the_request, offers, {}, WEIGHTS, MentoringModel.ONE_ON_ONE)
    shuffled = list(offers)
    random.shuffle(shuffled)
    again = matching.rank(the_request, shuffled, {}, WEIGHTS, MentoringModel.ONE_ON_ONE)
    assert [(s.offer.mentor_id, s.score) for s in first] == [(s.offer.mentor_id, s.score) for s in again]
    assert [s.score for s in first] == sorted((s.score for s in first), reverse=True)
    for suggestion in first:
        assert set(suggestion.offer.languages) & set(the_request.languages)
