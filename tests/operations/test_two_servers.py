"""Several app servers: two gunicorn servers of the production settings on one PostgreSQL database, one Redis
and one media directory, with django-tasks-db's worker beside them. Any server answers any request: content
published through one is fresh on the other at once (the response cache's invalidation reaches both), a file
uploaded through one downloads through the other, and a person signed in on one is signed in on the other.
A task queued by a request to either server (an administrator retrying a failed e-mail in "Background tasks") is
run by the worker, which delivers both messages."""

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
import requests
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection
from wagtail.documents import get_document_model
from wagtail.models import APIToken

from home.models import GuidePage, TaskFailure
from tests.factories import PASSWORD, SuperuserFactory
from tests.operations.test_sqlite_writers import free_port

PROJECT = Path(__file__).resolve().parents[2]
REDIS_URL = "redis://127.0.0.1:6379/14"
HTTPS = {"X-Forwarded-Proto": "https"}  # as the TLS-terminating proxy in front of the servers says


def redis_answers():
    try:
        return redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError:
        return False


pytestmark = [
    pytest.mark.second_pass,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="several servers share a PostgreSQL database"),
    pytest.mark.skipif(not redis_answers(), reason="several servers share a Redis cache"),
]


def database_url():
    db = connection.settings_dict
    credentials = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class Hub:
    """The processes of one installation, as docs/deploy.md runs them."""

    def __init__(self, tmp_path):
        self.tmp_path = tmp_path
        self.mail = tmp_path / "mail"
        self.env = {
            **{k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"},
            "DJANGO_SETTINGS_MODULE": "qser_site.settings.production",
            "SECRET_KEY": "two-servers-test-key-0123456789-abcdefghijklmnopqrstuvwxyz",
            "ALLOWED_HOSTS": "127.0.0.1",
            "DATABASE_URL": database_url(),
            "REDIS_URL": REDIS_URL,
            "MEDIA_ROOT": str(tmp_path / "media"),
            "STATIC_ROOT": str(tmp_path / "static"),
            "SECURE_PROXY_SSL_HEADER_NAME": "HTTP_X_FORWARDED_PROTO",
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": str(self.mail),
            "WAGTAILADMIN_BASE_URL": "https://hub.example.org",
        }
        self.processes = []

    def start(self, *command, name):
        log = open(self.tmp_path / f"{name}.log", "w")  # noqa: SIM115 -- closed in stop()
        process = subprocess.Popen(command, cwd=PROJECT, env=self.env, stdout=log, stderr=subprocess.STDOUT)
        self.processes.append((process, log))
        return process

    def server(self, name):
        port = free_port()
        self.start(
            sys.executable, "-m", "gunicorn", "qser_site.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1",
            name=name,
        )  # fmt: skip
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            try:
                if requests.get(url + "/readyz", timeout=10).status_code == 200:
                    return url
            except requests.RequestException:
                pass
            time.sleep(0.3)
        pytest.fail(f"{name} did not become ready: " + (self.tmp_path / f"{name}.log").read_text()[-2000:])

    def stop(self):
        for process, log in self.processes:
            process.terminate()
            process.wait(timeout=30)
            log.close()


@pytest.fixture
def hub(committed_world, tmp_path):
    redis.Redis.from_url(REDIS_URL).flushdb()
    installation = Hub(tmp_path)
    collected = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=PROJECT, env=installation.env, capture_output=True, text=True,
    )  # fmt: skip
    assert collected.returncode == 0, collected.stderr[-2000:]
    yield installation
    installation.stop()


class Browser:
    """A person's cookies, sent to whichever server: the session and CSRF cookies are Secure, which a client
    sends only over HTTPS; the proxy's header stands for the HTTPS here, so the cookies are sent by hand."""

    def __init__(self):
        self.cookies = {}

    def request(self, method, url, **kwargs):
        response = requests.request(
            method, url, cookies=self.cookies, headers={**HTTPS, "Referer": url.replace("http://", "https://", 1)}, allow_redirects=False,
            timeout=60, **kwargs,
        )  # fmt: skip
        self.cookies.update({cookie.name: cookie.value for cookie in response.cookies})
        return response

    def form_token(self, url):
        page = self.request("GET", url)
        assert page.status_code == 200, (url, page.status_code)
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)

    def sign_in(self, server, username):
        token = self.form_token(server + "/accounts/login/")
        response = self.request(
            "POST", server + "/accounts/login/",
            data={"csrfmiddlewaretoken": token, "username": username, "password": PASSWORD},
        )  # fmt: skip
        assert response.status_code == 302, response.text[:500]


def with_a_password_production_reads(user):
    """The test settings hash passwords with MD5 for speed; production knows only its own hashers. (With fewer
    iterations than production's, its sign-in would upgrade the hash, a password change that revokes API tokens.)"""
    hasher = PBKDF2PasswordHasher()
    user.password = hasher.encode(PASSWORD, hasher.salt())
    user.save(update_fields=["password"])
    return user


def test_two_servers_and_a_worker_serve_one_site(hub, settings):
    admin = with_a_password_production_reads(SuperuserFactory())
    settings.SECRET_KEY = hub.env["SECRET_KEY"]  # API tokens are kept as an HMAC under the installation's key
    _token, plaintext = APIToken.create_token(user=admin, name="two servers")
    guide = GuidePage.objects.live().filter(locale__language_code="en").exclude(depth__lte=3).first()
    hub.start(sys.executable, "manage.py", "db_worker", "--backend", "qser", "--interval", "0.2", name="worker")
    one, two = hub.server("one"), hub.server("two")

    # Signed in on one, signed in on the other.
    person = Browser()
    person.sign_in(one, admin.username)
    assert person.request("GET", two + "/admin/").status_code == 200
    assert Browser().request("GET", two + "/admin/").status_code == 302  # nobody signed in: the sign-in page

    # Published through one, fresh on the other at once.
    anonymous = Browser()
    path = guide.url_path.split("/", 2)[2]  # below the site's root page
    assert anonymous.request("GET", f"{two}/en/{path}").status_code == 200
    assert anonymous.request("GET", f"{two}/en/{path}").status_code == 200  # now from the shared cache
    api = {"Authorization": f"Bearer {plaintext}", **HTTPS}
    unpublished = requests.post(f"{one}/api/v3/pages/{guide.pk}/actions/unpublish/", headers=api, timeout=60)
    assert unpublished.status_code == 200, unpublished.text[:500]
    assert anonymous.request("GET", f"{two}/en/{path}").status_code == 404
    published = requests.post(f"{two}/api/v3/pages/{guide.pk}/actions/publish/", headers=api, timeout=60)
    assert published.status_code == 200, published.text[:500]
    assert anonymous.request("GET", f"{one}/en/{path}").status_code == 200

    # Uploaded through one, downloaded through the other.
    token = person.form_token(one + "/admin/documents/add/")
    upload = person.request(
        "POST", one + "/admin/documents/add/",
        data={"csrfmiddlewaretoken": token, "title": "Shared file", "collection": "1"},
        files={"file": ("shared.txt", b"written through server one")},
    )  # fmt: skip
    assert upload.status_code == 302, upload.text[:800]
    document = get_document_model().objects.get(title="Shared file")
    assert anonymous.request("GET", two + document.url).content == b"written through server one"

    # A task queued through either server, run by the worker: each server's request queues one e-mail.
    failures = [
        TaskFailure.objects.create(
            task_path="home.mail.send_localized_mail",
            arguments={
                "args": [
                    [admin.pk],
                    "Your good practice is published: %(title)s",
                    {"title": f"Queued through {name}"},
                    "practices/email/moderation.txt",
                    {"title": f"Queued through {name}", "actor": "", "kind": "published", "comment": ""},
                ],
                "kwargs": {"url_name": "practices:mine"},
            },
            attempts=5,
            error="smtplib.SMTPConnectError: (421, 'Service not available')",
        )
        for name in ("one", "two")
    ]
    for server, failure in zip((one, two), failures, strict=True):
        token = person.form_token(server + "/admin/documents/add/")
        retried = person.request(
            "POST", f"{server}/admin/reports/tasks/{failure.pk}/retry/", data={"csrfmiddlewaretoken": token}
        )  # fmt: skip
        assert retried.status_code == 302, retried.text[:500]
    deadline = time.monotonic() + 120
    delivered = ""
    while time.monotonic() < deadline:
        delivered = "".join(path.read_text() for path in hub.mail.glob("*")) if hub.mail.exists() else ""
        if "Queued through one" in delivered and "Queued through two" in delivered:
            break
        time.sleep(0.5)
    assert "Queued through one" in delivered and "Queued through two" in delivered, (
        delivered[-1000:] + (hub.tmp_path / "worker.log").read_text()[-2000:]
    )
    assert not TaskFailure.objects.exists()
