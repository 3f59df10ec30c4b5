"""Where a request's time goes: cProfile over the site's search and API lists, written to bench/profiles/.

Run against a database `make bench` built and kept (BENCH_WORKDIR), e.g.

    BENCH_WORKDIR=/tmp/qser-bench make bench
    DATABASE_URL=sqlite:////tmp/qser-bench/bench-10000.sqlite3 .venv/bin/python bench/profile_views.py

Each URL is requested through Django's test client (the whole middleware, no server), the response cache off,
a few times to warm the process, then REPEAT times under the profiler. Each profile lists the queries of one
request and the functions with the most cumulative time; the summary says what was cut.
"""

import contextlib
import cProfile
import io
import os
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "profiles"
REPEAT = int(os.environ.get("PROFILE_REPEAT", "20"))

URLS = {
    "site-search": "/es/search/?q=cita",
    "site-search-other-languages": "/de/search/?q=cita",
    "practices-search": "/es/practices/?q=cita",
    "api-v2-list": "/api/v2/pages/?type=practices.PracticePage&locale=el&fields=service_area,tags",
}


def main():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "qser_site.settings.dev")
    os.environ["RESPONSE_CACHE_SECONDS"] = "0"
    import django

    django.setup()
    from django.conf import settings
    from django.db import connections
    from django.test import Client

    settings.ALLOWED_HOSTS = ["*"]
    OUT.mkdir(parents=True, exist_ok=True)
    client = Client()
    for name, url in URLS.items():
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
            f"{url}\n{REPEAT} requests profiled; {len(captured)} queries a request:\n{queries}\n\n" + text.getvalue()
        )
        print(f"{name}: {len(captured)} queries; written to bench/profiles/{name}.txt")


if __name__ == "__main__":
    main()
