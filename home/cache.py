"""What the site keeps in Django's cache, all under one generation number.

Whole responses for anonymous readers (pages in every language and the public API) and the list of the
site's private sections belong to the generation current when they were stored. Anything that can change what an
anonymous reader sees (a publish, unpublish, move or delete, a new alias from wagtail-localize's
synchronisation, a view restriction, a document or image) starts a new generation once its transaction
commits, so the next request is rendered afresh: a publish shows at once, in every worker sharing the
cache (REDIS_URL in production).
"""

import functools
import hashlib
import os
import time

from django.conf import settings
from django.core.cache import cache
from django.db.models import Q
from django.utils.translation import get_language
from wagtail.models import PageViewRestriction

GENERATION_KEY = "qser:generation"
# What a release's code renders with: its templates, Python and compiled catalogues.
RELEASE_SUFFIXES = (".html", ".py", ".mo", ".txt")


@functools.cache
def release():
    """A short fingerprint of the code this process runs, in every key of what it renders (whole responses, parts
    of pages). The generation is shared by every app server and renewed by changes to content, not by a deploy: a
    server that starts with new templates, code or translations must not serve what the old code rendered, while
    servers of both releases (a rolling deploy) still see every publish at once. QSER_RELEASE, set by the
    deployment (a commit id), saves reading the files; otherwise the project's files are hashed once per process."""
    given = os.environ.get("QSER_RELEASE")
    if given:
        return hashlib.sha256(given.encode()).hexdigest()[:12]
    digest = hashlib.sha256()
    root = str(settings.BASE_DIR)
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in {"node_modules", "media", "staticfiles"})
        for name in sorted(files):
            if name.endswith(RELEASE_SUFFIXES):
                path = os.path.join(folder, name)
                digest.update(os.path.relpath(path, root).encode())
                with open(path, "rb") as file:
                    digest.update(file.read())
    return digest.hexdigest()[:12]


def generation():
    return cache.get_or_set(GENERATION_KEY, time.time_ns, timeout=None)


def start_new_generation():
    # A timestamp rather than an increment: after an eviction the number never repeats an old one.
    cache.set(GENERATION_KEY, time.time_ns(), timeout=None)


def restricted_paths():
    """The tree paths of the pages with a view restriction: they and their descendants are private."""
    # Called several times per page: the generation and the paths come in one round trip to the cache.
    key = "qser:restricted-paths"
    found = cache.get_many([GENERATION_KEY, key])
    current = found.get(GENERATION_KEY) or generation()
    stored_generation, paths = found.get(key, (None, None))
    if stored_generation != current:
        paths = sorted(set(PageViewRestriction.objects.values_list("page__path", flat=True)))
        cache.set(key, (current, paths), timeout=None)
    return paths


def public(pages):
    """Wagtail's `pages.public()`, without its query of every view restriction on each call."""
    paths = restricted_paths()
    if not paths:
        return pages
    private = Q()
    for path in paths:
        private |= Q(path__startswith=path)
    return pages.exclude(private)


def response_key(request):
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"qser:response:{release()}:{request.get_host()}:{get_language()}:{path}"


def cached_response(key):
    """(generation, response): the current generation, and the response stored under it for the key, if
    any; both read in one round trip to the cache."""
    found = cache.get_many([GENERATION_KEY, key])
    current = found.get(GENERATION_KEY) or generation()
    stored_generation, response = found.get(key, (None, None))
    return current, response if stored_generation == current else None


def store_response(key, current, response, seconds):
    """Stored with the generation read before rendering: one started meanwhile makes it stale at once."""
    cache.set(key, (current, response), seconds)
