"""Remove what submitters left behind (practices/pending.py): files kept after a form's error and never sent,
after a day; drafts untouched for 180 days, with their files."""

from django.core.management.base import BaseCommand

from practices import pending


class Command(BaseCommand):
    help = "Remove pending practice attachments abandoned for a day and drafts untouched for 180 days."

    def handle(self, *args, **options):
        self.stdout.write(f"Removed {pending.purge()} pending attachments.")
