"""The embedded default (SQLite) under several writers at once: a gunicorn server with four worker processes
on one SQLite file, eight clients saving filled forms through the API and submitting practices at the same time.
Before WAL, the busy timeout and IMMEDIATE transactions (qser_site/settings/base.py, `database`), a third of
the saves answered 500 "database is locked". Now none may, and everything acknowledged is stored."""

import concurrent.futures
import os
import shutil
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import requests
from django.db import connection
from wagtail.models import APIToken

from forms_library.models import FormTemplatePage
from qser_site import backup
from tests.factories import MemberFactory

PROJECT = Path(__file__).resolve().parents[2]
WORKERS = 4
CLIENTS = 8
SAVES_PER_CLIENT = 12

pytestmark = [
    pytest.mark.second_pass,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "sqlite", reason="the embedded default's own locking"),
]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def sqlite_server(committed_world, tmp_path):
    """A gunicorn server of the project on a copy of the test database in a file, as `make run` keeps it."""

    def start(database):
        port = free_port()
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "qser_site.settings.test",
            "DATABASE_URL": f"sqlite:///{database}",
        }
        env.pop("REDIS_URL", None)
        log = open(tmp_path / "gunicorn.log", "w")  # noqa: SIM115 -- closed with the server
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "qser_site.wsgi", "--bind", f"127.0.0.1:{port}"]
            + ["--workers", str(WORKERS), "--timeout", "120"],
            cwd=PROJECT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            try:
                if requests.get(url + "/healthz", timeout=10).status_code == 200:
                    break
            except requests.RequestException:
                time.sleep(0.3)
        else:
            process.kill()
            pytest.fail("gunicorn did not start: " + (tmp_path / "gunicorn.log").read_text()[-2000:])
        servers.append((process, log))
        return url

    servers = []
    yield start
    for process, log in servers:
        process.terminate()
        process.wait(timeout=30)
        log.close()


def test_eight_clients_write_at_once_and_none_is_refused(sqlite_server, tmp_path):
    people = [MemberFactory() for _ in range(CLIENTS)]
    tokens = [APIToken.create_token(user=person, name="writers")[1] for person in people]
    template = FormTemplatePage.objects.live().filter(locale__language_code="en").first()
    database = tmp_path / "db.sqlite3"
    backup.dump_database(database)
    url = sqlite_server(database)

    def client(token):
        session = requests.Session()
        session.headers["Authorization"] = f"Bearer {token}"
        statuses = []
        created = session.post(
            url + "/api/forms/mine/",
            json={"template_id": template.pk, "answers": {}},
            headers={"Idempotency-Key": str(uuid.uuid4())},
            timeout=120,
        )
        statuses.append(created.status_code)
        if created.status_code != 201:
            return None, statuses, created.text[:300]
        form_id = created.json()["id"]
        for _ in range(SAVES_PER_CLIENT):
            saved = session.put(
                url + f"/api/forms/mine/{form_id}/", json={"answers": {}, "complete": False}, timeout=120
            )
            statuses.append(saved.status_code)
        practice = session.post(
            url + "/api/practices/",
            headers={"Idempotency-Key": str(uuid.uuid4())},
            json={
                "language": "en",
                "title": f"Written at once {uuid.uuid4().hex[:8]}",
                "summary": "Sent while seven others wrote.",
                "service_area": "housing",
                "country": "GR",
                "municipality": "Elaiopoli (fictional)",
                "department": "Housing",
                "stage": 5,
                "challenge": "Many writers.",
                "what_was_done": "They wrote at once.",
                "results": "None was refused.",
                "reuse": "Keep the settings.",
                "tags": [],
            },
            timeout=120,
        )
        statuses.append(practice.status_code)
        return form_id, statuses, practice.text[:300]

    with concurrent.futures.ThreadPoolExecutor(CLIENTS) as pool:
        results = list(pool.map(client, tokens))

    statuses = [status for _form, answered, _text in results for status in answered]
    assert statuses.count(500) == 0, [text for *_rest, text in results]
    assert set(statuses) <= {200, 201}, statuses
    assert len(statuses) == CLIENTS * (SAVES_PER_CLIENT + 2)

    # Everything acknowledged is in the file the server wrote.
    check = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
            "print(c.execute('select count(*) from forms_library_filledform where id in (%s)' % sys.argv[2]).fetchone()[0]);"
            "print(c.execute(\"select count(*) from wagtailcore_page where title like 'Written at once %'\").fetchone()[0])",
            str(database),
            ",".join(str(form) for form, *_ in results),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert check.stdout.split() == [str(CLIENTS), str(CLIENTS)]
    shutil.rmtree(tmp_path, ignore_errors=True)
