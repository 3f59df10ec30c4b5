"""The mentor pool's pages and endpoints, per role: staff offer and ask, the coordinator sees their departments'
requests with ranked suggestions and proposes, the mentor and the mentee accept; nobody else sees or acts. Bad input
gets a translated error and stores nothing."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from mentoring.models import MatchProposal, MentoringRelationship, MentorOffer, MentorRequest
from tests.conftest import translated
from tests.factories import (
    DepartmentFactory,
    MemberFactory,
    MentorOfferFactory,
    MentorRequestFactory,
    RelationshipFactory,
    coordinator_of,
)

pytestmark = pytest.mark.django_db

POOL = "/en/mentoring/pool/"


@pytest.fixture
def department():
    return DepartmentFactory()


@pytest.fixture
def coordinator(department):
    return coordinator_of(department)


def test_staff_offer_to_mentor_and_see_their_load(client, department):
    member = MemberFactory(department=department)
    client.force_login(member)
    response = client.post(
        f"{POOL}offer/",
        {
            "department": department.pk,
            "languages": ["en", "ar"],
            "service_areas": ["housing"],
            "mentoring_models": ["one_on_one"],
            "sessions_per_month": 2,
            "hours_per_month": 4,
            "one_on_one_capacity": 2,
            "group_capacity": 0,
            "mode": "both",
            "years_of_service": 12,
            "active": "on",
        },
    )
    assert response.status_code == 302
    offer = MentorOffer.objects.get(mentor=member)
    assert offer.languages == ["en", "ar"] and offer.status == MentorOffer.Status.CONFIRMED
    RelationshipFactory(department=department, mentor=member)
    page = client.get(POOL).content.decode()
    assert "Current load: 1 of 2 one-on-one places" in page


def test_a_bad_offer_is_refused_in_the_readers_language_and_nothing_is_stored(client, department):
    member = MemberFactory(department=department)
    client.force_login(member)
    response = client.post(
        "/de/mentoring/pool/offer/", {"department": department.pk, "languages": ["xx"], "mode": "both"}
    )
    assert response.status_code == 400
    assert not MentorOffer.objects.exists()
    assert "xx ist keine gültige Auswahl" in response.content.decode()


def test_a_request_through_the_site_reaches_the_coordinators_list_with_ranked_suggestions(
    client, department, coordinator
):
    near = MentorOfferFactory(department=department, languages=["de", "en"])
    far = MentorOfferFactory(department=DepartmentFactory(), languages=["de"])
    MentorOfferFactory(department=department, languages=["el"])  # no shared language: not suggested
    asker = MemberFactory(department=department)
    client.force_login(asker)
    response = client.post(
        f"{POOL}request/",
        {
            "department": department.pk,
            "wants_to_learn": "Working with interpreters",
            "languages": ["de"],
            "service_areas": ["housing"],
            "mode": "both",
            "sessions_per_month": 2,
            "years_of_service": 1,
        },
    )
    assert response.status_code == 302
    assert client.get(f"{POOL}requests/").status_code == 403
    client.force_login(coordinator)
    page = client.get(f"{POOL}requests/").content.decode()
    assert page.index(f'data-mentor="{near.mentor.username}"') < page.index(f'data-mentor="{far.mentor.username}"')
    assert page.count("data-mentor=") == 2
    assert "Department fit: 100% × weight 3" in page


def test_propose_then_accept_through_the_pages(client, department, coordinator):
    offer = MentorOfferFactory(department=department)
    mentor_request = MentorRequestFactory(department=department)
    client.force_login(mentor_request.mentee)
    assert client.post(f"{POOL}requests/{mentor_request.pk}/propose/", {"offer": offer.pk}).status_code == 403
    client.force_login(coordinator)
    response = client.post(f"{POOL}requests/{mentor_request.pk}/propose/", {"offer": offer.pk})
    proposal = MatchProposal.objects.get()
    assert response.url.endswith(f"/pool/proposals/{proposal.pk}/")
    outsider = MemberFactory(department=department)
    client.force_login(outsider)
    assert client.get(f"{POOL}proposals/{proposal.pk}/").status_code == 404
    for person in (offer.mentor, mentor_request.mentee):
        client.force_login(person)
        assert 'value="accept"' in client.get(f"{POOL}proposals/{proposal.pk}/").content.decode()
        client.post(f"{POOL}proposals/{proposal.pk}/", {"answer": "accept"})
    relationship = MentoringRelationship.objects.get(mentor=offer.mentor)
    assert list(relationship.mentees.all()) == [mentor_request.mentee]


def test_the_pool_shows_demand_above_capacity_with_the_reports_advice(client, department, coordinator):
    MentorRequestFactory(department=department)
    client.force_login(coordinator)
    page = client.get("/es/mentoring/pool/").content.decode()
    assert "data-demand-exceeds-capacity" in page
    assert (
        translated(
            "Where there are many candidate mentees but few potential mentors, group mentoring or e-mentoring may work best.",
            "es",
        )
        in page
    )


def test_the_three_questions_propose_models_with_the_reports_reasons(client, department):
    client.force_login(MemberFactory(department=department))
    page = client.get(
        f"{POOL}models/", {"located_together": "no", "comfortable_online": "yes", "enough_mentors": "no"}
    ).content.decode()
    assert 'data-model="group"' in page and 'data-model="e_mentoring"' in page
    assert "When mentors and mentees are not in the same place." in page
    assert client.get(f"{POOL}models/", {"located_together": "maybe"}).status_code == 400


def test_the_coordinator_records_training_and_confirms_a_candidate(client, department, coordinator):
    completed = RelationshipFactory(department=department, status=MentoringRelationship.Status.COMPLETED)
    mentee = completed.mentees.get()
    client.force_login(completed.mentor)
    client.post(f"/en/mentoring/{completed.pk}/ready/{mentee.pk}/")
    offer = MentorOffer.objects.get(mentor=mentee)
    assert offer.status == MentorOffer.Status.CANDIDATE
    client.force_login(coordinator)
    assert f'data-candidate="{mentee.username}"' in client.get(POOL).content.decode()
    client.post(f"{POOL}candidates/{offer.pk}/confirm/")
    offer.refresh_from_db()
    assert offer.status == MentorOffer.Status.CANDIDATE
    client.post(
        f"{POOL}candidates/{offer.pk}/training/", {"name": "Mentoring basics", "date": "2026-03-02", "hours": "8"}
    )
    client.post(f"{POOL}candidates/{offer.pk}/confirm/")
    offer.refresh_from_db()
    assert offer.status == MentorOffer.Status.CONFIRMED
    client.force_login(MemberFactory(department=department))
    assert client.post(f"{POOL}candidates/{offer.pk}/confirm/").status_code == 404


# The API


def api(client, method, path, body=None):
    kwargs = {"content_type": "application/json", "data": json.dumps(body)} if body is not None else {}
    return getattr(client, method)(f"/api/pool/{path}", **kwargs)


def test_the_api_runs_a_match_with_permissions_per_role(client, department, coordinator):
    offer = MentorOfferFactory(department=department)
    asker = MemberFactory(department=department)
    client.force_login(asker)
    created = api(
        client,
        "post",
        "requests/",
        {"department_id": department.pk, "wants_to_learn": "Interpreters", "languages": ["en"]},
    )
    assert created.status_code == 201, created.content
    request_id = created.json()["id"]
    assert api(client, "get", f"requests/{request_id}/suggestions/").status_code == 403
    assert api(client, "post", "matches/", {"request_id": request_id, "offer_id": offer.pk}).status_code == 403
    client.force_login(coordinator)
    assert [s["mentor"] for s in api(client, "get", f"requests/{request_id}/suggestions/").json()] == [
        offer.mentor.username
    ]
    match = api(client, "post", "matches/", {"request_id": request_id, "offer_id": offer.pk})
    assert match.status_code == 201 and match.json()["state"] == "proposed"
    match_id = match.json()["id"]
    again = api(client, "post", "matches/", {"request_id": request_id, "offer_id": offer.pk})
    assert again.status_code == 422 and again["Content-Type"] == "application/problem+json"
    assert api(client, "post", f"matches/{match_id}/answer/", {"accept": True}).status_code == 403
    client.force_login(MemberFactory(department=department))
    assert api(client, "get", "requests/").json()["items"] == []
    assert api(client, "post", f"matches/{match_id}/answer/", {"accept": True}).status_code == 404
    for person in (offer.mentor, asker):
        client.force_login(person)
        answered = api(client, "post", f"matches/{match_id}/answer/", {"accept": True})
        assert answered.status_code == 200
    assert answered.json()["state"] == "accepted" and answered.json()["relationship_id"]


def test_the_api_refuses_bad_input_with_a_problem_and_stores_nothing(client, department):
    client.force_login(MemberFactory(department=department))
    response = api(
        client, "post", "requests/", {"department_id": department.pk, "wants_to_learn": "x", "languages": ["xx"]}
    )
    assert response.status_code == 422 and response["Content-Type"] == "application/problem+json"
    other = api(
        client,
        "post",
        "requests/",
        {"department_id": DepartmentFactory().pk, "wants_to_learn": "x", "languages": ["en"]},
    )
    assert other.status_code == 403
    assert not MentorRequest.objects.exists()
    assert api(client, "get", "summary/").status_code == 403


def test_the_summary_and_the_pool_for_a_coordinator(client, department, coordinator):
    MentorOfferFactory(department=department)
    MentorRequestFactory(department=department)
    MentorRequestFactory(department=department)
    client.force_login(coordinator)
    summary = api(client, "get", "summary/").json()
    assert summary["demand_exceeds_capacity"] is True and summary["advice"]
    assert [offer["one_on_one_taken"] for offer in api(client, "get", "offers/").json()["items"]] == [0]


# Queries that do not grow with the staff


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def add_staff(department, count):
    """`count` colleagues in the department, one in ten offering to mentor and one in ten asking for a mentor."""
    from django.contrib.auth import get_user_model

    User = get_user_model()
    start = User.objects.count()
    users = User.objects.bulk_create(User(username=f"bulk{start + n}") for n in range(count))
    department.members_group.user_set.add(*users)
    MentorOffer.objects.bulk_create(
        MentorOffer(mentor=user, department=department, languages=["en"]) for user in users[::10]
    )
    MentorRequest.objects.bulk_create(
        MentorRequest(mentee=user, department=department, languages=["en"], wants_to_learn="x") for user in users[5::10]
    )


@pytest.mark.parametrize("url", ["", "requests/", "/api/pool/requests/", "/api/pool/matches/", "/api/pool/offers/"])
def test_the_pools_pages_cost_the_same_queries_with_10000_staff(client, department, coordinator, url):
    target = url if url.startswith("/") else f"{POOL}{url}"
    MentorOfferFactory(department=department)
    MentorRequestFactory(department=department)
    client.force_login(coordinator)
    client.get(target)
    few = queries(client, target)
    add_staff(department, 10_000)
    many = queries(client, target)
    assert few == many <= 15, f"{target}: {few} queries, then {many}"
