"""Personal data exports prepared in the background (qser_site/privacy_exports.py): asked for on "My data" or in
the admin, built by a task, kept privately, e-mailed about, downloaded by the asker or the person only, purged
once expired, marked failed when the task fails for good, removed when the person is erased."""

import io
import json
import zipfile
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import ModelLogEntry

from home.models import TaskFailure
from home.tasks import retry_failure
from mentoring import audit
from qser_site import privacy, privacy_exports
from qser_site.models import PersonalDataExport
from tests.conftest import translated
from tests.factories import MemberFactory, ReviewerFactory, SuperuserFactory

pytestmark = pytest.mark.django_db

MY_DATA = "/en/mentoring/my-data/"


@pytest.fixture
def person():
    return MemberFactory(first_name="Zdeňka", last_name="Horáková", email="zdenka.horakova@example.org")


@pytest.fixture
def stranger():
    return MemberFactory()


def ask(client, user, file_format, url=MY_DATA):
    client.force_login(user)
    response = client.post(url, {"format": file_format})
    assert response.status_code == 302
    return PersonalDataExport.objects.filter(requested_by=user).first()


def download_links(client, url=MY_DATA):
    page = client.get(url)
    assert page.status_code == 200
    return page, [a["href"] for a in BeautifulSoup(page.content, "html.parser").select(".export-list a")]


def test_a_person_asks_for_their_data_and_downloads_what_opens_back(client, person):
    export = ask(client, person, "json")
    assert (export.person, export.state, export.file_format) == (person, "ready", "json")
    assert export.file.name.startswith("personal-data-exports/") and export.file.name.endswith(".json")
    assert export.size == default_storage.size(export.file.name)
    assert export.expires_at - export.finished_at == timedelta(days=7)

    page, links = download_links(client)
    assert links == [f"/en/mentoring/my-data/exports/{export.pk}/download/"]
    assert "Ready" in page.content.decode()
    response = client.get(links[0])
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert 'attachment; filename="personal-data-' in response["Content-Disposition"]
    assert json.loads(response.content)["account"]["email"] == person.email
    # The address of before still hands over the newest one.
    assert json.loads(client.get("/en/mentoring/my-data/download.json").content)["account"]["username"] == (
        person.username
    )

    archive = ask(client, person, "zip")
    response = client.get(f"/en/mentoring/my-data/exports/{archive.pk}/download/")
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    data = json.loads(zipfile.ZipFile(io.BytesIO(response.content)).read("personal-data.json"))
    assert data["account"]["username"] == person.username


def test_before_anything_is_prepared_the_old_address_leads_to_the_page(client, person):
    client.force_login(person)
    response = client.get("/en/mentoring/my-data/download.zip")
    assert response.status_code == 302 and response["Location"] == MY_DATA


def test_the_asker_is_emailed_a_link_in_their_language_with_no_personal_data(client, person):
    person.preferred_language = "de"
    person.save()
    ask(client, person, "zip")
    (message,) = mail.outbox
    assert message.to == [person.email]
    assert message.subject == translated("The personal data export you asked for is ready", "de")
    assert "http://127.0.0.1:8000/de/mentoring/my-data/" in message.body
    for personal in (person.first_name, person.last_name, person.username, person.email, "personal-data-"):
        assert personal not in message.body and personal not in message.subject


def test_nobody_else_downloads_an_export(client, person, stranger):
    export = ask(client, person, "json")
    url = f"/en/mentoring/my-data/exports/{export.pk}/download/"
    client.force_login(stranger)
    assert client.get(url).status_code == 404
    assert client.get(f"/admin/personal-data/exports/{export.pk}/download/")["Location"].startswith("/admin/login/")
    assert client.get("/en/mentoring/my-data/download.json")["Location"] == MY_DATA
    assert download_links(client)[1] == []
    client.logout()
    assert client.get(url)["Location"].startswith("/accounts/login/")


def test_an_expired_export_is_not_downloaded_and_the_purge_removes_it(client, person):
    old = ask(client, person, "json")
    fresh = ask(client, person, "zip")
    PersonalDataExport.objects.filter(pk=old.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    assert client.get(f"/en/mentoring/my-data/exports/{old.pk}/download/").status_code == 404
    assert download_links(client)[1] == [f"/en/mentoring/my-data/exports/{fresh.pk}/download/"]
    assert default_storage.exists(old.file.name)

    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("purge_personal_data_exports", stdout=io.StringIO())
    assert not default_storage.exists(old.file.name)
    assert list(PersonalDataExport.objects.filter(person=person)) == [fresh]
    assert default_storage.exists(fresh.file.name)


def test_an_export_failing_every_attempt_says_so_and_is_reported(client, person, monkeypatch):
    def broken(person):
        raise OSError("disk full")

    monkeypatch.setattr(privacy, "export_zip", broken)
    export = ask(client, person, "zip")
    assert export.state == "failed" and not export.file
    (failure,) = TaskFailure.objects.all()
    assert failure.task_path == "qser_site.privacy_exports.build_export"
    assert failure.arguments == {"args": [export.pk], "kwargs": {}}
    assert failure.attempts == privacy_exports.build_export.func.retry_policy.attempts
    assert "disk full" in failure.error

    page, links = download_links(client)
    assert links == []
    assert "it could not be prepared; the administrators have been told" in page.content.decode()
    (message,) = mail.outbox
    assert message.subject == "The personal data export you asked for could not be prepared"
    assert "http://127.0.0.1:8000/en/mentoring/my-data/" in message.body

    # Retried from the admin's "Background tasks" once the cause is gone: the export is built.
    monkeypatch.undo()
    with TestCase.captureOnCommitCallbacks(execute=True):
        retry_failure(failure)
    export.refresh_from_db()
    assert export.state == "ready" and default_storage.exists(export.file.name)


def test_with_a_worker_the_page_says_it_is_being_prepared_and_asking_again_adds_nothing(client, person, settings):
    settings.TASKS = {**settings.TASKS, "qser": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    export = ask(client, person, "zip")
    assert export.state == "waiting"
    ask(client, person, "zip")
    assert PersonalDataExport.objects.filter(person=person).count() == 1
    page, links = download_links(client)
    text = page.content.decode()
    assert links == [] and "we will e-mail you when it is ready" in text
    assert "Your export is being prepared. Once it is ready it is listed here to download" in text
    assert client.get(f"/en/mentoring/my-data/exports/{export.pk}/download/").status_code == 404
    assert mail.outbox == []
    # The audit log records the export when its file is built, with its asker.
    exported = ModelLogEntry.objects.filter(action=audit.EXPORTED, object_id=str(person.pk))
    assert not exported.exists()
    settings.TASKS = {**settings.TASKS, "qser": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    with TestCase.captureOnCommitCallbacks(execute=True):
        privacy_exports.build_export.enqueue(export.pk)
    assert exported.get().user == person
    assert download_links(client)[1] == [f"/en/mentoring/my-data/exports/{export.pk}/download/"]
    assert len(mail.outbox) == 1


def test_an_unknown_format_is_refused_with_a_clear_message_and_nothing_stored(client, person):
    client.force_login(person)
    response = client.post(MY_DATA, {"format": "pdf"}, follow=True)
    assert "“pdf” is not a format of the export: choose JSON or ZIP." in response.content.decode()
    assert client.post(MY_DATA, {}).status_code == 302
    assert not PersonalDataExport.objects.exists()
    assert client.get("/en/mentoring/my-data/download.pdf").status_code == 404
    with pytest.raises(privacy_exports.ExportRefused):
        privacy_exports.request_export(person=person, actor=person, file_format="docx")
    assert not PersonalDataExport.objects.exists()


def test_only_holders_of_the_permission_ask_for_someone_elses(person, stranger):
    with pytest.raises(PermissionDenied):
        privacy_exports.request_export(person=person, actor=stranger, file_format="json")
    assert not PersonalDataExport.objects.exists()


def test_an_administrator_asks_in_the_admin_and_downloads_there(client, person):
    admin = SuperuserFactory()
    url = f"/admin/personal-data/{person.pk}/export/"
    export = ask(client, admin, "zip", url=url)
    assert (export.person, export.requested_by, export.state) == (person, admin, "ready")
    page, links = download_links(client, url)
    assert links == [f"/admin/personal-data/exports/{export.pk}/download/"]
    response = client.get(links[0])
    assert response.status_code == 200
    assert (
        json.loads(zipfile.ZipFile(io.BytesIO(response.content)).read("personal-data.json"))["account"]["username"]
        == person.username
    )
    # The administrator's mail leads back to this page, and names nobody.
    (message,) = mail.outbox
    assert message.to == [admin.email] and f"http://127.0.0.1:8000{url}" in message.body
    assert person.username not in message.body and person.last_name not in message.body

    # Another administrator does not see nor download it; the person it is of does.
    other_admin = SuperuserFactory()
    client.force_login(other_admin)
    assert download_links(client, url)[1] == []
    refused = client.get(links[0])  # the admin's refusal: to the dashboard, with "Sorry, …"
    assert refused.status_code == 302 and refused["Location"] == "/admin/"
    client.force_login(person)
    assert client.get(f"/en/mentoring/my-data/exports/{export.pk}/download/").status_code == 200


def test_without_the_permission_the_admin_refuses_and_stores_nothing(client, person):
    reviewer = ReviewerFactory()  # in the admin, without the permission
    client.force_login(reviewer)
    url = f"/admin/personal-data/{person.pk}/export/"
    for response in (client.get(url), client.post(url, {"format": "zip"})):
        assert response.status_code == 403 or (response.status_code == 302 and response["Location"] == "/admin/")
    assert not PersonalDataExport.objects.exists()
    client.force_login(MemberFactory())  # not in the admin at all
    assert client.post(url, {"format": "zip"})["Location"].startswith("/admin/login/")
    assert not PersonalDataExport.objects.exists()


def test_erasing_a_person_removes_their_exports_and_those_they_asked_for(client, person, stranger):
    admin = SuperuserFactory()
    own = ask(client, person, "json")
    asked_by_admin = ask(client, admin, "json", url=f"/admin/personal-data/{person.pk}/export/")
    of_another = ask(client, admin, "json", url=f"/admin/personal-data/{stranger.pk}/export/")
    with TestCase.captureOnCommitCallbacks(execute=True):
        privacy.Erasure(person, actor=SuperuserFactory()).run()
    assert list(PersonalDataExport.objects.all()) == [of_another]
    assert not default_storage.exists(own.file.name) and not default_storage.exists(asked_by_admin.file.name)

    with TestCase.captureOnCommitCallbacks(execute=True):
        privacy.Erasure(admin, actor=SuperuserFactory()).run()
    assert not PersonalDataExport.objects.exists() and not default_storage.exists(of_another.file.name)


def _ready_exports(person, number):
    for _number in range(number):
        PersonalDataExport.objects.create(
            person=person,
            requested_by=person,
            file_format="zip",
            state="ready",
            file="personal-data-exports/x/personal-data.zip",
            size=1234,
            finished_at=timezone.now(),
            expires_at=timezone.now() + timedelta(days=7),
        )


def test_the_my_data_page_costs_the_same_queries_however_many_exports(client, person, without_response_cache):
    client.force_login(person)
    counts = []
    for number in (1, 5):
        _ready_exports(person, number)
        client.get(MY_DATA)  # the session and caches warm
        with CaptureQueriesContext(connection) as queries:
            assert client.get(MY_DATA).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 12, counts
