"""The largest file each kind of upload takes (settings PRACTICE_ATTACHMENT_MAX_UPLOAD_SIZE,
WAGTAILDOCS_MAX_UPLOAD_SIZE, WAGTAILIMAGES_MAX_UPLOAD_SIZE, each from the environment too): refused with a
translated error naming the limit, on the site's submission form and the API (ours), the admin's document and
image uploads, one file or several at once (Wagtail's message, in Wagtail's catalogues), and nothing stored. The
limits are set small here so the files stay small."""

import io
import json
import os
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils import translation
from PIL import Image
from wagtail.models import Collection

from tests.api.test_attachments import PRACTICE, bearer
from tests.factories import MemberFactory
from tests.practices.conftest import practice_data
from tests.security.test_uploads import PDF, stored

pytestmark = pytest.mark.django_db

LIMIT = 2000
TOO_LARGE = PDF + b"%" * LIMIT  # a PDF, one comment longer than the limit


def refusal(language, name):
    with translation.override(language):
        return translation.gettext("“%(name)s” is larger than %(size)s, the largest file the site takes.") % {
            "name": name,
            "size": filesizeformat(LIMIT),
        }


def png(size=(40, 30)):
    buffer = io.BytesIO()
    Image.effect_noise(size, 100).convert("RGB").save(buffer, "PNG")  # noise: does not compress below the limit
    return buffer.getvalue()


@pytest.fixture
def login(client):
    def as_user(username):
        client.force_login(get_user_model().objects.get(username=username))
        return client

    return as_user


@pytest.mark.parametrize("language", ["el", "cs", "de", "es"])
def test_a_practice_attachment_over_the_limit_is_refused_on_the_site_in_the_readers_language(login, settings, language):
    settings.PRACTICE_ATTACHMENT_MAX_UPLOAD_SIZE = LIMIT
    client = login("staff")
    before = stored()
    response = client.post(
        f"/{language}/practices/submit/",
        {**practice_data(), "attachments": [SimpleUploadedFile("plan.pdf", TOO_LARGE)]},
    )
    assert response.status_code == 400
    assert refusal(language, "plan.pdf") in response.context["form"].errors["attachments"]
    assert refusal(language, "plan.pdf") != refusal("en", "plan.pdf")
    assert stored() == before


def test_the_submission_form_tells_the_limit(login, settings):
    settings.PRACTICE_ATTACHMENT_MAX_UPLOAD_SIZE = 5 * 1024 * 1024
    page = login("staff").get("/de/practices/submit/").content.decode()
    assert "jeweils höchstens 5,0\xa0MB" in page


def test_a_file_at_the_limit_is_taken(login, settings):
    settings.PRACTICE_ATTACHMENT_MAX_UPLOAD_SIZE = len(TOO_LARGE)
    response = login("staff").post(
        "/en/practices/submit/", {**practice_data(), "attachments": [SimpleUploadedFile("plan.pdf", TOO_LARGE)]}
    )
    assert response.status_code == 302


def test_an_api_attachment_over_the_limit_is_a_translated_422(client, settings):
    settings.PRACTICE_ATTACHMENT_MAX_UPLOAD_SIZE = LIMIT
    before = stored()
    response = client.post(
        "/api/practices/",
        {"practice": json.dumps(PRACTICE), "attachments": [SimpleUploadedFile("plan.pdf", TOO_LARGE)]},
        **bearer(MemberFactory()),
        HTTP_ACCEPT_LANGUAGE="es",
    )
    assert response.status_code == 422, response.content[:300]
    [error] = response.json()["errors"]
    assert error["loc"] == ["body", "attachments"]
    assert error["msg"] == refusal("es", "plan.pdf")
    assert stored() == before


def test_an_admin_document_over_the_limit_is_refused(login, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = LIMIT
    client = login("editor")
    root = Collection.get_first_root_node().pk
    before = stored()
    single = client.post(
        "/admin/documents/add/",
        {"title": "Plan", "file": SimpleUploadedFile("plan.pdf", TOO_LARGE), "collection": root},
    )
    several = client.post(
        "/admin/documents/multiple/add/", {"files[]": SimpleUploadedFile("plan.pdf", TOO_LARGE), "collection": root}
    ).json()
    wagtails = "This file is too big (2.0\xa0KB). Maximum filesize 2.0\xa0KB."
    assert single.context["form"].errors["file"][0] == wagtails
    assert several["success"] is False and wagtails in several["error_message"]
    assert stored() == before


def test_an_admin_image_over_the_limit_is_refused_before_it_is_decoded(login, settings):
    content = png()
    assert len(content) > LIMIT
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = LIMIT
    client = login("editor")
    root = Collection.get_first_root_node().pk
    before = stored()
    single = client.post(
        "/admin/images/add/", {"title": "Plan", "file": SimpleUploadedFile("plan.png", content), "collection": root}
    )
    several = client.post(
        "/admin/images/multiple/add/", {"files[]": SimpleUploadedFile("plan.png", content), "collection": root}
    ).json()
    wagtails = f"This file is too big ({filesizeformat(len(content))}). Maximum filesize 2.0\xa0KB."
    assert single.context["form"].errors["file"] == [wagtails]
    assert several["success"] is False and wagtails in several["error_message"]
    assert stored() == before


def test_the_limits_come_from_the_environment():
    """Each limit has a default and an environment variable (docs/deploy.md)."""
    assert django_settings.PRACTICE_ATTACHMENT_MAX_UPLOAD_SIZE == 10 * 1024 * 1024
    assert django_settings.WAGTAILDOCS_MAX_UPLOAD_SIZE == 20 * 1024 * 1024
    assert django_settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE == 10 * 1024 * 1024
    names = ["PRACTICE_ATTACHMENT_MAX_UPLOAD_SIZE", "WAGTAILDOCS_MAX_UPLOAD_SIZE", "WAGTAILIMAGES_MAX_UPLOAD_SIZE"]
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "qser_site.settings.test"}
    environment.update({name: str(1000 + n) for n, name in enumerate(names)})
    script = "import django; django.setup(); from django.conf import settings as s; print([getattr(s, n) for n in %r])"
    output = subprocess.run(
        [sys.executable, "-c", script % names], env=environment, capture_output=True, text=True, check=True
    ).stdout
    assert output.strip() == "[1000, 1001, 1002]"
