"""The health probes: /healthz answers while the process lives; /readyz fails (503) when the database, the
cache or the storage cannot be reached, names only the component and the kind of error, and reports the task
queue without failing on it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from qser_site import health
from tests.test_production_settings import PRODUCTION_ENV, manage

pytestmark = pytest.mark.django_db


def test_healthz_answers_without_touching_the_database(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert len(queries) == 0
    assert "no-cache" in response["Cache-Control"]


def test_readyz_checks_each_component_with_one_query(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/readyz")
    body = response.json()
    assert response.status_code == 200
    assert body["status"] == "ok"
    assert {name: part["status"] for name, part in body["components"].items()} == {
        "database": "ok",
        "cache": "ok",
        "storage": "ok",
    }
    assert body["tasks"]["backend"] == "ImmediateBackend"
    assert len(queries) == 1


class Unreachable(Exception):
    pass


def unreachable():
    raise Unreachable("connection refused to 10.0.0.7 for user alice@example.org")


@pytest.mark.parametrize("component", ["database", "cache", "storage"])
def test_readyz_fails_when_a_component_cannot_be_reached(client, monkeypatch, component):
    monkeypatch.setitem(health.CHECKS, component, unreachable)
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["components"][component] == {"status": "error", "error": "Unreachable"}
    others = set(health.CHECKS) - {component}
    assert all(body["components"][name]["status"] == "ok" for name in others)
    # The error's message (hosts, users) is never shown.
    assert "alice" not in response.content.decode() and "10.0.0.7" not in response.content.decode()


def test_a_broken_cache_server_makes_readyz_fail(client, settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
    }
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["components"]["cache"]["status"] == "error"


def test_the_task_queue_is_reported_not_a_reason_to_fail(client, monkeypatch):
    def broken_queue():
        raise RuntimeError("queue table missing")

    monkeypatch.setattr(health, "task_queue", broken_queue)
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["tasks"] == {"status": "error", "error": "RuntimeError"}


def test_only_get_is_answered(client):
    assert client.post("/readyz").status_code == 405
    assert client.post("/healthz").status_code == 405


def test_under_production_settings_the_probes_answer_plain_http_and_pages_redirect():
    """A load balancer probes the app server over plain HTTP; everything else is redirected to HTTPS."""
    script = (
        "from django.test import Client; c = Client(HTTP_HOST='hub.example.org'); "
        "print(c.get('/healthz').status_code, c.get('/en/').status_code)"
    )
    result = manage("shell", "-c", script, env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-2:] == ["200", "301"]
