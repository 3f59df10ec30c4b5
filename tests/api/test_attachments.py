"""A practice's attachments through the API, as on the site: sent with the practice (multipart), listed in its
representation, downloaded by whoever may read the practice, added, replaced and removed by the submitter while the
moderators ask for changes; judged exactly as the site's form judges them, refused with a 422 naming the field, and
nothing stored on error."""

import json
import re
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from wagtail.models import APIToken

from practices.pages import PracticePage
from practices.submitted_attachments import documents_of
from tests.conftest import translated
from tests.factories import EditorFactory, MemberFactory, PracticePageFactory
from tests.practices.conftest import docx_file, pdf_file
from tests.practices.test_submission import moderate
from tests.security.test_hostile_input import stored

pytestmark = pytest.mark.django_db

PRACTICE = {
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
    "tags": ["housing"],
}


def named(name):
    """A stored file's name: the name sent, with the storage's suffix when another file had it."""
    stem, _dot, extension = name.rpartition(".")
    return re.compile(rf"^{re.escape(stem)}(_[A-Za-z0-9]{{7}})?\.{extension}$")


def stems(attachments):
    return [re.sub(r"_[A-Za-z0-9]{7}\.", ".", attachment["file_name"]) for attachment in attachments]


@pytest.fixture
def person():
    return MemberFactory()


def bearer(user):
    _token, plaintext = APIToken.create_token(user=user, name="attachments")
    return {"HTTP_AUTHORIZATION": f"Bearer {plaintext}"}


def submit(client, person, files, **headers):
    return client.post(
        "/api/practices/",
        {"practice": json.dumps(PRACTICE), "attachments": files},
        **bearer(person),
        **headers,
    )


def representation(client, person, pk):
    response = client.get(f"/api/practices/mine/{pk}/", **bearer(person))
    assert response.status_code == 200, response.content[:300]
    return response


def exe(name="checklist.pdf"):
    return SimpleUploadedFile(name, b"MZ\x90\x00" + b"\x00" * 200, content_type="application/pdf")


def test_a_practice_is_submitted_with_attachments_and_lists_them(client, person, settings):
    settings.WAGTAILAPI_BASE_URL = "https://hub.example.org"
    response = submit(client, person, [pdf_file("checklist.pdf"), docx_file("guide.docx")])
    assert response.status_code == 201, response.content[:500]
    practice = representation(client, person, response.json()["id"]).json()
    first, second = practice["attachments"]
    assert named("checklist.pdf").match(first["file_name"]) and first["media_type"] == "application/pdf"
    assert second["media_type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert first["size"] == pdf_file().size
    assert first["download_url"] == f"https://hub.example.org/api/practices/{practice['id']}/attachments/{first['id']}/"
    assert practice["title"] == PRACTICE["title"] and practice["state"] == "awaiting_moderation"


def test_json_submission_without_attachments_is_unchanged(client, person):
    response = client.post("/api/practices/", PRACTICE, content_type="application/json", **bearer(person))
    assert response.status_code == 201
    assert representation(client, person, response.json()["id"]).json()["attachments"] == []


def test_the_submitter_downloads_before_publication_everyone_after(client, person):
    pk = submit(client, person, [pdf_file("checklist.pdf")]).json()["id"]
    [attachment] = representation(client, person, pk).json()["attachments"]
    path = attachment["download_url"].split("://", 1)[1].partition("/")[2]
    path = "/" + path
    own = client.get(path, **bearer(person))
    assert own.status_code == 200
    assert own["Content-Type"] == "application/pdf"
    assert own["Content-Disposition"].startswith("attachment") and first_name_in(own, attachment)
    assert b"".join(own.streaming_content) == pdf_file().read()
    for other in (Client().get(path), client.get(path, **bearer(MemberFactory()))):
        assert other.status_code == 404
        assert other["Content-Type"] == "application/problem+json"
    assert client.get(path, HTTP_AUTHORIZATION="Bearer revoked-or-unknown").status_code == 401

    moderate(PracticePage.objects.get(pk=pk), EditorFactory(), "approve")
    assert Client().get(path).status_code == 200
    assert client.get(f"/api/practices/{pk}/attachments/{attachment['id'] + 10_000}/").status_code == 404


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ([exe()], "“%(name)s” does not contain what its name says."),
        ([pdf_file("run.exe")], "“%(name)s” is not a PDF, Word (DOCX), OpenDocument text (ODT) or image file."),
        ([pdf_file(size=10 * 1024 * 1024 + 1)], "“%(name)s” is larger than %(size)s, the largest file the site takes."),
    ],
)
def test_a_file_the_site_refuses_is_a_translated_422_at_attachments_and_nothing_is_stored(
    client, person, files, message
):
    before = stored()
    response = submit(client, person, files, HTTP_ACCEPT_LANGUAGE="de")
    assert response.status_code == 422, response.content[:300]
    assert response["Content-Type"] == "application/problem+json"
    [error] = response.json()["errors"]
    assert error["loc"] == ["body", "attachments"]
    assert error["msg"] == translated(message, "de") % {"name": files[0].name, "size": "10,0\xa0MB"}
    assert stored() == before


def test_more_files_than_the_site_takes_are_refused(client, person):
    before = stored()
    response = submit(client, person, [pdf_file(f"{n}.pdf") for n in range(6)])
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["body", "attachments"]
    assert stored() == before


def test_a_multipart_submission_needs_its_practice_part(client, person):
    response = client.post("/api/practices/", {"attachments": [pdf_file()]}, **bearer(person))
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["body", "practice"]
    invalid = client.post(
        "/api/practices/",
        {"practice": json.dumps({**PRACTICE, "country": "XX"}), "attachments": [pdf_file()]},
        **bearer(person),
    )
    assert invalid.status_code == 422
    assert not PracticePage.objects.filter(owner=person).exists()


def test_an_idempotency_key_covers_the_files_too(client, person):
    key = str(uuid.uuid4())
    first = submit(client, person, [pdf_file("a.pdf")], HTTP_IDEMPOTENCY_KEY=key)
    again = submit(client, person, [pdf_file("a.pdf")], HTTP_IDEMPOTENCY_KEY=key)
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json()
    other = submit(client, person, [pdf_file("b.pdf")], HTTP_IDEMPOTENCY_KEY=key)
    assert other.status_code == 422
    assert PracticePage.objects.filter(owner=person).count() == 1


@pytest.fixture
def sent_back(person):
    """A practice of the person's that the moderators sent back, with one attachment."""
    page = PracticePageFactory(owner=person, state="changes_requested")
    response = Client().post(
        f"/api/practices/mine/{page.pk}/attachments/", {"attachments": [pdf_file("first.pdf")]}, **bearer(person)
    )
    assert response.status_code == 200, response.content[:300]
    return page


def test_the_submitter_adds_replaces_and_removes_attachments_while_changes_are_asked(client, person, sent_back):
    url = f"/api/practices/mine/{sent_back.pk}/attachments/"
    read = representation(client, person, sent_back.pk)
    [first] = read.json()["attachments"]

    added = client.post(url, {"attachments": [docx_file("plan.docx")]}, HTTP_IF_MATCH=read["ETag"], **bearer(person))
    assert added.status_code == 200, added.content[:300]
    assert stems(added.json()["attachments"]) == ["first.pdf", "plan.docx"]
    assert added["ETag"] != read["ETag"]

    stale = client.post(url, {"attachments": [pdf_file()]}, HTTP_IF_MATCH=read["ETag"], **bearer(person))
    assert stale.status_code == 412
    assert len(representation(client, person, sent_back.pk).json()["attachments"]) == 2

    replaced = client.put(
        f"{url}{first['id']}/",
        encode_multipart({"file": pdf_file("second.pdf")}),
        content_type=MULTIPART,
        **bearer(person),
    )
    assert replaced.status_code == 200, replaced.content[:300]
    names = stems(replaced.json()["attachments"])
    assert names == ["second.pdf", "plan.docx"]
    gone = replaced.json()["attachments"][1]["id"]

    removed = client.delete(f"{url}{gone}/", **bearer(person))
    assert removed.status_code == 204
    assert removed["ETag"] == representation(client, person, sent_back.pk)["ETag"]
    assert stems(representation(client, person, sent_back.pk).json()["attachments"]) == ["second.pdf"]
    assert client.delete(f"{url}{gone}/", **bearer(person)).status_code == 404

    # Sent again (an empty PATCH): the moderators' version has the attachments.
    assert (
        client.patch(
            f"/api/practices/mine/{sent_back.pk}/", {}, content_type="application/json", **bearer(person)
        ).status_code
        == 200
    )
    latest = PracticePage.objects.get(pk=sent_back.pk).get_latest_revision_as_object()
    assert [bool(named("second.pdf").match(document.filename)) for document in documents_of(latest)] == [True]


def test_attachments_change_only_while_the_moderators_ask_for_changes_and_only_the_submitters(client, person):
    waiting = PracticePageFactory(owner=person, state="in_moderation")
    sent_back = PracticePageFactory(state="changes_requested")
    before = stored()
    response = client.post(
        f"/api/practices/mine/{waiting.pk}/attachments/", {"attachments": [pdf_file()]}, **bearer(person)
    )
    assert response.status_code == 409
    response = client.post(
        f"/api/practices/mine/{sent_back.pk}/attachments/", {"attachments": [pdf_file()]}, **bearer(person)
    )
    assert response.status_code == 404
    assert stored() == before


def test_a_refused_added_file_is_a_422_and_nothing_changes(client, person, sent_back):
    read = representation(client, person, sent_back.pk)
    before = stored()
    response = client.post(
        f"/api/practices/mine/{sent_back.pk}/attachments/", {"attachments": [exe()]}, **bearer(person)
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["body", "attachments"]
    assert stored() == before
    assert representation(client, person, sent_back.pk)["ETag"] == read["ETag"]
    missing = client.post(f"/api/practices/mine/{sent_back.pk}/attachments/", {}, **bearer(person))
    assert missing.status_code == 422


MULTIPART = "multipart/form-data; boundary=BoUnDaRy"


def encode_multipart(data):
    from django.test.client import encode_multipart as encode

    return encode("BoUnDaRy", data)


def first_name_in(response, attachment):
    return f'filename="{attachment["file_name"]}"' in response["Content-Disposition"]


def test_text_where_files_go_and_unknown_parts_are_refused(client, person):
    before = stored()
    response = client.post(
        "/api/practices/", {"practice": json.dumps(PRACTICE), "attachments": "{}", "colour": "blue"}, **bearer(person)
    )
    assert response.status_code == 422
    assert [error["loc"] for error in response.json()["errors"]] == [["body", "attachments"], ["body", "colour"]]
    assert stored() == before


def test_the_sites_word_downloads_are_in_the_api_too(client):
    from tests.factories import form_template

    swot = form_template("swot-analysis")
    blank = client.get(f"/api/forms/templates/{swot.pk}/docx/", {"locale": "el"})
    assert blank.status_code == 200
    assert blank["Content-Type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert client.get(f"/api/forms/templates/{swot.pk}/docx/", {"locale": "xx"}).status_code == 422
    published = PracticePageFactory(state="published")
    assert Client().get(f"/api/practices/{published.pk}/docx/").status_code == 200
    waiting = PracticePageFactory(state="in_moderation")
    assert Client().get(f"/api/practices/{waiting.pk}/docx/").status_code == 404
