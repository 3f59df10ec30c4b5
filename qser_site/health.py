"""Health probes for operations: `/healthz` says the process answers; `/readyz` says whether it can serve,
checking the database, the cache and the media storage, and reports the task queue without failing on it.

Both are cheap (one query, one cache round trip, one storage lookup at most), never cached, and carry no
personal data: only component names, "ok" or the kind of error, and counts."""

import time
import uuid

from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from home.tasks import task_queue

# A name no upload takes: looking it up proves the storage answers, whether or not the file exists.
STORAGE_PROBE_NAME = "health/probe"


@never_cache
@require_GET
def healthz(request):
    return JsonResponse({"status": "ok"})


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_cache():
    key = f"readyz:{uuid.uuid4().hex}"
    cache.set(key, "1", timeout=5)
    if cache.get(key) != "1":
        raise RuntimeError("the cache did not return what was stored")
    cache.delete(key)


def check_storage():
    default_storage.exists(STORAGE_PROBE_NAME)


CHECKS = {"database": check_database, "cache": check_cache, "storage": check_storage}


@never_cache
@require_GET
def readyz(request):
    components = {}
    ready = True
    for name, check in CHECKS.items():
        started = time.monotonic()
        try:
            check()
        except Exception as error:  # any failure means "not ready"; its kind, never its message, is reported
            ready = False
            components[name] = {"status": "error", "error": type(error).__name__}
        else:
            components[name] = {"status": "ok", "ms": round((time.monotonic() - started) * 1000, 1)}
    body = {"status": "ok" if ready else "unavailable", "components": components}
    try:
        body["tasks"] = task_queue()
    except Exception as error:  # the queue is reported, never a reason to fail
        body["tasks"] = {"status": "error", "error": type(error).__name__}
    return JsonResponse(body, status=200 if ready else 503)
