"""Our background tasks (home/tasks.py): the retry policy, on the immediate backend of the embedded default and
on django-tasks-db's database backend with its worker; the record of a task that failed for good; the admin's
"Background tasks" report with retry and dismiss; and the mail a moderator's decision sends, which a mail
server that is down no longer loses."""

import datetime
import logging
import smtplib

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import TestCase
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from home.models import TaskFailure
from home.tasks import RetryPolicy, retried_task
from practices import moderation
from practices.forms import PracticeForm
from practices.models import PracticeIndexPage
from tests.factories import EditorFactory, SuperuserFactory, UserFactory
from tests.practices.conftest import practice_data

pytestmark = pytest.mark.django_db

CALLS = []
POLICY = RetryPolicy(attempts=3, backoff=(10, 20))


@retried_task(policy=POLICY)
def flaky(key, failures):
    """Fails its first `failures` calls for `key`."""
    CALLS.append(key)
    if CALLS.count(key) <= failures:
        raise ConnectionError(f"attempt {CALLS.count(key)} of {key}")
    return CALLS.count(key)


@pytest.fixture(autouse=True)
def no_calls():
    CALLS.clear()


@pytest.fixture
def database_backend(settings):
    settings.TASKS = {**settings.TASKS, "qser": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_the_policy_waits_longer_after_each_failure():
    policy = RetryPolicy(attempts=5, backoff=(60, 300, 900))
    assert [policy.delay(attempt) for attempt in range(1, 5)] == [60, 300, 900, 900]


def test_an_attempt_that_fails_is_tried_again_at_once_on_the_immediate_backend(caplog):
    with caplog.at_level(logging.WARNING, logger="home.tasks"):
        flaky.enqueue("a", failures=2)
    assert CALLS == ["a", "a", "a"]
    assert not TaskFailure.objects.exists()
    assert [r.levelname for r in caplog.records if r.name == "home.tasks"] == ["WARNING", "WARNING"]


def test_a_task_failing_every_attempt_is_recorded_and_logged(caplog):
    with caplog.at_level(logging.ERROR, logger="home.tasks"):
        flaky.enqueue("b", failures=99)
    assert ["b"] * POLICY.attempts == CALLS
    (failure,) = TaskFailure.objects.all()
    assert failure.task_path == "tests.operations.test_tasks.flaky"
    assert failure.attempts == POLICY.attempts
    assert failure.arguments == {"args": ["b"], "kwargs": {"failures": 99}}
    assert failure.error.startswith("builtins.ConnectionError: attempt 3 of b")
    assert "failed for good after 3 attempts" in caplog.text


def run_worker():
    call_command("db_worker", "--backend", "qser", "--batch", "--no-startup-delay", "--interval", "0", verbosity=0)


# The worker closes the database connection between tasks, as a long-running process must: these tests commit.
@pytest.mark.django_db(transaction=True)
def test_the_database_worker_retries_after_the_policys_delay(database_backend):
    flaky.enqueue("c", failures=2)
    assert CALLS == []  # queued, not run in the request

    run_worker()
    assert CALLS == ["c"]
    first, retry = DBTaskResult.objects.order_by("enqueued_at")
    assert first.status == TaskResultStatus.FAILED
    assert retry.status == TaskResultStatus.READY
    assert retry.args_kwargs["kwargs"] == {"failures": 2, "attempt": 2}
    waited = (retry.run_after - first.finished_at).total_seconds()
    assert POLICY.delay(1) - 1 < waited <= POLICY.delay(1) + 1

    run_worker()  # not yet due: nothing runs
    assert CALLS == ["c"]

    for _ in range(2):
        DBTaskResult.objects.filter(status=TaskResultStatus.READY).update(
            run_after=timezone.now() - datetime.timedelta(seconds=1)
        )
        run_worker()
    assert CALLS == ["c", "c", "c"]
    assert DBTaskResult.objects.order_by("-enqueued_at").first().status == TaskResultStatus.SUCCESSFUL
    assert not TaskFailure.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_the_database_worker_records_a_task_that_failed_for_good(database_backend):
    flaky.enqueue("d", failures=99)
    for _ in range(POLICY.attempts):
        DBTaskResult.objects.filter(status=TaskResultStatus.READY).update(
            run_after=timezone.now() - datetime.timedelta(seconds=1)
        )
        run_worker()
    assert ["d"] * POLICY.attempts == CALLS
    assert not DBTaskResult.objects.filter(status=TaskResultStatus.READY).exists()
    assert TaskFailure.objects.get().attempts == POLICY.attempts


class MailServerDown:
    """An e-mail backend whose server refuses every connection."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise smtplib.SMTPConnectError(421, "Service not available")


def test_a_moderation_notice_survives_a_mail_server_that_is_down(client, settings):
    """Approving a practice while the mail server is down used to log one error and lose the notice."""
    submitter = UserFactory(email="submitter@example.org")
    editor = EditorFactory()
    index = PracticeIndexPage.objects.get(locale__language_code="es", alias_of__isnull=True)
    page, _created = moderation.submit(user=submitter, index=index, form=PracticeForm(practice_data()))
    task_state = page.current_workflow_state.current_task_state.specific

    settings.EMAIL_BACKEND = f"{__name__}.MailServerDown"
    mail.outbox.clear()
    with TestCase.captureOnCommitCallbacks(execute=True):
        moderation.approve(task_state=task_state, user=editor, comment="")
    page.refresh_from_db()
    assert page.live  # the decision stands
    (failure,) = TaskFailure.objects.all()
    assert failure.task_path == "home.mail.send_localized_mail"

    # The mail server is back: an administrator retries it from the admin.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    client.force_login(SuperuserFactory())
    listing = client.get("/admin/reports/tasks/")
    assert listing.status_code == 200
    assert "send_localized_mail" in listing.content.decode()
    response = client.post(f"/admin/reports/tasks/{failure.pk}/retry/")
    assert response.status_code == 302
    assert [message.to for message in mail.outbox] == [["submitter@example.org"]]
    assert not TaskFailure.objects.exists()


def test_only_administrators_see_and_act_on_the_tasks(client):
    failure = TaskFailure.objects.create(
        task_path="home.mail.send_localized_mail", arguments={"args": [], "kwargs": {}}, attempts=5, error="x"
    )
    client.force_login(EditorFactory())
    assert client.get("/admin/reports/tasks/").status_code in (302, 403)
    client.post(f"/admin/reports/tasks/{failure.pk}/dismiss/")
    client.post(f"/admin/reports/tasks/{failure.pk}/retry/")
    assert TaskFailure.objects.filter(pk=failure.pk).exists()

    client.force_login(SuperuserFactory())
    page = client.get("/admin/reports/tasks/")
    assert page.status_code == 200
    assert "They run at once" in page.content.decode()  # the immediate backend has no queue
    export = client.get("/admin/reports/tasks/?export=csv")
    assert export.status_code == 200 and b"send_localized_mail" in b"".join(export.streaming_content)
    assert client.get("/admin/reports/tasks/").content.decode().count("send_localized_mail") >= 1
    client.post(f"/admin/reports/tasks/{failure.pk}/dismiss/")
    assert not TaskFailure.objects.exists()


def test_the_admin_reports_the_database_queue(client, database_backend):
    flaky.enqueue("e", failures=0)
    client.force_login(SuperuserFactory())
    page = client.get("/admin/reports/tasks/").content.decode()
    assert "1 task is waiting." in page


def test_the_clock_runs_each_job_and_goes_on_after_one_fails(monkeypatch):
    from qser_site.management.commands import run_clock

    ran = []

    def fake_call(command, *args, **kwargs):
        ran.append(command)
        if command == "purge_idempotency_keys":
            raise RuntimeError("database away")

    monkeypatch.setattr(run_clock, "call_command", fake_call)
    call_command("run_clock", "--once")
    assert ran == [
        "send_session_reminders",
        "refresh_dashboard",
        "purge_pending_submissions",
        "purge_idempotency_keys",
        "purge_personal_data_exports",
        "apply_retention",
    ]


def test_the_clock_runs_the_reminders_every_few_minutes_and_the_purge_of_abandoned_files():
    from qser_site.management.commands import run_clock

    every = {command: seconds for command, _args, seconds in run_clock.schedule()}
    assert every["send_session_reminders"] <= 10 * run_clock.MINUTE
    assert every["purge_pending_submissions"] <= run_clock.DAY


def test_the_clock_prunes_the_workers_rows_where_there_is_a_worker(monkeypatch, database_backend):
    from qser_site.management.commands import run_clock

    assert ("prune_db_task_results", ["--backend", "qser", "--min-age-days", "30"], run_clock.DAY) in (
        run_clock.schedule()
    )
    call_command("run_clock", "--once")  # every job exists and runs
