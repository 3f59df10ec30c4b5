"""Where a request's time goes: cProfile over the site's search, the API lists and the signed-in pages (the guide,
the practices list, my forms, a relationship's page), written to bench/profiles/, with each request's median time
against a floor view's.

Run against a database `make bench` built and kept (BENCH_WORKDIR), e.g.

    BENCH_WORKDIR=/tmp/qser-bench make bench
    DATABASE_URL=sqlite:////tmp/qser-bench/bench-10000.sqlite3 .venv/bin/python bench/profile_views.py [name …]

Each URL is requested through Django's test client (the whole middleware, no server), the response cache off and
DEBUG off as production runs, a few times to warm the process, then TIMED times one after another for its median
wall and CPU time (and the floor's, bench/urls.py's bare view, measured alternately with it), then REPEAT times
under the profiler. A signed-in URL is requested as bench/site.py's user for it (`force_login`; the test client
keeps the session like a browser). Each profile lists the queries of one request and the functions with the most
cumulative time; bench/profiles/SUMMARY.md says what was cut. Names on the command line (or PROFILE_ONLY=name,name)
pick URLs; PROFILE_TIME_ONLY=1 prints the medians without writing profiles, for before/after figures.
"""

import contextlib
import cProfile
import io
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "profiles"
REPEAT = int(os.environ.get("PROFILE_REPEAT", "20"))
TIMED = int(os.environ.get("PROFILE_TIMED", "30"))

# name: (url, username signed in or None); {relationship} is the demo mentor's relationship (as bench/site.py).
URLS = {
    "site-search": ("/es/search/?q=cita", None),
    "site-search-other-languages": ("/de/search/?q=cita", None),
    "practices-search": ("/es/practices/?q=cita", None),
    "api-v2-list": ("/api/v2/pages/?type=practices.PracticePage&locale=el&fields=service_area,tags", None),
    "relationship-page": ("/cs/mentoring/{relationship}/", "mentor"),
    "guide-page": ("/el/guides/mentoring-models/", None),
    "guide-page-signed-in": ("/el/guides/mentoring-models/", "mentee"),
    "practices-list-signed-in": ("/de/practices/", "mentee"),
    "my-forms-signed-in": ("/cs/forms/mine/", "mentee"),
}


def main():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "qser_site.settings.dev")
    os.environ["RESPONSE_CACHE_SECONDS"] = "0"
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.db import connections
    from django.test import Client
    from django.urls import clear_url_caches

    from mentoring.models import MentoringRelationship

    settings.ALLOWED_HOSTS = ["*"]
    settings.DEBUG = False
    settings.ROOT_URLCONF = "bench.urls"  # the floor view besides the site's own
    clear_url_caches()
    OUT.mkdir(parents=True, exist_ok=True)
    ids = {"relationship": MentoringRelationship.objects.get(mentor__username="mentor").pk}
    only = [name for name in os.environ.get("PROFILE_ONLY", "").split(",") if name]
    wanted = sys.argv[1:] or only or list(URLS)
    time_only = os.environ.get("PROFILE_TIME_ONLY") == "1"
    floor_client = Client()
    for name in wanted:
        url, username = URLS[name]
        url = url.format(**ids)
        client = Client()
        if username:
            client.force_login(get_user_model().objects.get(username=username))
        for _warm in range(3):
            assert client.get(url).status_code == 200, url
            floor_client.get("/bench/floor/")
        # Wall time, and the process's CPU time (steadier on a machine others load too).
        times, floors, cpu, floor_cpu = [], [], [], []
        for _n in range(TIMED):
            for through, target, walls, cpus in (
                (floor_client, "/bench/floor/", floors, floor_cpu),
                (client, url, times, cpu),
            ):
                started, started_cpu = time.perf_counter(), time.process_time()
                through.get(target)
                walls.append(time.perf_counter() - started)
                cpus.append(time.process_time() - started_cpu)
        median, floor = statistics.median(times) * 1000, statistics.median(floors) * 1000
        cpu_median, cpu_floor = statistics.median(cpu) * 1000, statistics.median(floor_cpu) * 1000
        timing = (
            f"median {median:.1f} ms over {TIMED} requests; floor {floor:.1f} ms; {median / floor:.1f}× the floor; "
            f"CPU {cpu_median:.1f} ms, floor {cpu_floor:.1f} ms, {cpu_median / cpu_floor:.1f}×"
        )
        if time_only:
            print(f"{name}: {timing}", flush=True)
            continue
        captured = []

        def record(execute, sql, params, many, context, captured=captured):
            started = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                captured.append({"sql": sql, "time": f"{time.perf_counter() - started:.4f}"})

        with contextlib.ExitStack() as stack:
            for alias in connections:
                stack.enter_context(connections[alias].execute_wrapper(record))
            client.get(url)
        profile = cProfile.Profile()
        profile.enable()
        for _n in range(REPEAT):
            client.get(url)
        profile.disable()
        text = io.StringIO()
        stats = pstats.Stats(profile, stream=text).strip_dirs().sort_stats("cumulative")
        stats.print_stats(50)
        queries = "\n".join(f"  {query['time']} s  {query['sql'][:300]}" for query in captured)
        (OUT / f"{name}.txt").write_text(
            f"{url}{f' (signed in as {username})' if username else ''}\n{timing}\n{REPEAT} requests profiled; {len(captured)} queries a request:\n{queries}\n\n"
            + text.getvalue()
        )
        print(f"{name}: {len(captured)} queries; {timing}; written to bench/profiles/{name}.txt", flush=True)


if __name__ == "__main__":
    main()
