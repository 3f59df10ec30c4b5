from django.core.management.base import BaseCommand
from wagtail.models import Site

from home import translation_files


class Command(BaseCommand):
    help = "Write home/content/<lang>.po from the database, after editors changed the English content."

    def handle(self, *args, **options):
        home = Site.objects.get(is_default_site=True).root_page.specific
        for code in translation_files.target_languages():
            po = translation_files.export_po(home, code)
            missing = len(po.untranslated_entries())
            self.stdout.write(f"{translation_files.po_path(code)}: {len(po)} segments, {missing} to translate")
