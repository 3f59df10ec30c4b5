"""The clock process: runs the scheduled commands of the hub at their intervals, for as long as it runs.

One clock per installation (the Procfile's `clock`), beside the web servers and the task worker. Each job is a
management command, so an operator can also run any of them by hand or from cron instead. A job that fails is
logged and tried again at its next turn; it never stops the clock. This is a loop and not a scheduler library
because the project has a handful of jobs at fixed intervals and no scheduler is among its dependencies; cron or a
systemd timer per command does the same job where an operator prefers them (README, "Scheduled jobs").
"""

import logging
import time

from django.core.management import BaseCommand, call_command
from django_tasks import task_backends
from django_tasks_db.backend import DatabaseBackend

from home.tasks import QSER_BACKEND
from qser_site.dashboard.rollups import ROLLUP_EVERY

logger = logging.getLogger(__name__)

MINUTE = 60
HOUR = 60 * MINUTE
DAY = 24 * HOUR


def schedule():
    """(command, its arguments, every so many seconds) for each job of this installation."""
    jobs = [
        # Each due reminder becomes a task on our backend, one per recipient (mentoring/feeds.py), so the lead
        # (SESSION_REMINDER_HOURS) is kept to within these few minutes.
        ("send_session_reminders", [], 5 * MINUTE),
        # The programme dashboard's figures (qser_site/dashboard/rollups.py): renewed before they are five
        # minutes old, so that the page never serves older ones and rarely computes them on request.
        ("refresh_dashboard", [], ROLLUP_EVERY),
        ("purge_pending_submissions", [], HOUR),
        ("purge_idempotency_keys", [], HOUR),
        ("purge_personal_data_exports", [], HOUR),
        ("apply_retention", [], DAY),
    ]
    if isinstance(task_backends[QSER_BACKEND], DatabaseBackend):
        # The task worker's finished rows: a month of history for the admin's "Background tasks".
        jobs.append(("prune_db_task_results", ["--backend", QSER_BACKEND, "--min-age-days", "30"], DAY))
    return jobs


class Command(BaseCommand):
    help = "Run the scheduled jobs (reminders, retention, clean-ups) at their intervals."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Run every job once and exit.")
        parser.add_argument("--tick", type=float, default=30.0, help="Seconds between looks at the schedule.")

    def handle(self, *args, once=False, tick=30.0, **options):
        jobs = schedule()
        next_run = dict.fromkeys((command for command, _args, _every in jobs), 0.0)
        while True:
            now = time.monotonic()
            for command, command_args, every in jobs:
                if once or now >= next_run[command]:
                    self.run(command, command_args)
                    next_run[command] = now + every
            if once:
                return
            time.sleep(tick)

    def run(self, command, command_args):
        try:
            call_command(command, *command_args, verbosity=0)
        except Exception:  # logged; the clock goes on and tries again at the job's next turn
            logger.exception("Scheduled job %s failed", command)
            self.stderr.write(f"{command}: failed (see the log)")
        else:
            self.stdout.write(f"{command}: done")
