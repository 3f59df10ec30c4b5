"""Schemathesis throws generated requests at every endpoint of /api/schema/: never a server error,
and every answer matches the schema (a bounded number of examples, so CI stays fast)."""

import pytest
import schemathesis
from django.contrib.auth import get_user_model
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from wagtail.models import APIToken

application = get_wsgi_application()

schema = schemathesis.openapi.from_wsgi("/api/schema/", application)


@pytest.fixture
def token_headers(db):
    _token, plaintext = APIToken.create_token(user=get_user_model().objects.get(username="staff"), name="schemathesis")
    return {"Authorization": f"Bearer {plaintext}"}


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=25, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_api_never_errors_and_matches_its_schema(case, token_headers):
    case.call_and_validate(headers=token_headers, excluded_checks=[schemathesis.checks.ignored_auth])
