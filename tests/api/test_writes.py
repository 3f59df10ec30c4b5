"""Data is never lost or silently changed through the API: PUT replaces and requires the whole of what it
replaces, PATCH (JSON Merge Patch) changes only what it names, answers are stored exactly as they were sent, in
their kind's type, or refused with 422 at the field; ETags and If-Match keep two systems from overwriting each
other; a completed form answers 409 to a write."""

import datetime
import threading

import jsonschema_rs
import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from guardian.shortcuts import assign_perm
from wagtail.models import APIToken

from forms_library.kinds import KINDS
from forms_library.records import FilledForm
from home.models import IdempotencyKey
from practices.models import PracticePage
from tests.factories import FilledFormFactory, FormTemplatePageFactory, MemberFactory, PracticePageFactory, form_field

pytestmark = pytest.mark.django_db

MERGE_PATCH = "application/merge-patch+json"
SWOT = {"strengths": "Patience", "weaknesses": "Queues", "opportunities": "", "threats": ""}


@pytest.fixture
def person():
    return MemberFactory()


def token_of(user):
    _token, plaintext = APIToken.create_token(user=user, name="writes")
    return {"HTTP_AUTHORIZATION": f"Bearer {plaintext}"}


@pytest.fixture
def bearer(person):
    return token_of(person)


@pytest.fixture
def template():
    return FormTemplatePageFactory(
        fields=[
            ("short_text", form_field("Subject", "subject", required=True)),
            ("number", form_field("Minutes", "minutes")),
            ("rating_scale", form_field("Rating", "rating", low_label="Poor", high_label="Very good")),
            ("yes_no", form_field("Agreed", "agreed")),
            ("date", form_field("Date", "day")),
            ("multiple_choice", form_field("Topics", "topics", choices=["Housing", "Health"])),
            ("repeating_table", form_field("Steps", "steps", columns=["Step", "Who"], initial_rows=3)),
            ("signatures", form_field("Signatures", "signatures", signatories=["Mentor", "Mentee"])),
            ("swot_grid", form_field("SWOT", "swot", **{f"{p}_label": p for p in SWOT})),
        ]
    )


def choice_ids(template, name):
    return [choice_id for d in template.definitions if d.name == name for choice_id, _label in d.choices]


def full_answers(template):
    return {
        "subject": "Front desk",
        "minutes": 60,
        "rating": 4,
        "agreed": "yes",
        "day": "2026-12-07",
        "topics": choice_ids(template, "topics")[:1],
        "steps": [["Call the family", "Maria"]],
        "signatures": [["Maria Papadopoulou", "mentor", "2026-12-07"], ["", "", ""]],
        "swot": SWOT,
    }


@pytest.fixture
def draft(person, template):
    return FilledFormFactory(owner=person, template=template, answers=full_answers(template))


def create(client, bearer, template, answers, **extra):
    body = {"template_id": template.pk, "answers": answers, **extra}
    return client.post("/api/forms/mine/", body, content_type="application/json", **bearer)


def put(client, bearer, filled, body, **headers):
    return client.put(f"/api/forms/mine/{filled.pk}/", body, content_type="application/json", **bearer, **headers)


def patch(client, bearer, filled, body, content_type=MERGE_PATCH, **headers):
    return client.patch(f"/api/forms/mine/{filled.pk}/", body, content_type=content_type, **bearer, **headers)


def error_fields(response):
    return {entry["loc"][-1] for entry in response.json()["errors"]}


def unchanged(filled):
    before = (filled.answers, filled.status, filled.updated_at)
    filled.refresh_from_db()
    return (filled.answers, filled.status, filled.updated_at) == before


# PUT replaces the whole, and requires it


@pytest.mark.parametrize(
    ("body", "missing"),
    [
        ({"complete": False}, {"answers"}),
        ({"answers": {"subject": "New"}}, {"complete"}),
        ({}, {"answers", "complete"}),
    ],
)
def test_put_without_every_member_is_refused_at_each_and_erases_nothing(client, bearer, draft, body, missing):
    response = put(client, bearer, draft, body)
    assert response.status_code == 422, response.content
    assert error_fields(response) == missing
    assert unchanged(draft)


def test_put_replaces_the_answers_whole(client, bearer, draft):
    response = put(client, bearer, draft, {"answers": {"subject": "Only this"}, "complete": False})
    assert response.status_code == 200, response.content
    assert response.json()["answers"] == {"subject": "Only this"}
    draft.refresh_from_db()
    assert draft.answers == {"subject": "Only this"} and draft.status == "draft"


def test_put_refuses_a_member_it_does_not_define(client, bearer, draft):
    response = put(client, bearer, draft, {"answers": {}, "complete": False, "status": "complete"})
    assert response.status_code == 422 and error_fields(response) == {"status"}
    assert unchanged(draft)


# PATCH changes only what it names


def test_patch_changes_only_the_answers_it_names_and_null_removes_one(client, bearer, draft, template):
    response = patch(client, bearer, draft, {"answers": {"subject": "Changed", "minutes": None}})
    assert response.status_code == 200, response.content
    expected = {**full_answers(template), "subject": "Changed"}
    del expected["minutes"]
    assert response.json()["answers"] == expected
    draft.refresh_from_db()
    assert draft.answers == expected and draft.status == "draft"


def test_patch_merges_a_swot_grid_quadrant_by_quadrant(client, bearer, draft):
    response = patch(client, bearer, draft, {"answers": {"swot": {"threats": "Staff turnover"}}})
    assert response.status_code == 200, response.content
    draft.refresh_from_db()
    assert draft.answers["swot"] == {**SWOT, "threats": "Staff turnover"}


def test_patch_completes_a_draft_with_its_stored_answers(client, bearer, draft, template):
    response = patch(client, bearer, draft, {"complete": True})
    assert response.status_code == 200, response.content
    draft.refresh_from_db()
    assert draft.status == "complete" and draft.answers == full_answers(template)


def test_patch_that_leaves_a_required_answer_out_of_a_completed_form_changes_nothing(client, bearer, draft):
    response = patch(client, bearer, draft, {"answers": {"subject": None}, "complete": True})
    assert response.status_code == 422 and error_fields(response) == {"subject"}
    assert unchanged(draft)


@pytest.mark.parametrize("member", ["answers", "complete"])
def test_patch_cannot_remove_a_member_of_the_form(client, bearer, draft, member):
    response = patch(client, bearer, draft, {member: None})
    assert response.status_code == 422 and error_fields(response) == {member}
    assert unchanged(draft)


def test_patch_takes_json_merge_patch_only(client, bearer, draft):
    response = patch(client, bearer, draft, '[{"op": "remove", "path": "/answers"}]', "application/json-patch+json")
    assert response.status_code == 415
    assert unchanged(draft)
    # Plain JSON is read as the same merge patch.
    assert patch(client, bearer, draft, {"answers": {"subject": "Plain"}}, "application/json").status_code == 200


# Types kept, nothing invented


@pytest.mark.parametrize(("name", "answer"), [("minutes", 60), ("minutes", 2.5), ("minutes", 0), ("rating", 4)])
def test_a_number_is_stored_and_given_back_as_the_number_sent(client, bearer, template, name, answer):
    created = create(client, bearer, template, {name: answer})
    assert created.status_code == 201, created.content
    assert created.json()["answers"] == {name: answer}
    stored = FilledForm.objects.get(pk=created.json()["id"]).answers[name]
    assert stored == answer and type(stored) is type(answer)
    again = client.get(f"/api/forms/mine/{created.json()['id']}/", **bearer).json()["answers"][name]
    assert again == answer and type(again) is type(answer)


def test_answers_never_sent_are_not_invented(client, bearer, template):
    created = create(client, bearer, template, {"subject": "Only the subject"})
    assert created.status_code == 201, created.content
    assert created.json()["answers"] == {"subject": "Only the subject"}
    assert FilledForm.objects.get(pk=created.json()["id"]).answers == {"subject": "Only the subject"}


def test_empty_answers_are_no_answers(client, bearer, template):
    empty = {"minutes": None, "topics": [], "steps": [], "signatures": [["", "", ""], ["", "", ""]], "day": ""}
    created = create(client, bearer, template, {"subject": "S", **empty})
    assert created.status_code == 201, created.content
    assert created.json()["answers"] == {"subject": "S"}


def test_every_answer_sent_is_stored_as_it_was_sent(client, bearer, template):
    created = create(client, bearer, template, full_answers(template), complete=True)
    assert created.status_code == 201, created.content
    assert created.json()["answers"] == full_answers(template)
    assert FilledForm.objects.get(pk=created.json()["id"]).answers == full_answers(template)


# Reject, don't repair


@pytest.mark.parametrize(
    ("name", "answer"),
    [
        ("minutes", "60"),  # a number as a text
        ("minutes", True),
        ("rating", "4"),
        ("rating", 6),
        ("subject", 60),  # a text as a number
        ("subject", " Front desk "),  # it would be stored trimmed
        ("agreed", "maybe"),
        ("topics", ["no-such-choice"]),
        ("steps", [["Call", "Maria", "extra cell"]]),  # more cells than columns: never cut
        ("steps", [["Call"]]),  # fewer: never padded
        ("steps", [["Call", "Maria"], ["", ""]]),  # an empty row would be left out
        ("steps", [["Row", str(n)] for n in range(201)]),  # more rows than a table holds
        ("signatures", [["Maria", "mentor", "2026-12-07"]]),  # fewer rows than signatories
        ("signatures", [["A", "mentor", ""], ["B", "mentee", ""], ["C", "extra", ""]]),  # more
        ("swot", {"strengths": "Patience", "weaknesses": "", "opportunities": ""}),  # a quadrant missing
        ("swot", {**SWOT, "risks": "More"}),
    ],
)
def test_an_answer_the_field_does_not_take_as_it_is_is_refused_and_nothing_stored(
    client, bearer, template, draft, name, answer
):
    created = create(client, bearer, template, {"subject": "S", name: answer} if name != "subject" else {name: answer})
    assert created.status_code == 422, created.content
    assert error_fields(created) == {name}
    assert FilledForm.objects.filter(template=template).count() == 1
    replaced = put(client, bearer, draft, {"answers": {**full_answers(template), name: answer}, "complete": False})
    assert replaced.status_code == 422 and error_fields(replaced) == {name}
    # A merge patch merges a grid's quadrants into the stored ones (test_patch_merges_a_swot_grid_…), so it is
    # refused only when what it makes of the stored answer is refused.
    if name != "swot" or set(answer) - set(SWOT):
        patched = patch(client, bearer, draft, {"answers": {name: answer}})
        assert patched.status_code == 422 and error_fields(patched) == {name}
    assert unchanged(draft)


def test_an_unknown_answer_key_is_refused_by_its_name(client, bearer, template, draft):
    created = create(client, bearer, template, {"subject": "S", "subjcet": "typo"})
    assert created.status_code == 422 and error_fields(created) == {"subjcet"}
    assert created.json()["errors"][0]["loc"] == ["body", "answers", "subjcet"]
    assert FilledForm.objects.filter(template=template).count() == 1
    assert patch(client, bearer, draft, {"answers": {"subjcet": "typo"}}).status_code == 422
    assert unchanged(draft)


# ETag and If-Match


def test_a_filled_form_carries_an_etag_that_each_write_changes(client, bearer, draft):
    read = client.get(f"/api/forms/mine/{draft.pk}/", **bearer)
    etag = read["ETag"]
    assert etag.startswith('"') and client.get(f"/api/forms/mine/{draft.pk}/", **bearer)["ETag"] == etag
    assert client.get(f"/api/forms/mine/{draft.pk}/", HTTP_IF_NONE_MATCH=etag, **bearer).status_code == 304
    changed = patch(client, bearer, draft, {"answers": {"subject": "First"}}, HTTP_IF_MATCH=etag)
    assert changed.status_code == 200, changed.content
    assert changed["ETag"] != etag
    assert client.get(f"/api/forms/mine/{draft.pk}/", **bearer)["ETag"] == changed["ETag"]


@pytest.mark.parametrize("method", ["put", "patch"])
def test_a_write_with_a_stale_if_match_is_refused_and_changes_nothing(client, bearer, draft, template, method):
    stale = client.get(f"/api/forms/mine/{draft.pk}/", **bearer)["ETag"]
    assert patch(client, bearer, draft, {"answers": {"subject": "Another system"}}).status_code == 200
    draft.refresh_from_db()
    body = {"answers": {**full_answers(template), "subject": "Mine"}, "complete": False}
    write = put if method == "put" else patch
    response = write(client, bearer, draft, body, HTTP_IF_MATCH=stale)
    assert response.status_code == 412, response.content
    assert unchanged(draft) and draft.answers["subject"] == "Another system"
    current = client.get(f"/api/forms/mine/{draft.pk}/", **bearer)["ETag"]
    assert write(client, bearer, draft, body, HTTP_IF_MATCH=f'"other", {current}').status_code == 200
    assert write(client, bearer, draft, body, HTTP_IF_MATCH="*").status_code == 200


def test_completing_with_a_stale_if_match_is_refused(client, bearer, draft):
    stale = client.get(f"/api/forms/mine/{draft.pk}/", **bearer)["ETag"]
    patch(client, bearer, draft, {"answers": {"minutes": 30}})
    draft.refresh_from_db()
    assert patch(client, bearer, draft, {"complete": True}, HTTP_IF_MATCH=stale).status_code == 412
    assert unchanged(draft) and draft.status == "draft"


def test_a_status_change_by_a_review_changes_the_etag(client, bearer, draft):
    etag = client.get(f"/api/forms/mine/{draft.pk}/", **bearer)["ETag"]
    FilledForm.objects.filter(pk=draft.pk).update(status=FilledForm.Status.COMPLETE)  # as mentoring/reviews.py does
    assert client.get(f"/api/forms/mine/{draft.pk}/", **bearer)["ETag"] != etag


# A write to a form that is no longer a draft


@pytest.mark.parametrize("method", ["put", "patch"])
def test_a_write_to_a_completed_form_is_a_conflict(client, bearer, person, template, method):
    completed = FilledFormFactory(owner=person, template=template, status=FilledForm.Status.COMPLETE)
    write = put if method == "put" else patch
    response = write(client, bearer, completed, {"answers": {"subject": "Late"}, "complete": False})
    assert response.status_code == 409, response.content
    assert unchanged(completed)


def test_someone_a_form_is_shared_with_reads_it_but_may_not_write_it(client, draft):
    reader = MemberFactory()
    assign_perm("forms_library.view_filledform", reader, draft)
    headers = token_of(reader)
    assert client.get(f"/api/forms/mine/{draft.pk}/", **headers).status_code == 200
    assert put(client, headers, draft, {"answers": {}, "complete": False}).status_code == 403
    assert patch(client, headers, draft, {"answers": {"subject": "Not mine"}}).status_code == 403
    assert unchanged(draft)
    assert patch(client, token_of(MemberFactory()), draft, {"answers": {}}).status_code == 404


# The schema


def test_the_schema_describes_answers_by_field_kind(client):
    schema = client.get("/api/schema/").json()
    answers = schema["components"]["schemas"]["FilledFormOut"]["properties"]["answers"]["additionalProperties"]
    # Answers refer to `Answer`, the anyOf of one schema per kind (docs/api.md, "Answers by field kind").
    assert answers == {"$ref": "#/components/schemas/Answer"}
    answers = schema["components"]["schemas"]["Answer"]
    titles = {member.get("title") or member["$ref"].rsplit("/", 1)[-1] for member in answers["anyOf"]}
    kinds = [name for name, kind in KINDS.items() if kind.is_input]
    assert titles == {"".join(part.title() for part in name.split("_")) + "Answer" for name in kinds}
    swot = schema["components"]["schemas"]["SwotGridAnswer"]
    assert swot["required"] == list(SWOT) and swot["additionalProperties"] is False
    replace = schema["components"]["schemas"]["FilledFormReplace"]
    assert set(replace["required"]) == {"answers", "complete"}
    patch_body = schema["paths"]["/api/forms/mine/{pk}/"]["patch"]["requestBody"]["content"]
    assert MERGE_PATCH in patch_body


# Idempotency keys on the POSTs that create


@pytest.fixture
def practice_body():
    return {
        "language": "en",
        "title": "Text reminders of appointments",
        "summary": "Short.",
        "service_area": "health",
        "country": "DE",
        "municipality": "Elmstead (fictional)",
        "department": "Health office",
        "challenge": "Missed appointments.",
        "what_was_done": "Text messages in five languages.",
        "results": "Fewer missed appointments.",
        "reuse": "Any desk with appointments.",
        "tags": ["sms"],
    }


def test_a_filled_form_created_again_with_the_same_idempotency_key_is_the_same(client, bearer, template):
    body = {"template_id": template.pk, "answers": {"subject": "Once", "minutes": 45}}
    key = {"HTTP_IDEMPOTENCY_KEY": "3c8f0a4e-retry-1"}
    first = client.post("/api/forms/mine/", body, content_type="application/json", **bearer, **key)
    # The same body, its members in another order and spaced otherwise: the same request.
    again = client.post(
        "/api/forms/mine/",
        f'{{"answers": {{"minutes": 45, "subject": "Once"}},   "template_id": {template.pk}}}',
        content_type="application/json",
        **bearer,
        **key,
    )
    assert (first.status_code, again.status_code) == (201, 201), again.content
    assert again.json() == first.json() and again["ETag"] == first["ETag"]
    assert FilledForm.objects.filter(template=template).count() == 1
    other = client.post(
        "/api/forms/mine/", {**body, "answers": {"subject": "Twice"}}, content_type="application/json", **bearer, **key
    )
    assert other.status_code == 422, other.content
    assert FilledForm.objects.filter(template=template).count() == 1
    # Another person's key of the same name is theirs; without a key every POST creates.
    assert create(client, token_of(MemberFactory()), template, body["answers"], **{}).status_code == 201
    assert client.post("/api/forms/mine/", body, content_type="application/json", **bearer).status_code == 201
    assert FilledForm.objects.filter(template=template).count() == 3


def test_a_refused_request_does_not_use_up_its_idempotency_key(client, bearer, template):
    key = {"HTTP_IDEMPOTENCY_KEY": "fix-and-retry"}
    body = {"template_id": template.pk, "answers": {"minutes": "45"}}
    assert client.post("/api/forms/mine/", body, content_type="application/json", **bearer, **key).status_code == 422
    body["answers"]["minutes"] = 45
    assert client.post("/api/forms/mine/", body, content_type="application/json", **bearer, **key).status_code == 201


def test_an_idempotency_key_is_kept_24_hours(client, bearer, template):
    key = {"HTTP_IDEMPOTENCY_KEY": "kept-a-day"}
    body = {"template_id": template.pk, "answers": {"subject": "Day one"}}
    assert client.post("/api/forms/mine/", body, content_type="application/json", **bearer, **key).status_code == 201
    IdempotencyKey.objects.update(created_at=timezone.now() - datetime.timedelta(hours=24, seconds=1))
    assert client.post("/api/forms/mine/", body, content_type="application/json", **bearer, **key).status_code == 201
    assert FilledForm.objects.filter(template=template).count() == 2
    IdempotencyKey.objects.update(created_at=timezone.now() - datetime.timedelta(hours=25))
    call_command("purge_idempotency_keys")
    assert not IdempotencyKey.objects.exists()


def test_a_practice_submitted_again_with_the_same_idempotency_key_is_the_same(client, bearer, practice_body):
    key = {"HTTP_IDEMPOTENCY_KEY": "practice-1"}
    first = client.post("/api/practices/", practice_body, content_type="application/json", **bearer, **key)
    again = client.post("/api/practices/", practice_body, content_type="application/json", **bearer, **key)
    assert (first.status_code, again.status_code) == (201, 201), again.content
    assert again.json() == first.json()
    assert PracticePage.objects.filter(title=practice_body["title"]).count() == 1
    changed = {**practice_body, "title": "Another practice"}
    assert client.post("/api/practices/", changed, content_type="application/json", **bearer, **key).status_code == 422
    assert not PracticePage.objects.filter(title="Another practice").exists()


def test_the_idempotency_key_is_bounded(client, bearer, template):
    body = {"template_id": template.pk, "answers": {}}
    long_key = {"HTTP_IDEMPOTENCY_KEY": "k" * 256}
    assert (
        client.post("/api/forms/mine/", body, content_type="application/json", **bearer, **long_key).status_code == 422
    )
    assert not FilledForm.objects.filter(template=template).exists()


# A submitter's practices, as "My submissions" on the site


@pytest.fixture
def sent_back(person):
    return PracticePageFactory(owner=person, state="changes_requested", tags=["housing"])


def practice_content(response):
    return {name: response.json()[name] for name in PRACTICE_MEMBERS}


PRACTICE_MEMBERS = [
    "title",
    "summary",
    "service_area",
    "country",
    "municipality",
    "department",
    "stage",
    "challenge",
    "what_was_done",
    "results",
    "reuse",
    "contact",
    "tags",
]


def test_a_submitter_lists_and_reads_their_practices_with_the_moderators_comment(client, bearer, person, sent_back):
    waiting = PracticePageFactory(owner=person, state="in_moderation")
    PracticePageFactory(state="changes_requested")  # someone else's
    listed = client.get("/api/practices/mine/", **bearer).json()
    assert [(item["id"], item["state"]) for item in listed["items"]] == [
        (waiting.pk, "awaiting_moderation"),
        (sent_back.pk, "changes_requested"),
    ]
    assert listed["items"][1]["comment"] == "Please add how many people were served."
    read = client.get(f"/api/practices/mine/{sent_back.pk}/", **bearer)
    assert read.status_code == 200 and read["ETag"]
    assert read.json()["challenge"] == "Families did not understand the requirements."
    assert read.json()["tags"] == ["housing"] and read.json()["stage"] == 5
    assert client.get(f"/api/practices/mine/{sent_back.pk}/", **token_of(MemberFactory())).status_code == 404


def test_a_submitter_changes_a_practice_sent_back_and_sends_it_again(client, bearer, sent_back):
    read = client.get(f"/api/practices/mine/{sent_back.pk}/", **bearer)
    content = {**practice_content(read), "results": "Forty families a month were served.", "stage": None}
    response = client.put(
        f"/api/practices/mine/{sent_back.pk}/",
        content,
        content_type="application/json",
        HTTP_IF_MATCH=read["ETag"],
        **bearer,
    )
    assert response.status_code == 200, response.content
    assert response.json()["state"] == "awaiting_moderation"
    assert practice_content(response) == content and response["ETag"] != read["ETag"]
    sent_back.refresh_from_db()
    assert sent_back.current_workflow_state.status == "in_progress"
    assert "Forty families" in sent_back.get_latest_revision_as_object().results
    # Back in moderation: no change until the moderators ask for one again.
    again = client.patch(f"/api/practices/mine/{sent_back.pk}/", {"title": "Later"}, content_type=MERGE_PATCH, **bearer)
    assert again.status_code == 409


def test_put_of_a_practice_requires_every_member(client, bearer, sent_back):
    response = client.put(
        f"/api/practices/mine/{sent_back.pk}/", {"title": "Only a title"}, content_type="application/json", **bearer
    )
    assert response.status_code == 422
    assert error_fields(response) == set(PRACTICE_MEMBERS) - {"title"}
    sent_back.refresh_from_db()
    assert sent_back.current_workflow_state.status == "needs_changes"


def test_patch_of_a_practice_changes_only_what_it_names(client, bearer, sent_back):
    url = f"/api/practices/mine/{sent_back.pk}/"
    refused = client.patch(url, {"title": None}, content_type=MERGE_PATCH, **bearer)
    assert refused.status_code == 422 and error_fields(refused) == {"title"}
    before = practice_content(client.get(url, **bearer))
    response = client.patch(url, {"summary": "Shorter.", "stage": None}, content_type=MERGE_PATCH, **bearer)
    assert response.status_code == 200, response.content
    assert practice_content(response) == {**before, "summary": "Shorter.", "stage": None}


def test_a_practice_change_with_a_stale_if_match_changes_nothing(client, bearer, sent_back):
    response = client.patch(
        f"/api/practices/mine/{sent_back.pk}/",
        {"summary": "Mine."},
        content_type=MERGE_PATCH,
        HTTP_IF_MATCH='"old"',
        **bearer,
    )
    assert response.status_code == 412, response.content
    sent_back.refresh_from_db()
    assert sent_back.current_workflow_state.status == "needs_changes"
    assert sent_back.get_latest_revision_as_object().summary == "An interpreter line at the housing desk."


def test_more_tags_than_a_practice_takes_are_refused_not_cut(client, bearer, practice_body):
    body = {**practice_body, "tags": [f"tag{n}" for n in range(11)]}
    response = client.post("/api/practices/", body, content_type="application/json", **bearer)
    assert response.status_code == 422 and error_fields(response) == {"tags"}
    assert not PracticePage.objects.filter(title=practice_body["title"]).exists()


# Two systems at once (real row locks and unique constraints need PostgreSQL; CI runs the suite there too)


def at_once(*requests):
    """Run each request (a function of a test client) in its own thread and connection, released together."""
    from django.test import Client

    barrier = threading.Barrier(len(requests))
    results = [None] * len(requests)

    def run(index, request):
        client = Client()
        barrier.wait()
        try:
            results[index] = request(client)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(index, request)) for index, request in enumerate(requests)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


@pytest.mark.django_db(transaction=True)
def test_two_posts_with_one_idempotency_key_at_once_create_one_form(committed_world):
    if connection.vendor != "postgresql":
        pytest.skip("concurrent transactions are only real on PostgreSQL")
    person = MemberFactory()
    template = FormTemplatePageFactory(fields=[("short_text", form_field("Subject", "subject"))])
    headers = {**token_of(person), "HTTP_IDEMPOTENCY_KEY": "at-once"}
    body = {"template_id": template.pk, "answers": {"subject": "Once"}}

    def post(client):
        return client.post("/api/forms/mine/", body, content_type="application/json", **headers)

    first, second = at_once(post, post)
    assert (first.status_code, second.status_code) == (201, 201)
    assert first.json() == second.json()
    assert FilledForm.objects.filter(template=template).count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_writes_with_one_if_match_at_once_change_the_form_once(committed_world):
    if connection.vendor != "postgresql":
        pytest.skip("row locks are only real on PostgreSQL")
    person = MemberFactory()
    template = FormTemplatePageFactory(fields=[("short_text", form_field("Subject", "subject"))])
    filled = FilledFormFactory(owner=person, template=template, answers={"subject": "Read"})
    headers = {**token_of(person), "HTTP_IF_MATCH": filled.etag}

    def write(subject):
        return lambda client: client.patch(
            f"/api/forms/mine/{filled.pk}/", {"answers": {"subject": subject}}, content_type=MERGE_PATCH, **headers
        )

    results = at_once(write("First system"), write("Second system"))
    assert sorted(response.status_code for response in results) == [200, 412]
    winner = next(response for response in results if response.status_code == 200)
    filled.refresh_from_db()
    assert filled.answers == winner.json()["answers"]


def test_each_field_of_a_template_gives_the_json_schema_of_its_answers(client, template):
    fields = {field["name"]: field for field in client.get(f"/api/forms/templates/{template.pk}/").json()["fields"]}
    schemas = {name: field["answer_schema"] for name, field in fields.items()}
    assert schemas["topics"]["items"]["enum"] == choice_ids(template, "topics")
    assert (schemas["signatures"]["minItems"], schemas["signatures"]["maxItems"]) == (2, 2)
    assert schemas["steps"]["items"]["minItems"] == schemas["steps"]["items"]["maxItems"] == 2
    assert schemas["swot"]["required"] == list(SWOT)
    assert schemas["rating"]["minimum"] == 1 and schemas["rating"]["maximum"] == 5
    # What the API stores as sent is what the schemas describe, and what they refuse the API refuses.
    for name, answer in full_answers(template).items():
        assert jsonschema_rs.is_valid(schemas[name], answer), (name, answer)
    for name, answer in [("minutes", "60"), ("topics", ["nope"]), ("signatures", [["A", "mentor", ""]])]:
        assert not jsonschema_rs.is_valid(schemas[name], answer), (name, answer)
