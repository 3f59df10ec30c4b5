"""The site as production runs it, plus the floor view (bench/urls.py). Static files are served
unhashed, so no collectstatic is needed: they are not measured."""

import os

from qser_site.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405

# Served over plain HTTP on the loopback: the sign-in cookie of the Word export's user must come back.
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = False

# bench/dashboard.py's servers that compute the dashboard's figures on every request: no cache at all, and no
# roll-ups read (qser_site/dashboard/rollups.py).
if os.environ.get("BENCH_NO_CACHE"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    DASHBOARD_ROLLUPS = False
