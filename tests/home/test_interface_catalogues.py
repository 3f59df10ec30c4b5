"""The interface catalogues: headers filled, short ambiguous strings in context, counts in plural forms."""

from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils.translation import ngettext, override, pgettext

LANGUAGES = ["el", "cs", "de", "es"]


@pytest.mark.parametrize("code", LANGUAGES)
def test_header_names_the_project_the_team_and_the_plural_forms(code):
    path = Path(settings.BASE_DIR) / "locale" / code / "LC_MESSAGES" / "django.po"
    po = polib.pofile(str(path))
    assert po.metadata["Project-Id-Version"] == "Q-SER Mentoring Hub"
    assert po.metadata["Language"] == code
    assert "Q-SER Mentoring Hub translators" in po.metadata["Language-Team"]
    assert po.metadata["Plural-Forms"].startswith("nplurals=3" if code == "cs" else "nplurals=2")
    assert "PACKAGE" not in path.read_text(encoding="utf-8") and "YEAR" not in po.metadata["PO-Revision-Date"]


def test_all_in_a_filter_agrees_with_its_noun():
    with override("el"):
        assert pgettext("filter: every mentoring stage", "All") == "Όλα"  # τα στάδια
        assert pgettext("filter: every country", "All") == "Όλες"  # οι χώρες
        assert pgettext("filter: every service area", "All") == "Όλοι"  # οι τομείς
    with override("es"):
        assert pgettext("filter: every country", "All") == "Todos"
        assert pgettext("filter: every tag", "All") == "Todas"


def test_the_name_in_a_signature_table_is_a_persons_full_name():
    with override("el"):
        assert pgettext("signatory's full name", "Name") == "Ονοματεπώνυμο"
    with override("cs"):
        assert pgettext("signatory's full name", "Name") == "Jméno a příjmení"


def test_counts_take_the_languages_plural_forms():
    def attach(n):
        return ngettext("Attach at most %(count)d file.", "Attach at most %(count)d files.", n) % {"count": n}

    with override("cs"):
        assert [attach(n) for n in (1, 3, 5)] == [
            "Připojte nejvýše 1 přílohu.",
            "Připojte nejvýše 3 přílohy.",
            "Připojte nejvýše 5 příloh.",
        ]
    with override("de"):
        assert attach(1) == "Hängen Sie höchstens 1 Datei an."
