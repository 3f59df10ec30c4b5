"""The migration that makes private the attachments older practices left public (practices/migrations/0007):
an attachment of a practice in moderation or unpublished moves to the Moderators' collection, one of a live
practice stays public; running it again moves nothing; it makes the private collection when there is none."""

import importlib
import uuid

import pytest
from django.apps import apps
from django.test import Client
from wagtail.models import Collection, CollectionViewRestriction

from practices.attachments import submissions_collection
from practices.constants import MODERATORS, SUBMISSIONS
from practices.models import PracticePage
from tests.practices.conftest import pdf_file, practice_data
from tests.practices.test_attachments import readable
from tests.practices.test_submission import moderate

pytestmark = pytest.mark.django_db

migration = importlib.import_module("practices.migrations.0008_private_attachments_of_unpublished_practices")


def run_migration():
    return migration.make_attachments_of_unpublished_practices_private(apps, schema_editor=None)


def submit(client, staff, title):
    client.force_login(staff)
    data = practice_data(title=title, token=str(uuid.uuid4()))
    client.post("/es/practices/submit/", {**data, "attachments": [pdf_file(f"{title}.pdf")]})
    return PracticePage.objects.get(submitted_by=staff, title=title)


def made_public_as_before(page):
    """What older submissions left: the attachment in the root collection."""
    document = page.attachments.get().document
    document.collection = Collection.get_first_root_node()
    document.save()
    return document


def test_attachments_of_practices_not_live_become_private_and_the_live_ones_stay_public(client, staff, editor):
    waiting = made_public_as_before(submit(client, staff, "Waiting"))
    published_page = submit(client, staff, "Published")
    moderate(published_page, editor, "approve")
    published = published_page.attachments.get().document
    anonymous = Client()
    assert readable(waiting, anonymous) and readable(published, anonymous)

    assert run_migration() == 1
    waiting.refresh_from_db()
    assert waiting.collection == submissions_collection()
    assert not readable(waiting, anonymous)
    assert readable(published, anonymous)

    assert run_migration() == 0  # idempotent


def test_the_migration_makes_the_private_collection_when_there_is_none(client, staff):
    document = made_public_as_before(submit(client, staff, "Older"))
    Collection.objects.filter(name=SUBMISSIONS).update(name="Renamed by hand")

    assert run_migration() == 1
    created = Collection.objects.get(name=SUBMISSIONS)
    assert created.get_parent() == Collection.get_first_root_node()
    assert all(problems == [] for problems in Collection.find_problems())
    restriction = CollectionViewRestriction.objects.get(collection=created)
    assert list(restriction.groups.values_list("name", flat=True)) == [MODERATORS]
    document.refresh_from_db()
    assert document.collection == created
