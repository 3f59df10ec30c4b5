"""Production settings read their secrets from the environment and pass Django's deployment checks."""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "qser_site.settings.production",
    "SECRET_KEY": "x7#Kq9!vL2@mP5$wR8^tY1&uI4*oE6(aS3)dF0_gH-jZ+cX=bN%",
    "ALLOWED_HOSTS": "hub.example.org",
    # Outside the working tree: a probe that reaches the database must not leave a file in the repository.
    "DATABASE_URL": f"sqlite:///{Path(tempfile.gettempdir()) / 'qser-production-check.sqlite3'}",
}


def manage(*args, env):
    clean_env = {k: v for k, v in os.environ.items() if k not in PRODUCTION_ENV and k != "REDIS_URL"}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=PROJECT, env={**clean_env, **env}, capture_output=True, text=True
    )


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"])
def test_production_refuses_to_start_without_its_environment(missing):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert f"{missing} must be set" in result.stderr


def test_check_deploy_is_clean_with_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr


CLIENT_ADDRESS_SCRIPT = """
from axes.helpers import get_client_ip_address
from django.conf import settings
from django.test import RequestFactory

print(settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE, settings.SESSION_COOKIE_HTTPONLY)
print(get_client_ip_address(RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_REAL_IP="203.0.113.9")))
"""


@pytest.mark.parametrize(
    ("header_name", "address"), [(None, "10.0.0.2"), ("HTTP_X_REAL_IP", "203.0.113.9")], ids=["direct", "proxy"]
)
def test_cookies_are_secure_and_the_lockout_counts_the_clients_address(header_name, address):
    env = {**PRODUCTION_ENV, **({"CLIENT_IP_HEADER_NAME": header_name} if header_name else {})}
    result = manage("shell", "--no-imports", "-c", CLIENT_ADDRESS_SCRIPT, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:2] == ["True True True", address]


CACHE_SCRIPT = """
from django.conf import settings

print(settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[1], settings.RESPONSE_CACHE_SECONDS)
"""


@pytest.mark.parametrize(
    ("redis_url", "expected"),
    [(None, "LocMemCache 0"), ("redis://127.0.0.1:6379/3", "RedisCache 3600")],
    ids=["one-process-cache", "shared-cache"],
)
def test_anonymous_responses_are_cached_only_in_a_cache_every_worker_shares(redis_url, expected):
    env = {**PRODUCTION_ENV, **({"REDIS_URL": redis_url} if redis_url else {})}
    result = manage("shell", "--no-imports", "-c", CACHE_SCRIPT, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[0] == expected
