"""The content translations kept in the repository as PO files, one per locale.

Translators work with wagtail-localize's own objects: each page has a TranslationSource, and each
locale a Translation that imports and exports PO. One file per locale holds the segments of every
page, so each entry's msgctxt is prefixed with the page's key (its path under the home page, e.g.
``guides/mentoring-models``) and the segment's wagtail-localize context (e.g. ``body.<block id>``).
"""

from pathlib import Path

import polib
from babel.messages.plurals import get_plural
from django.conf import settings
from django.db import transaction
from django.utils.translation import get_language_info
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation, TranslationSource

CONTENT_DIR = Path(__file__).resolve().parent / "content"
KEY_SEPARATOR = "|"


class TranslationImportError(Exception):
    """A PO file does not match the content: fail loudly rather than leave a page half translated."""


def po_path(language_code):
    return CONTENT_DIR / f"{language_code}.po"


def page_key(page, home):
    """A page's stable name in the PO file: its path below the home page ('' for the home page)."""
    return page.url_path[len(home.url_path) :].strip("/") or "home"


def source_pages(home):
    """The source-language pages whose translations live in the repository, home first, in tree order.

    Content that people write on the site (good practices) is translated on demand in the admin instead.
    """
    descendants = home.get_descendants().filter(alias_of__isnull=True).order_by("path").specific()
    return [home.specific] + [page for page in descendants if page.translations_in_repository]


def target_languages():
    return [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def po_metadata(language_code):
    """The header of a language's content PO file: the project, the language's team as the interface catalogues
    name it, and the language's plural rule from Babel's table (the CLDR's), which PO editors need to offer the
    right number of forms."""
    language = get_language_info(language_code)["name"]
    return {
        "Project-Id-Version": "Q-SER Mentoring Hub content",
        "Language-Team": f"{language} (Q-SER Mentoring Hub translators)",
        "Language": language_code,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=utf-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": str(get_plural(language_code)),
    }


def export_po(home, language_code):
    """Write the PO file of one locale from the database (what translators edit next)."""
    locale = Locale.objects.get(language_code=language_code)
    po = polib.POFile(wrapwidth=0)
    po.metadata = po_metadata(language_code)
    for page in source_pages(home):
        source, _created = TranslationSource.update_or_create_from_instance(page)
        translation, _created = Translation.objects.get_or_create(
            source=source, target_locale=locale, defaults={"enabled": True}
        )
        key = page_key(page, home)
        for entry in translation.export_po():
            if entry.obsolete:
                continue
            entry.msgctxt = f"{key}{KEY_SEPARATOR}{entry.msgctxt}"
            po.append(entry)
    po.save(str(po_path(language_code)))
    return po


def _entries_by_page(po):
    pages = {}
    for entry in po:
        if entry.obsolete:
            continue
        key, _sep, context = entry.msgctxt.partition(KEY_SEPARATOR)
        page_po = pages.setdefault(key, polib.POFile())
        page_po.append(polib.POEntry(msgid=entry.msgid, msgstr=entry.msgstr, msgctxt=context))
    return pages


@transaction.atomic
def import_po(home, language_code, user=None):
    """Translate every source page into one locale from its PO file, and publish the translations.

    Raises TranslationImportError, and stores nothing, when an entry matches no segment or a
    segment of a page is left untranslated.
    """
    locale = Locale.objects.get(language_code=language_code)
    entries = _entries_by_page(polib.pofile(str(po_path(language_code))))
    for page in source_pages(home):
        key = page_key(page, home)
        source, _created = TranslationSource.update_or_create_from_instance(page)
        translation, _created = Translation.objects.get_or_create(
            source=source, target_locale=locale, defaults={"enabled": True}
        )
        warnings = translation.import_po(entries.pop(key, polib.POFile()), user=user, tool_name="PO file")
        if warnings:
            raise TranslationImportError(f"{po_path(language_code).name}, page '{key}': {warnings}")
        total, translated = translation.get_progress()
        if translated < total:
            raise TranslationImportError(
                f"{po_path(language_code).name}, page '{key}': {total - translated} of {total} segments untranslated"
            )
        translation.save_target(user=user, publish=True)
    if entries:
        raise TranslationImportError(f"{po_path(language_code).name}: no page for {sorted(entries)}")


def is_translated(page, language_code):
    """True when the page has a real (not alias) translation in that locale."""
    return Page.objects.filter(
        translation_key=page.translation_key, locale__language_code=language_code, alias_of__isnull=True
    ).exists()
