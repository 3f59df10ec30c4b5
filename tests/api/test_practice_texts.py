"""Reject, don't repair, for a practice's texts too (as for a filled form's answers): a member the submission form
would store otherwise than it was sent is refused with a 422 naming it, and nothing is stored or changed."""

import pytest

from practices.pages import PracticePage
from tests.api.test_attachments import PRACTICE, bearer
from tests.conftest import translated
from tests.factories import MemberFactory, PracticePageFactory
from tests.security.test_hostile_input import stored

pytestmark = pytest.mark.django_db

TRIMMED = "This text would not be stored as it was sent: send it without spaces around it."


@pytest.fixture
def person():
    return MemberFactory()


def submit(client, person, headers=None, **changes):
    body = {**PRACTICE, **changes}
    return client.post("/api/practices/", body, content_type="application/json", **bearer(person), **(headers or {}))


@pytest.mark.parametrize(
    ("member", "value"),
    [
        ("title", " A desk"),
        ("summary", "One desk.\n"),
        ("municipality", "Elmstead "),
        ("contact", "\thousing@example.org"),
        ("challenge", "  Questions went to five offices."),
        ("results", "Fewer visits.\n\n\nAnd shorter queues."),
        ("reuse", "\n\nA room."),
        ("tags", ["housing", "housing"]),
        ("tags", [" housing"]),
    ],
)
def test_a_member_the_form_would_change_is_refused_by_name_and_nothing_is_stored(client, person, member, value):
    before = stored()
    response = submit(client, person, **{member: value})
    assert response.status_code == 422, response.content[:300]
    assert response["Content-Type"] == "application/problem+json"
    assert [error["loc"] for error in response.json()["errors"]] == [["body", member]]
    assert stored() == before


def test_the_refusal_is_in_the_readers_language(client, person):
    response = submit(client, person, {"HTTP_ACCEPT_LANGUAGE": "el"}, title="A desk ")
    assert response.json()["errors"][0]["msg"] == translated(TRIMMED, "el")


def test_texts_as_the_form_keeps_them_are_stored_exactly_as_sent(client, person):
    texts = {
        "challenge": "Line one\nLine two\n\nA second paragraph, with <b>no markup</b> & an ampersand.",
        "tags": ["housing", "interpreting desk"],
    }
    response = submit(client, person, **texts)
    assert response.status_code == 201, response.content[:300]
    practice = client.get(f"/api/practices/mine/{response.json()['id']}/", **bearer(person)).json()
    assert practice["challenge"] == texts["challenge"]
    assert practice["tags"] == sorted(texts["tags"])
    assert practice["title"] == PRACTICE["title"]


def test_a_change_the_form_would_alter_is_refused_and_the_submission_stays_as_it_was(client, person):
    page = PracticePageFactory(owner=person, state="changes_requested")
    url = f"/api/practices/mine/{page.pk}/"
    read = client.get(url, **bearer(person))
    before = stored()
    for body in ({"summary": "Changed "}, {"what_was_done": "Changed\n\n\nTwice."}):
        response = client.patch(url, body, content_type="application/merge-patch+json", **bearer(person))
        assert response.status_code == 422
        assert response.json()["errors"][0]["loc"] == ["body", next(iter(body))]
    content = {name: read.json()[name] for name in PRACTICE if name != "language"}
    response = client.put(url, {**content, "title": " Padded"}, content_type="application/json", **bearer(person))
    assert response.status_code == 422
    assert stored() == before
    assert client.get(url, **bearer(person))["ETag"] == read["ETag"]
    assert PracticePage.objects.get(pk=page.pk).get_latest_revision_as_object().summary == page.summary
