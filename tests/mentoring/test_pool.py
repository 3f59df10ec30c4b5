"""The mentor pool's operations (mentoring/pool.py): who sees a request, the coordinator's proposal, the answers
that start a relationship, the audit log, and the circle from a mentee found ready to a confirmed mentor."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from wagtail.models import ModelLogEntry

from forms_library.models import FilledForm
from home.mail import display_name
from mentoring import audit, permissions, pool, reviews
from mentoring.models import (
    MatchProposal,
    MentoringModel,
    MentoringRelationship,
    MentorOffer,
    MentorRequest,
    Organisation,
)
from tests.factories import (
    DepartmentFactory,
    FilledFormFactory,
    MemberFactory,
    MentorOfferFactory,
    MentorRequestFactory,
    RelationshipFactory,
    coordinator_of,
    form_template,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def department():
    return DepartmentFactory()


@pytest.fixture
def coordinator(department):
    return coordinator_of(department)


def test_a_department_belongs_to_the_organisation_of_its_municipality():
    first, second = (
        DepartmentFactory(municipality="Rivermouth (fictional)"),
        DepartmentFactory(municipality="Rivermouth (fictional)"),
    )
    assert first.organisation == second.organisation == Organisation.objects.get(name="Rivermouth (fictional)")


def test_a_request_is_seen_by_its_mentee_the_proposed_mentor_and_the_coordinator(department, coordinator):
    mentor_request = MentorRequestFactory(department=department)
    offer = MentorOfferFactory(department=department)
    outsider_coordinator = coordinator_of(DepartmentFactory())
    colleague = MemberFactory(department=department)

    def sees(user):
        return permissions.requests_visible_to(user).filter(pk=mentor_request.pk).exists()

    assert sees(mentor_request.mentee) and sees(coordinator)
    assert not sees(offer.mentor) and not sees(outsider_coordinator) and not sees(colleague)
    pool.propose_match(user=coordinator, mentor_request=mentor_request, offer=offer)
    assert sees(offer.mentor)


def test_only_a_coordinator_of_the_department_proposes(department):
    mentor_request = MentorRequestFactory(department=department)
    offer = MentorOfferFactory(department=department)
    for user in (mentor_request.mentee, offer.mentor, coordinator_of(DepartmentFactory())):
        with pytest.raises(PermissionDenied):
            pool.propose_match(user=user, mentor_request=mentor_request, offer=offer)
    assert not MatchProposal.objects.exists()


def test_a_proposal_breaking_a_hard_rule_is_refused_and_nothing_is_stored(department, coordinator):
    mentor_request = MentorRequestFactory(department=department, languages=["el"])
    offer = MentorOfferFactory(department=department, languages=["de"])
    with pytest.raises(ValidationError) as error:
        pool.propose_match(user=coordinator, mentor_request=mentor_request, offer=offer)
    assert "The mentor and the mentee share no working language." in error.value.messages
    assert not MatchProposal.objects.exists()
    mentor_request.refresh_from_db()
    assert mentor_request.state == MentorRequest.State.OPEN


def test_a_waiting_proposal_takes_the_mentors_place(department, coordinator):
    offer = MentorOfferFactory(department=department, one_on_one_capacity=1)
    first, second = MentorRequestFactory(department=department), MentorRequestFactory(department=department)
    assert [s.offer for s in pool.suggestions(second)] == [offer]
    pool.propose_match(user=coordinator, mentor_request=first, offer=offer)
    assert pool.suggestions(second) == []
    with pytest.raises(ValidationError, match="no place left"):
        pool.propose_match(user=coordinator, mentor_request=second, offer=offer)


def test_both_acceptances_start_the_relationship_with_its_model_and_the_log_says_so(department, coordinator):
    offer = MentorOfferFactory(department=department, mentoring_models=["reverse"])
    mentor_request = MentorRequestFactory(department=department, preferred_model="reverse")
    proposal = pool.propose_match(user=coordinator, mentor_request=mentor_request, offer=offer)
    with pytest.raises(PermissionDenied):
        pool.answer(user=coordinator, proposal=proposal, accept=True)
    pool.answer(user=offer.mentor, proposal=proposal, accept=True)
    assert not MentoringRelationship.objects.filter(mentor=offer.mentor).exists()
    proposal = pool.answer(user=mentor_request.mentee, proposal=proposal, accept=True)
    relationship = proposal.relationship
    assert relationship.mentoring_model == MentoringModel.REVERSE
    assert list(relationship.mentees.all()) == [mentor_request.mentee]
    assert relationship.department == department
    mentor_request.refresh_from_db()
    assert mentor_request.state == MentorRequest.State.MATCHED
    actions = list(ModelLogEntry.objects.for_instance(proposal).values_list("action", flat=True))
    assert sorted(actions) == sorted([audit.MATCH_PROPOSED, audit.MATCH_ACCEPTED, audit.MATCH_ACCEPTED])
    with pytest.raises(ValidationError):
        pool.answer(user=offer.mentor, proposal=proposal, accept=False)


def test_a_decline_frees_the_place_and_the_request_waits_again(department, coordinator):
    offer = MentorOfferFactory(department=department)
    mentor_request = MentorRequestFactory(department=department)
    proposal = pool.propose_match(user=coordinator, mentor_request=mentor_request, offer=offer)
    pool.answer(user=mentor_request.mentee, proposal=proposal, accept=False)
    mentor_request.refresh_from_db()
    assert mentor_request.state == MentorRequest.State.OPEN
    assert ModelLogEntry.objects.for_instance(proposal).filter(action=audit.MATCH_DECLINED).exists()
    assert [s.offer for s in pool.suggestions(mentor_request)] == [offer]
    assert not permissions.requests_visible_to(offer.mentor).exists()


def test_demand_above_capacity_is_shown(department, coordinator):
    MentorOfferFactory(department=department, one_on_one_capacity=1)
    MentorRequestFactory(department=department)
    assert pool.capacity_summary([department])["demand_exceeds_capacity"] is False
    MentorRequestFactory(department=department)
    summary = pool.capacity_summary([department])
    assert summary == {"waiting": 2, "one_on_one_places": 1, "group_places": 0, "demand_exceeds_capacity": True}


def test_the_circle_a_ready_mentee_becomes_a_confirmed_mentor_and_the_lineage_is_recorded(
    client, department, coordinator
):
    first = RelationshipFactory(department=department, status=MentoringRelationship.Status.COMPLETED)
    grown = first.mentees.get()
    offer = pool.enter_as_candidate(relationship=first, mentee=grown)
    assert offer.status == MentorOffer.Status.CANDIDATE
    offer.languages = ["en"]
    offer.save()
    mentor_request = MentorRequestFactory(department=department)
    assert pool.suggestions(mentor_request) == [], "a candidate is not suggested"
    with pytest.raises(ValidationError, match="Record the mentor training"):
        pool.confirm_mentor(user=coordinator, offer=offer)
    with pytest.raises(PermissionDenied):
        pool.record_training(user=grown, offer=offer, name="Mentoring basics", date=datetime.date(2026, 3, 2), hours=8)
    pool.record_training(
        user=coordinator, offer=offer, name="Mentoring basics", date=datetime.date(2026, 3, 2), hours=8
    )
    pool.confirm_mentor(user=coordinator, offer=offer)
    proposal = pool.propose_match(user=coordinator, mentor_request=mentor_request, offer=offer)
    pool.answer(user=grown, proposal=proposal, accept=True)
    proposal = pool.answer(user=mentor_request.mentee, proposal=proposal, accept=True)
    assert pool.lineage(proposal.relationship) == first.mentor
    client.force_login(grown)
    relationship_page = client.get(f"/en/mentoring/{proposal.relationship.pk}/").content.decode()
    lineage = relationship_page.split("data-lineage>", 1)[1].split("</p>", 1)[0]
    assert lineage.endswith(f": {display_name(first.mentor)}")
    year = offer.confirmed_at.year if offer.confirmed_at else None
    offer.refresh_from_db()
    assert pool.mentors_grown([department]) == [
        {"came_from__department__name": department.name, "year": offer.confirmed_at.year, "count": 1}
    ]
    assert year == offer.confirmed_at.year


def test_staff_offer_and_ask_only_in_their_own_department(department):
    member = MemberFactory(department=department)
    with pytest.raises(PermissionDenied):
        pool.offer_to_mentor(user=member, department=DepartmentFactory(), languages=["en"])
    with pytest.raises(ValidationError):
        pool.offer_to_mentor(user=member, department=department, languages=["xx"])
    assert not MentorOffer.objects.exists()
    pool.ask_for_mentor(
        user=member, department=department, wants_to_learn="Intercultural communication", languages=["en"]
    )
    with pytest.raises(ValidationError, match="already have a request"):
        pool.ask_for_mentor(user=member, department=department, wants_to_learn="Again", languages=["en"])


@pytest.mark.parametrize(("answer", "candidate"), [("yes", True), ("no", False)])
def test_the_stage_5_evaluation_answering_yes_makes_the_mentee_a_candidate(department, answer, candidate):
    relationship = RelationshipFactory(department=department, current_stage=5)
    mentee = relationship.mentees.get()
    filled = FilledFormFactory(template=form_template("evaluation"), owner=mentee, status=FilledForm.Status.COMPLETE)
    filled.answers = {**filled.answers, "ready_to_mentor": answer}
    filled.save()
    reviews.submit_output(
        user=mentee, relationship=relationship, filled_form=filled, stage=5, target_departments=[department]
    )
    offer = MentorOffer.objects.filter(mentor=mentee, came_from=relationship).first()
    assert (offer is not None and offer.status == MentorOffer.Status.CANDIDATE) is candidate
    assert (mentee in MentoringRelationship.objects.get(pk=relationship.pk).ready_to_mentor.all()) is candidate
