"""Queue the task that renews the programme dashboard's roll-ups (qser_site/dashboard/rollups.py) on our task
backend; the clock process (run_clock) runs it every four minutes, so the figures served are never more than five
minutes old."""

from django.core.management.base import BaseCommand

from qser_site.dashboard.rollups import refresh_rollups


class Command(BaseCommand):
    help = "Queue the renewal of the programme dashboard's figures for its usual selections."

    def handle(self, *args, **options):
        refresh_rollups.enqueue()
        self.stdout.write("Queued the renewal of the dashboard's figures.")
