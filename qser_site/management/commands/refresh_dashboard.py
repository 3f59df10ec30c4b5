"""Queue the task that renews the programme dashboard's roll-ups (qser_site/dashboard/rollups.py) on our task
backend; the clock process (run_clock) runs it every four minutes, so the figures served are never more than five
minutes old."""

from django.core.management.base import BaseCommand

from qser_site.dashboard.rollups import refresh, refresh_rollups


class Command(BaseCommand):
    help = "Queue the renewal of the programme dashboard's figures for its usual selections."

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="Renew them in this process instead of queueing.")

    def handle(self, *args, now=False, **options):
        if now:
            self.stdout.write(f"Renewed the dashboard's figures of {refresh()} selections.")
            return
        refresh_rollups.enqueue()
        self.stdout.write("Queued the renewal of the dashboard's figures.")
