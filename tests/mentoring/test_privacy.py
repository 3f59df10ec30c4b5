"""Personal data on request: the export holds every kind of record of the person and nothing of others;
erasure deletes, keeps and pseudonymises what README's "Personal data (GDPR)" says, all or nothing."""

import io
import json
import zipfile
from io import StringIO

import docx
import pytest
from axes.models import AccessAttempt
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.sessions.models import Session
from django.core.management import CommandError, call_command
from wagtail.documents import get_document_model
from wagtail.models import APIToken, Locale, ModelLogEntry, PageLogEntry, Revision
from wagtail_localize.models import TranslationSource

from forms_library.models import FilledForm, FormTemplatePage
from mentoring import audit
from mentoring.feeds import feed_of
from mentoring.models import MentoringRelationship, StageOutput
from practices import moderation
from practices.models import PracticeIndexPage, PracticePage
from qser_site import privacy
from qser_site.models import PersonalDataExport
from tests.factories import PracticePageFactory, site_page
from tests.mentoring.conftest import complete_filled_form
from tests.practices.conftest import pdf_file, practice_data

pytestmark = pytest.mark.django_db

User = get_user_model()


def downloaded_json(client, user):
    """Asked for on "My data" (built at once: the tests' task backend is the immediate one), then downloaded."""
    client.force_login(user)
    assert client.post("/en/mentoring/my-data/", {"format": "json"}).status_code == 302
    response = client.get("/en/mentoring/my-data/download.json")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    return json.loads(response.content)


def log_entries_by(user):
    return ModelLogEntry.objects.filter(user=user).count() + PageLogEntry.objects.filter(user=user).count()


@pytest.fixture
def relationship(users):
    return MentoringRelationship.objects.get(mentor=users["mentor"])


@pytest.fixture
def relationship_ended(relationship):
    relationship.status = MentoringRelationship.Status.ENDED
    relationship.save()
    return relationship


def test_every_relation_to_a_person_has_an_erasure_rule():
    relations = {
        f"{field.related_model._meta.label}.{field.field.name}"
        for field in User._meta.get_fields(include_hidden=True)
        if field.auto_created and not field.concrete
    }
    assert relations == set(privacy.RELATIONS)


def test_the_export_holds_each_kind_of_record_of_the_person(client, users, relationship):
    mentee = users["mentee"]
    draft = FilledForm.start(FormTemplatePage.objects.get(slug="mentors-diary", locale__language_code="en"), mentee)
    text_field = next(d for d in draft.definitions if d.kind == "long_text")
    draft.answers = {text_field.name: "Patient explanations"}
    draft.save()
    client.force_login(mentee)
    assert client.post("/es/practices/submit/", practice_data()).status_code == 302
    entries_by_mentee = log_entries_by(mentee)

    data = downloaded_json(client, mentee)

    assert data["account"]["email"] == mentee.email
    assert data["account"]["preferred_language"] == "cs"
    assert [d["name"] for d in data["departments"]] == ["Social Services"]
    assert {f["id"] for f in data["filled_forms"]} == set(
        FilledForm.objects.filter(owner=mentee).values_list("pk", flat=True)
    )
    exported_draft = next(f for f in data["filled_forms"] if f["id"] == draft.pk)
    assert exported_draft["status"] == "draft"
    assert exported_draft["answers"] == [
        {"name": text_field.name, "question": text_field.label, "answer": "Patient explanations"}
    ]

    [exported_relationship] = data["mentoring_relationships"]
    assert exported_relationship["role"] == "mentee"
    assert exported_relationship["mentor"] == "Maria Papadopoulou"
    assert len(exported_relationship["sessions"]) == relationship.sessions.count() == 3

    outputs = {o["id"]: o for o in data["stage_outputs"]}
    assert set(outputs) == set(StageOutput.objects.filter(author=mentee).values_list("pk", flat=True))
    received = {(step["by"], step["comment"]) for output in outputs.values() for step in output["review"]}
    assert ("Maria Papadopoulou", "Doplňte prosím měřitelné ukazatele ke každému cíli.") in received
    assert ["Housing"] in [o["shared_with"] for o in outputs.values()]

    [practice] = data["practice_submissions"]
    assert practice["contact"] == practice_data()["contact"]
    assert practice["moderation"] == "in_progress"

    assert len(data["audit_log"]) == entries_by_mentee
    assert {"wagtail.create", "wagtail.workflow.start"} <= {entry["action"] for entry in data["audit_log"]}
    assert data["review_decisions"] == []


def test_the_export_holds_nothing_of_other_people(client, users):
    staff = users["staff"]
    secret = FilledForm.start(FormTemplatePage.objects.get(slug="mentors-diary", locale__language_code="en"), staff)
    secret.answers = {next(d.name for d in secret.definitions if d.kind == "long_text"): "Sabine's own answer"}
    secret.save()

    text = json.dumps(downloaded_json(client, users["mentee"]))

    assert "Sabine's own answer" not in text
    for other in User.objects.exclude(pk=users["mentee"].pk).exclude(email=""):
        assert other.email not in text
    # The mentor's own export: their log entries, not the outputs and forms of the mentee they reviewed.
    entries_by_mentor = log_entries_by(users["mentor"])
    mentor_data = downloaded_json(client, users["mentor"])
    assert not mentor_data["stage_outputs"] and not mentor_data["filled_forms"]
    assert len(mentor_data["audit_log"]) == entries_by_mentor


def test_a_mentor_finds_the_decisions_and_comments_they_wrote(client, users):
    data = downloaded_json(client, users["mentor"])
    assert data["mentoring_relationships"][0]["role"] == "mentor"
    comments = [decision["comment"] for decision in data["review_decisions"]]
    assert "Doplňte prosím měřitelné ukazatele ke každému cíli." in comments


def test_the_zip_holds_the_json_the_word_files_and_attachments(client, users):
    mentee = users["mentee"]
    client.force_login(mentee)
    assert client.post("/es/practices/submit/", {**practice_data(), "attachments": pdf_file()}).status_code == 302
    assert client.post("/en/mentoring/my-data/", {"format": "zip"}).status_code == 302
    page = client.get("/en/mentoring/my-data/")
    assert page.status_code == 200
    (link,) = [a["href"] for a in BeautifulSoup(page.content, "html.parser").select("main .export-list a")]
    assert link == f"/en/mentoring/my-data/exports/{PersonalDataExport.objects.get(person=mentee).pk}/download/"

    response = client.get(link)
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = archive.namelist()
    assert json.loads(archive.read("personal-data.json"))["account"]["email"] == mentee.email
    assert len([n for n in names if n.startswith("forms/")]) == FilledForm.objects.filter(owner=mentee).count()
    assert (
        len([n for n in names if n.startswith("stage-outputs/")]) == StageOutput.objects.filter(author=mentee).count()
    )
    assert archive.read(next(n for n in names if n.startswith("attachments/"))).startswith(b"%PDF")
    word = docx.Document(io.BytesIO(archive.read(next(n for n in names if n.startswith("forms/")))))
    assert word.core_properties.author == "Jan Novák"


def test_exporting_is_recorded_in_the_audit_log(client, users):
    client.force_login(users["admin"])
    response = client.post(f"/admin/personal-data/{users['mentee'].pk}/export/", {"format": "zip"})
    assert response.status_code == 302
    entry = ModelLogEntry.objects.filter(action=audit.EXPORTED).latest("timestamp")
    assert (entry.user, entry.object_id) == (users["admin"], str(users["mentee"].pk))
    report = client.get("/admin/reports/site-history/").content.decode()
    assert "Personal data exported" in report


def test_only_the_person_and_holders_of_the_permission_export(client, users):
    mentee = users["mentee"]
    client.logout()
    assert client.get("/en/mentoring/my-data/download.json")["Location"].startswith("/accounts/login/")
    url = f"/admin/personal-data/{mentee.pk}/export/"
    client.force_login(users["staff"])
    assert client.get(url)["Location"].startswith("/admin/login/")
    client.force_login(users["reviewer"])  # in the admin, without the permission
    response = client.get(url)
    assert response.status_code == 302 and response["Location"] == "/admin/"
    users["reviewer"].user_permissions.add(Permission.objects.get(codename="export_personal_data"))
    client.force_login(User.objects.get(pk=users["reviewer"].pk))
    assert client.get(url).status_code == 200
    assert client.post(url, {"format": "json"}).status_code == 302
    assert PersonalDataExport.objects.get(person=mentee).requested_by == users["reviewer"]


def test_administrators_find_export_and_erase_in_the_user_listing(client, users):
    client.force_login(users["admin"])
    html = client.get("/admin/users/").content.decode()
    assert f"/admin/personal-data/{users['mentee'].pk}/export/" in html
    assert f"/admin/personal-data/{users['mentee'].pk}/erase/" in html
    assert f"/admin/personal-data/{users['admin'].pk}/erase/" not in html


def test_the_export_command_writes_the_zip(users, tmp_path):
    output = tmp_path / "mentee.zip"
    call_command("export_personal_data", "mentee", output=output, stdout=StringIO())
    data = json.loads(zipfile.ZipFile(output).read("personal-data.json"))
    assert data["account"]["username"] == "mentee"
    with pytest.raises(CommandError):
        call_command("export_personal_data", "nobody", stdout=StringIO())


# Erasure


def test_erasing_a_participant_of_an_active_relationship_is_refused(client, users, relationship):
    mentor = users["mentor"]
    client.force_login(users["admin"])
    url = f"/admin/personal-data/{mentor.pk}/erase/"
    page = client.get(url)
    assert page.status_code == 200
    assert "takes part in active mentoring relationships" in page.content.decode()
    assert not BeautifulSoup(page.content, "html.parser").select("form[method=post] button.serious")
    response = client.post(url, follow=True)
    assert "Close them, or give them another mentor or mentee" in response.content.decode()
    mentor.refresh_from_db()
    assert mentor.username == "mentor" and mentor.is_active
    with pytest.raises(CommandError, match="active mentoring relationships"):
        call_command("erase_personal_data", "mentor", "--no-input", stdout=StringIO())


def test_only_holders_of_the_permission_erase_and_not_themselves(client, users, relationship_ended):
    url = f"/admin/personal-data/{users['mentee'].pk}/erase/"
    client.force_login(users["staff"])
    assert client.post(url)["Location"].startswith("/admin/login/")
    client.force_login(users["reviewer"])
    assert client.post(url)["Location"] == "/admin/"
    assert User.objects.get(pk=users["mentee"].pk).username == "mentee"
    client.force_login(users["admin"])
    page = client.get(f"/admin/personal-data/{users['admin'].pk}/erase/")
    assert "You cannot erase your own account" in page.content.decode()
    officer = users["reviewer"]
    officer.user_permissions.add(Permission.objects.get(codename="erase_personal_data"))
    client.force_login(User.objects.get(pk=officer.pk))
    assert client.get(url).status_code == 200


def test_erasure_deletes_keeps_and_pseudonymises_a_mentee_as_documented(client, users, relationship_ended):
    mentee, admin = users["mentee"], users["admin"]
    published = StageOutput.objects.get(author=mentee, live=True)
    unpublished = list(StageOutput.objects.filter(author=mentee, live=False).values_list("pk", flat=True))
    draft = complete_filled_form(client, mentee, "swot-analysis")
    APIToken.objects.create(
        user=mentee, name="Mentee's script", key_hash=APIToken.hash_token(APIToken.generate_token()), prefix="x"
    )
    mentee_session = client.session.session_key
    feed_token = feed_of(mentee).token
    entries_by_mentee = log_entries_by(mentee)

    client.force_login(admin)
    page = client.get(f"/admin/personal-data/{mentee.pk}/erase/").content.decode()
    assert f"erased-user-{mentee.pk}" in page and "4 stage outputs that were never published are deleted" in page
    response = client.post(f"/admin/personal-data/{mentee.pk}/erase/")
    assert response["Location"] == "/admin/users/"

    mentee.refresh_from_db()
    assert mentee.username == f"erased-user-{mentee.pk}"
    assert (mentee.first_name, mentee.last_name, mentee.email, mentee.preferred_language) == ("", "", "", "")
    assert not mentee.has_usable_password() and not mentee.is_active
    assert not mentee.groups.exists() and not APIToken.objects.filter(user=mentee).exists()
    assert not Session.objects.filter(session_key=mentee_session).exists()
    assert client.get(f"/calendar/{feed_token}.ics").status_code == 404  # the feed's secret address is revoked
    # Unpublished work is gone; the published output stays, answers untouched, under the pseudonym.
    assert not StageOutput.objects.filter(pk__in=unpublished).exists()
    assert not FilledForm.objects.filter(pk=draft.pk).exists()
    assert list(FilledForm.objects.filter(owner=mentee)) == [published.filled_form]
    kept = StageOutput.objects.get(pk=published.pk)
    assert kept.answers == published.answers and kept.author == mentee
    # The relationship stays, and the audit log keeps the person's entries, now under the pseudonym.
    assert mentee in relationship_ended.mentees.all()
    assert log_entries_by(mentee) == entries_by_mentee
    assert (
        ModelLogEntry.objects.filter(action="wagtail.delete", user=admin, object_id__in=map(str, unpublished)).count()
        == 4
    )
    assert ModelLogEntry.objects.filter(action=audit.ERASED, user=admin, object_id=str(mentee.pk)).exists()

    # The site still shows the kept record to the department it was published to, with the pseudonym.
    client.force_login(users["staff"])
    detail = BeautifulSoup(client.get(f"/en/mentoring/outputs/{kept.pk}/").content, "html.parser")
    byline = detail.select_one("main h1 + p").get_text()
    assert f"erased-user-{mentee.pk}" in byline and "Novák" not in byline
    word = client.get(f"/en/mentoring/outputs/{kept.pk}/docx/")
    assert word.status_code == 200
    assert docx.Document(io.BytesIO(word.content)).core_properties.author == f"erased-user-{mentee.pk}"
    client.force_login(users["mentor"])
    assert f"erased-user-{mentee.pk}" in client.get(f"/en/mentoring/{relationship_ended.pk}/").content.decode()


@pytest.fixture
def staff_practices(client, users):
    """A published practice of staff's translated into English, and one pending with an attachment; besides,
    as the README's staff has, one awaiting moderation and one with changes requested."""
    staff = users["staff"]
    spanish = site_page(PracticeIndexPage, "es")
    published = PracticePageFactory(parent=spanish, owner=staff, state="published", contact="vivienda@example.org")
    for state in ("in_moderation", "changes_requested"):
        PracticePageFactory(owner=staff, state=state)
    client.force_login(users["editor"])
    english = Locale.objects.get(language_code="en")
    assert client.post(f"/admin/localize/submit/page/{published.pk}/", {"locales": [english.pk]}).status_code == 302
    # A new translation starts as a draft; a practice's is published through its moderation.
    translation = PracticePage.objects.get(translation_key=published.translation_key, locale=english)
    moderation.approve_at_once(page=translation, user=users["editor"])
    client.force_login(staff)
    assert client.post("/es/practices/submit/", {**practice_data(), "attachments": pdf_file()}).status_code == 302
    pending = PracticePage.objects.filter(submitted_by=staff).latest("pk")
    return published, pending


def test_a_translated_practice_is_exported_once_in_the_language_it_was_sent_in(client, users, staff_practices):
    published, pending = staff_practices
    submissions = downloaded_json(client, users["staff"])["practice_submissions"]
    assert [s["id"] for s in submissions].count(published.pk) == 1
    assert len(submissions) == len(
        {page.translation_key for page in PracticePage.objects.filter(submitted_by=users["staff"])}
    )
    assert {s["language"] for s in submissions if s["id"] == pending.pk} == {"es"}


def database_dump():
    out = StringIO()
    call_command("dumpdata", stdout=out)
    return out.getvalue()


def test_erasure_keeps_published_practices_without_the_contact_and_leaves_no_trace(
    client, users, staff_practices, django_capture_on_commit_callbacks
):
    staff = users["staff"]
    published, pending = staff_practices
    contacts = set(PracticePage.objects.filter(submitted_by=staff).values_list("contact", flat=True)) - {""}
    kept_titles = set(PracticePage.objects.filter(submitted_by=staff, live=True).values_list("title", flat=True))
    attachment = pending.attachments.get().document
    assert TranslationSource.objects.filter(object_id=published.translation_key).exists()
    AccessAttempt.objects.create(
        username="staff", ip_address="192.0.2.7", user_agent="Firefox", failures_since_start=2, path_info="/"
    )

    with django_capture_on_commit_callbacks(execute=True):
        call_command("erase_personal_data", "staff", "--no-input", stdout=StringIO())

    # Never published: deleted, with its attachment (Wagtail removes the file once the erasure commits).
    assert not PracticePage.objects.filter(pk=pending.pk).exists()
    assert not PracticePage.objects.filter(submitted_by=staff, first_published_at__isnull=True).exists()
    assert not get_document_model().objects.filter(pk=attachment.pk).exists()
    # Published: kept, in every language, without the contact, and the site still serves them.
    assert (
        set(PracticePage.objects.filter(submitted_by=staff, live=True).values_list("title", flat=True)) >= kept_titles
    )
    assert not PracticePage.objects.filter(submitted_by=staff).exclude(contact="").exists()
    assert not [r for r in Revision.objects.filter(object_id=str(published.pk)) if r.content.get("contact")]
    client.logout()
    page = client.get(published.url)
    assert page.status_code == 200 and "Contact" not in page.content.decode()
    assert client.get(f"{published.url}docx/").status_code == 200
    assert not AccessAttempt.objects.filter(username="staff").exists()
    # Nowhere in the database: not the name, not the e-mail address, not the contacts given.
    dump = database_dump()
    for trace in {"Sabine", "Schmidt", "staff@example.org", *contacts}:
        assert trace not in dump, trace


def test_a_failing_step_leaves_everything_as_it_was(users, relationship_ended, staff_practices, monkeypatch):
    mentee, staff = users["mentee"], users["staff"]
    attachment = staff_practices[1].attachments.get().document
    before = {
        "forms": FilledForm.objects.filter(owner=mentee).count(),
        "outputs": StageOutput.objects.filter(author=mentee).count(),
        "log": log_entries_by(mentee),
        "contacts": sorted(PracticePage.objects.filter(submitted_by=staff).values_list("contact", flat=True)),
        "practices": PracticePage.objects.filter(submitted_by=staff).count(),
    }

    def fail():
        raise RuntimeError("disk full")

    # The last step fails, after every other step has done its work.
    monkeypatch.setattr(privacy.Erasure, "relabel_log_entries", lambda self: fail())
    for person in (mentee, staff):
        with pytest.raises(RuntimeError):
            privacy.Erasure(person, actor=users["admin"]).run()

    mentee.refresh_from_db()
    assert (mentee.username, mentee.email, mentee.is_active) == ("mentee", "mentee@example.org", True)
    assert mentee.groups.exists() and mentee.has_usable_password()
    assert before == {
        "forms": FilledForm.objects.filter(owner=mentee).count(),
        "outputs": StageOutput.objects.filter(author=mentee).count(),
        "log": log_entries_by(mentee),
        "contacts": sorted(PracticePage.objects.filter(submitted_by=staff).values_list("contact", flat=True)),
        "practices": PracticePage.objects.filter(submitted_by=staff).count(),
    }
    assert not ModelLogEntry.objects.filter(action=audit.ERASED).exists()
    assert get_document_model().objects.filter(pk=attachment.pk).exists()
