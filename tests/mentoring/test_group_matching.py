"""Suggesting groups (mentoring/matching.py): the hard rules of a group and properties that hold for any pool
(Hypothesis): no mentor beyond their group places, every group of four to six mentees of one department who
share a working language with their mentor and can all meet the same way, each request in one group at most,
the same groups whatever order the pool is read in."""

from hypothesis import given, settings
from hypothesis import strategies as st

from mentoring import matching
from mentoring.models import Mode
from tests.mentoring.test_matching import LANGUAGES, WEIGHTS, offer, request


def group_mentor(mentor_id=1, **fields):
    return offer(mentor_id, **{"one_on_one_capacity": 0, "group_capacity": 1, **fields})


def requests(count, start=100, **fields):
    return [request(mentee_id=start + number, **fields) for number in range(count)]


def test_a_group_has_four_to_six_mentees():
    mentor = group_mentor()
    assert "group_size" in matching.group_hard_rules_broken(mentor, requests(3), matching.Load())
    assert matching.group_hard_rules_broken(mentor, requests(4), matching.Load()) == []
    assert matching.group_hard_rules_broken(mentor, requests(6), matching.Load()) == []
    assert "group_size" in matching.group_hard_rules_broken(mentor, requests(7), matching.Load())


def test_each_group_rule_is_checked():
    mentor = group_mentor()
    four = requests(4)
    assert "no_place_left" in matching.group_hard_rules_broken(mentor, four, matching.Load(groups=1))
    assert "no_shared_language" in matching.group_hard_rules_broken(
        mentor, [*requests(3), request(mentee_id=9, languages=["el"])], matching.Load()
    )
    assert "no_shared_language" in matching.group_hard_rules_broken(mentor, four, matching.Load(), language="el")
    assert "mode" in matching.group_hard_rules_broken(
        mentor, [*requests(3, mode=Mode.ONLINE), request(mentee_id=9, mode=Mode.IN_PERSON)], matching.Load()
    ), "online only and in person only cannot meet together, even with a mentor at ease with both"
    assert "departments" in matching.group_hard_rules_broken(
        mentor, [*requests(3), request(mentee_id=9, department_id=2)], matching.Load()
    )
    assert "same_person" in matching.group_hard_rules_broken(
        mentor, [*requests(3), request(mentee_id=1)], matching.Load()
    )
    assert "mentee_twice" in matching.group_hard_rules_broken(mentor, [*requests(3), *requests(1)], matching.Load())


def test_the_suggested_group_takes_the_language_and_way_that_gather_most_mentees():
    mentor = group_mentor(languages=["en", "el"])
    pool = [*requests(4, languages=["el"], mode=Mode.ONLINE), *requests(2, start=200, mode=Mode.IN_PERSON)]
    group = matching.group_for(mentor, pool, WEIGHTS)
    assert (group.language, group.mode, len(group.members)) == ("el", Mode.ONLINE, 4)
    assert group.members[0].explained()[0].startswith("Availability")
    assert matching.group_for(mentor, requests(3), WEIGHTS) is None


def test_at_most_six_are_suggested_best_first():
    pool = [*requests(5, service_areas=["health"]), *requests(3, start=200)]
    group = matching.group_for(group_mentor(), pool, WEIGHTS)
    assert [member.request.mentee_id for member in group.members] == [200, 201, 202, 100, 101, 102]


offers_strategy = st.lists(
    st.builds(
        dict,
        languages=st.lists(st.sampled_from(LANGUAGES), min_size=1, max_size=3, unique=True),
        group_capacity=st.integers(0, 2),
        mode=st.sampled_from(list(Mode)),
        department_id=st.integers(1, 2),
    ),
    max_size=5,
)
requests_strategy = st.lists(
    st.builds(
        dict,
        languages=st.lists(st.sampled_from(LANGUAGES), min_size=1, max_size=2, unique=True),
        mode=st.sampled_from(list(Mode)),
        department_id=st.integers(1, 2),
        sessions_per_month=st.integers(1, 4),
    ),
    max_size=30,
)


def build(offer_specs, request_specs):
    offers = [group_mentor(number + 1, **spec) for number, spec in enumerate(offer_specs)]
    pool = [request(mentee_id=100 + number, **spec) for number, spec in enumerate(request_specs)]
    return offers, pool


@settings(max_examples=120, deadline=None)
@given(offers_strategy, requests_strategy, st.dictionaries(st.integers(1, 5), st.integers(0, 2)))
def test_suggested_groups_keep_every_group_rule(offer_specs, request_specs, taken):
    offers, pool = build(offer_specs, request_specs)
    loads = {mentor_id: matching.Load(groups=groups) for mentor_id, groups in taken.items()}
    groups = matching.suggest_groups(offers, pool, loads, WEIGHTS)
    places = {o.mentor_id: max(0, o.group_capacity - loads.get(o.mentor_id, matching.Load()).groups) for o in offers}
    seen = set()
    for group in groups:
        places[group.offer.mentor_id] -= 1
        assert 4 <= len(group.members) <= 6
        assert all(group.language in r.languages for r in group.requests) and group.language in group.offer.languages
        assert matching.group_hard_rules_broken(group.offer, group.requests, matching.Load(), group.language) == []
        assert not seen & {r.mentee_id for r in group.requests}, "each request in one group at most"
        seen |= {r.mentee_id for r in group.requests}
    assert all(left >= 0 for left in places.values()), "no mentor beyond their group places"


@settings(max_examples=60, deadline=None)
@given(offers_strategy, requests_strategy, st.randoms(use_true_random=False))
def test_the_groups_are_the_same_whatever_order_the_pool_is_read_in(offer_specs, request_specs, random):
    offers, pool = build(offer_specs, request_specs)

    def summary(groups):
        return [(g.offer.mentor_id, g.language, sorted(r.mentee_id for r in g.requests)) for g in groups]

    first = summary(matching.suggest_groups(offers, pool, {}, WEIGHTS))
    random.shuffle(offers)
    random.shuffle(pool)
    assert summary(matching.suggest_groups(offers, pool, {}, WEIGHTS)) == first
