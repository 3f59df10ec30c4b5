"""The coordinator withdraws a proposal that still waits for answers (mentoring/pool.withdraw_proposal), of one
mentee or of a group: its requests wait for a match again, the mentor's place is free, the audit log says who;
nobody else may, and an answered proposal stays as it is. On the proposal's page and through the API."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from wagtail.models import ModelLogEntry

from mentoring import audit, matching, pool
from mentoring.models import GroupProposal, MatchProposal, MentorRequest
from tests.factories import (
    DepartmentFactory,
    MentorOfferFactory,
    MentorRequestFactory,
    UserFactory,
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
    return MentorOfferFactory(department=department, group_capacity=1, languages=["en"])


@pytest.fixture
def match(department, coordinator, offer):
    return pool.propose_match(
        user=coordinator, mentor_request=MentorRequestFactory(department=department, languages=["en"]), offer=offer
    )


@pytest.fixture
def group(department, coordinator, offer):
    requests = [MentorRequestFactory(department=department, languages=["en"]) for _ in range(4)]
    return pool.propose_group(user=coordinator, offer=offer, mentor_requests=requests)


def test_a_withdrawn_match_frees_its_request_and_the_mentors_place(coordinator, offer, match):
    assert matching.loads_of([offer.mentor_id])[offer.mentor_id].one_on_one == 1
    pool.withdraw_proposal(user=coordinator, proposal=match)
    match.refresh_from_db()
    assert match.state == MatchProposal.State.DECLINED
    assert MentorRequest.objects.get(pk=match.request_id).state == MentorRequest.State.OPEN
    assert matching.loads_of([offer.mentor_id]).get(offer.mentor_id, matching.Load()).one_on_one == 0
    entry = ModelLogEntry.objects.get(action=audit.PROPOSAL_WITHDRAWN, object_id=str(match.pk))
    assert entry.user == coordinator


def test_a_withdrawn_group_frees_its_requests(coordinator, group):
    pool.withdraw_proposal(user=coordinator, proposal=group)
    group.refresh_from_db()
    assert group.state == GroupProposal.State.DECLINED
    states = set(MentorRequest.objects.filter(group_places__proposal=group).values_list("state", flat=True))
    assert states == {MentorRequest.State.OPEN}
    assert ModelLogEntry.objects.filter(action=audit.PROPOSAL_WITHDRAWN, object_id=str(group.pk)).exists()


def test_only_a_coordinator_of_its_department_withdraws(department, offer, match, group):
    for person in (offer.mentor, match.request.mentee, UserFactory(), coordinator_of(DepartmentFactory())):
        for proposal in (match, group):
            with pytest.raises(PermissionDenied):
                pool.withdraw_proposal(user=person, proposal=proposal)
    match.refresh_from_db()
    group.refresh_from_db()
    assert match.state == group.state == "proposed"
    assert not ModelLogEntry.objects.filter(action=audit.PROPOSAL_WITHDRAWN).exists()


def test_an_answered_proposal_cannot_be_withdrawn(coordinator, match):
    pool.answer(user=match.request.mentee, proposal=match, accept=False)
    with pytest.raises(ValidationError, match="no longer waits"):
        pool.withdraw_proposal(user=coordinator, proposal=match)
    assert not ModelLogEntry.objects.filter(action=audit.PROPOSAL_WITHDRAWN).exists()


def test_the_pages_offer_withdrawing_to_the_coordinator_only(client, coordinator, match, group):
    for url in (f"/el/mentoring/pool/proposals/{match.pk}/", f"/el/mentoring/pool/groups/{group.pk}/"):
        client.force_login(match.offer.mentor)
        assert 'value="withdraw"' not in client.get(url).content.decode()
        client.force_login(coordinator)
        assert 'value="withdraw"' in client.get(url).content.decode()
        response = client.post(url, {"answer": "withdraw"}, follow=True)
        assert response.status_code == 200
        # The message in the reader's language (Greek), and the button gone.
        assert "αποσύρθηκε" in response.content.decode()
        assert 'value="withdraw"' not in response.content.decode()


def test_the_api_withdraws_and_refuses_a_second_time(client, coordinator, match, group):
    client.force_login(coordinator)
    for path in (f"/api/pool/matches/{match.pk}/withdraw/", f"/api/pool/groups/{group.pk}/withdraw/"):
        response = client.post(path)
        assert response.status_code == 200
        assert response.json()["state"] == "declined"
        again = client.post(path)
        assert again.status_code == 422
        assert again["Content-Type"] == "application/problem+json"
