from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from qser_site import privacy


class Command(BaseCommand):
    help = "Write a person's personal data (JSON, with their Word files and attachments) to a ZIP file."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--output", type=Path, help="the ZIP file to write (default: personal-data-<username>-<date>.zip)"
        )

    def handle(self, *args, username, output, **options):
        person = get_user_model().objects.filter(username=username).first()
        if person is None:
            raise CommandError(f"No user is called {username!r}.")
        output = output or Path(f"personal-data-{username}-{timezone.localdate().isoformat()}.zip")
        output.write_bytes(privacy.export_zip(person))
        privacy.record_export(person, actor=None)
        self.stdout.write(self.style.SUCCESS(f"Personal data of {username} written to {output}"))
