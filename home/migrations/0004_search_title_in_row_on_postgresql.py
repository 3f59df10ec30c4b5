"""The title's search vector kept in the index entry's own row on PostgreSQL, as the body's is (0003).

Ranking reads the title of every match as well as its body. With the body's vector in the row, most rows
are longer than the 2 kB PostgreSQL aims for, so it moved each title to the TOAST table: fetching the
titles back took two thirds of the time a search matching a thousand entries spent ranking them. Titles
already stored out of line are stored again, so they come back into their rows.
"""

from django.db import migrations

TABLE = "wagtailsearch_indexentry"


def keep_titles_in_rows(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE {TABLE} ALTER COLUMN title SET STORAGE MAIN")
        # A new value (the same lexemes and positions) is stored under the column's new storage.
        schema_editor.execute(f"UPDATE {TABLE} SET title = title || ''::tsvector")


def let_titles_move_out(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE {TABLE} ALTER COLUMN title SET STORAGE EXTENDED")


class Migration(migrations.Migration):
    dependencies = [("home", "0003_search_index_on_postgresql")]

    operations = [migrations.RunPython(keep_titles_in_rows, let_titles_move_out)]
