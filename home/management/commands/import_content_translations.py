from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site

from home import translation_files


class Command(BaseCommand):
    help = "Translate and publish every page from home/content/<lang>.po (all languages, or those given)."

    def add_arguments(self, parser):
        parser.add_argument("languages", nargs="*", help="Language codes; all target languages when omitted.")

    def handle(self, *args, languages, **options):
        home = Site.objects.get(is_default_site=True).root_page.specific
        for code in languages or translation_files.target_languages():
            try:
                translation_files.import_po(home, code)
            except translation_files.TranslationImportError as error:
                raise CommandError(str(error)) from error
            self.stdout.write(self.style.SUCCESS(f"{code}: translated"))
