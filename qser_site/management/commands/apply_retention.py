from django.core.management.base import BaseCommand

from qser_site import privacy


class Command(BaseCommand):
    help = (
        "Remove the personal data past the retention periods of the operator's settings (admin, Settings, "
        "'Operator and privacy'). Meant to run daily from cron or a clock process; --dry-run only reports."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="report what would be removed, change nothing")

    def handle(self, *args, dry_run, **options):
        retention = privacy.Retention()
        summary = retention.summary() if dry_run else retention.run()
        verb = "would remove" if dry_run else "removed"
        self.stdout.write(f"accounts to erase: {len(summary['accounts'])} {summary['accounts']}")
        for username, reason in summary["accounts_kept"].items():
            self.stdout.write(f"account kept for now: {username}: {reason}")
        self.stdout.write(f"sessions: {summary['sessions']}")
        self.stdout.write(f"filled forms: {summary['filled_forms']}")
        self.stdout.write(f"practice submissions: {summary['practices']}")
        self.stdout.write(self.style.SUCCESS(f"apply_retention {verb} what is past its retention period."))
