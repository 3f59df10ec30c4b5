"""An index on Wagtail's page table for a page's children: the pages one level down whose paths fall in
their parent's range (treebeard's `get_children`, the menus and section listings of home/tree.py, Wagtail's
routing). Wagtail's index on the path alone reads every descendant in that range, so the menu of a
language's site read all its practices (two thousand rows at 10,000) to find its three sections."""

from django.db import migrations

INDEX = "qser_page_depth_path"


class Migration(migrations.Migration):
    dependencies = [("home", "0004_search_title_in_row_on_postgresql")]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailcore_page (depth, path)",
            f"DROP INDEX IF EXISTS {INDEX}",
        )
    ]
