"""The site under gunicorn, as production runs it, measured from a second process; ratios from one run.

Two databases are built: the demo site with 100 practices, 2,000 filled forms and 100 guides in every
language, and a copy grown to 10,000 practices (`seed_scale`). Three gunicorn servers serve them:
small and large without the response cache, and large with it (Redis when it answers, as in
production). Every round requests each URL once from each server, so the floor, both sizes and both
cache settings share the machine's load. Printed and written to docs/benchmarks.md:
  × floor   the median against a bare Django view's on the same server (bench/urls.py)
  growth    the median with 10,000 practices against the median with 100, uncached
  cache     the uncached median against the cached one
Two modes, in the same run and against the same servers: one request at a time (the first table), and four
clients at once (BENCH_CLIENTS, the second table: a Python equivalent of wrk, threads each sending requests one
after another), whose ratios are against the floor measured with four clients too. Signed-in pages (the cast's
mentee, and a coordinator for the pool) are measured in both: the response cache never serves them.
SQLite by default; DATABASE_URL=postgres://… builds the two databases on that server instead.
"""

import datetime
import http.client
import json
import os
import platform
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

import redis

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "40"))
SMALL, LARGE = 100, 10_000
TARGETS = {"cached guide × floor": 1.5, "growth": 1.3}
CLIENTS = int(os.environ.get("BENCH_CLIENTS", "4"))
# Concurrent mode: rounds over every request, each round a burst of CLIENTS × PER_CLIENT requests.
CONCURRENT_ROUNDS = int(os.environ.get("BENCH_CONCURRENT_ROUNDS", "8"))
PER_CLIENT = 4
# Issue 24's targets for the concurrent mode: the median against the floor's, both under four clients.
CONCURRENT_TARGETS = {
    ("guide page (signed in)", "large"): 8,
    ("practices list (signed in)", "large"): 8,
    ("my forms (signed in)", "large"): 8,
    ("relationship page (signed in)", "large"): 10,
    ("guide page", "large"): 15,
    ("site search", "large"): 20,
    ("API list", "large"): 15,
    ("guide page", "large cached"): 2.5,
    ("practices, two filters", "large cached"): 2.5,
    ("site search", "large cached"): 2.5,
    ("API list", "large cached"): 2.5,
}
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379")


def manage(env, *args):
    log = env["BENCH_LOG"]
    started = time.perf_counter()
    with open(log, "a") as out:
        subprocess.run(
            [PYTHON, "manage.py", *args], cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, check=True
        )
    print(f"  {' '.join(args)}: {time.perf_counter() - started:.0f} s", flush=True)


def shell_json(env, code):
    output = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


class Databases:
    """The small and the large database, on SQLite files or on the PostgreSQL server of DATABASE_URL."""

    def __init__(self, workdir, reuse, name="bench"):
        # `name` tells one benchmark's databases from another's (bench/dashboard.py builds its own).
        self.name = name
        self.server = os.environ.get("DATABASE_URL", "")
        self.postgres = self.server.startswith("postgres")
        self.reuse = reuse
        if self.postgres:
            base = self.server.rsplit("/", 1)[0]
            self.urls = {size: f"{base}/qser_{name}_{size}" for size in (SMALL, LARGE)}
        else:
            self.urls = {size: f"sqlite:///{workdir}/{name}-{size}.sqlite3" for size in (SMALL, LARGE)}

    def built(self):
        """Whether a run kept both databases for this one (BENCH_WORKDIR)."""
        if not self.reuse:
            return False
        if self.postgres:
            names = [f"qser_{self.name}_{size}" for size in (SMALL, LARGE)]
            found = subprocess.run(
                ["psql", self.server, "-tAc", "SELECT datname FROM pg_database"], capture_output=True, text=True
            ).stdout.split()
            return all(name in found for name in names)
        return all(Path(url.removeprefix("sqlite:///")).exists() for url in self.urls.values())

    def create(self):
        if self.postgres:
            self.drop()
            self.psql(f"CREATE DATABASE qser_{self.name}_{SMALL}")

    def drop(self):
        if self.postgres and not self.reuse:
            for size in (SMALL, LARGE):
                self.psql(f"DROP DATABASE IF EXISTS qser_{self.name}_{size}")

    def psql(self, statement):
        subprocess.run(["psql", self.server, "-q", "-c", statement], check=True, capture_output=True)

    def copy_small_to_large(self):
        if self.postgres:
            self.psql(f"CREATE DATABASE qser_{self.name}_{LARGE} TEMPLATE qser_{self.name}_{SMALL}")
        else:
            shutil.copy(self.urls[SMALL].removeprefix("sqlite:///"), self.urls[LARGE].removeprefix("sqlite:///"))

    def vendor(self):
        if self.postgres:
            version = subprocess.run(
                ["psql", self.server, "-tAc", "SHOW server_version"], capture_output=True, text=True
            )
            return f"PostgreSQL {version.stdout.strip()}"
        import sqlite3

        return f"SQLite {sqlite3.sqlite_version}"


def redis_answers():
    host, port = urllib.parse.urlparse(REDIS_URL).hostname, urllib.parse.urlparse(REDIS_URL).port or 6379
    try:
        with socket.create_connection((host, port), timeout=1) as connection:
            connection.sendall(b"PING\r\n")
            return connection.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    def __init__(self, name, env, redis_db, cached):
        self.name, self.port = name, free_port()
        self.env = {**env, "RESPONSE_CACHE_SECONDS": "3600" if cached else "0"}
        workers = "1"
        if redis_db is not None:
            self.env["REDIS_URL"] = f"{REDIS_URL}/{redis_db}"
            redis.Redis.from_url(self.env["REDIS_URL"]).flushdb()
            workers = "2"
        self.process = subprocess.Popen(
            [PYTHON, "-m", "gunicorn", "qser_site.wsgi", "--bind", f"127.0.0.1:{self.port}", "--workers", workers]
            + ["--no-control-socket", "--log-level", "warning"],
            cwd=ROOT,
            env={**self.env, "DJANGO_SETTINGS_MODULE": "bench.settings"},
            # The servers' own output (sign-ins, warnings) goes beside the build's log, not between the figures.
            stdout=open(Path(env["BENCH_LOG"]).with_name(f"server-{re.sub(r'[^a-z0-9]+', '-', name)}.log"), "a"),  # noqa: SIM115
            stderr=subprocess.STDOUT,
        )

    def wait(self):
        for _attempt in range(200):
            try:
                status, _body, _seconds = request(self.port, "/bench/floor/")
                if status == 200:
                    return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"gunicorn ({self.name}) did not start")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)


def request(port, path, cookie=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    headers = {"Host": "127.0.0.1", **({"Cookie": cookie} if cookie else {})}
    started = time.perf_counter()
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    body = response.read()
    seconds = time.perf_counter() - started
    connection.close()
    return response.status, body, seconds


def sign_in(port, username, password):
    """A session cookie from the site's own sign-in form."""
    import requests

    session = requests.Session()
    form = session.get(f"http://127.0.0.1:{port}/accounts/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text).group(1)
    session.post(
        f"http://127.0.0.1:{port}/accounts/login/",
        data={"username": username, "password": password, "csrfmiddlewaretoken": token},
        headers={"Referer": f"http://127.0.0.1:{port}/accounts/login/"},
    )
    return f"sessionid={session.cookies['sessionid']}"


def build(env, databases):
    started = time.perf_counter()
    databases.create()
    small = {
        **env,
        "DATABASE_URL": databases.urls[SMALL],
        "DJANGO_SETTINGS_MODULE": "qser_site.settings.dev",
        # The build is not measured: PostgreSQL need not wait for the disk at each of its thousands of
        # commits. The servers measured run with the server's own settings.
        "PGOPTIONS": "-c synchronous_commit=off",
    }
    manage(small, "migrate", "--noinput")
    manage(small, "setup_demo")
    manage(small, "seed_scale", "--practices", str(SMALL), "--forms", "2000", "--guides", "100")
    databases.copy_small_to_large()
    large = {**small, "DATABASE_URL": databases.urls[LARGE]}
    manage(large, "seed_scale", "--practices", str(LARGE), "--forms", "2000", "--guides", "100")
    return time.perf_counter() - started


def main():
    # BENCH_WORKDIR keeps the databases a run builds (in that directory, or on the PostgreSQL server) and
    # reuses them in the next run, whose build is not timed again.
    reuse = os.environ.get("BENCH_WORKDIR")
    workdir = Path(reuse) if reuse else Path(tempfile.mkdtemp(prefix="qser-bench-"))
    env = {
        **os.environ,
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        "BENCH_LOG": str(workdir / "build.log"),
        "PYTHONPATH": str(ROOT),
    }
    env.pop("REDIS_URL", None)
    databases = Databases(workdir, reuse=bool(reuse))
    print(f"Building the databases ({databases.vendor()}); log in {env['BENCH_LOG']}", flush=True)
    build_seconds = 0.0 if databases.built() else build(env, databases)
    print(f"Built in {build_seconds:.0f} s", flush=True)

    large_env = {**env, "DATABASE_URL": databases.urls[LARGE]}
    ids = shell_json(
        {**large_env, "DJANGO_SETTINGS_MODULE": "qser_site.settings.dev"},
        "import json; from practices.models import PracticePage; from forms_library.models import FilledForm; "
        "p = PracticePage.objects.live().filter(locale__language_code='el', slug__startswith='scale-').first(); "
        "f = FilledForm.objects.filter(owner__username='mentee', template__slug='swot-analysis').first() "
        "or FilledForm.objects.filter(owner__username='mentee').first(); "
        "from mentoring.models import MentoringRelationship; from mentoring.feeds import feed_of; "
        "r = MentoringRelationship.objects.get(mentor__username='mentor'); t = feed_of(r.mentees.get()).token; "
        "print(json.dumps({'practice': p.pk, 'form': f.pk, 'form_language': f.language, 'relationship': r.pk, "
        "'feed': t}))",
    )

    shared_cache = redis_answers()
    servers = {
        "small": Server("small", {**env, "DATABASE_URL": databases.urls[SMALL]}, 11 if shared_cache else None, False),
        "large": Server("large", large_env, 12 if shared_cache else None, False),
        "large cached": Server("large cached", large_env, 13 if shared_cache else None, True),
    }
    try:
        for server in servers.values():
            server.wait()
        plan = plan_of(servers, ids)
        rows = measure(servers, plan)
        concurrent = measure_concurrently(servers, plan) if CLIENTS > 1 else None
    finally:
        for server in servers.values():
            server.stop()
    report(rows, databases.vendor(), shared_cache, build_seconds, concurrent)
    databases.drop()
    if not reuse:
        shutil.rmtree(workdir, ignore_errors=True)


REQUESTS = [
    # (name, path, servers, growth target applies)
    ("floor", "/bench/floor/", ["small", "large", "large cached"], False),
    ("guide page", "/el/guides/mentoring-models/", ["small", "large", "large cached"], False),
    ("guide page (signed in)", "/el/guides/mentoring-models/", ["small", "large"], False),
    ("practices list (signed in)", "/de/practices/", ["small", "large"], True),
    ("my forms (signed in)", "/cs/forms/mine/", ["small", "large"], False),
    ("relationship page (signed in)", "/cs/mentoring/{relationship}/", ["small", "large"], False),
    ("privacy notice", "/el/privacy/", ["small", "large", "large cached"], False),
    ("sign-in page", "/accounts/login/?next=/el/", ["large"], False),
    ("practices, two filters", "/de/practices/?area=permits&stage=3", ["small", "large", "large cached"], True),
    ("practices, search", "/es/practices/?q=cita", ["small", "large", "large cached"], True),
    ("practices, every language", "/de/practices/?lang=all", ["small", "large", "large cached"], True),
    ("my submissions (signed in)", "/en/practices/mine/", ["large"], False),
    ("site search", "/es/search/?q=cita", ["small", "large", "large cached"], True),
    ("site search, found in other languages", "/de/search/?q=cita", ["small", "large", "large cached"], True),
    (
        "API list",
        "/api/v2/pages/?type=practices.PracticePage&locale=el&fields=service_area,tags",
        ["small", "large", "large cached"],
        True,
    ),
    ("API detail", "/api/v2/pages/{practice}/", ["large", "large cached"], False),
    ("Word export (signed in)", "/{form_language}/forms/mine/{form}/docx/", ["large"], False),
    ("what is waiting for me (signed in)", "/cs/mentoring/", ["large"], False),
    ("stage page (signed in)", "/cs/mentoring/{relationship}/stage/2/", ["small", "large"], False),
    # The feed is the large database's (its token is read there).
    ("calendar feed", "/calendar/{feed}.ics", ["large"], False),
    ("mentor pool (coordinator)", "/el/mentoring/pool/", ["large"], False),
    ("requests with ranked suggestions (coordinator)", "/el/mentoring/pool/requests/", ["large"], False),
    ("the programme (coordinator)", "/el/mentoring/pool/programme/", ["large"], False),
    ("suggested groups (coordinator)", "/el/mentoring/pool/groups/", ["large"], False),
    # Its figures come from the roll-up or the cache (at most 5 minutes old), as on a running server. No growth
    # target here: this large database grows the practices, not the relationships (bench/dashboard.py measures
    # the dashboard's growth from 100 to 10,000 relationships).
    ("programme dashboard (coordinator)", "/admin/programme/", ["small", "large"], False),
]


def plan_of(servers, ids):
    """(name, server, path, cookie, growth) of every request measured; the cookies signed in on each server."""
    cookies = {
        server: (
            sign_in(servers[server].port, "mentee", "qser-demo"),
            sign_in(servers[server].port, "coordinator", "qser-demo"),
        )
        for server in ("small", "large")
    }
    plan = []
    for name, path, server_names, growth in REQUESTS:
        for server_name in server_names:
            mentee, coordinator = cookies.get(server_name, (None, None))
            signed_in = coordinator if "(coordinator)" in name else mentee if "(signed in)" in name else None
            plan.append((name, server_name, path.format(**ids), signed_in, growth))
    return plan


def measure(servers, plan):
    timings = {(name, server): [] for name, server, *_rest in plan}
    for _warm_up in range(3):
        for name, server, path, cookie_header, _growth in plan:
            status, _body, _seconds = request(servers[server].port, path, cookie_header)
            assert status == 200, (name, server, path, status)
    print(f"Measuring {ROUNDS} rounds of {len(plan)} requests", flush=True)
    for _round in range(ROUNDS):
        for name, server, path, cookie_header, _growth in plan:
            _status, _body, seconds = request(servers[server].port, path, cookie_header)
            timings[(name, server)].append(seconds * 1000)
    return {key: (statistics.median(values), percentile(values, 95)) for key, values in timings.items()}


def measure_concurrently(servers, plan):
    """CLIENTS threads at once, each sending PER_CLIENT requests one after another (a new connection each, as
    gunicorn's sync workers close them), for each request of the plan in turn, CONCURRENT_ROUNDS times: the floor
    and every page share the machine's load. {(name, server): (median ms, p95 ms, requests a second)}."""
    latencies = {(name, server): [] for name, server, *_rest in plan}
    busy = {(name, server): 0.0 for name, server, *_rest in plan}
    print(
        f"Measuring {CONCURRENT_ROUNDS} rounds of {len(plan)} bursts of {CLIENTS} × {PER_CLIENT} requests", flush=True
    )
    for _round in range(CONCURRENT_ROUNDS):
        for name, server, path, cookie_header, _growth in plan:
            found, failures = [], []

            def client(
                port=servers[server].port, path=path, cookie_header=cookie_header, found=found, failures=failures
            ):
                for _n in range(PER_CLIENT):
                    status, _body, seconds = request(port, path, cookie_header)
                    (found if status == 200 else failures).append(seconds * 1000)

            threads = [threading.Thread(target=client) for _n in range(CLIENTS)]
            started = time.perf_counter()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            busy[(name, server)] += time.perf_counter() - started
            assert not failures, (name, server, path, len(failures))
            latencies[(name, server)].extend(found)
    return {
        key: (statistics.median(values), percentile(values, 95), len(values) / busy[key])
        for key, values in latencies.items()
    }


def percentile(values, percent):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(percent / 100 * (len(ordered) - 1)))]


def report_concurrent(concurrent):
    """The concurrent table and its verdicts against issue 24's targets."""
    lines = [
        f"| request | server | median ms | p95 ms | requests/s | × floor ({CLIENTS} clients) |",
        "| --- | --- | ---: | ---: | ---: | ---: |",
    ]
    verdicts = []
    for name, _path, server_names, _growth in REQUESTS:
        for server in server_names:
            median, p95, rate = concurrent[(name, server)]
            floor = concurrent[("floor", server)][0]
            lines.append(f"| {name} | {server} | {median:.1f} | {p95:.1f} | {rate:.0f} | {median / floor:.2f} |")
            if (name, server) in CONCURRENT_TARGETS:
                verdicts.append(
                    (f"{name} ({server}), {CLIENTS} clients", median / floor, CONCURRENT_TARGETS[(name, server)])
                )
    return lines, verdicts


def report(rows, vendor, shared_cache, build_seconds, concurrent=None):
    lines = [
        "| request | server | median ms | p95 ms | × floor | growth 100 → 10,000 | uncached ÷ cached |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    verdicts = []
    for name, _path, server_names, growth_applies in REQUESTS:
        for server in server_names:
            median, p95 = rows[(name, server)]
            floor = rows[("floor", "large cached" if server == "large cached" else server)][0]
            growth = ""
            if server == "large" and (name, "small") in rows:
                ratio = median / rows[(name, "small")][0]
                growth = f"{ratio:.2f}"
                if growth_applies:
                    verdicts.append((f"{name}: growth", ratio, TARGETS["growth"]))
            cache = ""
            if server == "large cached" and name != "floor":
                cache = f"{rows[(name, 'large')][0] / median:.1f}"
            lines.append(
                f"| {name} | {server} | {median:.1f} | {p95:.1f} | {median / floor:.2f} | {growth} | {cache} |"
            )
    guide_cached = rows[("guide page", "large cached")][0] / rows[("floor", "large cached")][0]
    verdicts.insert(0, ("cached guide page × floor", guide_cached, TARGETS["cached guide × floor"]))
    summary = [
        f"- {name}: {value:.2f} (target ≤ {target}) {'met' if value <= target else 'MISSED'}"
        for name, value, target in verdicts
    ]
    machine = (
        f"{platform.node()}: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{vendor}, {'Redis' if shared_cache else 'per-process memory'} cache"
    )
    header = [
        f"## Site under gunicorn, {datetime.date.today().isoformat()}",
        "",
        f"{machine}. Databases built in {build_seconds:.0f} s; {ROUNDS} rounds, medians and 95th percentiles of "
        "requests made one at a time from a second process.",
        "",
    ]
    concurrent_lines = []
    if concurrent:
        table, concurrent_verdicts = report_concurrent(concurrent)
        concurrent_lines = [
            "",
            f"{CLIENTS} clients at once, {CONCURRENT_ROUNDS} rounds of {CLIENTS} × {PER_CLIENT} requests per row, the "
            "floor measured the same way in the same run:",
            "",
            *table,
            "",
            *(
                f"- {name}: {value:.2f} (target ≤ {target}) {'met' if value <= target else 'MISSED'}"
                for name, value, target in concurrent_verdicts
            ),
        ]
    text = "\n".join(header + lines + [""] + summary + concurrent_lines) + "\n"
    print(text)
    write_section("postgresql" if vendor.startswith("PostgreSQL") else "sqlite", text)


def write_section(name, text):
    """Replace this section of docs/benchmarks.md (or add it), leaving the others as they were."""
    docs = ROOT / "docs" / "benchmarks.md"
    docs.parent.mkdir(exist_ok=True)
    section = f"<!-- {name} -->\n{text}<!-- /{name} -->\n"
    existing = docs.read_text() if docs.exists() else DOCS_INTRO
    pattern = re.compile(rf"<!-- {name} -->.*?<!-- /{name} -->\n", re.S)
    updated = pattern.sub(lambda _match: section, existing) if pattern.search(existing) else f"{existing}\n{section}"
    docs.write_text(updated)
    print(f"Written to {docs.relative_to(ROOT)}")


DOCS_INTRO = """# Benchmarks

Written by `make bench` (`bench/site.py`, `bench/docx_export.py`, `bench/dashboard.py`);
`DATABASE_URL=postgres://… make bench` writes the PostgreSQL sections. What each column means is in `bench/site.py`'s docstring. Figures are
ratios measured in one run, so they hold from one machine to another; the milliseconds do not.
"""


if __name__ == "__main__":
    main()
