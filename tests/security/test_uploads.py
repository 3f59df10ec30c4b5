"""Uploads are judged by their bytes and bombs are refused, on every upload path: practice attachments on
the site, documents in the Wagtail admin (one file, or several at once) and images in the admin. The bombs
are built in memory."""

import io
import struct
import zipfile
import zlib

import docx
import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import APIToken, Collection, Revision, WorkflowState

from home import uploads
from home.forms import ImageFileField
from practices.forms import ATTACHMENT_EXTENSIONS
from practices.models import PracticePage
from tests.practices.conftest import practice_data

pytestmark = pytest.mark.django_db

MB = 1024 * 1024
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def zip_bytes(*members, base=b"", compression=zipfile.ZIP_DEFLATED):
    """A ZIP archive of (name, bytes) members, or `base` (an archive) with them added. A member given as
    (name, megabytes) is that many megabytes of zeros, written in chunks: it deflates to almost nothing."""
    buffer = io.BytesIO(base)
    with zipfile.ZipFile(buffer, "a" if base else "w", compression) as archive:
        for name, content in members:
            if isinstance(content, int):
                info = zipfile.ZipInfo(name)
                info.compress_type = compression
                with archive.open(info, "w", force_zip64=True) as member:
                    for _megabyte in range(content):
                        member.write(bytes(MB))
            else:
                archive.writestr(name, content)
    return buffer.getvalue()


def docx_bytes(*members):
    """A real Word document (python-docx), with more members when given."""
    buffer = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("Ein Bericht über die Wohnungsberatung.")
    document.save(buffer)
    return zip_bytes(*members, base=buffer.getvalue())


def odt_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), uploads.ODT, compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


def png_declaring(width, height):
    """A PNG of a few dozen bytes whose header declares width × height pixels."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00")) + chunk(b"IEND", b"")


def image_bytes(image_format):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "teal").save(buffer, image_format)
    return buffer.getvalue()


# (file name, how to build its content, what the refusal says)
REFUSED = {
    "a program named .pdf": ("bericht.pdf", lambda: b"MZ\x90\x00\x03" + bytes(100), "does not contain what its name"),
    "an image named .pdf": ("bericht.pdf", lambda: image_bytes("PNG"), "does not contain what its name says"),
    "a PDF named .docx": ("bericht.docx", lambda: PDF, "does not contain what its name says"),
    "a program named .txt": ("notes.txt", lambda: b"MZ\x90\x00\x03" + bytes(100), "does not contain what its name"),
    "a DOCX unpacking to 110 MB": (
        "bericht.docx",
        lambda: docx_bytes(("word/media/filler.bin", 110)),
        "would unpack to more than 100",
    ),
    "a DOCX packed over 100 to 1": (
        "bericht.docx",
        lambda: docx_bytes(("word/media/filler.bin", 10)),
        "packed more tightly (over 100 to 1)",
    ),
    "a DOCX of 2,001 files": (
        "bericht.docx",
        lambda: docx_bytes(*((f"word/media/{number}.txt", b"x") for number in range(2_001))),
        "holds more than 2000 files",
    ),
    "archives within archives": (
        "bericht.docx",
        lambda: docx_bytes(("word/embeddings/inner.zip", zip_bytes(("deeper.zip", zip_bytes(("a.txt", b"a")))))),
        "holds an archive that holds another archive",
    ),
    "a bomb in an archive, itself packed tightly": (
        "bericht.zip",
        lambda: zip_bytes(("inner.zip", zip_bytes(("zeros.bin", 110)))),
        "packed more tightly",
    ),
    "a bomb in an archive, itself stored": (
        "bericht.zip",
        lambda: zip_bytes(("inner.zip", zip_bytes(("zeros.bin", 110))), compression=zipfile.ZIP_STORED),
        "would unpack to more than 100",
    ),
    "a damaged DOCX": ("bericht.docx", lambda: docx_bytes()[:-100], "damaged or encrypted"),
    "a PNG declaring 30000 × 30000 pixels": ("plan.png", lambda: png_declaring(30_000, 30_000), "50000000 pixels"),
    "a PNG declaring 60 megapixels": ("plan.png", lambda: png_declaring(10_000, 6_000), "50000000 pixels"),
}
ACCEPTED = {
    "a PDF": ("bericht.pdf", lambda: PDF),
    "a DOCX": ("bericht.docx", docx_bytes),
    "a DOCX with a chart's workbook": (
        "bericht.docx",
        lambda: docx_bytes(("word/embeddings/chart.xlsx", zip_bytes(("xl/workbook.xml", b"<workbook/>")))),
    ),
    "an ODT": ("bericht.odt", odt_bytes),
    "a PNG": ("plan.png", lambda: image_bytes("PNG")),
    "a JPEG": ("foto.jpeg", lambda: image_bytes("JPEG")),
    "a CSV whose first line looks like a bitmap's signature": ("autos.csv", lambda: b"BMW;Audi\n1;2\n"),
    "a ZIP": ("anlagen.zip", lambda: zip_bytes(("liste.txt", "Zeile\n" * 100))),
}


def cases(table, extensions):
    return [
        pytest.param(*case, id=label) for label, case in table.items() if uploads.extension_of(case[0]) in extensions
    ]


def stored():
    return (
        PracticePage.objects.count(),
        Revision.objects.count(),
        WorkflowState.objects.count(),
        get_document_model().objects.count(),
        get_image_model().objects.count(),
    )


@pytest.fixture
def editor(client, db):
    client.force_login(get_user_model().objects.get(username="editor"))


@pytest.fixture
def staff(client, db):
    client.force_login(get_user_model().objects.get(username="staff"))


def attach(client, name, content):
    return client.post("/en/practices/submit/", {**practice_data(), "attachments": [SimpleUploadedFile(name, content)]})


def upload_document(client, name, content):
    """The admin's two ways of adding a document: the form, and several files at once. Each answers the
    file's errors (none when stored)."""
    root = Collection.get_first_root_node().pk
    single = client.post(
        "/admin/documents/add/", {"title": name, "file": SimpleUploadedFile(name, content), "collection": root}
    )
    errors = single.context["form"].errors.get("file", []) if single.status_code == 200 else []
    several = client.post(
        "/admin/documents/multiple/add/", {"files[]": SimpleUploadedFile(name, content), "collection": root}
    ).json()
    return errors, several


@pytest.mark.parametrize(("name", "build", "message"), cases(REFUSED, ATTACHMENT_EXTENSIONS))
def test_practice_attachments_are_refused(client, staff, name, build, message):
    before = stored()
    response = attach(client, name, build())
    assert response.status_code == 400
    assert any(message in error for error in response.context["form"].errors["attachments"])
    assert stored() == before


@pytest.mark.parametrize(("name", "build"), cases(ACCEPTED, ATTACHMENT_EXTENSIONS))
def test_practice_attachments_are_accepted(client, staff, name, build):
    response = attach(client, name, build())
    assert response.status_code == 302
    assert PracticePage.objects.latest("pk").attachments.get().document.file.name.endswith(name.rpartition(".")[2])


@pytest.mark.parametrize(("name", "build", "message"), cases(REFUSED, settings.WAGTAILDOCS_EXTENSIONS))
def test_admin_documents_are_refused(client, editor, name, build, message):
    before = stored()
    errors, several = upload_document(client, name, build())
    assert any(message in error for error in errors)
    assert several["success"] is False and message in several["error_message"]
    assert stored() == before


@pytest.mark.parametrize(("name", "build"), cases(ACCEPTED, settings.WAGTAILDOCS_EXTENSIONS))
def test_admin_documents_are_accepted(client, editor, name, build):
    before = get_document_model().objects.count()
    errors, several = upload_document(client, name, build())
    assert errors == [] and several["success"] is True
    assert get_document_model().objects.count() == before + 2


def upload_image(client, content):
    """The admin's two ways of adding an image; each answers the file's errors (none when stored)."""
    root = Collection.get_first_root_node().pk
    single = client.post(
        "/admin/images/add/", {"title": "Plan", "file": SimpleUploadedFile("plan.png", content), "collection": root}
    )
    errors = single.context["form"].errors.get("file", []) if single.status_code == 200 else []
    several = client.post(
        "/admin/images/multiple/add/", {"files[]": SimpleUploadedFile("plan.png", content), "collection": root}
    ).json()
    return errors, several


@pytest.mark.parametrize(
    ("content", "message"),
    [
        pytest.param(png_declaring(30_000, 30_000), "“plan.png” is an image of more than 50000000 pixels.", id="bomb"),
        # Under Pillow's limit: Wagtail's check alone would decode it first, 180 MB.
        pytest.param(png_declaring(10_000, 6_000), "“plan.png” is an image of more than 50000000 pixels.", id="large"),
        # Decoding it fails, which Wagtail let through as a server error.
        pytest.param(png_declaring(40, 30), "Upload a valid image.", id="undecodable"),
    ],
)
def test_admin_images_are_refused_before_they_are_decoded(client, editor, content, message):
    before = stored()
    errors, several = upload_image(client, content)
    assert any(error.startswith(message) for error in errors)
    assert several["success"] is False and several["error_message"].startswith(message)
    assert stored() == before


def test_admin_images_are_accepted(client, editor):
    before = get_image_model().objects.count()
    errors, several = upload_image(client, image_bytes("PNG"))
    assert errors == [] and several["success"] is True
    assert get_image_model().objects.count() == before + 2


@pytest.mark.parametrize(
    ("endpoint", "name", "build", "answer"),
    [
        ("images", "plan.png", lambda: png_declaring(30_000, 30_000), "50000000 pixels"),
        ("images", "plan.png", lambda: image_bytes("PNG"), None),
        ("documents", "bericht.docx", lambda: docx_bytes(("word/media/filler.bin", 110)), "would unpack"),
        ("documents", "bericht.pdf", lambda: image_bytes("PNG"), "does not contain what its name says"),
        ("documents", "bericht.docx", docx_bytes, None),
    ],
)
def test_api_v3_uploads_are_judged_by_the_admin_forms(client, endpoint, name, build, answer):
    """Wagtail's API v3 builds the admin's forms (WAGTAILDOCS_DOCUMENT_FORM_BASE, WAGTAILIMAGES_IMAGE_FORM_BASE)."""
    _token, plaintext = APIToken.create_token(user=get_user_model().objects.get(username="editor"), name="uploads")
    root = Collection.get_first_root_node().pk
    before = stored()
    response = client.post(
        f"/api/v3/{endpoint}/",
        {"file": SimpleUploadedFile(name, build()), "title": "Upload", "collection_id": root},
        HTTP_AUTHORIZATION=f"Bearer {plaintext}",
    )
    if answer is None:
        assert response.status_code == 201, response.content
    else:
        assert response.status_code == 422
        assert any(error["loc"] == ["file"] and answer in error["msg"] for error in response.json()["errors"])
        assert stored() == before


def test_every_accepted_extension_has_a_content_rule():
    assert set(settings.WAGTAILDOCS_EXTENSIONS) | ATTACHMENT_EXTENSIONS <= set(uploads.TYPES_BY_EXTENSION)
    assert settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS < Image.MAX_IMAGE_PIXELS


SIGNATURES = [
    b"",
    b"%PDF-",
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    b"GIF89a",
    b"\xff\xd8\xff",
    b"RIFF\x00\x00\x00\x00WEBP",
]
REAL_FILES = [docx_bytes(), odt_bytes(), zip_bytes(("a.txt", b"a")), image_bytes("PNG"), image_bytes("GIF")]


def cut(content, end):
    return content[:end]


def overwritten(content, start, junk):
    return content[:start] + junk + content[start + len(junk) :]


broken_content = st.one_of(
    st.builds(lambda signature, rest: signature + rest, st.sampled_from(SIGNATURES), st.binary(max_size=300)),
    # Real files cut short, or with bytes overwritten.
    st.builds(cut, st.sampled_from(REAL_FILES), st.integers(4, 40_000)),
    st.builds(overwritten, st.sampled_from(REAL_FILES), st.integers(0, 3000), st.binary(min_size=1, max_size=40)),
)


any_bytes = hypothesis_settings(
    max_examples=60, deadline=None, derandomize=True, database=None, suppress_health_check=[HealthCheck.too_slow]
)


@any_bytes
@given(extension=st.sampled_from(sorted(uploads.TYPES_BY_EXTENSION)), content=broken_content)
def test_any_bytes_under_any_name_are_judged_without_error(extension, content):
    upload = SimpleUploadedFile(f"upload.{extension}", content)
    try:
        uploads.check_unpacked_size(upload, uploads.content_type(upload))
    except ValidationError as refusal:
        assert refusal.messages[0].startswith("“upload.")


@any_bytes
@given(extension=st.sampled_from(["png", "jpg", "gif", "webp"]), content=broken_content)
def test_any_bytes_as_an_admin_image_are_judged_without_error(extension, content):
    try:
        ImageFileField().clean(SimpleUploadedFile(f"upload.{extension}", content))
    except ValidationError as refusal:
        assert refusal.messages
