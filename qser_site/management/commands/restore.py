from django.core.management.base import BaseCommand, CommandError

from qser_site import backup


class Command(BaseCommand):
    help = (
        "Replace the database and the uploaded files of MEDIA_ROOT with those of an archive written by `backup`. "
        "Stop the site first; run `migrate` afterwards when the code is newer than the backup."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="an archive written by `backup`")
        parser.add_argument("--database", default="default", help="the database alias (default: default)")
        parser.add_argument(
            "--noinput", "--no-input", action="store_false", dest="interactive", help="do not ask for confirmation"
        )

    def handle(self, *args, archive, database, interactive, **options):
        if interactive:
            answer = input(
                "This replaces the whole database and every uploaded file with the backup's.\n"
                "Type 'yes' to continue, or anything else to stop: "
            )
            if answer != "yes":
                raise CommandError("Restore cancelled.")
        try:
            manifest = backup.restore_archive(archive, using=database)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored the database and {manifest['media_files']} media files backed up on {manifest['created']}."
            )
        )
