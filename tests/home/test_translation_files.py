"""The PO files in the repository are what translators edit: they round-trip through wagtail-localize."""

import polib
import pytest

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
