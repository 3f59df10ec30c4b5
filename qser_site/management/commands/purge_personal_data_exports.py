"""Remove the personal-data exports past their PERSONAL_DATA_EXPORT_DAYS (qser_site/privacy_exports.py): their
files and their records. The clock runs it hourly."""

from django.core.management.base import BaseCommand

from qser_site import privacy_exports


class Command(BaseCommand):
    help = "Remove expired personal-data exports, with their files."

    def handle(self, *args, **options):
        self.stdout.write(f"Removed {privacy_exports.purge()} expired personal data exports.")
