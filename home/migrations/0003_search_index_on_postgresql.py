"""Wagtail's search index on PostgreSQL, made to find and rank matches without reading every entry.

A GIN index on `title || body`, which Wagtail's full-text search matches a query against: Wagtail indexes
the title and the body only separately, so every search tested each candidate's combined vector in turn
and slowed as the site grew (see home/search_backend.py). And the body's vector is kept in the table's
own rows rather than out of line (compressed only where that saves space): ranking reads the body of every
match, and fetching each one from the TOAST table took most of the ranking's time. The title's: 0004.
"""

from django.db import migrations

INDEX = "qser_search_entry_vector"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailsearch_indexentry USING gin ((title || body))"
        )
        schema_editor.execute("ALTER TABLE wagtailsearch_indexentry ALTER COLUMN body SET STORAGE MAIN")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")
        schema_editor.execute("ALTER TABLE wagtailsearch_indexentry ALTER COLUMN body SET STORAGE EXTENDED")


class Migration(migrations.Migration):
    dependencies = [("home", "0002_page_locale_path_index"), ("wagtailsearch", "0010_add_text_fields")]

    operations = [migrations.RunPython(create, drop)]
