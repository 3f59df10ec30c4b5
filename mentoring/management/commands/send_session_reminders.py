"""E-mail a reminder before each mentoring session (mentoring/feeds.py), meant to run every few minutes (cron or a
systemd timer; a task once the worker exists). Running it again sends nothing twice."""

from django.core.management.base import BaseCommand

from mentoring import feeds


class Command(BaseCommand):
    help = "Send the reminders of the mentoring sessions that start soon; each reminder once."

    def handle(self, *args, **options):
        self.stdout.write(f"Sent {feeds.send_due_reminders()} session reminders.")
