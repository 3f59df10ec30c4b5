"""What a language's readers download to read offline from the guides index: the whole guide as one Word file
(home/guide_docx.py) and, registered by the forms library, every blank form as one ZIP.

Each file is built once per published state of what it holds and kept in the media storage (Django's default
storage: the local disk or the S3 bucket): its name carries a key made of the language and the latest published
revision of each page in it, so a publish makes a new name and the old file is removed. It is built by a task on
our backend (home/tasks.py) after a publish commits, and on the first download if it is missing; a download
never builds a file that is there. The content is public: anyone who may read the guides may download it.
"""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.functional import Promise
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from .cache import public, start_new_generation
from .docx import DOCX_TYPE
from .guide_docx import guide_document
from .models import GuideIndexPage, GuidePage
from .tasks import retried_task
from .tree import children

FOLDER = "offline"
# A missing file's task is queued once in this many seconds; the page saying it is being prepared asks again after
# RETRY_AFTER seconds.
QUEUED_FOR = 600
RETRY_AFTER = 15
ZIP_TYPE = "application/zip"


@dataclass(frozen=True)
class Bundle:
    """One kind of offline file: which live pages of a language it holds (in order), and how it is written."""

    kind: str
    label: Promise
    extension: str
    content_type: str
    page_model: type
    # (language) -> the live pages it holds, in reading order
    pages: Callable
    # (language, pages) -> the file's bytes
    build: Callable
    # (language) -> the downloaded file's name, without its extension
    filename: Callable


BUNDLES: dict[str, Bundle] = {}


def register(bundle):
    BUNDLES[bundle.kind] = bundle
    return bundle


@dataclass(frozen=True)
class StoredFile:
    bundle: Bundle
    language: str
    name: str
    content_date: datetime | None
    size: int | None = None

    @property
    def exists(self):
        return self.size is not None


def _pages(bundle, language):
    return list(public(bundle.pages(language)))


def _name(bundle, language, pages):
    state = ";".join(f"{page.pk}:{page.live_revision_id}:{page.last_published_at}" for page in pages)
    key = hashlib.sha256(f"{bundle.kind}:{language}:{state}".encode()).hexdigest()[:20]
    return f"{FOLDER}/{language}/{bundle.kind}-{key}.{bundle.extension}"


def _stored(bundle, language, pages):
    name = _name(bundle, language, pages)
    moments = [page.last_published_at for page in pages if page.last_published_at]
    size = default_storage.size(name) if default_storage.exists(name) else None
    return StoredFile(bundle, language, name, max(moments) if moments else None, size)


def stored_file(kind, language):
    """The file of the current published state, with its size if it has been built."""
    bundle = BUNDLES[kind]
    return _stored(bundle, language, _pages(bundle, language))


def offline_files(language):
    """Every kind of offline file of a language that has pages to hold, for the guides index."""
    files = []
    for bundle in BUNDLES.values():
        pages = _pages(bundle, language)
        if pages:
            files.append(_stored(bundle, language, pages))
    return files


def ensure_built(kind, language):
    """The stored file of the current published state, built and stored first if it is missing; None when the
    language has no page for it."""
    bundle = BUNDLES[kind]
    pages = _pages(bundle, language)
    if not pages:
        return None
    stored = _stored(bundle, language, pages)
    if stored.exists:
        return stored
    saved = default_storage.save(stored.name, ContentFile(bundle.build(language, pages)))
    _remove_older(bundle, language, keep=saved)
    # Pages that show the link and its size are cached for anonymous readers: show the new file.
    transaction.on_commit(start_new_generation)
    return StoredFile(bundle, language, saved, stored.content_date, default_storage.size(saved))


def _remove_older(bundle, language, keep):
    folder = f"{FOLDER}/{language}"
    try:
        _dirs, names = default_storage.listdir(folder)
    except (FileNotFoundError, NotImplementedError):
        return
    for name in names:
        path = f"{folder}/{name}"
        if name.startswith(f"{bundle.kind}-") and path != keep:
            default_storage.delete(path)


@retried_task()
def build_offline_file(kind, language):
    """The task that builds a language's offline file after a publish."""
    ensure_built(kind, language)


def schedule_build(kind, language):
    """Build the file once the publish commits, once per transaction however many pages it publishes (a
    translation's import publishes many): a callback already waiting for the same file is enough."""
    marker = (kind, language)
    for _savepoints, callback, _robust in connection.run_on_commit:
        if getattr(callback, "offline_file", None) == marker:
            return

    def enqueue():
        build_offline_file.enqueue(kind, language)

    enqueue.offline_file = marker
    transaction.on_commit(enqueue)


def page_published(page):
    """A publish of a page some offline file holds: that file is built anew."""
    for bundle in BUNDLES.values():
        if isinstance(page, bundle.page_model):
            schedule_build(bundle.kind, page.locale.language_code)


def download(request, kind, language):
    """The response that hands the file over: streamed from a storage on this server (which does not serve
    /media/), or a redirect to the storage's own URL where it has one of its own (S3: signed, short-lived).

    A file not built yet (its task has not run since the publish) is never built in the request: its task is queued
    once, and the reader gets a page saying it is being prepared, which asks again shortly. With the immediate
    backend (tests, `make run`) the task has built it by the time it is looked for again."""
    if kind not in BUNDLES:
        raise Http404
    bundle = BUNDLES[kind]
    pages = _pages(bundle, language)
    if not pages:
        raise Http404
    stored = _stored(bundle, language, pages)
    if not stored.exists:
        # One task per missing file, however many readers click while the worker is busy.
        if cache.add(f"qser:offline-queued:{stored.name}", True, timeout=QUEUED_FOR):
            build_offline_file.enqueue(kind, language)
        stored = _stored(bundle, language, pages)
        if not stored.exists:
            response = TemplateResponse(
                request, "home/offline_preparing.html", {"retry_after": RETRY_AFTER}, status=202
            )
            patch_cache_control(response, private=True, max_age=0)
            return response
    filename = f"{stored.bundle.filename(language)}-{(stored.content_date or timezone.now()).date().isoformat()}"
    url = default_storage.url(stored.name)
    if url.startswith(("http://", "https://")):
        response = HttpResponseRedirect(url)
    else:
        # Read whole (a few hundred kilobytes): the storage's file object may be shared (InMemoryStorage).
        with default_storage.open(stored.name, "rb") as file:
            response = HttpResponse(file.read(), content_type=stored.bundle.content_type)
        response["Content-Disposition"] = content_disposition_header(
            as_attachment=True, filename=f"{filename}.{stored.bundle.extension}"
        )
    # Not kept in the cache of anonymous pages: the file is large and has a home of its own.
    patch_cache_control(response, private=True, max_age=0)
    return response


# The whole guide of a language


def _guide_index(language):
    return GuideIndexPage.objects.filter(locale__language_code=language, alias_of__isnull=True).first()


def _guide_pages(language):
    index = _guide_index(language)
    if index is None:
        return GuidePage.objects.none()
    return children(GuidePage, index.path).live().select_related("locale")


def _guide_build(language, pages):
    return guide_document(_guide_index(language), pages, language)


def _guide_filename(language):
    return slugify(f"q-ser-guide-{language}")


register(
    Bundle(
        kind="guide",
        label=_("The whole guide as one Word document"),
        extension="docx",
        content_type=DOCX_TYPE,
        page_model=GuidePage,
        pages=_guide_pages,
        build=_guide_build,
        filename=_guide_filename,
    )
)
