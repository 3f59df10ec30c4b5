import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from wagtail.documents import get_document_model
from wagtail.models import Revision, WorkflowState

from practices.models import PracticePage
from tests.conftest import translated
from tests.practices.conftest import docx_file, pdf_file, practice_data

pytestmark = pytest.mark.django_db


def counts():
    return (
        PracticePage.objects.count(),
        Revision.objects.count(),
        WorkflowState.objects.count(),
        get_document_model().objects.count(),
    )


def test_anonymous_cannot_submit(client):
    before = counts()
    response = client.post("/es/practices/submit/", practice_data())
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert counts() == before


def test_submission_creates_a_draft_in_the_submitters_language_under_moderation(client, staff):
    client.force_login(staff)
    response = client.post("/es/practices/submit/", {**practice_data(), "attachments": [pdf_file(), docx_file()]})
    assert response.status_code == 302
    assert response["Location"] == "/es/practices/mine/"
    page = PracticePage.objects.get(submitted_by=staff, title__startswith="Una línea")
    assert page.locale.language_code == "es"
    assert not page.live
    assert page.current_workflow_state.workflow.name == "Practice moderation"
    assert page.attachments.count() == 2
    assert sorted(page.tags.names()) == ["intérpretes", "vivienda"]
    assert page.challenge == "<p>Las familias no entendían los requisitos.</p><p>Las citas se repetían.</p>"
    html = BeautifulSoup(client.get("/es/practices/mine/").content, "html.parser")
    assert translated("Awaiting moderation", "es") in html.select_one(".submission-list").get_text()


def test_a_repeated_post_creates_one_submission(client, staff):
    client.force_login(staff)
    before = PracticePage.objects.count()
    client.post("/es/practices/submit/", practice_data())
    client.post("/es/practices/submit/", practice_data())
    assert PracticePage.objects.count() == before + 1


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"title": ""}, "title"),
        ({"summary": "x" * 601}, "summary"),
        ({"service_area": "space"}, "service_area"),
        ({"challenge": "y" * 10_001}, "challenge"),
        ({"tags": "a" * 51}, "tags"),
        ({"stage": "9"}, "stage"),
    ],
)
def test_bad_input_is_refused_at_the_field_and_stores_nothing(client, staff, overrides, field):
    client.force_login(staff)
    before = counts()
    response = client.post("/es/practices/submit/", practice_data(**overrides))
    assert response.status_code == 400
    html = BeautifulSoup(response.content, "html.parser")
    assert html.select_one(f"#id_{field}_error")
    assert html.select_one(f"#id_{field}")["aria-invalid"] == "true"
    assert counts() == before


@pytest.mark.parametrize(
    "upload",
    [
        SimpleUploadedFile("virus.pdf", b"MZ\x90\x00 not a pdf at all", content_type="application/pdf"),
        SimpleUploadedFile("page.html", b"<html><script>alert(1)</script></html>", content_type="text/html"),
    ],
)
def test_attachments_are_judged_by_content(client, staff, upload):
    client.force_login(staff)
    before = counts()
    response = client.post("/es/practices/submit/", {**practice_data(), "attachments": [upload]})
    assert response.status_code == 400
    assert counts() == before


def test_attachments_over_ten_megabytes_are_refused(client, staff):
    client.force_login(staff)
    before = counts()
    response = client.post(
        "/es/practices/submit/", {**practice_data(), "attachments": [pdf_file(size=10 * 1024 * 1024 + 1)]}
    )
    assert response.status_code == 400
    assert counts() == before


def test_markup_in_texts_stays_text(client, staff):
    client.force_login(staff)
    data = practice_data(what_was_done='<script>alert(1)</script><img src=x onerror="alert(2)">')
    client.post("/es/practices/submit/", data)
    page = PracticePage.objects.get(submitted_by=staff, title__startswith="Una línea")
    assert "<script>" not in page.what_was_done and "onerror=" not in page.what_was_done.replace("onerror=&quot;", "")
    assert "&lt;script&gt;" in page.what_was_done


def test_submissions_are_rate_limited(client, staff):
    client.force_login(staff)
    for number in range(5):
        client.post("/es/practices/submit/", practice_data(token=f"8b4cbb0e-0e6f-4f84-9b59-0d1e0a6f1a{number:02d}"))
    before = counts()
    response = client.post("/es/practices/submit/", practice_data(token="8b4cbb0e-0e6f-4f84-9b59-0d1e0a6f1aff"))
    assert response.status_code == 429
    assert counts() == before


def moderate(page, user, action, comment=""):
    """The moderator's decision, and the e-mail it sends once it commits (as the admin's request does)."""
    task_state = page.current_workflow_state.current_task_state
    with TestCase.captureOnCommitCallbacks(execute=True):
        task_state.task.specific.on_action(task_state.specific, user, action, comment=comment)


def test_moderator_approves_and_the_practice_is_public_searchable_and_downloadable(client, staff, editor):
    client.force_login(staff)
    client.post("/es/practices/submit/", practice_data())
    page = PracticePage.objects.get(submitted_by=staff, title__startswith="Una línea")
    client.logout()
    assert client.get(f"/es/practices/{page.slug}/").status_code == 404
    mail.outbox.clear()
    moderate(page, editor, "approve")
    page.refresh_from_db()
    assert page.live
    assert mail.outbox and mail.outbox[-1].to == [staff.email]
    listing = client.get("/es/practices/", {"area": "housing", "q": "intérpretes"}).content.decode()
    assert page.title in listing
    assert page.title in client.get("/es/search/", {"q": "interpretes"}).content.decode()
    download = client.get(f"/es/practices/{page.slug}/docx/")
    assert download.status_code == 200
    assert "filename" in download["Content-Disposition"]


def test_changes_requested_reach_the_submitter_who_edits_and_resubmits(client, staff, editor):
    client.force_login(staff)
    client.post("/es/practices/submit/", practice_data())
    page = PracticePage.objects.get(submitted_by=staff, title__startswith="Una línea")
    mail.outbox.clear()
    moderate(page, editor, "reject", "Añada cifras.")
    assert "Añada cifras." in mail.outbox[-1].body
    mine = client.get("/es/practices/mine/").content.decode()
    assert "Añada cifras." in mine
    response = client.post(
        f"/es/practices/mine/{page.pk}/", practice_data(results="Las citas repetidas bajaron de 50 a 30 al mes.")
    )
    assert response.status_code == 302
    page.refresh_from_db()
    state = page.current_workflow_state
    assert state.status == "in_progress"
    assert "50 a 30" in page.get_latest_revision_as_object().results


def test_moderator_rejects_with_a_reason(client, staff, editor):
    client.force_login(staff)
    client.post("/es/practices/submit/", practice_data())
    page = PracticePage.objects.get(submitted_by=staff, title__startswith="Una línea")
    mail.outbox.clear()
    moderate(page, editor, "decline", "Ya existe una práctica igual.")
    page.refresh_from_db()
    assert not page.live and page.current_workflow_state is None
    assert [m.subject for m in mail.outbox if "Ya existe" in m.body]
    assert translated("Not accepted", "es") in client.get("/es/practices/mine/").content.decode()


def test_moderator_approves_from_the_wagtail_admin(client, staff, editor):
    client.force_login(staff)
    client.post("/es/practices/submit/", practice_data())
    page = PracticePage.objects.get(submitted_by=staff, title__startswith="Una línea")
    task_state = page.current_workflow_state.current_task_state
    client.force_login(editor)
    response = client.post(f"/admin/pages/workflow/action/{page.pk}/approve/{task_state.pk}/", {"comment": "Muy útil."})
    assert response.status_code in (200, 302)
    page.refresh_from_db()
    assert page.live
    client.logout()
    assert client.get(page.url).status_code == 200


def test_a_stage_five_evaluation_becomes_a_practice_submission_in_one_step(client, staff):
    from django.contrib.auth import get_user_model

    from forms_library.models import FormTemplatePage
    from mentoring.models import MentoringRelationship, StageOutput
    from tests.forms_library.helpers import sample_post

    mentee = get_user_model().objects.get(username="mentee")
    relationship = MentoringRelationship.objects.get(mentor__username="mentor")
    relationship.current_stage = 5
    relationship.save()
    page = FormTemplatePage.objects.get(slug="evaluation", locale__language_code="en")
    data, _expected = sample_post(page.definitions, text="Evaluation")
    client.force_login(mentee)
    filled_url = client.post(f"{page.url}fill/", {**data, "action": "complete"})["Location"]
    filled_id = int(filled_url.rstrip("/").split("/")[-1])
    client.post(
        f"/en/mentoring/{relationship.pk}/outputs/new/", {"filled_form": filled_id, "stage": 5, "share_with_all": "on"}
    )
    output = StageOutput.objects.get(filled_form_id=filled_id)
    detail = client.get(f"/en/mentoring/outputs/{output.pk}/").content.decode()
    assert f"/en/practices/submit/?from_output={output.pk}" in detail

    html = BeautifulSoup(client.get(f"/en/practices/submit/?from_output={output.pk}").content, "html.parser")
    assert html.select_one("#id_what_was_done").get_text().strip() == data["worked_best"]
    # "What should change" is a lesson for whoever reuses it (practices/evaluation.py), not the challenge.
    reuse = html.select_one("#id_reuse").get_text()
    assert data["proposals"] in reuse and data["should_change"] in reuse
    assert html.select_one("#id_challenge").get_text().strip() == ""
    assert html.select_one("#id_department option[selected]")["value"] == "Social Services"
    # Someone who may not see the output gets an empty form.
    client.force_login(staff)
    html = BeautifulSoup(client.get(f"/en/practices/submit/?from_output={output.pk}").content, "html.parser")
    assert html.select_one("#id_what_was_done").get_text().strip() == ""
