"""Group mentoring from requests (mentoring/pool.py): the coordinator proposes four to six waiting requests with one
mentor, the mentor and each mentee answer, the group relationship starts with the mentor and four acceptances,
and its recurring schedule is offered. Permissions per role and the audit log."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from wagtail.models import ModelLogEntry

from mentoring import audit, matching, permissions, pool
from mentoring.models import GroupProposal, MentoringModel, MentorRequest
from tests.factories import (
    DepartmentFactory,
    MemberFactory,
    MentorOfferFactory,
    MentorRequestFactory,
    coordinator_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def department():
    return DepartmentFactory()


@pytest.fixture
def coordinator(department):
    return coordinator_of(department)


@pytest.fixture
def offer(department):
    return MentorOfferFactory(department=department, group_capacity=1, languages=["en", "el"])


def waiting(department, count, **fields):
    return [MentorRequestFactory(department=department, **fields) for _ in range(count)]


def propose(coordinator, offer, requests, **fields):
    return pool.propose_group(user=coordinator, offer=offer, mentor_requests=requests, **fields)


def test_a_group_proposal_takes_one_group_place_and_marks_the_requests(department, coordinator, offer):
    requests = waiting(department, 5)
    proposal = propose(coordinator, offer, requests)
    assert proposal.language == "en" and proposal.members.count() == 5
    assert set(MentorRequest.objects.values_list("state", flat=True)) == {MentorRequest.State.PROPOSED}
    assert matching.loads_of([offer.mentor_id])[offer.mentor_id] == matching.Load(groups=1)
    with pytest.raises(ValidationError, match="no place left"):
        propose(coordinator, offer, waiting(department, 4))
    assert ModelLogEntry.objects.filter(action=audit.GROUP_PROPOSED, object_id=str(proposal.pk)).exists()


@pytest.mark.parametrize("count", [3, 7])
def test_the_size_is_enforced_and_nothing_is_stored(department, coordinator, offer, count):
    with pytest.raises(ValidationError, match="four to six"):
        propose(coordinator, offer, waiting(department, count))
    assert not GroupProposal.objects.exists()
    assert set(MentorRequest.objects.values_list("state", flat=True)) == {MentorRequest.State.OPEN}


def test_a_group_needs_a_language_all_of_them_speak(department, coordinator, offer):
    requests = [*waiting(department, 3), *waiting(department, 1, languages=["de"])]
    with pytest.raises(ValidationError, match="no working language"):
        propose(coordinator, offer, requests)
    with pytest.raises(ValidationError, match="no working language"):
        propose(coordinator, offer, waiting(department, 4), language="el")


def test_only_a_coordinator_of_the_requests_department_proposes(department, offer):
    requests = waiting(department, 4)
    for someone in [coordinator_of(DepartmentFactory()), offer.mentor, requests[0].mentee, MemberFactory()]:
        with pytest.raises(PermissionDenied):
            propose(someone, offer, requests)
    assert not GroupProposal.objects.exists()


def test_the_group_starts_with_the_mentor_and_four_acceptances_and_takes_a_late_one(department, coordinator, offer):
    requests = waiting(department, 6)
    proposal = propose(coordinator, offer, requests, meetings_per_month=2)
    for mentor_request in requests[:3]:
        pool.answer_group(user=mentor_request.mentee, proposal=proposal, accept=True)
    pool.answer_group(user=offer.mentor, proposal=proposal, accept=True)
    proposal.refresh_from_db()
    assert proposal.relationship is None, "three mentees are not yet a group"
    pool.answer_group(user=requests[3].mentee, proposal=proposal, accept=True)
    proposal.refresh_from_db()
    relationship = proposal.relationship
    assert relationship.mentoring_model == MentoringModel.GROUP and relationship.mentor == offer.mentor
    assert set(relationship.mentees.all()) == {r.mentee for r in requests[:4]}
    pool.answer_group(user=requests[4].mentee, proposal=proposal, accept=True)
    pool.answer_group(user=requests[5].mentee, proposal=proposal, accept=False)
    assert relationship.mentees.count() == 5
    states = dict(MentorRequest.objects.values_list("pk", "state"))
    assert states[requests[4].pk] == MentorRequest.State.MATCHED
    assert states[requests[5].pk] == MentorRequest.State.OPEN
    assert matching.loads_of([offer.mentor_id])[offer.mentor_id] == matching.Load(groups=1), "one place, not two"
    assert ModelLogEntry.objects.filter(action=audit.GROUP_ACCEPTED).count() == 6
    assert ModelLogEntry.objects.filter(action=audit.GROUP_DECLINED).count() == 1
    with pytest.raises(ValidationError):
        pool.answer_group(user=requests[5].mentee, proposal=proposal, accept=True)


def test_declines_below_four_end_the_proposal_and_free_the_requests(department, coordinator, offer):
    requests = waiting(department, 4)
    proposal = propose(coordinator, offer, requests)
    pool.answer_group(user=requests[0].mentee, proposal=proposal, accept=False)
    proposal.refresh_from_db()
    assert proposal.state == GroupProposal.State.DECLINED
    assert set(MentorRequest.objects.values_list("state", flat=True)) == {MentorRequest.State.OPEN}
    assert matching.loads_of([offer.mentor_id]) == {}


def test_the_mentors_decline_ends_the_proposal(department, coordinator, offer):
    proposal = propose(coordinator, offer, waiting(department, 4))
    pool.answer_group(user=offer.mentor, proposal=proposal, accept=False)
    proposal.refresh_from_db()
    assert proposal.state == GroupProposal.State.DECLINED
    assert set(MentorRequest.objects.values_list("state", flat=True)) == {MentorRequest.State.OPEN}


def test_only_the_mentor_and_the_groups_mentees_answer(department, coordinator, offer):
    proposal = propose(coordinator, offer, waiting(department, 4))
    for someone in [coordinator, MemberFactory(department=department)]:
        with pytest.raises(PermissionDenied):
            pool.answer_group(user=someone, proposal=proposal, accept=True)


def test_a_group_proposal_is_seen_by_its_mentor_mentees_and_coordinator(department, coordinator, offer):
    requests = waiting(department, 4)
    proposal = propose(coordinator, offer, requests)

    def sees(user):
        return permissions.group_proposals_visible_to(user).filter(pk=proposal.pk).exists()

    assert sees(coordinator) and sees(offer.mentor) and sees(requests[0].mentee)
    assert not sees(MemberFactory(department=department)) and not sees(coordinator_of(DepartmentFactory()))
    assert permissions.requests_visible_to(offer.mentor).count() == 4


def test_a_withdrawn_request_leaves_the_group(department, coordinator, offer):
    requests = waiting(department, 4)
    proposal = propose(coordinator, offer, requests)
    pool.withdraw_request(user=requests[0].mentee, mentor_request=requests[0])
    proposal.refresh_from_db()
    assert proposal.state == GroupProposal.State.DECLINED


def started_group(department, coordinator, offer, meetings_per_month=1):
    requests = waiting(department, 4)
    proposal = propose(coordinator, offer, requests, meetings_per_month=meetings_per_month)
    for person in [offer.mentor, *(r.mentee for r in requests)]:
        pool.answer_group(user=person, proposal=proposal, accept=True)
    proposal.refresh_from_db()
    return proposal


@pytest.mark.parametrize(("rhythm", "gap"), [(1, 28), (2, 14)])
def test_the_recurring_schedule_meets_once_or_twice_a_month(department, coordinator, offer, rhythm, gap):
    proposal = started_group(department, coordinator, offer, meetings_per_month=rhythm)
    first = timezone.now().replace(microsecond=0) + datetime.timedelta(days=7)
    session = pool.plan_group_meetings(
        user=offer.mentor, proposal=proposal, first=first, count=6, topic="Group meeting", place="Town hall"
    )
    meetings = session.occurrences()
    assert len(meetings) == 6 and session.relationship == proposal.relationship
    assert all(
        later - earlier >= datetime.timedelta(days=gap) for earlier, later in zip(meetings, meetings[1:], strict=False)
    )
    with pytest.raises(PermissionDenied):
        pool.plan_group_meetings(user=coordinator, proposal=proposal, first=first, count=6, topic="x", place="y")
