"""Our own background work (mail and notifications now; reminders, Word bundles and exports as they come) on a
task backend of its own, with a retry policy, and a record of every task that fails for good.

Two backends are configured (settings.TASKS): Wagtail's own tasks (search and reference index) use "default",
which stays immediate so search is fresh at publish; ours use `QSER_BACKEND`. In the embedded default and the
tests that is the ImmediateBackend too; in production it is django-tasks-db's DatabaseBackend, run by its
`db_worker` command (docs/deploy.md).

django-tasks runs a task once and never retries it. `retried_task` adds the retry: an attempt that raises is
enqueued again, `RetryPolicy.delay` seconds later where the backend can defer (the database backend), at once
where it cannot (the immediate one), until the policy's attempts are spent. The last failure is written down
as a `TaskFailure`, with what the task needs to run again, so that an administrator sees it and retries it from
the admin ("Tasks"). django-tasks-db keeps a row per attempt but says nothing of the attempts to come, and the
immediate backend keeps nothing at all: neither can tell "failed, will retry" from "failed for good".
"""

import functools
import logging
from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import TaskResultStatus, task, task_backends
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from .models import TaskFailure

logger = logging.getLogger(__name__)

# The alias of our backend in settings.TASKS.
QSER_BACKEND = "qser"
# The keyword each attempt after the first carries; tasks must not use it for their own arguments.
ATTEMPT = "attempt"


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 5
    # Seconds to wait before the second, third, … attempt; the last value repeats.
    backoff: tuple[int, ...] = (60, 300, 900, 3600)

    def delay(self, attempt):
        """Seconds between `attempt` (1-based) failing and the next one."""
        return self.backoff[min(attempt, len(self.backoff)) - 1]


DEFAULT_POLICY = RetryPolicy()


def retried_task(policy=DEFAULT_POLICY, on_give_up=None, **options):
    """Like django-tasks' `@task()`, on our backend, with `policy` applied. The task's arguments must be
    JSON-ready (ids and strings), as any queue requires. `on_give_up`, if given, is called with the task's
    arguments once the last attempt has failed (to mark what the task was making as failed), before the
    failure is recorded."""

    def decorate(func):
        @functools.wraps(func)
        def run(context, *args, **kwargs):
            attempt = kwargs.pop(ATTEMPT, 1)
            try:
                return func(*args, **kwargs)
            except Exception as error:
                this = context.task_result.task
                if attempt < policy.attempts:
                    retry = this
                    if this.get_backend().supports_defer:
                        retry = this.using(run_after=timezone.now() + timedelta(seconds=policy.delay(attempt)))
                    logger.warning(
                        "Task %s failed (attempt %d of %d, %s); retrying",
                        this.module_path,
                        attempt,
                        policy.attempts,
                        type(error).__name__,
                    )
                    retry.enqueue(*args, **{**kwargs, ATTEMPT: attempt + 1})
                else:
                    if on_give_up is not None:
                        try:
                            on_give_up(*args, **kwargs)
                        except Exception:  # the failure must be recorded all the same
                            logger.exception("Task %s: its on_give_up failed", this.module_path)
                    record_failure(this, args, kwargs, attempt, error)
                raise

        # The task's signature is run's (context first), not func's, which wraps would have it report.
        del run.__wrapped__
        run.retry_policy = policy
        return task(backend=QSER_BACKEND, takes_context=True, **options)(run)

    return decorate


def record_failure(this, args, kwargs, attempts, error):
    logger.error(
        "Task %s failed for good after %d attempts (%s); recorded for the administrators",
        this.module_path,
        attempts,
        type(error).__name__,
    )
    TaskFailure.objects.create(
        task_path=this.module_path,
        arguments={"args": list(args), "kwargs": kwargs},
        attempts=attempts,
        error=f"{type(error).__module__}.{type(error).__qualname__}: {error}"[:2000],
    )


def retry_failure(failure):
    """Run a failed task again, from its first attempt, and forget the failure (a new one is recorded if it
    fails for good again)."""
    this = import_string(failure.task_path)
    failure.delete()
    return this.enqueue(*failure.arguments["args"], **failure.arguments["kwargs"])


def task_queue(alias=QSER_BACKEND):
    """Our backend and, where it keeps a queue (the database backend), how many tasks wait and how long the
    oldest has waited (/readyz and the admin's "Tasks" report it)."""
    backend = task_backends[alias]
    report = {"backend": type(backend).__name__}
    if isinstance(backend, DatabaseBackend):
        waiting = DBTaskResult.objects.filter(status=TaskResultStatus.READY, backend_name=alias)
        oldest = waiting.order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
        report["waiting"] = waiting.count()
        report["oldest_waiting_seconds"] = round((timezone.now() - oldest).total_seconds()) if oldest else None
    return report
