"""A practice's attachments are read by whoever may read the practice: the moderators while it is in
moderation, everyone once it is published, the moderators again once it is unpublished."""

import pytest
from django.test import Client
from wagtail.actions.unpublish_page import UnpublishPageAction

from practices.models import PracticePage
from tests.practices.conftest import pdf_file, practice_data
from tests.practices.test_submission import moderate

pytestmark = pytest.mark.django_db


def readable(document, client):
    """Through API v2, which honours Wagtail's collection privacy as the download and API v3 do."""
    return client.get(f"/api/v2/documents/{document.pk}/").status_code == 200


def test_attachments_are_public_only_while_the_practice_is_published(client, staff, editor):
    client.force_login(staff)
    client.post("/es/practices/submit/", {**practice_data(), "attachments": [pdf_file()]})
    page = PracticePage.objects.get(submitted_by=staff, title__startswith="Una línea")
    document = page.attachments.get().document
    moderator = Client()
    moderator.force_login(editor)
    anonymous = Client()
    assert not readable(document, anonymous)
    assert not readable(document, client)
    assert readable(document, moderator)

    moderate(page, editor, "approve")
    assert readable(document, anonymous)

    UnpublishPageAction(PracticePage.objects.get(pk=page.pk), user=editor).execute()
    assert not readable(document, anonymous)
    assert readable(document, moderator)
