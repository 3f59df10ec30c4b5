from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from home import demo as home_demo
from mentoring import demo as mentoring_demo
from practices import demo as practices_demo
from practices import translators
from qser_site import demo


class Command(BaseCommand):
    help = "Build the demo site in five languages with its departments, groups and users (idempotent)."

    def handle(self, *args, **options):
        password = getattr(settings, "DEMO_PASSWORD", None)
        if not password:
            raise CommandError("setup_demo creates users with a known password: run it with development settings.")
        with transaction.atomic():
            home = demo.build_site_content()
            home_demo.build_example_operator()
            mentoring_demo.build_departments()
            translators.build_translator_groups(home)
            mentoring_demo.build_users(password)
            mentoring_demo.build_relationship()
            mentoring_demo.build_editor_permissions()
            mentoring_demo.build_pool()
            mentoring_demo.build_programme()
            mentoring_demo.build_group()
        # A transaction of its own: work that runs when the translations commit re-saves the translated
        # pages with the child count they had then (seen: numchild back to 0), so children come after it.
        with transaction.atomic():
            practices_demo.build_practices(home)
        self.stdout.write(self.style.SUCCESS("Demo site ready: http://127.0.0.1:8000/"))
