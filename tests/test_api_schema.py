"""Schemathesis throws generated requests at every endpoint of /api/schema/: never a server error,
and every answer matches the schema (a bounded number of examples, so CI stays fast)."""

import pytest
import schemathesis
from django.contrib.auth import get_user_model
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from wagtail.models import APIToken

application = get_wsgi_application()

schema = schemathesis.openapi.from_wsgi("/api/schema/", application)


@pytest.fixture
def keep_test_connection():
    """Django's test client keeps the test's database connection open between requests; a WSGI call
    does not unless told (it would close the connection of the test transaction on PostgreSQL)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def token_headers(db, keep_test_connection):
    _token, plaintext = APIToken.create_token(user=get_user_model().objects.get(username="staff"), name="schemathesis")
    return {"Authorization": f"Bearer {plaintext}"}


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=25, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_api_never_errors_and_matches_its_schema(case, token_headers):
    case.call_and_validate(headers=token_headers, excluded_checks=[schemathesis.checks.ignored_auth])
