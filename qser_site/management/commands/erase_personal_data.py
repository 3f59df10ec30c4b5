from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from qser_site import privacy


class Command(BaseCommand):
    help = "Erase a person on request, as the README's 'Personal data (GDPR)' describes: all or nothing."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--no-input", action="store_false", dest="interactive", help="do not ask to confirm")

    def handle(self, *args, username, interactive, **options):
        person = get_user_model().objects.filter(username=username).first()
        if person is None:
            raise CommandError(f"No user is called {username!r}.")
        erasure = privacy.Erasure(person)
        if reasons := erasure.obstacles():
            raise CommandError(" ".join(reasons))
        for name, value in erasure.summary().items():
            self.stdout.write(f"{name.replace('_', ' ')}: {value}")
        if interactive and input(f"Type {username} to erase this person: ") != username:
            raise CommandError("Not confirmed; nothing was changed.")
        try:
            erasure.run()
        except privacy.ErasureRefused as refusal:
            raise CommandError(str(refusal)) from refusal
        self.stdout.write(self.style.SUCCESS(f"{username} is erased; their kept records show {erasure.pseudonym}."))
