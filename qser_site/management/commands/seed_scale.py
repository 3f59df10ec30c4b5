from django.core.management.base import BaseCommand
from django.db import connection, transaction

from home.scale import add_guides
from mentoring.scale import add_filled_forms, add_relationships, add_sessions
from practices.scale import add_practices


class Command(BaseCommand):
    help = (
        "Fill the demo site (run setup_demo first) with data at scale, for measuring: published practices in "
        "every language, filled forms with stage outputs in every review state, guides in every language and, when "
        "asked (--relationships 10000 --sessions 100000), mentoring relationships and their sessions for the "
        "dashboard. Each number is a total: running it again with larger numbers adds the difference."
    )

    def add_arguments(self, parser):
        parser.add_argument("--practices", type=int, default=10_000)
        parser.add_argument("--forms", type=int, default=2_000)
        parser.add_argument("--guides", type=int, default=100, help="per language")
        parser.add_argument("--relationships", type=int, default=0)
        parser.add_argument("--sessions", type=int, default=0)

    def handle(self, *args, practices, forms, guides, relationships, sessions, **options):
        with transaction.atomic():
            added = add_practices(practices), add_filled_forms(forms), add_guides(guides)
            grown = add_relationships(relationships), add_sessions(sessions)
        if connection.vendor == "postgresql":
            # What PostgreSQL's autovacuum does a while after a bulk load, done at once, as its documentation
            # advises: statistics to plan with, and the index entries of rows the load rewrote cleared. VACUUM
            # cannot run in a transaction (a caller's, a test's); the statistics can be gathered there.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
        self.stdout.write("Added {} practices, {} filled forms and {} guides in every language.".format(*added))
        self.stdout.write("Added {} relationships and {} sessions.".format(*grown))
