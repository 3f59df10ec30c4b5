"""Remove the API's idempotency keys older than 24 hours (home/idempotency.py); each keyed request also does."""

from django.core.management.base import BaseCommand

from home import idempotency


class Command(BaseCommand):
    help = "Remove the API's idempotency keys older than 24 hours."

    def handle(self, *args, **options):
        self.stdout.write(f"Removed {idempotency.purge()} idempotency keys.")
