"""Queue an e-mail reminder before each mentoring session (mentoring/feeds.py), one task per recipient on our task
backend; the clock process (run_clock) runs it every five minutes. Running it again queues nothing twice."""

from django.core.management.base import BaseCommand

from mentoring import feeds


class Command(BaseCommand):
    help = "Queue the reminders of the mentoring sessions that start soon; each reminder once."

    def handle(self, *args, **options):
        self.stdout.write(f"Queued {feeds.send_due_reminders()} session reminders.")
