"""Media on S3-compatible storage (django-storages), against moto's S3 server on loopback: uploads go to the
bucket and stay private there; Wagtail's document view checks who may read a document before it hands out a
URL signed for a few minutes; practice attachments in moderation are never handed to an anonymous reader; image
renditions, which published pages show to anyone, are the one public part."""

import subprocess
import time
import uuid
from pathlib import Path

import boto3
import pytest
import requests
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.test import Client
from wagtail.documents import get_document_model
from wagtail.images.models import get_rendition_storage
from wagtail_factories import ImageFactory

from practices import attachments
from qser_site.models import PersonalDataExport
from qser_site.settings.base import media_storages
from tests.conftest import Client as CommittingClient
from tests.factories import EditorFactory, MemberFactory
from tests.operations.test_sqlite_writers import free_port

pytestmark = [pytest.mark.second_pass, pytest.mark.django_db]

MOTO_SERVER = Path(__file__).resolve().parents[2] / ".venv" / "bin" / "moto_server"
CREDENTIALS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_DEFAULT_REGION": "us-east-1"}


@pytest.fixture(scope="module")
def s3_server():
    port = free_port()
    process = subprocess.Popen(
        [str(MOTO_SERVER), "-H", "127.0.0.1", "-p", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            requests.get(url, timeout=2)
            break
        except requests.RequestException:
            time.sleep(0.2)
    else:
        process.kill()
        pytest.fail("moto's S3 server did not start")
    yield url
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def bucket(s3_server, settings, monkeypatch):
    for name, value in CREDENTIALS.items():
        monkeypatch.setenv(name, value)
    name = f"qser-{uuid.uuid4().hex[:12]}"
    client = boto3.client("s3", endpoint_url=s3_server, region_name="us-east-1")
    client.create_bucket(Bucket=name)
    environ = {
        "AWS_STORAGE_BUCKET_NAME": name,
        "AWS_S3_ENDPOINT_URL": s3_server,
        "AWS_S3_REGION_NAME": "us-east-1",
        "AWS_S3_ADDRESSING_STYLE": "path",
    }
    settings.STORAGES = {**media_storages(environ), "staticfiles": settings.STORAGES["staticfiles"]}
    settings.WAGTAILIMAGES_RENDITION_STORAGE = "renditions"
    return name, client


def public_to_everyone(client, bucket_name, key):
    grants = client.get_object_acl(Bucket=bucket_name, Key=key)["Grants"]
    return any(grant["Grantee"].get("URI", "").endswith("/global/AllUsers") for grant in grants)


def test_the_local_disk_unless_a_bucket_is_named():
    assert media_storages({}) == {"default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}
    s3 = media_storages({"AWS_STORAGE_BUCKET_NAME": "hub", "AWS_QUERYSTRING_EXPIRE": "120"})
    assert s3["default"]["BACKEND"] == "storages.backends.s3.S3Storage"
    assert s3["default"]["OPTIONS"]["querystring_auth"] is True
    assert s3["default"]["OPTIONS"]["querystring_expire"] == 120
    assert s3["default"]["OPTIONS"]["default_acl"] == "private"
    assert s3["renditions"]["OPTIONS"]["location"] == "public"


def document(title, collection=None):
    Document = get_document_model()
    kwargs = {"collection": collection} if collection else {}
    item = Document(title=title, **kwargs)
    item.file.save(f"{title}.pdf", ContentFile(b"%PDF-1.4 " + title.encode()), save=False)
    item.save()
    return item


def test_a_document_is_kept_private_in_the_bucket_and_served_through_a_short_signed_url(bucket):
    name, s3 = bucket
    guide = document("public-guide")
    assert s3.head_object(Bucket=name, Key=guide.file.name)["ContentLength"] > 0
    assert not public_to_everyone(s3, name, guide.file.name)

    response = Client().get(guide.url)
    assert response.status_code == 302
    signed = response["Location"]
    assert "X-Amz-Signature=" in signed and "X-Amz-Expires=300" in signed
    assert requests.get(signed, timeout=10).content == b"%PDF-1.4 public-guide"


def test_an_attachment_in_moderation_is_never_handed_to_an_anonymous_reader(bucket):
    name, s3 = bucket
    attachment = document("in-moderation", collection=attachments.submissions_collection())
    anonymous = Client().get(attachment.url)
    assert anonymous.status_code in (302, 403)
    assert "X-Amz-Signature" not in anonymous.get("Location", "")
    assert not public_to_everyone(s3, name, attachment.file.name)

    moderator = Client()
    moderator.force_login(EditorFactory())
    allowed = moderator.get(attachment.url)
    assert allowed.status_code == 302 and "X-Amz-Signature=" in allowed["Location"]
    assert requests.get(allowed["Location"], timeout=10).content == b"%PDF-1.4 in-moderation"


def test_image_renditions_are_public_and_originals_private(bucket):
    name, s3 = bucket
    image = ImageFactory()
    assert not public_to_everyone(s3, name, image.file.name)
    assert "X-Amz-Signature=" in image.file.url
    # Wagtail reads WAGTAILIMAGES_RENDITION_STORAGE when the rendition model is defined, before this test's
    # settings: the storage it names is checked directly.
    renditions = get_rendition_storage()
    assert renditions is storages["renditions"]
    stored = renditions.save("images/thumbnail.png", ContentFile(b"\x89PNG thumbnail"))
    assert public_to_everyone(s3, name, f"public/{stored}")
    url = renditions.url(stored)
    assert "Signature" not in url
    assert requests.get(url, timeout=10).content == b"\x89PNG thumbnail"


def test_a_personal_data_export_is_private_in_the_bucket_and_handed_to_its_asker_only(bucket):
    name, s3 = bucket
    person = MemberFactory()
    asker = CommittingClient()  # runs the build task as the request commits
    asker.force_login(person)
    assert asker.post("/en/mentoring/my-data/", {"format": "json"}).status_code == 302
    export = PersonalDataExport.objects.get(person=person)
    assert export.state == "ready" and s3.head_object(Bucket=name, Key=export.file.name)["ContentLength"] > 0
    assert not public_to_everyone(s3, name, export.file.name)

    response = asker.get(f"/en/mentoring/my-data/exports/{export.pk}/download/")
    assert response.status_code == 302 and "X-Amz-Signature=" in response["Location"]
    served = requests.get(response["Location"], timeout=10)
    assert served.json()["account"]["username"] == person.username
    assert served.headers["Content-Disposition"].startswith('attachment; filename="personal-data-')

    other = Client()
    other.force_login(MemberFactory())
    assert other.get(f"/en/mentoring/my-data/exports/{export.pk}/download/").status_code == 404
