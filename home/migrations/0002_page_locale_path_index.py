"""An index on Wagtail's page table for what every language's listings ask: the pages of one locale in
tree order. Without it a list of one language's pages (the API's `?locale=`, a repository's practices)
sorts all that language's pages to return the first twenty, so it slows as the site grows. Wagtail's
own indexes cover the path and the locale only separately."""

from django.db import migrations

INDEX = "qser_page_locale_path"


class Migration(migrations.Migration):
    dependencies = [("home", "0001_initial")]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailcore_page (locale_id, path)",
            f"DROP INDEX IF EXISTS {INDEX}",
        )
    ]
