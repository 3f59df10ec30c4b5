"""CPU time per request kind, for capacity planning (docs/deploy.md, "Capacity").

One process, the production settings (bench/settings.py) on a fresh SQLite database with the demo (`setup_demo`),
no response cache (every request rendered: the worst case an anonymous reader meets after a publish), mail
queued on the database task backend as production does. Each request goes through Django's whole stack
(middleware, views, templates, the database, which SQLite runs in this process) with Django's test client,
without the HTTP server: gunicorn's own cost is left out. Reported per kind: the median and 90th percentile of
the process's CPU time (time.process_time) and of the wall-clock time, over ROUNDS requests after WARMUP.

    .venv/bin/python bench/cpu_time.py            # BENCH_ROUNDS=30 by default
"""

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "30"))
WARMUP = 3


def configure(workdir):
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "SECRET_KEY": "bench-cpu-time-0123456789-abcdefghijklmnopqrstuvwxyz-0123456789",
            "ALLOWED_HOSTS": "testserver",
            "DATABASE_URL": database_url(workdir),
            "MEDIA_ROOT": str(Path(workdir) / "media"),
            "RESPONSE_CACHE_SECONDS": "0",
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        }
    )
    os.environ.pop("REDIS_URL", None)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def build(workdir):
    """The demo, built with the development settings (setup_demo refuses production's: its users have a known
    password) on the database the production settings then read."""
    started = time.perf_counter()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "qser_site.settings.dev", "DATABASE_URL": database_url(workdir)}
    for command in (["migrate", "--noinput", "-v", "0"], ["setup_demo", "-v", "0"]):
        subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True)
    print(f"demo built in {time.perf_counter() - started:.0f} s", flush=True)


def database_url(workdir):
    return f"sqlite:///{workdir}/bench.sqlite3"


def measure(name, request, cold=False):
    """`cold`: a new cache generation before each request, as a publish starts one: nothing the site keeps for
    every reader (home/fragments.py) is found, so the request computes every part of the page, as the first
    request after a publish does."""
    from home.cache import start_new_generation

    for _ in range(WARMUP):
        request()
    cpu, wall = [], []
    for _ in range(ROUNDS):
        if cold:
            start_new_generation()
        cpu_start, wall_start = time.process_time(), time.perf_counter()
        response = request()
        cpu.append((time.process_time() - cpu_start) * 1000)
        wall.append((time.perf_counter() - wall_start) * 1000)
        assert response.status_code < 400, (name, response.status_code, response.content[:300])
    return name, statistics.median(cpu), statistics.quantiles(cpu, n=10)[-1], statistics.median(wall)


def main():
    with tempfile.TemporaryDirectory() as workdir:
        build(workdir)
        configure(workdir)
        from django.contrib.auth import get_user_model
        from django.test import Client
        from wagtail.models import APIToken

        from forms_library.models import FormTemplatePage

        User = get_user_model()
        anonymous = Client()
        mentee = Client()
        mentee.force_login(User.objects.get(username="mentee"))
        _token, plaintext = APIToken.create_token(user=User.objects.get(username="mentee"), name="bench")
        bearer = {"HTTP_AUTHORIZATION": f"Bearer {plaintext}"}
        template = FormTemplatePage.objects.live().filter(locale__language_code="en").first()
        https = {"secure": True}

        def save_form():
            return anonymous.post(
                "/api/forms/mine/",
                {"template_id": template.pk, "answers": {}, "complete": False},
                content_type="application/json",
                **bearer,
                **https,
            )

        kinds = [
            ("guide page (anonymous)", lambda: anonymous.get("/el/guides/mentoring-models/", **https)),
            ("practices list, two filters (anonymous)", lambda: anonymous.get("/de/practices/?area=permits&stage=3", **https)),
            ("site search (anonymous)", lambda: anonymous.get("/es/search/?q=cita", **https)),
            (
                "API list of practices (anonymous)",
                lambda: anonymous.get(
                    "/api/v2/pages/?type=practices.PracticePage&locale=el&fields=service_area,tags", **https
                ),
            ),
            ("what is waiting for me (signed in)", lambda: mentee.get("/cs/mentoring/", **https)),
            ("form save, API POST (signed in)", save_form),
            ("readiness probe /readyz", lambda: anonymous.get("/readyz", **https)),
        ]  # fmt: skip
        rows = [measure(name, request) for name, request in kinds]
        cold_rows = [measure(name, request, cold=True) for name, request in kinds]
    for title, measured in (("parts kept", rows), ("cold: a new generation before each request", cold_rows)):
        print(f"\n{title}: {ROUNDS} requests per kind, after {WARMUP} warm-up; ms")
        print(f"{'request':45} {'CPU median':>11} {'CPU p90':>8} {'wall median':>12}")
        for name, cpu, cpu90, wall in measured:
            print(f"{name:45} {cpu:11.1f} {cpu90:8.1f} {wall:12.1f}")


if __name__ == "__main__":
    main()
