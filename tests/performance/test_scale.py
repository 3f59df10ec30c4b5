"""Data at scale (`seed_scale`), and what keeps the site flat as it grows: ranked search in one pass, the
API's lists without a query per item, PostgreSQL's own full-text search."""

import re
from importlib import import_module
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.utils import ConnectionHandler
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend

from forms_library.models import FilledForm
from home.models import GuidePage
from home.search import fold
from mentoring.models import MentoringRelationship, StageOutput
from practices.models import PracticePage
from qser_site.settings.base import database
from tests.home.test_demo_fictional import real_bodies_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("practices_everywhere")]


def seed(**numbers):
    call_command("seed_scale", *[f"--{name}={value}" for name, value in numbers.items()], stdout=StringIO())


def test_seed_scale_fills_every_language_and_state_and_keeps_the_tree_sound(client):
    seed(practices=25, forms=50, guides=3)

    practices = PracticePage.objects.live().filter(slug__startswith="scale-")
    assert practices.count() == 25
    assert set(practices.values_list("locale__language_code", flat=True)) == {"en", "el", "cs", "de", "es"}
    guides = GuidePage.objects.live().filter(slug__startswith="scale-")
    assert guides.count() == 3 * 5
    # Each language's copy of a guide is a translation of the others.
    assert guides.values("translation_key").distinct().count() == 3
    assert FilledForm.objects.filter(owner__username__startswith="scale-").count() == 50
    outputs = StageOutput.objects.filter(author__username__startswith="scale-").order_by("pk")
    states = [(output.live, [state.status for state in output.workflow_states.all()]) for output in outputs]
    # Published; with the department; with the mentor; sent back with changes requested; a draft.
    assert states == [
        (True, ["approved"]),
        (False, ["in_progress"]),
        (False, ["in_progress"]),
        (False, ["needs_changes"]),
        (False, []),
    ]
    assert all(not problems for problems in Page.find_problems())
    # Examples, like the demo they are copied from, from fictional municipalities only.
    relationships = MentoringRelationship.objects.filter(mentor__username__startswith="scale-")
    for records in [practices, FilledForm.objects.filter(owner__username__startswith="scale-"), outputs, relationships]:
        assert records.exists() and not records.filter(is_example=False).exists()
    places = set(practices.values_list("municipality", flat=True))
    assert len(places) > 5 and [place for place in places if real_bodies_in(place) or "(" not in place] == []

    practice = practices.filter(locale__language_code="cs").first()
    assert client.get(practice.url).status_code == 200
    listing = client.get("/cs/practices/", {"stage": practice.stage})
    assert practice.title in listing.content.decode()
    assert client.get(guides.filter(locale__language_code="el").first().url).status_code == 200

    seed(practices=25, forms=50, guides=3)
    assert PracticePage.objects.filter(slug__startswith="scale-").count() == 25  # totals, not additions


def test_bulk_added_practices_are_found_by_search(client):
    seed(practices=20, forms=0, guides=0)
    response = client.get("/es/practices/", {"q": "cita"})
    found = {practice.pk for practice in response.context["practices"]}
    spanish = PracticePage.objects.live().filter(locale__language_code="es", alias_of__isnull=True)
    expected = {practice.pk for practice in spanish if "cita" in fold(practice.folded_search_text())}
    assert found == expected
    assert len(expected & set(spanish.filter(slug__startswith="scale-").values_list("pk", flat=True))) >= 2


def test_search_ranks_the_best_match_first_and_counts_every_match(client):
    es = PracticePage.objects.live().filter(locale=Locale.objects.get(language_code="es"))
    best = es.last()
    best.title = f"Cita previa, cita sin esperas: {best.title}"
    best.save_revision().publish()
    results = PracticePage.objects.filter(pk__in=es.values("pk")).search("cita")
    assert results[0].pk == best.pk
    assert results.count() == len(list(results)) == es.search("cita").count()


def test_an_api_list_costs_the_same_for_two_practices_or_eight(client):
    seed(practices=40, forms=0, guides=0)
    query = {"type": "practices.PracticePage", "locale": "el", "fields": "service_area,tags"}
    client.get("/api/v2/pages/", query)  # the site's root paths are cached by the first request, as on a server
    counts = []
    for limit in (2, 8):
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/api/v2/pages/", {**query, "limit": limit})
        assert len(response.json()["items"]) == limit
        assert all(isinstance(item["tags"], list) and item["tags"] for item in response.json()["items"])
        counts.append(len(queries.captured_queries))
    assert counts[0] == counts[1]


def test_search_ranks_and_counts_as_wagtails_own_backend_does():
    """home/search_backend.py ranks in one query of its own; the order, the count and any page of results are
    those of Wagtail's unmodified backend for this database, for the site search and for the practices
    listing's filters."""
    from wagtail.search.backends import database

    from practices.listing import PracticeFilter, listed

    seed(practices=30, forms=0, guides=0)
    backend = get_search_backend()
    assert backend.query_compiler_class.__name__ == "RankedQueryCompiler"
    wagtails_own = database.SearchBackend({"SEARCH_CONFIG": "english"})
    assert type(wagtails_own) in type(backend).__mro__
    spanish_pages = Page.objects.live().filter(locale=Locale.objects.get(language_code="es"))
    spanish_practices = PracticeFilter(QueryDict("lang=es"), listed(PracticePage.objects.all())).qs
    for candidates in (spanish_pages, spanish_practices):
        ours = backend.search("cita", candidates, operator="and")
        theirs = wagtails_own.search("cita", candidates, operator="and")
        assert [page.pk for page in ours] == [page.pk for page in theirs]
        assert ours.count() == theirs.count() >= 4
        assert [page.pk for page in ours[1:3]] == [page.pk for page in theirs[1:3]]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's full-text search runs on PostgreSQL only")
def test_postgresql_finds_matches_through_a_gin_index_on_title_and_body():
    from modelsearch.backends.database.postgres.postgres import PostgresSearchBackend

    assert isinstance(get_search_backend(), PostgresSearchBackend)
    # Entries matching a query are found through the GIN index on `title || body` (home/migrations/0003),
    # whatever the size of the table: with sequential scans ruled out, the plan still reads it.
    from django.contrib.postgres.search import SearchQuery, SearchVectorField
    from django.db.models import F
    from django.db.models.expressions import CombinedExpression
    from modelsearch.backends.database.postgres.postgres import IndexEntry

    vector = CombinedExpression(F("title"), "||", F("body"), output_field=SearchVectorField())
    matching = IndexEntry.objects.alias(vector=vector).filter(vector=SearchQuery("cita", config="english"))
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        assert "qser_search_entry_vector" in matching.explain()


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's FTS5 backend")
def test_sqlite_uses_fts5_with_ranking_in_one_pass():
    from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchBackend

    backend = get_search_backend()
    assert isinstance(backend, SQLiteSearchBackend)
    assert backend.query_compiler_class.__name__ == "RankedQueryCompiler"


def test_autocomplete_keeps_wagtails_own_ranking(admin_client):
    """The admin's page search autocompletes with its own compiler."""
    results = get_search_backend().autocomplete("mentor", Page.objects.live())
    assert results.count() == len(list(results)) > 0
    assert admin_client.get("/admin/pages/search/", {"q": "mentor"}).status_code == 200


# A whole-table scan of the pages, or a range of paths without the depth: every descendant of a section.
READS_EVERY_PAGE = re.compile(r"SCAN wagtailcore_page\b|SEARCH wagtailcore_page .*\(path>\? AND path<\?\)")


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's query plans")
@pytest.mark.parametrize(
    "url",
    [
        "/el/",
        "/el/guides/",
        "/el/guides/mentoring-models/",
        "/es/forms/",
        "/es/practices/?q=cita",
        "/es/search/?q=cita",
    ],
)
def test_public_pages_read_only_the_pages_they_show(client, url):
    """The menu and the section listings ask for a page's children. Through Wagtail's `child_of` (a LIKE that
    SQLite's index cannot serve) SQLite read the whole page table; through the path's index alone, every
    descendant. The index on depth and path (home/migrations/0005) finds the children themselves."""
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    for query in queries.captured_queries:
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN QUERY PLAN {query['sql']}")
            plan = [row[-1] for row in cursor.fetchall()]
        assert not [step for step in plan if READS_EVERY_PAGE.match(step)], (plan, query["sql"])


def test_sqlite_reads_its_file_through_a_memory_map(tmp_path):
    """So a search ranking a thousand index entries reads them from the operating system's page cache, not
    through SQLite's own 2 MB one."""
    connections = ConnectionHandler({"default": database(f"sqlite:///{tmp_path / 'site.sqlite3'}")})
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("PRAGMA mmap_size")
            assert cursor.fetchone()[0] == 1024**3
    finally:
        connections.close_all()


def long_index_entries(cursor):
    """Entries longer than the 2 kB at which PostgreSQL starts moving values out of a row; short enough to fit
    in a page, as nearly every entry is."""
    cursor.execute(
        "SELECT id FROM wagtailsearch_indexentry WHERE pg_column_size(body) BETWEEN 2500 AND 6000 ORDER BY id LIMIT 5"
    )
    entries = [entry_id for (entry_id,) in cursor.fetchall()]
    assert len(entries) == 5
    return entries


def toast_blocks_read_ranking(cursor, entries):
    cursor.execute("SELECT reltoastrelid FROM pg_class WHERE oid = 'wagtailsearch_indexentry'::regclass")
    toast = cursor.fetchone()[0]
    cursor.execute("SELECT pg_stat_get_xact_blocks_fetched(%s)", [toast])
    before = cursor.fetchone()[0]
    cursor.execute(
        "SELECT ts_rank(title, plainto_tsquery('english', 'mentor')) + ts_rank(body, "
        "plainto_tsquery('english', 'mentor')) FROM wagtailsearch_indexentry WHERE id = ANY(%s)",
        [entries],
    )
    cursor.fetchall()
    cursor.execute("SELECT pg_stat_get_xact_blocks_fetched(%s)", [toast])
    return cursor.fetchone()[0] - before


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's TOAST")
def test_postgresql_ranks_an_entry_from_its_own_row():
    """Both vectors that ranking reads, the title's and the body's, stay in the index entry's row
    (home/migrations/0003 and 0004): no match makes ranking visit the TOAST table."""
    with connection.cursor() as cursor:
        assert toast_blocks_read_ranking(cursor, long_index_entries(cursor)) == 0


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's TOAST")
def test_the_migration_brings_titles_stored_out_of_line_back_into_their_rows():
    from django.db.migrations.state import ProjectState

    migration = import_module("home.migrations.0004_search_title_in_row_on_postgresql")
    with connection.cursor() as cursor:
        # The module's practices were written in this transaction: their deferred foreign-key checks run now, as
        # they would have at commit, because PostgreSQL alters no table with such checks pending.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        entries = long_index_entries(cursor)
        # As before the migration: titles stored under the default storage move out of long rows.
        with connection.schema_editor() as schema_editor:
            migration.let_titles_move_out(ProjectState().apps, schema_editor)
        cursor.execute(
            "UPDATE wagtailsearch_indexentry SET title = title || ''::tsvector WHERE id = ANY(%s)", [entries]
        )
        assert toast_blocks_read_ranking(cursor, entries) > 0

        with connection.schema_editor() as schema_editor:
            migration.keep_titles_in_rows(ProjectState().apps, schema_editor)
        assert toast_blocks_read_ranking(cursor, entries) == 0
