from django.core.management.base import BaseCommand, CommandError

from qser_site import backup


class Command(BaseCommand):
    help = (
        "Back up the database (pg_dump, or SQLite's backup API) and the uploaded files of MEDIA_ROOT into one "
        "archive; restore it with `restore`."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="the file to write, e.g. qser-2025-01-31.tar.gz")
        parser.add_argument("--database", default="default", help="the database alias (default: default)")

    def handle(self, *args, archive, database, **options):
        try:
            manifest = backup.write_archive(archive, using=database)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Backed up the {manifest['vendor']} database and {manifest['media_files']} media files to {archive}."
            )
        )
