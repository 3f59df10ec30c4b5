"""Every uploaded file is judged by its bytes: practice attachments, and documents and images in the admin.

Each kind has a largest size (settings: PRACTICE_ATTACHMENT_MAX_UPLOAD_SIZE here; Wagtail's own
WAGTAILDOCS_MAX_UPLOAD_SIZE and WAGTAILIMAGES_MAX_UPLOAD_SIZE in the admin), checked before anything reads the file.

A file's name must say what its content is (a PDF named .pdf, not a program renamed). Files that are ZIP
archives inside (DOCX, XLSX, PPTX, ODT, ZIP) are judged by their central directory, without extracting
anything: not more than MAX_UNPACKED_BYTES once unpacked, not packed more tightly than MAX_PACKING_RATIO to 1
(real documents stay far below; decompression bombs far above), at most MAX_ARCHIVE_MEMBERS files, and an
archive inside one (a chart's workbook in a Word file) is judged the same way but may hold no archive
itself. An image may have at most WAGTAILIMAGES_MAX_IMAGE_PIXELS pixels, read from its header: a few
kilobytes can declare gigapixels that a browser or Pillow would try to allocate.
"""

import math
import warnings
import zipfile
import zlib

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from PIL import Image

MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_PACKING_RATIO = 100
MAX_ARCHIVE_MEMBERS = 2_000

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
ODT = "application/vnd.oasis.opendocument.text"
ZIP_BASED = {
    "application/zip",
    "application/epub+zip",
    DOCX,
    XLSX,
    PPTX,
    ODT,
    "application/vnd.oasis.opendocument.spreadsheet",
    "application/vnd.oasis.opendocument.presentation",
}
IMAGES = {"image/jpeg", "image/png", "image/gif", "image/webp"}
TEXT = "text/plain"
# What the content must be for each extension the site accepts.
TYPES_BY_EXTENSION = {
    "pdf": {PDF},
    "docx": {DOCX},
    "xlsx": {XLSX},
    "pptx": {PPTX},
    "odt": {ODT},
    "rtf": {"application/rtf"},
    "zip": ZIP_BASED,
    "key": ZIP_BASED,
    "csv": {TEXT},
    "txt": {TEXT},
    "jpg": {"image/jpeg"},
    "jpeg": {"image/jpeg"},
    "png": {"image/png"},
    "gif": {"image/gif"},
    "webp": {"image/webp"},
}


def extension_of(name):
    return name.rpartition(".")[2].lower() if "." in name else ""


def content_type(upload):
    """The MIME type of the content, when it is of a type the name's extension stands for (the caller decides
    which extensions it accepts); otherwise a ValidationError."""
    expected = TYPES_BY_EXTENSION.get(extension_of(upload.name), set())
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    if expected == {TEXT}:
        # Text has no signature, and a line may begin like one ("BM…" is a bitmap's); binary formats all
        # hold a null byte early on.
        mime = TEXT if b"\x00" not in head else None
    else:
        kind = filetype.guess(head)
        mime = kind.mime if kind else None
    if mime not in expected:
        raise ValidationError(
            _("“%(name)s” does not contain what its name says."), code="content_mismatch", params={"name": upload.name}
        )
    return mime


def check_size(upload, limit):
    """Refuse a file larger than `limit` bytes, naming the limit in the reader's units and language."""
    if upload.size is not None and upload.size > limit:
        raise ValidationError(
            _("“%(name)s” is larger than %(size)s, the largest file the site takes."),
            code="file_too_large",
            params={"name": upload.name, "size": filesizeformat(limit)},
        )


def check_unpacked_size(upload, mime):
    """Refuse a bomb: an archive or image that would unpack to far more than it weighs."""
    if mime in ZIP_BASED:
        check_archive(upload)
    elif mime in IMAGES:
        check_image_pixels(upload)


def check_archive(upload):
    refusal = None
    try:
        with zipfile.ZipFile(upload) as archive:
            refusal = _archive_refusal(archive, outermost=True)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError, NotImplementedError, ValueError):
        # Damaged, encrypted, or compressed in a way Python cannot read: nor can it be judged.
        refusal = _("“%(name)s” is a damaged or encrypted archive.")
    finally:
        upload.seek(0)
    if refusal:
        raise ValidationError(
            refusal,
            code="archive",
            params={
                "name": upload.name,
                "size": filesizeformat(MAX_UNPACKED_BYTES),
                "ratio": MAX_PACKING_RATIO,
                "count": MAX_ARCHIVE_MEMBERS,
            },
        )


def _archive_refusal(archive, outermost, totals=None):
    """What is wrong with an archive, judged by its central directory, or None. An archive within it is
    opened as a stream (its declared size, already counted, bounds what is read) and counted in the totals."""
    totals = totals if totals is not None else {"members": 0, "bytes": 0}
    members = [member for member in archive.infolist() if not member.is_dir()]
    unpacked = sum(member.file_size for member in members)
    totals["members"] += len(members)
    totals["bytes"] += unpacked
    if totals["members"] > MAX_ARCHIVE_MEMBERS:
        return ngettext_lazy(
            "“%(name)s” holds more than %(count)d file.", "“%(name)s” holds more than %(count)d files.", "count"
        )
    if totals["bytes"] > MAX_UNPACKED_BYTES:
        return _("“%(name)s” would unpack to more than %(size)s.")
    if unpacked > MAX_PACKING_RATIO * max(1, sum(member.compress_size for member in members)):
        return _("“%(name)s” is packed more tightly (over %(ratio)d to 1) than real documents are.")
    for member in members:
        with archive.open(member) as content:
            if content.read(4) != b"PK\x03\x04":
                continue
        if not outermost:
            return _("“%(name)s” holds an archive that holds another archive.")
        with archive.open(member) as content, zipfile.ZipFile(content) as inner:
            refusal = _archive_refusal(inner, outermost=False, totals=totals)
        if refusal:
            return refusal
    return None


def check_image_pixels(upload):
    """Refuse an image whose header declares more pixels than WAGTAILIMAGES_MAX_IMAGE_PIXELS. Pillow reads the
    header only; an image it cannot read is not judged here."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                pixels = image.width * image.height
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        pixels = math.inf  # beyond even Pillow's own limit
    except (OSError, SyntaxError, ValueError):
        return
    finally:
        upload.seek(0)
    if pixels > settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS:
        raise ValidationError(
            _("“%(name)s” is an image of more than %(max_pixels_count)s pixels."),
            code="too_many_pixels",
            params={"name": upload.name, "max_pixels_count": settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS},
        )


# What a reader is told a file is, by the extension its content was judged against (see TYPES_BY_EXTENSION).
KIND_LABELS = {
    "pdf": _("PDF"),
    "docx": _("Word (DOCX)"),
    "odt": _("OpenDocument text (ODT)"),
    "jpg": _("JPEG image"),
    "jpeg": _("JPEG image"),
    "png": _("PNG image"),
    "gif": _("GIF image"),
    "webp": _("WebP image"),
}


def kind_label(name):
    """The kind of file a name says it is, for a reader: "PDF", "Word (DOCX)"; else its extension."""
    extension = extension_of(name)
    return str(KIND_LABELS.get(extension, extension.upper()))


def file_facts(name, size):
    """ "PDF, 12.3 KB": the kind and size of a file, in the active language."""
    if size is None:
        return kind_label(name)
    return f"{kind_label(name)}, {filesizeformat(size)}"
