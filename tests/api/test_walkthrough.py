"""docs/api_walkthrough.py, the README's API walkthrough, runs against a live test server and passes."""

import subprocess
import sys
from pathlib import Path

import pytest
from wagtail.models import APIToken

from forms_library.records import FilledForm
from practices.pages import PracticePage
from tests.factories import DepartmentFactory, MemberFactory, StageOutputFactory

SCRIPT = Path(__file__).resolve().parents[2] / "docs" / "api_walkthrough.py"


@pytest.fixture
def base_url(live_server, settings):
    """Answers give absolute URLs on the configured base URL: the live server's here."""
    settings.WAGTAILAPI_BASE_URL = live_server.url
    return live_server.url


def test_the_api_walkthrough_runs_against_a_live_server(base_url, committed_world):
    department = DepartmentFactory()
    person = MemberFactory(department=department)
    shared = StageOutputFactory(state="published", target_departments=[department])
    _token, plaintext = APIToken.create_token(user=person, name="walkthrough")

    run = subprocess.run(
        [sys.executable, str(SCRIPT), "--url", base_url, "--token", plaintext, "--language", "el"],
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.rstrip().endswith("OK: the walkthrough passed (1 shared outputs)")
    assert f"Download shared output {shared.pk}" in run.stdout
    form = FilledForm.objects.get(owner=person)
    assert (form.status, form.language) == (FilledForm.Status.COMPLETE, "el")
    practice = PracticePage.objects.get(owner=person)
    assert practice.workflow_in_progress and not practice.live
    assert practice.attachments.count() == 1


def test_the_walkthrough_stops_with_a_message_at_the_first_wrong_answer(base_url, committed_world):
    run = subprocess.run(
        [sys.executable, str(SCRIPT), "--url", base_url, "--token", "wagtail_not-a-token"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 1
    # Reading templates is public, but a token that is sent must be valid: the first call is refused.
    assert "FAILED: GET /api/forms/templates/ answered 401, not 200" in run.stderr
    assert "application/problem+json" not in run.stderr  # the message shows the body, not the headers
    assert '"status": 401' in run.stderr
