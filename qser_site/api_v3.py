"""Wagtail API v3's OpenAPI document (`/api/v3/openapi.json`), served from Django's cache.

Wagtail builds the document on every request (about a quarter to half a second: a schema for every page
model, read and write), though it changes only with the code: the page models and their fields, Wagtail and
django-ninja. So it is stored under a key made of those, and a deploy that changes any of them reads a new key
(the old entry is left to expire); a deploy that changes none of them has the same document. Every worker
sharing the cache (`REDIS_URL`) builds it once between them.

Wagtail's `NinjaAPI` instance is created by Wagtail, and ninja builds the document in its own view, with no
hook for a cache: this view takes that one URL, ahead of Wagtail's, and keeps Wagtail's gate
(`WAGTAILAPI_DOCS_ENABLED`).
"""

import functools
import hashlib

import ninja
import wagtail
from django.core.cache import cache
from django.db.migrations.writer import MigrationWriter
from django.http import HttpResponse
from ninja.responses import Response
from wagtail.api.v3.urls import api as api_v3
from wagtail.models import get_page_models

SCHEMA_SECONDS = 7 * 24 * 3600


@functools.cache
def schema_cache_key():
    """The versions that shape the document and a digest of every page model's fields as migrations see them
    (a StreamField's blocks included), so changing a page model changes the key. Computed once per process."""
    parts = [f"wagtail {wagtail.__version__}", f"ninja {ninja.__version__}"]
    for model in sorted(get_page_models(), key=lambda model: model._meta.label):
        parts.append(model._meta.label)
        # Serialized as a migration writes it: the same text in every process (a block's repr holds its address).
        parts.extend(MigrationWriter.serialize(field.deconstruct()[1:])[0] for field in model._meta.local_fields)
        parts.extend(
            f"api field {field!r} {type(getattr(field, 'serializer', None)).__name__}"
            for field in getattr(model, "api_fields", ())
        )
    return "qser:api-v3-openapi:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()


def build_schema(path_params):
    return api_v3.get_openapi_schema(path_params=path_params)


@api_v3.docs_decorator
def openapi_json(request, **path_params):
    # The rendered JSON is stored, not the dict: a hit costs no encoding.
    content = cache.get(schema_cache_key())
    if content is None:
        content = Response(build_schema(path_params)).content
        cache.set(schema_cache_key(), content, timeout=SCHEMA_SECONDS)
    return HttpResponse(content, content_type="application/json")
