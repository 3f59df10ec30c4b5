"""The PO files in the repository are what translators edit: they round-trip through wagtail-localize."""

import gettext
from pathlib import Path

import polib
import pytest
from django.conf import settings

from home import translation_files
from home.models import GuidePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def content_dir(tmp_path, monkeypatch):
    monkeypatch.setattr(translation_files, "CONTENT_DIR", tmp_path)
    return tmp_path


def test_repository_po_files_translate_every_segment():
    for code in translation_files.target_languages():
        po = polib.pofile(str(translation_files.po_path(code)))
        assert po.percent_translated() == 100, code
        assert "X-WagtailLocalize-TranslationID" not in po.metadata


# The plural form each count takes, as the CLDR's plural rules say: Czech has "one", "few" (2-4) and "other".
PLURAL_FORM_OF = {
    "el": lambda n: 0 if n == 1 else 1,
    "cs": lambda n: 0 if n == 1 else 1 if 2 <= n <= 4 else 2,
    "de": lambda n: 0 if n == 1 else 1,
    "es": lambda n: 0 if n == 1 else 1,
}
LANGUAGE_TEAMS = {"el": "Greek", "cs": "Czech", "de": "German", "es": "Spanish"}


def header_problems(metadata, code):
    """What is missing or wrong in a PO file's header for language `code`."""
    problems = []
    if not metadata.get("Project-Id-Version", "").startswith("Q-SER Mentoring Hub"):
        problems.append(f"Project-Id-Version: {metadata.get('Project-Id-Version')!r}")
    if metadata.get("Language-Team") != f"{LANGUAGE_TEAMS[code]} (Q-SER Mentoring Hub translators)":
        problems.append(f"Language-Team: {metadata.get('Language-Team')!r}")
    if metadata.get("Language") != code:
        problems.append(f"Language: {metadata.get('Language')!r}")
    nplurals, _sep, rule = metadata.get("Plural-Forms", "").partition(";")
    plural = gettext.c2py(rule.strip().removeprefix("plural=").rstrip(";")) if rule.strip() else None
    expected_count = len({PLURAL_FORM_OF[code](n) for n in range(200)})
    if nplurals.strip() != f"nplurals={expected_count}" or plural is None:
        problems.append(f"Plural-Forms: {metadata.get('Plural-Forms')!r}")
    elif wrong := [n for n in range(200) if plural(n) != PLURAL_FORM_OF[code](n)]:
        problems.append(f"Plural-Forms gives the wrong form for {wrong[:5]}")
    return problems


def test_repository_po_files_have_a_header_right_for_their_language():
    for code in translation_files.target_languages():
        assert header_problems(polib.pofile(str(translation_files.po_path(code))).metadata, code) == [], code


def test_content_and_interface_catalogues_agree_on_team_and_plural_forms():
    for code in translation_files.target_languages():
        content = polib.pofile(str(translation_files.po_path(code))).metadata
        interface = polib.pofile(str(Path(settings.BASE_DIR) / "locale" / code / "LC_MESSAGES" / "django.po")).metadata
        assert content["Language-Team"] == interface["Language-Team"], code
        assert content["Plural-Forms"].split(";")[0] == interface["Plural-Forms"].split(";")[0], code


def test_header_check_finds_a_wrong_header():
    right = translation_files.po_metadata("cs")
    assert header_problems(right, "cs") == []
    assert header_problems({**right, "Plural-Forms": "nplurals=2; plural=(n != 1);"}, "cs")
    assert header_problems({**right, "Plural-Forms": "nplurals=3; plural=(n==1) ? 0 : (n<=4) ? 1 : 2;"}, "cs")
    assert header_problems({key: value for key, value in right.items() if key != "Language-Team"}, "cs")


def test_export_writes_a_header_right_for_each_language(home_en, content_dir):
    for code in translation_files.target_languages():
        translation_files.export_po(home_en, code)
        assert header_problems(polib.pofile(str(content_dir / f"{code}.po")).metadata, code) == [], code


def test_export_writes_the_current_translations(home_en, content_dir):
    po = translation_files.export_po(home_en, "de")
    exported = polib.pofile(str(content_dir / "de.po"))
    assert len(exported) == len(po) > 100
    assert exported.percent_translated() == 100
    entry = exported.find("Mentoring models", by="msgid", msgctxt="guides/mentoring-models|title")
    assert entry.msgstr == GuidePage.objects.get(slug="mentoring-models", locale__language_code="de").title


def test_changed_english_segment_is_exported_untranslated(home_en, content_dir):
    guide = GuidePage.objects.get(locale__language_code="en", slug="mentoring-models")
    guide.summary = "The seven models of mentoring, compared."
    guide.save_revision().publish()
    po = translation_files.export_po(home_en, "es")
    assert [entry.msgid for entry in po.untranslated_entries()] == ["The seven models of mentoring, compared."]


def test_import_refuses_a_po_file_that_leaves_segments_untranslated(home_en, content_dir):
    guide = GuidePage.objects.get(locale__language_code="en", slug="mentoring-models")
    guide.summary = "A summary no translator has seen yet."
    guide.save_revision().publish()
    translation_files.export_po(home_en, "cs")
    with pytest.raises(translation_files.TranslationImportError, match="untranslated"):
        translation_files.import_po(home_en, "cs")


def test_import_refuses_an_entry_that_matches_no_segment(home_en, content_dir):
    translation_files.export_po(home_en, "el")
    po = polib.pofile(str(content_dir / "el.po"))
    po.append(polib.POEntry(msgid="Nowhere", msgstr="Πουθενά", msgctxt="guides/mentoring-models|body.nowhere"))
    po.save()
    title_before = GuidePage.objects.get(slug="mentoring-models", locale__language_code="el").title
    with pytest.raises(translation_files.TranslationImportError):
        translation_files.import_po(home_en, "el")
    assert GuidePage.objects.get(slug="mentoring-models", locale__language_code="el").title == title_before
