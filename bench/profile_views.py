"""Where a request's time goes: cProfile over the site's search, API lists and signed-in pages, written to
bench/profiles/.

Run against a database `make bench` built and kept (BENCH_WORKDIR), e.g.

    BENCH_WORKDIR=/tmp/qser-bench make bench
    DATABASE_URL=sqlite:////tmp/qser-bench/bench-10000.sqlite3 .venv/bin/python bench/profile_views.py

Each URL is requested through Django's test client (the whole middleware, no server), the response cache off,
a few times to warm the process, then REPEAT times under the profiler. Each profile lists the queries of one
request and the functions with the most cumulative time; the summary says what was cut. The signed-in URLs are
those `make bench` measures (bench/site.py), read as the demo's mentee (`force_login`), whose session the test
client keeps like a browser. PROFILE_ONLY=name,name profiles only those; PROFILE_TIME_ONLY=1 prints the median
milliseconds per request (unprofiled, TIMED requests) without writing profiles, for before/after figures.
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

URLS = {
    # bench/urls.py's bare view: the ratios of the timed medians are against it.
    "floor": "/bench/floor/",
    "site-search": "/es/search/?q=cita",
    "site-search-other-languages": "/de/search/?q=cita",
    "practices-search": "/es/practices/?q=cita",
    "api-v2-list": "/api/v2/pages/?type=practices.PracticePage&locale=el&fields=service_area,tags",
    "guide-page": "/el/guides/mentoring-models/",
    "guide-page-signed-in": "/el/guides/mentoring-models/",
    "practices-list-signed-in": "/de/practices/",
    "my-forms-signed-in": "/cs/forms/mine/",
}
# Read as the demo's mentee, as bench/site.py does.
SIGNED_IN = {"guide-page-signed-in", "practices-list-signed-in", "my-forms-signed-in"}
SIGNED_IN_USER = "mentee"


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

    settings.ALLOWED_HOSTS = ["*"]
    # As production runs: no debug template engine, no query log; and the floor's view (bench/urls.py).
    settings.DEBUG = False
    settings.ROOT_URLCONF = "bench.urls"
    OUT.mkdir(parents=True, exist_ok=True)
    anonymous = Client()
    signed_in = Client()
    signed_in.force_login(get_user_model().objects.get(username=SIGNED_IN_USER))
    only = [name for name in os.environ.get("PROFILE_ONLY", "").split(",") if name]
    time_only = os.environ.get("PROFILE_TIME_ONLY") == "1"
    medians = {}
    for name, url in URLS.items():
        if only and name not in only and name != "floor":
            continue
        client = signed_in if name in SIGNED_IN else anonymous
        for _warm in range(3):
            assert client.get(url).status_code == 200, url
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
        timings = []
        for _n in range(TIMED):
            started = time.perf_counter()
            client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        median = statistics.median(timings)
        medians[name] = median
        ratio = f", {median / medians['floor']:.1f}× the floor" if "floor" in medians else ""
        if time_only or name == "floor":
            print(f"{name}: {len(captured)} queries, median {median:.1f} ms over {TIMED} requests{ratio}")
            continue
        profile = cProfile.Profile()
        profile.enable()
        for _n in range(REPEAT):
            client.get(url)
        profile.disable()
        text = io.StringIO()
        stats = pstats.Stats(profile, stream=text).strip_dirs().sort_stats("cumulative")
        stats.print_stats(40)
        queries = "\n".join(f"  {query['time']} s  {query['sql'][:300]}" for query in captured)
        (OUT / f"{name}.txt").write_text(
            f"{url}{' (signed in as ' + SIGNED_IN_USER + ')' if name in SIGNED_IN else ''}\n"
            f"median {median:.1f} ms over {TIMED} unprofiled requests; {REPEAT} requests profiled; "
            f"{len(captured)} queries a request:\n{queries}\n\n" + text.getvalue()
        )
        print(f"{name}: {len(captured)} queries, median {median:.1f} ms{ratio}; written to bench/profiles/{name}.txt")


if __name__ == "__main__":
    main()
