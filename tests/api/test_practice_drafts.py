"""Drafts of good practices through the API, as the site's "Save as draft": private to their author, stored as sent
(typed, strict), written with PUT (whole) and PATCH (merge patch), guarded by ETag/If-Match and Idempotency-Key,
sent to the moderators by the site's own operation, and drafted from a stage 5 evaluation for those who may see it.
Every refusal is a problem with nothing stored."""

import pytest
from django.test import TestCase

from forms_library.models import FilledForm
from practices.pages import PracticePage
from practices.pending import PendingAttachment, PracticeDraft
from tests.api.test_attachments import bearer
from tests.factories import (
    DepartmentFactory,
    FilledFormFactory,
    MemberFactory,
    RelationshipFactory,
    StageOutputFactory,
    SuperuserFactory,
    form_template,
)
from tests.practices.conftest import pdf_file, practice_data
from tests.security.test_hostile_input import stored

pytestmark = pytest.mark.django_db

URL = "/api/practices/drafts/"
FULL = {
    "language": "en",
    "title": "A weekly housing desk with an interpreter",
    "summary": "Newcomers bring their housing questions to one desk.",
    "service_area": "housing",
    "country": "GR",
    "municipality": "Elmstead (fictional)",
    "department": "Housing",
    "stage": 5,
    "challenge": "Questions went to five offices.",
    "what_was_done": "One desk and an interpreter.",
    "results": "Fewer visits.",
    "reuse": "A room and an interpreter.",
    "contact": "housing@example.org",
    "licence": "cc-by-4.0",
    "tags": ["housing", "interpreting desk"],
}


@pytest.fixture
def person():
    return MemberFactory()


@pytest.fixture
def auth(person):
    return bearer(person)


def post(client, auth, body, url=URL, **headers):
    return client.post(url, body, content_type="application/json", **auth, **headers)


def patch(client, auth, url, body, **headers):
    return client.patch(url, body, content_type="application/merge-patch+json", **auth, **headers)


def problem(response, status):
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"] == "application/problem+json"
    return response.json()


def locations(response):
    """The member each error names (ninja puts the body's parameter name before the members it checks)."""
    return [error["loc"][-1] for error in response.json()["errors"]]


def test_a_draft_is_stored_as_sent_and_read_back_with_its_etag(client, person, auth):
    response = post(client, auth, {"language": "en", "title": "  Half typed ", "stage": 2, "tags": ["b", "a"]})
    assert response.status_code == 201, response.content
    draft = response.json()
    assert response["Location"] == draft["detail_url"]
    assert draft["detail_url"].startswith("http") and draft["detail_url"].endswith(f"{URL}{draft['id']}/")
    # Nothing is checked or trimmed in a draft: it is what was typed.
    assert draft["title"] == "  Half typed " and draft["stage"] == 2 and draft["tags"] == ["a", "b"]
    assert draft["summary"] == "" and draft["service_area"] is None and draft["licence"] == ""
    assert draft["updated_at"].endswith("Z") and draft["attachments"] == []
    read = client.get(draft["detail_url"], **auth)
    assert read.json() == draft and read["ETag"] == response["ETag"]
    listed = client.get(URL, **auth).json()
    assert listed["count"] == 1 and listed["items"][0]["id"] == draft["id"]
    assert PracticeDraft.objects.get().owner == person


def test_a_draft_is_its_authors_only(client, auth):
    draft = post(client, auth, FULL).json()
    url = draft["detail_url"]
    for other in (bearer(MemberFactory()), bearer(SuperuserFactory())):
        before = stored()
        assert client.get(URL, **other).json()["count"] == 0
        problem(client.get(url, **other), 404)
        problem(client.put(url, FULL, content_type="application/json", **other), 404)
        problem(patch(client, other, url, {"title": "Mine"}), 404)
        problem(client.delete(url, **other), 404)
        problem(post(client, other, {}, url=f"{url}submit/"), 404)
        assert stored() == before and PracticeDraft.objects.get().title == FULL["title"]
    problem(client.get(url), 401)
    problem(client.post(URL, {"language": "en"}, content_type="application/json"), 401)


@pytest.mark.parametrize(
    ("body", "member"),
    [
        ({"language": "en", "stage": True}, "stage"),
        ({"language": "en", "stage": "5"}, "stage"),
        ({"language": "en", "stage": 6}, "stage"),
        ({"language": "en", "service_area": "gardens"}, "service_area"),
        ({"language": "en", "country": "FR"}, "country"),
        ({"language": "en", "country": ""}, "country"),
        ({"language": "en", "licence": "gpl"}, "licence"),
        ({"language": "en", "title": 5}, "title"),
        ({"language": "en", "title": "x" * 10_001}, "title"),
        ({"language": "en", "tags": ["housing", "housing"]}, "tags"),
        ({"language": "en", "tags": "housing"}, "tags"),
        ({"language": "fr"}, "language"),
        ({"title": "No language"}, "language"),
        ({"language": "en", "owner": 1}, "owner"),
    ],
)
def test_a_wrong_member_is_refused_by_name_and_nothing_is_stored(client, auth, body, member):
    before = stored()
    response = post(client, auth, body)
    problem(response, 422)
    assert locations(response) == [member]
    assert stored() == before


def test_put_replaces_the_whole_draft_and_requires_every_member(client, auth):
    created = post(client, auth, FULL)
    url = created.json()["detail_url"]
    partial = {name: value for name, value in FULL.items() if name not in ("summary", "tags")}
    response = client.put(url, partial, content_type="application/json", **auth)
    problem(response, 422)
    assert sorted(locations(response)) == ["summary", "tags"]
    assert client.get(url, **auth)["ETag"] == created["ETag"]
    replaced = {**FULL, "title": "Another desk", "stage": None, "tags": []}
    response = client.put(url, replaced, content_type="application/json", **auth, HTTP_IF_MATCH=created["ETag"])
    assert response.status_code == 200, response.content
    assert {name: response.json()[name] for name in FULL} == replaced
    assert response["ETag"] != created["ETag"]


def test_patch_changes_only_what_it_names_and_null_empties_a_member(client, auth):
    url = post(client, auth, FULL).json()["detail_url"]
    response = patch(client, auth, url, {"results": "Half the visits.", "stage": None, "tags": None})
    assert response.status_code == 200, response.content
    draft = response.json()
    assert draft["results"] == "Half the visits." and draft["stage"] is None and draft["tags"] == []
    assert draft["title"] == FULL["title"] and draft["licence"] == FULL["licence"]
    problem(patch(client, auth, url, {"language": None}), 422)
    problem(
        client.patch(url, [{"op": "remove", "path": "/title"}], content_type="application/json-patch+json", **auth), 415
    )


def test_a_stale_if_match_is_refused_and_changes_nothing(client, auth):
    created = post(client, auth, FULL)
    url = created.json()["detail_url"]
    patch(client, auth, url, {"title": "Changed by another system"})
    before = stored()
    stale = {"HTTP_IF_MATCH": created["ETag"]}
    problem(client.put(url, FULL, content_type="application/json", **auth, **stale), 412)
    problem(patch(client, auth, url, {"title": "Mine"}, **stale), 412)
    problem(client.delete(url, **auth, **stale), 412)
    problem(post(client, auth, {}, url=f"{url}submit/", **stale), 412)
    assert stored() == before
    assert PracticeDraft.objects.get().title == "Changed by another system"


def test_an_idempotency_key_makes_one_draft(client, auth):
    key = {"HTTP_IDEMPOTENCY_KEY": "draft-1"}
    first = post(client, auth, FULL, **key)
    again = post(client, auth, FULL, **key)
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json() and again["ETag"] == first["ETag"]
    assert PracticeDraft.objects.count() == 1
    problem(post(client, auth, {**FULL, "title": "Another"}, **key), 422)
    assert PracticeDraft.objects.count() == 1


def test_delete_removes_the_draft_with_its_files(client, person, auth):
    url = post(client, auth, FULL).json()["detail_url"]
    draft = PracticeDraft.objects.get()
    PendingAttachment.objects.create(owner=person, draft=draft, file=pdf_file(), name="plan.pdf", size=10)
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.delete(url, **auth)
    assert response.status_code == 204
    assert not PracticeDraft.objects.exists() and not PendingAttachment.objects.exists()
    problem(client.get(url, **auth), 404)


def test_submitting_a_draft_sends_it_to_the_moderators_with_its_files(client, person, auth):
    created = post(client, auth, FULL)
    url = created.json()["detail_url"]
    draft = PracticeDraft.objects.get()
    PendingAttachment.objects.create(owner=person, draft=draft, file=pdf_file(), name="plan.pdf", size=10)
    key = {"HTTP_IDEMPOTENCY_KEY": "send-1", "HTTP_IF_MATCH": created["ETag"]}
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = post(client, auth, {}, url=f"{url}submit/", **key)
    assert response.status_code == 201, response.content
    assert response.json()["state"] == "awaiting_moderation"
    page = PracticePage.objects.get(pk=response.json()["id"])
    assert page.owner == person and page.workflow_in_progress and not page.live
    assert page.title == FULL["title"] and page.licence == FULL["licence"]
    assert sorted(tag.name for tag in page.tags.all()) == FULL["tags"]
    assert [attachment.document.filename for attachment in page.attachments.all()] == ["plan.pdf"]
    assert not PracticeDraft.objects.exists() and not PendingAttachment.objects.exists()
    # Sent again with its key: the same answer, nothing sent twice; without it, the draft is gone.
    again = post(client, auth, {}, url=f"{url}submit/", **key)
    assert again.status_code == 201 and again.json() == response.json()
    assert PracticePage.objects.filter(owner=person).count() == 1
    problem(post(client, auth, {}, url=f"{url}submit/"), 404)
    mine = client.get(f"/api/practices/mine/{page.pk}/", **auth).json()
    assert mine["state"] == "awaiting_moderation" and mine["attachments"][0]["file_name"] == "plan.pdf"


def test_a_draft_the_form_refuses_is_not_sent_and_stays(client, auth):
    url = post(client, auth, {"language": "en", "title": "Only a title ", "stage": 3}).json()["detail_url"]
    before = stored()
    response = post(client, auth, {}, url=f"{url}submit/")
    problem(response, 422)
    missing = set(locations(response))
    assert {"summary", "service_area", "country", "challenge"} <= missing
    patch(client, auth, url, {name: value for name, value in FULL.items() if name != "title"})
    response = post(client, auth, {}, url=f"{url}submit/")
    problem(response, 422)
    assert locations(response) == ["title"]  # the form would trim it: refused, not changed
    assert stored() == before and PracticeDraft.objects.count() == 1


@pytest.fixture
def evaluation_output():
    department = DepartmentFactory()
    relationship = RelationshipFactory(department=department, current_stage=5)
    mentee = relationship.mentees.get()
    filled = FilledFormFactory(template=form_template("evaluation"), owner=mentee, status=FilledForm.Status.COMPLETE)
    filled.answers = {**filled.answers, "worked_best": "The shared checklist.", "good_practices": "One desk."}
    filled.save()
    return StageOutputFactory(relationship=relationship, author=mentee, filled_form=filled, state="mentor_review")


def test_a_draft_from_a_stage_5_evaluation_is_prefilled_and_keeps_its_note(client, evaluation_output):
    mentee = evaluation_output.author
    auth = bearer(mentee)
    response = post(
        client, auth, {"language": "en", "results": "Fewer visits."}, url=f"{URL}?from_output={evaluation_output.pk}"
    )
    assert response.status_code == 201, response.content
    draft = response.json()
    department = evaluation_output.relationship.department
    assert draft["title"] == evaluation_output.title and draft["stage"] == 5
    assert draft["department"] == department.name and draft["what_was_done"] == "The shared checklist."
    assert draft["summary"] == "One desk." and draft["results"] == "Fewer visits."
    assert f"stage output {evaluation_output.pk}" in draft["drafted_from"]
    # The site's form resumes it, as any draft.
    client.force_login(mentee)
    page = client.get(f"/en/practices/submit/?draft={draft['id']}").content.decode()
    assert "The shared checklist." in page


def test_only_those_who_may_see_the_output_draft_from_it(client, evaluation_output):
    for outsider in (MemberFactory(), MemberFactory(department=DepartmentFactory())):
        before = stored()
        response = post(client, bearer(outsider), {"language": "en"}, url=f"{URL}?from_output={evaluation_output.pk}")
        problem(response, 404)
        assert stored() == before and not PracticeDraft.objects.exists()
    mentor = evaluation_output.relationship.mentor
    response = post(client, bearer(mentor), {"language": "en"}, url=f"{URL}?from_output={evaluation_output.pk}")
    assert response.status_code == 201


def test_a_stage_output_that_is_no_evaluation_drafts_nothing(client):
    output = StageOutputFactory()
    assert output.stage != 5
    before = stored()
    problem(post(client, bearer(output.author), {"language": "en"}, url=f"{URL}?from_output={output.pk}"), 404)
    assert stored() == before


def test_a_draft_saved_on_the_site_is_read_and_sent_through_the_api(client, person, auth):
    client.force_login(person)
    response = client.post("/en/practices/submit/", {**practice_data(), "action": "draft"})
    assert response.status_code == 302
    draft = PracticeDraft.objects.get(owner=person)
    read = client.get(f"{URL}{draft.pk}/", **auth).json()
    assert read["tags"] == ["intérpretes", "vivienda"] and read["stage"] == 5 and read["country"] == "ES"
    response = post(client, auth, {}, url=f"{URL}{draft.pk}/submit/")
    assert response.status_code == 201, response.content
    assert PracticePage.objects.get(pk=response.json()["id"]).submission_token is not None
