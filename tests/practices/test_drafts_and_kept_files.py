"""Submitting a practice without losing anything: the attachment survives a validation error, the long form is
saved as a draft and finished later, the department comes from a list and defaults from the submitter's,
"My submissions" shows what was sent, attachments say their name, type and size; the repository in a language
says how many practices the other languages hold."""

import datetime
import io

import docx
import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import WorkflowState

from practices import moderation, pending
from practices.models import PendingAttachment, PracticeDraft, PracticePage
from practices.word import practice_document
from tests.conftest import translated
from tests.practices.conftest import pdf_file, practice_data

pytestmark = pytest.mark.django_db


def _html(response):
    return BeautifulSoup(response.content, "html.parser")


def _kept_tokens(html):
    return [box["value"] for box in html.select("#id_kept_attachments input[type=checkbox]")]


def test_an_attachment_survives_a_validation_error_and_is_attached_when_the_form_is_sent(client, staff):
    client.force_login(staff)
    pages, documents = PracticePage.objects.count(), get_document_model().objects.count()
    response = client.post(
        "/en/practices/submit/", {**practice_data(challenge=""), "attachments": [pdf_file("plan.pdf", size=2048)]}
    )
    assert response.status_code == 400
    html = _html(response)
    assert html.select_one("#id_challenge_error")
    # The file is kept on the server for its uploader, offered again ticked, named by a signed token.
    kept = PendingAttachment.objects.get(owner=staff)
    assert (kept.name, kept.size, kept.draft) == ("plan.pdf", 2048, None)
    tokens = _kept_tokens(html)
    assert tokens == [kept.token] and html.select_one("#id_kept_attachments input")
    assert "plan.pdf (PDF, 2.0\xa0KB)" in html.select_one("#id_kept_attachments").get_text()
    assert html.select_one("#id_kept_attachments input").has_attr("checked")
    assert (PracticePage.objects.count(), get_document_model().objects.count()) == (pages, documents)
    # The banner says what happened: not sent, the file kept, the form to correct and send again.
    banner = html.select_one("#form-errors p").get_text(strip=True)
    assert "file you attached is kept" in banner and "send the form again" in banner
    assert "Nothing was saved" not in banner

    response = client.post("/en/practices/submit/", {**practice_data(), "kept_attachments": tokens})
    assert response.status_code == 302
    page = PracticePage.objects.get(submission_token=practice_data()["token"])
    [document] = page.attachment_documents()
    assert document.filename.startswith("plan") and document.file_size == 2048
    assert document.title.startswith("plan.pdf (PDF, 2.0\xa0KB)")  # what the moderators see in the admin
    assert document.file.read().startswith(b"%PDF-1.4")
    assert not PendingAttachment.objects.filter(owner=staff).exists()


def test_an_unticked_kept_file_is_left_out(client, staff):
    client.force_login(staff)
    client.post("/en/practices/submit/", {**practice_data(challenge=""), "attachments": [pdf_file()]})
    response = client.post("/en/practices/submit/", practice_data())
    assert response.status_code == 302
    assert PracticePage.objects.get(submission_token=practice_data()["token"]).attachments.count() == 0


def test_another_persons_kept_file_or_a_forged_token_names_nothing(client, staff, editor):
    theirs = pending.keep(pdf_file("theirs.pdf"), editor)
    client.force_login(staff)
    forged = f"{theirs.pk}:forged"
    response = client.post(
        "/en/practices/submit/", {**practice_data(challenge=""), "kept_attachments": [theirs.token, forged]}
    )
    assert response.status_code == 400
    assert "theirs.pdf" not in response.content.decode()
    assert pending.kept([theirs.token, forged], staff) == []


def test_a_draft_is_saved_unchecked_and_seen_by_its_owner_only(client, staff, editor):
    client.force_login(staff)
    response = client.post(
        "/en/practices/submit/",
        {"title": "Half a practice", "summary": "", "action": "draft", "attachments": [pdf_file("notes.pdf")]},
    )
    draft = PracticeDraft.objects.get(owner=staff)
    assert response.status_code == 302 and response["Location"] == f"/en/practices/submit/?draft={draft.pk}"
    assert draft.data["title"] == "Half a practice" and draft.attachments.get().name == "notes.pdf"
    # Not a practice, not in moderation.
    assert not PracticePage.objects.filter(title="Half a practice").exists()
    assert not WorkflowState.objects.filter(object_id=str(draft.pk), base_content_type__model="practicedraft")
    mine = _html(client.get("/en/practices/mine/"))
    listed = mine.select_one(".draft-list").get_text()
    assert "Half a practice" in listed and "notes.pdf" in listed and "PDF" in listed
    resumed = _html(client.get(f"/en/practices/submit/?draft={draft.pk}"))
    assert resumed.select_one("#id_title")["value"] == "Half a practice"
    assert _kept_tokens(resumed) == [draft.attachments.get().token]
    client.force_login(editor)
    assert client.get(f"/en/practices/submit/?draft={draft.pk}").status_code == 404
    assert "Half a practice" not in client.get("/en/practices/mine/").content.decode()


def test_a_resumed_draft_is_sent_with_its_file_and_goes(client, staff):
    client.force_login(staff)
    data = practice_data(challenge="")
    client.post("/en/practices/submit/", {**data, "action": "draft", "attachments": [pdf_file("notes.pdf")]})
    draft = PracticeDraft.objects.get(owner=staff)
    token = draft.attachments.get().token
    response = client.post(f"/en/practices/submit/?draft={draft.pk}", {**practice_data(), "kept_attachments": [token]})
    assert response.status_code == 302
    page = PracticePage.objects.get(submission_token=data["token"])
    assert [document.filename.startswith("notes") for document in page.attachment_documents()] == [True]
    assert page.current_workflow_state is not None
    assert not PracticeDraft.objects.filter(owner=staff).exists()
    assert not PendingAttachment.objects.filter(owner=staff).exists()


def test_a_draft_field_longer_than_any_field_is_refused(client, staff):
    client.force_login(staff)
    response = client.post("/en/practices/submit/", {"title": "x", "challenge": "y" * 10_001, "action": "draft"})
    assert response.status_code == 400
    assert not PracticeDraft.objects.filter(owner=staff).exists()


def test_abandoned_files_and_old_drafts_are_purged(staff):
    abandoned = pending.keep(pdf_file("old.pdf"), staff)
    recent = pending.keep(pdf_file("recent.pdf"), staff)
    draft = pending.save_draft(
        user=staff, language="en", data={"title": "kept"}, uploads=[pdf_file("draft.pdf")], kept=[]
    )
    PendingAttachment.objects.filter(pk=abandoned.pk).update(created_at=timezone.now() - datetime.timedelta(days=2))
    PendingAttachment.objects.filter(draft=draft).update(created_at=timezone.now() - datetime.timedelta(days=30))
    storage, path = abandoned.file.storage, abandoned.file.name
    call_command("purge_pending_submissions", stdout=io.StringIO())
    assert not storage.exists(path)
    assert set(PendingAttachment.objects.filter(owner=staff).values_list("name", flat=True)) == {
        "recent.pdf",
        "draft.pdf",
    }
    PracticeDraft.objects.filter(pk=draft.pk).update(updated_at=timezone.now() - datetime.timedelta(days=181))
    pending.purge()
    assert not PracticeDraft.objects.filter(pk=draft.pk).exists()
    assert list(PendingAttachment.objects.filter(owner=staff)) == [recent]


def test_department_is_chosen_from_the_list_and_defaults_from_the_submitters(client, staff):
    client.force_login(staff)
    html = _html(client.get("/en/practices/submit/"))
    department = staff.departments.first()
    assert html.select_one("#id_department option[selected]")["value"] == department.name
    assert html.select_one("#id_country option[selected]")["value"] == department.country
    assert html.select_one("#id_municipality")["value"] == department.municipality
    response = client.post("/en/practices/submit/", practice_data(department="Any text at all"))
    assert response.status_code == 400
    assert _html(response).select_one("#id_department_error")


def test_my_submissions_shows_what_was_sent_with_its_attachments(client, staff):
    client.force_login(staff)
    client.post("/es/practices/submit/", {**practice_data(), "attachments": [pdf_file("informe.pdf", size=3000)]})
    html = _html(client.get("/es/practices/mine/"))
    card = html.select_one(".submission-list li")
    text = card.get_text()
    assert practice_data()["title"] in text
    assert "Las familias no entendían los requisitos." in text and "Villaluz" in text
    assert "informe" in text and "PDF, 2,9\xa0KB" in text
    assert translated("Awaiting moderation", "es") in text


def test_attachments_show_name_type_and_size_on_the_practice_and_in_its_word_file(client, staff, editor):
    client.force_login(staff)
    client.post("/en/practices/submit/", {**practice_data(), "attachments": [pdf_file("informe.pdf", size=3000)]})
    page = PracticePage.objects.get(submission_token=practice_data()["token"])
    moderation.approve(task_state=page.current_workflow_state.current_task_state.specific, user=editor)
    page.refresh_from_db()
    client.logout()
    listed = _html(client.get(page.url)).select_one(".attachment-list").get_text()
    assert "informe" in listed and "(PDF, 2.9\xa0KB)" in listed
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(practice_document(page))).paragraphs)
    assert "informe" in text and "PDF, 2.9\xa0KB" in text


@pytest.mark.usefixtures("practices_everywhere")
def test_a_repository_says_how_many_practices_other_languages_hold_and_lists_its_own_first(client):
    html = _html(client.get("/de/practices/"))
    others = PracticePage.objects.live().filter(alias_of__isnull=True).exclude(locale__language_code="de").count()
    link = html.select_one(".other-languages a")
    assert link["href"] == "?lang=all"
    assert link.get_text() == translated(
        "%(counter)s more practice in other languages", "de", "%(counter)s more practices in other languages", others
    ) % {"counter": others}
    languages = [card["lang"] for card in _html(client.get("/de/practices/?lang=all")).select(".practice-list li.card")]
    first_other = next(number for number, language in enumerate(languages) if language != "de")
    assert first_other > 0 and "de" not in languages[first_other:]


def test_my_submissions_costs_the_same_queries_with_more_submissions(client, staff):
    client.force_login(staff)

    def queries():
        client.get("/en/practices/mine/")  # the site's root paths are cached by a first request
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/en/practices/mine/").status_code == 200
        return len(captured.captured_queries)

    client.post("/en/practices/submit/", {**practice_data(), "attachments": [pdf_file()]})
    pending.save_draft(user=staff, language="en", data={"title": "a"}, uploads=[pdf_file()], kept=[])
    few = queries()
    for number in range(3):
        token = f"8b4cbb0e-0e6f-4f84-9b59-0d1e0a6f1a1{number}"
        client.post("/en/practices/submit/", {**practice_data(token=token), "attachments": [pdf_file()]})
        pending.save_draft(user=staff, language="en", data={"title": f"b{number}"}, uploads=[pdf_file()], kept=[])
    assert queries() == few <= 14


@pytest.mark.parametrize("language", ["el", "cs", "de", "es"])
def test_the_banner_after_an_error_that_kept_files_says_so_in_the_readers_language(client, staff, language):
    client.force_login(staff)
    files = [pdf_file("plan.pdf"), pdf_file("budget.pdf")]
    response = client.post(f"/{language}/practices/submit/", {**practice_data(challenge=""), "attachments": files})
    assert response.status_code == 400
    banner = _html(response).select_one("#form-errors p").get_text(strip=True)
    one = (
        "The form has errors and was not sent. The file you attached is kept; nothing else is saved yet: correct "
        "the fields marked below and send the form again."
    )
    several = (
        "The form has errors and was not sent. The %(counter)s files you attached are kept; nothing else is saved "
        "yet: correct the fields marked below and send the form again."
    )
    assert banner == translated(one, language, plural=several, count=2) % {"counter": 2}
    nothing_saved = translated("The form has errors. Nothing was saved: correct the fields marked below.", language)
    assert banner != nothing_saved
    # Without a file to keep, nothing was saved, and the banner says that.
    response = client.post(f"/{language}/practices/submit/", practice_data(challenge=""))
    assert _html(response).select_one("#form-errors p").get_text(strip=True) == nothing_saved
