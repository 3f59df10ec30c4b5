"""The coordinator's groups, the proposal form with the report's three questions, the start-a-relationship form
with them, and the coordinator's programme: pages and endpoints per role, bad input refused with nothing stored,
queries that do not grow with the staff."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from mentoring import pool
from mentoring.models import GroupProposal, MentoringModel, MentoringRelationship, MentoringSession
from tests.factories import (
    DepartmentFactory,
    MemberFactory,
    MentoringSessionFactory,
    MentorOfferFactory,
    MentorRequestFactory,
    RelationshipFactory,
    coordinator_of,
)
from tests.mentoring.test_pool_pages import add_staff, api

pytestmark = pytest.mark.django_db

POOL = "/en/mentoring/pool/"


@pytest.fixture
def department():
    return DepartmentFactory()


@pytest.fixture
def coordinator(department):
    return coordinator_of(department)


@pytest.fixture
def offer(department):
    return MentorOfferFactory(department=department, group_capacity=1)


def waiting(department, count):
    return [MentorRequestFactory(department=department) for _ in range(count)]


def test_the_coordinator_sees_a_suggested_group_and_proposes_it(client, department, coordinator, offer):
    requests = waiting(department, 5)
    client.force_login(coordinator)
    page = client.get(f"{POOL}groups/")
    assert page.status_code == 200 and f'data-group-mentor="{offer.mentor.username}"' in page.text
    post = {"offer": offer.pk, "requests": [r.pk for r in requests[:3]], "meetings_per_month": 2, "language": "en"}
    refused = client.post(f"{POOL}groups/new/", post, follow=True)
    assert "four to six" in refused.text and not GroupProposal.objects.exists()
    post["requests"] = [r.pk for r in requests]
    response = client.post(f"{POOL}groups/new/", post)
    proposal = GroupProposal.objects.get()
    assert response.url == f"{POOL}groups/{proposal.pk}/"
    assert proposal.meetings_per_month == 2 and proposal.members.count() == 5


def test_the_group_pages_refuse_everyone_but_the_coordinator(client, department, offer):
    requests = waiting(department, 4)
    post = {"offer": offer.pk, "requests": [r.pk for r in requests], "meetings_per_month": 1}
    for someone in [MemberFactory(department=department), coordinator_of(DepartmentFactory()), offer.mentor]:
        client.force_login(someone)
        if someone == offer.mentor:
            assert client.get(f"{POOL}groups/").status_code == 403
        assert client.post(f"{POOL}groups/new/", post).status_code in (302, 403)
    assert not GroupProposal.objects.exists()


def test_the_mentor_and_mentees_answer_on_the_group_page_and_the_schedule_is_offered(
    client, department, coordinator, offer
):
    requests = waiting(department, 4)
    proposal = pool.propose_group(user=coordinator, offer=offer, mentor_requests=requests)
    url = f"{POOL}groups/{proposal.pk}/"
    client.force_login(MemberFactory(department=department))
    assert client.get(url).status_code == 404
    client.force_login(coordinator)
    assert client.post(url, {"answer": "accept"}).status_code == 403
    for person in [offer.mentor, *(r.mentee for r in requests)]:
        client.force_login(person)
        assert "Accept" in client.get(url).text
        assert client.post(url, {"answer": "accept"}).status_code == 302
    proposal.refresh_from_db()
    assert proposal.relationship.mentees.count() == 4
    client.force_login(requests[0].mentee)
    assert "Plan the group" not in client.get(url).text
    assert client.post(url, {"first": "2030-03-04T15:00", "count": 6, "topic": "x"}).status_code == 403
    client.force_login(offer.mentor)
    assert "Plan the group" in client.get(url).text
    bad = client.post(url, {"first": "2030-03-04T15:00", "count": 99, "topic": "Group"})
    sessions = MentoringSession.objects.filter(relationship=proposal.relationship)
    assert bad.status_code == 400 and not sessions.exists()
    done = client.post(url, {"first": "2030-03-04T15:00", "count": 6, "topic": "Group", "place": "Town hall"})
    assert done.status_code == 302
    session = sessions.get()
    assert session.rrule == "FREQ=MONTHLY;INTERVAL=1;COUNT=6" and len(session.occurrences()) == 6


def test_the_api_proposes_and_answers_groups_with_problems_for_bad_input(client, department, coordinator, offer):
    requests = waiting(department, 4)
    ids = [r.pk for r in requests]
    client.force_login(requests[0].mentee)
    assert api(client, "post", "groups/", {"offer_id": offer.pk, "request_ids": ids}).status_code in (403, 404)
    assert api(client, "get", "groups/suggestions/").status_code == 403
    client.force_login(coordinator)
    assert [g["request_ids"] for g in api(client, "get", "groups/suggestions/").json()] == [ids]
    for body in [
        {"offer_id": offer.pk, "request_ids": ids[:3]},
        {"offer_id": offer.pk, "request_ids": [*ids, ids[0]]},
        {"offer_id": offer.pk, "request_ids": ids, "meetings_per_month": 3},
        {"offer_id": offer.pk, "request_ids": ids, "working_language": "xx"},
        {"offer_id": offer.pk, "request_ids": ids, "working_language": "el"},
    ]:
        response = api(client, "post", "groups/", body)
        assert response.status_code == 422 and response["Content-Type"] == "application/problem+json", body
    assert not GroupProposal.objects.exists()
    created = api(client, "post", "groups/", {"offer_id": offer.pk, "request_ids": ids, "meetings_per_month": 2})
    assert created.status_code == 201 and created.json()["state"] == "proposed"
    group_id = created.json()["id"]
    assert api(client, "post", f"groups/{group_id}/answer/", {"accept": True}).status_code == 403
    assert api(client, "post", f"groups/{group_id}/answer/", {"accept": "yes"}).status_code == 422
    for person in [offer.mentor, *(r.mentee for r in requests)]:
        client.force_login(person)
        answered = api(client, "post", f"groups/{group_id}/answer/", {"accept": True})
        assert answered.status_code == 200
    assert answered.json()["state"] == "accepted" and answered.json()["relationship_id"]
    client.force_login(MemberFactory(department=department))
    assert api(client, "get", "groups/").json()["items"] == []


def test_the_start_a_relationship_form_asks_the_three_questions_and_preselects_a_model(client, department):
    mentor = MemberFactory(department=department)
    mentee = MemberFactory(department=department)
    client.force_login(mentor)
    answers = {"located_together": "no", "comfortable_online": "yes", "enough_mentors": "no", "model_questions": "1"}
    page = client.get("/en/mentoring/new/", {**answers, "mentees": [mentee.pk]})
    assert page.status_code == 200
    assert 'data-model="group"' in page.text and 'data-model="e_mentoring"' in page.text
    assert "When there are fewer mentors than mentees." in page.text
    assert '<option value="group" selected>' in page.text
    assert f'value="{mentee.pk}"' in page.text and "checked" in page.text
    assert not MentoringRelationship.objects.filter(mentor=mentor).exists()
    started = client.post(
        "/en/mentoring/new/",
        {
            **answers,
            "mentoring_model": "one_on_one",
            "department": department.pk,
            "mentees": [mentee.pk],
            "start_date": "2030-01-07",
        },
    )
    assert (
        started.status_code == 302 and MentoringRelationship.objects.get(mentor=mentor).mentoring_model == "one_on_one"
    )


def test_the_coordinators_proposal_form_asks_the_questions_and_ranks_for_the_model(client, department, coordinator):
    mentor_request = MentorRequestFactory(department=department)
    MentorOfferFactory(department=department, mentoring_models=["reverse"])
    url = f"{POOL}requests/{mentor_request.pk}/propose/"
    client.force_login(MemberFactory(department=department))
    assert client.get(url).status_code == 404
    client.force_login(coordinator)
    answers = {"located_together": "yes", "comfortable_online": "no", "enough_mentors": "yes", "model_questions": "1"}
    page = client.get(url, answers)
    assert page.status_code == 200 and 'data-model="one_on_one"' in page.text and "data-mentor=" in page.text
    reverse = client.get(url, {"mentoring_model": "reverse"})
    assert '<input type="hidden" name="mentoring_model" value="reverse">' in reverse.text


def test_the_programme_shows_models_stages_sessions_requests_and_proposals(client, department, coordinator, offer):
    relationship = RelationshipFactory(department=department, agreed_sessions={"1": 3})
    RelationshipFactory(department=department, mentoring_model=MentoringModel.REVERSE)
    past = timezone.now() - datetime.timedelta(days=3)
    MentoringSessionFactory(relationship=relationship, date=past, stage=1, topic="Held")
    MentoringSessionFactory(relationship=relationship, stage=1, topic="Coming soon")
    waiting(department, 2)
    client.force_login(coordinator)
    page = client.get(f"{POOL}programme/")
    assert page.status_code == 200
    text = page.text
    assert 'data-model="one_on_one"' in text and 'data-model="reverse"' in text
    assert '<td data-stage="1">1 / 3</td>' in text and "Coming soon" in text
    assert "Requests waiting for a mentor" in text and "(2)" in text
    client.force_login(coordinator_of(DepartmentFactory()))
    assert client.get(f"{POOL}programme/", {"department": department.pk}).status_code == 403
    client.force_login(offer.mentor)
    assert client.get(f"{POOL}programme/").status_code == 403
    assert client.get(f"{POOL}programme/", {"department": "x"}).status_code == 404


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize("url", [f"{POOL}programme/", f"{POOL}groups/", "/api/pool/groups/"])
def test_the_programme_and_groups_cost_the_same_queries_with_10000_staff(client, department, coordinator, url):
    relationship = RelationshipFactory(department=department)
    MentoringSessionFactory(relationship=relationship)
    MentorOfferFactory(department=department, group_capacity=1)
    waiting(department, 4)
    client.force_login(coordinator)
    client.get(url)
    few = queries(client, url)
    add_staff(department, 10_000)
    for _ in range(5):
        other = RelationshipFactory(department=department)
        MentoringSessionFactory(relationship=other)
    many = queries(client, url)
    assert few == many <= 25, f"{url}: {few} queries, then {many}"
