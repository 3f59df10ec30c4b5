"""The programme dashboard (/admin/programme/, issue 22) with 100 and with 10,000 relationships, measured under
gunicorn from a second process; ratios from one run.

Two databases are built: the demo site grown by `seed_scale` to 100 relationships, 1,000 sessions and 100
practices, and a copy grown to 10,000 relationships, 100,000 sessions and 10,000 practices. Four gunicorn
servers (one worker each) serve them, each database twice:
  as served     the site's own settings: the figures of the usual selections (this one among them) are stored
                by a task that the clock runs every four minutes (qser_site/dashboard/rollups.py, `refresh_dashboard`;
                here run in this process before the first round and again every ROLLUP_EVERY seconds, between
                rounds, as the clock would), and the page serves them, never more than five minutes old
                (figures.MAX_AGE), saying when they were computed; each process keeps them in its cache for what
                is left of those five minutes, and their charts as long (charts.py). No reader computes them.
  computed      no cache and no roll-ups (Django's DummyCache and DASHBOARD_ROLLUPS off, BENCH_NO_CACHE): every
                request computes every figure and draws every chart, as the first request of a selection that
                has no roll-up does (another period or filter) once every five minutes.
Every round requests the floor (a bare Django view, bench/urls.py) and the dashboard once from each server,
signed in as the demo's coordinator (who coordinates both of the demo's departments, so sees every
relationship), so the floor, both sizes and both modes share the machine's load. The queries of one request are
counted in a separate process with Django's test client, in each mode and database: computed with the cache
empty and no roll-up, as served with the roll-up just stored and the process's cache empty (so the site record
and the session are read too, as on a process's first request; 3 queries fewer once they are cached).
Targets (issue 22): at most 20 queries, the same number with 10,000 relationships as with 100, and a time that
grows at most 1.3× from 100 to 10,000 relationships (the median as served).
SQLite by default; DATABASE_URL=postgres://… builds the two databases on that server instead. BENCH_WORKDIR
keeps the databases for the next run.
"""

import datetime
import os
import platform
import secrets
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.site import (  # noqa: E402
    Databases,
    Server,
    manage,
    percentile,
    request,
    shell_json,
    sign_in,
    write_section,
)

ROUNDS = int(os.environ.get("BENCH_DASHBOARD_ROUNDS", "15"))
# (relationships, sessions, practices) of each database.
SIZES = {100: (100, 1_000, 100), 10_000: (10_000, 100_000, 10_000)}
SMALL, LARGE = SIZES
DASHBOARD = "/admin/programme/"
QUERY_TARGET = 20
GROWTH_TARGET = 1.3
MODES = ["as served", "computed"]
# The clock's interval of the roll-ups' task (qser_site/dashboard/rollups.py).
ROLLUP_EVERY = 4 * 60

COUNT_CODE = """
import json
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from mentoring.models import MentoringRelationship, MentoringSession
from practices.models import PracticePage
client = Client(HTTP_HOST="127.0.0.1")
client.force_login(get_user_model().objects.get(username="coordinator"))
from qser_site.dashboard.rollups import refresh
from qser_site.models import DashboardRollup
client.get("/admin/")
counts = []
for mode in ("computed", "as served"):
    if mode == "computed":
        DashboardRollup.objects.all().delete()
    else:
        refresh()
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/admin/programme/")
    assert response.status_code == 200, response.status_code
    counts.append(len(queries))
print(json.dumps({
    "computed": counts[0],
    "as served": counts[1],
    "relationships": MentoringRelationship.objects.count(),
    "sessions": MentoringSession.objects.count(),
    "practices": PracticePage.objects.filter(alias_of__isnull=True).values("translation_key").distinct().count(),
}))
"""


def build(env, databases):
    started = time.perf_counter()
    databases.create()
    small = {
        **env,
        "DATABASE_URL": databases.urls[SMALL],
        "DJANGO_SETTINGS_MODULE": "qser_site.settings.dev",
        "PGOPTIONS": "-c synchronous_commit=off",
    }

    def seed(settings, size):
        relationships, sessions, practices = SIZES[size]
        manage(
            settings,
            "seed_scale",
            *("--practices", str(practices), "--forms", "100", "--guides", "5"),
            *("--relationships", str(relationships), "--sessions", str(sessions)),
        )

    manage(small, "migrate", "--noinput")
    manage(small, "setup_demo")
    seed(small, SMALL)
    databases.copy_small_to_large()
    seed({**small, "DATABASE_URL": databases.urls[LARGE]}, LARGE)
    return time.perf_counter() - started


def refresh_rollups(refresh_envs):
    """What the clock does: the roll-ups of both databases renewed (not timed with the requests)."""
    for refresh_env in refresh_envs:
        manage(refresh_env, "refresh_dashboard", "--now")
    return time.monotonic()


def measure(servers, cookies, refresh_envs):
    timings = {(name, path): [] for name in servers for path in ("floor", "dashboard")}
    paths = {"floor": "/bench/floor/", "dashboard": DASHBOARD}
    refreshed = refresh_rollups(refresh_envs)
    for _warm_up in range(2):
        for name, server in servers.items():
            for path in paths.values():
                status, _body, _seconds = request(server.port, path, cookies[name])
                assert status == 200, (name, path, status)
    print(f"Measuring {ROUNDS} rounds", flush=True)
    for _round in range(ROUNDS):
        if time.monotonic() - refreshed >= ROLLUP_EVERY:
            refreshed = refresh_rollups(refresh_envs)
        for name, server in servers.items():
            for key, path in paths.items():
                _status, _body, seconds = request(server.port, path, cookies[name])
                timings[(name, key)].append(seconds * 1000)
    return {key: (statistics.median(values), percentile(values, 95)) for key, values in timings.items()}


def report(rows, counts, vendor, build_seconds):
    lines = [
        "| figures | relationships | sessions | practices | queries | floor ms | median ms | p95 ms | × floor "
        "| growth 100 → 10,000 |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    verdicts = []
    for mode in MODES:
        for size in SIZES:
            floor = rows[((mode, size), "floor")][0]
            median, p95 = rows[((mode, size), "dashboard")]
            growth = ""
            if size == LARGE:
                ratio = median / rows[((mode, SMALL), "dashboard")][0]
                growth = f"{ratio:.2f}"
                if mode == "as served":
                    verdicts.append(("growth 100 → 10,000 relationships, as served", ratio, GROWTH_TARGET))
                else:
                    verdicts.append(("growth 100 → 10,000 relationships, computed (no target)", ratio, None))
            found = counts[size]
            lines.append(
                f"| {mode} | {found['relationships']:,} | {found['sessions']:,} | {found['practices']:,} "
                f"| {found[mode]} | {floor:.1f} | {median:.1f} | {p95:.1f} | {median / floor:.1f} | {growth} |"
            )
    summary = []
    for name, value, target in verdicts:
        if target is None:
            summary.append(f"- {name}: {value:.2f}")
        else:
            summary.append(f"- {name}: {value:.2f} (target ≤ {target}) {'met' if value <= target else 'MISSED'}")
    for mode in MODES:
        small, large = counts[SMALL][mode], counts[LARGE][mode]
        fixed = "met" if small == large else "MISSED"
        within = f"(target ≤ {QUERY_TARGET}) {'met' if large <= QUERY_TARGET else 'MISSED'}"
        if mode == "computed":
            within = "(no target: the figures' own queries come on top, for a selection without a roll-up)"
        summary.append(f"- queries, {mode}: {small} with 100, {large} with 10,000: the same number {fixed}; {within}")
    machine = (
        f"{platform.node()}: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{vendor}, per-process memory cache, one gunicorn worker per server"
    )
    text = "\n".join(
        [
            f"## Programme dashboard, {datetime.date.today().isoformat()} ({vendor})",
            "",
            f"{machine}. Databases built in {build_seconds:.0f} s; {ROUNDS} rounds, medians and 95th percentiles "
            f"of `{DASHBOARD}` requested one at a time from a second process, signed in as the demo's coordinator "
            "(both departments: every relationship). *As served*: the figures from the roll-up that a task stores "
            "every 4 minutes (run here before the first round and every 4 minutes between rounds, as the clock "
            "does), never more than 5 minutes old, the page saying when they were computed; their charts from the "
            "cache. *Computed*: no cache and no roll-up, every request computes every figure and draws every chart, "
            "as the first request of a selection without a roll-up (another period or filter) does once every 5 "
            "minutes. The growth target applies to the dashboard as served; the computed row shows what the "
            "roll-ups save. Queries: one "
            "request counted with Django's test client (session, user and permissions included).",
            "",
            *lines,
            "",
            *summary,
        ]
    )
    print(text)
    section = "dashboard-postgresql" if vendor.startswith("PostgreSQL") else "dashboard-sqlite"
    write_section(section, text + "\n")


def main():
    reuse = os.environ.get("BENCH_WORKDIR")
    workdir = Path(reuse) if reuse else Path(tempfile.mkdtemp(prefix="qser-bench-dashboard-"))
    env = {
        **os.environ,
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        "BENCH_LOG": str(workdir / "build-dashboard.log"),
        "PYTHONPATH": str(Path(__file__).resolve().parent.parent),
    }
    env.pop("REDIS_URL", None)
    env.pop("BENCH_NO_CACHE", None)
    databases = Databases(workdir, reuse=bool(reuse), name="dashboard")
    print(f"Building the dashboard's databases ({databases.vendor()}); log in {env['BENCH_LOG']}", flush=True)
    build_seconds = 0.0 if databases.built() else build(env, databases)
    print(f"Built in {build_seconds:.0f} s", flush=True)

    counts = {
        size: shell_json(
            {**env, "DATABASE_URL": databases.urls[size], "DJANGO_SETTINGS_MODULE": "bench.settings"}, COUNT_CODE
        )
        for size in SIZES
    }
    servers = {}
    try:
        for mode in MODES:
            for size in SIZES:
                server_env = {**env, "DATABASE_URL": databases.urls[size]}
                if mode == "computed":
                    server_env["BENCH_NO_CACHE"] = "1"
                servers[(mode, size)] = Server(f"{mode}, {size}", server_env, None, False)
        for server in servers.values():
            server.wait()
        cookies = {name: sign_in(server.port, "coordinator", "qser-demo") for name, server in servers.items()}
        refresh_envs = [
            {**env, "DATABASE_URL": databases.urls[size], "DJANGO_SETTINGS_MODULE": "bench.settings"} for size in SIZES
        ]
        rows = measure(servers, cookies, refresh_envs)
    finally:
        for server in servers.values():
            server.stop()
    report(rows, counts, databases.vendor(), build_seconds)
    databases.drop()
    if not reuse:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
