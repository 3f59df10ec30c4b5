"""`manage.py backup` and `restore`: the procedure of the README, on the database the suite runs on
(pg_dump and pg_restore on PostgreSQL, SQLite's backup API on SQLite) and a media folder of its own."""

import io
import json
import tarfile

import pytest
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection
from guardian.shortcuts import remove_perm
from wagtail.models import Locale, ModelLogEntry, TaskState, WorkflowState
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from home.models import GuidePage
from mentoring.models import Department, MentoringRelationship, StageOutput
from mentoring.permissions import VIEW_OUTPUT
from practices.models import PracticePage
from tests.conftest import Client, localized
from tests.mentoring.conftest import complete_filled_form
from tests.mentoring.test_stage_outputs import decide, submit
from tests.practices.conftest import pdf_file, practice_data

from .conftest import site_state


@pytest.fixture
def media(settings, tmp_path):
    """Uploads on the file system, in a folder of the test's own (the suite keeps them in memory)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}
    return settings.MEDIA_ROOT


def greek_translation_of(guide):
    source = TranslationSource.objects.get_for_instance(guide)
    return Translation.objects.get(source=source, target_locale=Locale.objects.get(language_code="el"))


def retranslate(translation, text):
    """A translator's change of one Greek segment, published as wagtail-localize does it."""
    string_translation = StringTranslation.objects.filter(
        locale=translation.target_locale, context__object=translation.source.object
    ).order_by("pk")[0]
    string_translation.data = text
    string_translation.save()
    translation.save_target(publish=True)


def restorable_state(guide_el, document):
    """site_state() without the e-mail outbox (no part of a backup), with the translated page and the file."""
    state = site_state()
    del state["outbox"]
    guide_el.refresh_from_db()
    state["greek guide"] = (guide_el.title, list(guide_el.body.raw_data))
    state["attachment"] = default_storage.open(document.file.name).read()
    return state


@pytest.mark.django_db(transaction=True)
def test_a_restore_brings_back_what_the_backup_saw(committed_world, media, users, staff, tmp_path):
    client = Client()
    guide = GuidePage.objects.get(slug="mentoring-models", locale__language_code="en")
    guide_el = localized(guide, "el")
    retranslate(greek_translation_of(guide), "Μοντέλα καθοδήγησης, όπως τα διόρθωσε η μεταφράστρια.")
    relationship = MentoringRelationship.objects.get(mentor=users["mentor"])
    output = submit(client, relationship, complete_filled_form(client, users["mentee"], "calendar-of-sessions"))
    decide(client, users["mentor"], output, "reject", "Add the threats you see.")
    client.force_login(staff)
    assert client.post("/es/practices/submit/", {**practice_data(), "attachments": [pdf_file()]}).status_code == 302
    practice = PracticePage.objects.get(submission_token=practice_data()["token"])
    document = practice.attachments.get().document
    assert (media / document.file.name).is_file()
    before = restorable_state(guide_el, document)

    archive = tmp_path / "qser.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())

    # Afterwards: a translation changed again, a practice and its file deleted, a review withdrawn, the
    # audit log emptied, a publication's permissions taken away, and a stray file in the media folder.
    retranslate(greek_translation_of(guide), "Κάτι άλλο.")
    practice.delete()
    document.delete()
    WorkflowState.objects.for_instance(output).get().cancel(user=users["mentee"])
    ModelLogEntry.objects.all().delete()
    published = StageOutput.objects.filter(live=True).first()
    remove_perm(VIEW_OUTPUT, Department.objects.get(name="Housing").members_group, published)
    (media / "stray.txt").write_text("uploaded after the backup")
    changed = site_state()
    for key in [
        "wagtail_localize.StringTranslation",
        "pages",
        "wagtailcore.WorkflowState",
        "wagtailcore.ModelLogEntry",
    ]:
        assert changed[key] != before[key]
    assert changed["mentoring.StageOutputGroupObjectPermission"] != before["mentoring.StageOutputGroupObjectPermission"]
    assert not (media / document.file.name).exists()

    call_command("restore", str(archive), interactive=False, stdout=io.StringIO())

    assert restorable_state(guide_el, document) == before
    assert not (media / "stray.txt").exists()
    comments = TaskState.objects.for_instance(output).exclude(comment="").values_list("comment", flat=True)
    assert list(comments) == ["Add the threats you see."]


def archive_with(path, manifest):
    with tarfile.open(path, "w:gz") as tar:
        content = json.dumps(manifest).encode()
        info = tarfile.TarInfo("manifest.json")
        info.size = len(content)
        tar.addfile(info, io.BytesIO(content))
    return path


@pytest.mark.django_db
def test_restore_refuses_what_it_cannot_restore_and_changes_nothing(media, tmp_path, monkeypatch):
    other_vendor = "sqlite" if connection.vendor == "postgresql" else "postgresql"
    refusals = {
        archive_with(tmp_path / "other.tar.gz", {"format": 1, "vendor": other_vendor}): "the same kind of database",
        archive_with(tmp_path / "future.tar.gz", {"format": 99, "vendor": connection.vendor}): "Unknown backup format",
    }
    not_an_archive = tmp_path / "notes.txt"
    not_an_archive.write_text("not a backup")
    refusals[not_an_archive] = "Cannot read"
    before = site_state()
    for archive, message in refusals.items():
        with pytest.raises(CommandError, match=message):
            call_command("restore", str(archive), interactive=False)
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    with pytest.raises(CommandError, match="cancelled"):
        call_command("restore", str(not_an_archive))
    assert site_state() == before
