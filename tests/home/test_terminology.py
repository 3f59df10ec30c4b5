"""One word for one thing in each language: every catalogue keeps to locale/terminology.csv.

The interface catalogues (locale/<lang>/LC_MESSAGES/django.po) and the content translations the translated
pages are built from (home/content/<lang>.po) are read as translators wrote them. An entry fails when its
translation uses a forbidden variant, or when its English names a concept and its translation has none of
that language's preferred forms (the concept rendered another way).
"""

import csv
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import polib
import pytest
from django.conf import settings

from home import translation_files

TERMINOLOGY = Path(settings.BASE_DIR) / "locale" / "terminology.csv"
LANGUAGES = ["el", "cs", "de", "es"]
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")


def normalise(text):
    """Lower case without accents or placeholders, so a stem matches every declined and accented form.

    Greek adds an accent to a word's last syllable before an enclitic ("τον μέντορά του") and writes a
    final sigma; both would otherwise hide a form from its stem.
    """
    decomposed = unicodedata.normalize("NFD", PLACEHOLDER.sub(" ", text).casefold())
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return stripped.replace("ς", "σ")


@dataclass(frozen=True)
class Concept:
    name: str
    english: re.Pattern
    preferred: dict
    forbidden: dict


def compile_cell(cell):
    return re.compile(cell) if cell.strip() else None


def load_terminology(path=TERMINOLOGY):
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    return [
        Concept(
            name=row["concept"],
            english=re.compile(row["en"]),
            preferred={code: compile_cell(row[code]) for code in LANGUAGES},
            forbidden={code: compile_cell(row[f"{code}_forbidden"]) for code in LANGUAGES},
        )
        for row in csv.DictReader(lines)
    ]


def translations(entry):
    if entry.msgid_plural:
        return [text for _index, text in sorted(entry.msgstr_plural.items())]
    return [entry.msgstr]


def problems(entry, code, concepts):
    """What is wrong with one PO entry in language `code`, as readable sentences."""
    english = normalise(" ".join(filter(None, [entry.msgid, entry.msgid_plural])))
    found = []
    for text in translations(entry):
        if not text:
            continue
        translated = normalise(text)
        for concept in concepts:
            forbidden, preferred = concept.forbidden[code], concept.preferred[code]
            if forbidden and (match := forbidden.search(translated)):
                found.append(f"{concept.name}: forbidden variant “{match.group(0)}” in “{text}”")
            # A title left in English (a reference, a report's name) names the concept in English on purpose.
            kept_in_english = concept.english.search(translated)
            if preferred and concept.english.search(english) and not (kept_in_english or preferred.search(translated)):
                found.append(f"{concept.name}: “{text}” lacks the preferred term /{preferred.pattern}/")
    return found


def catalogues():
    for code in LANGUAGES:
        yield code, Path(settings.BASE_DIR) / "locale" / code / "LC_MESSAGES" / "django.po"
        yield code, translation_files.po_path(code)


def catalogue_id(value):
    return value.relative_to(settings.BASE_DIR).as_posix() if isinstance(value, Path) else value


@pytest.mark.parametrize(("code", "path"), list(catalogues()), ids=catalogue_id)
def test_catalogue_keeps_to_the_terminology(code, path):
    concepts = load_terminology()
    failures = []
    for entry in polib.pofile(str(path)):
        if entry.obsolete:
            continue
        context = f" (msgctxt {entry.msgctxt})" if entry.msgctxt else ""
        failures += [
            f"{path.relative_to(settings.BASE_DIR)}: “{entry.msgid}”{context}\n    {problem}"
            for problem in problems(entry, code, concepts)
        ]
    assert not failures, f"{len(failures)} terminology problems:\n" + "\n".join(failures)


def test_every_concept_has_a_preferred_term_in_every_language():
    concepts = load_terminology()
    assert len(concepts) >= 30
    assert all(concept.preferred[code] for concept in concepts for code in LANGUAGES)


def by_name(name):
    return next(concept for concept in load_terminology() if concept.name == name)


def entry(msgid, msgstr):
    return polib.POEntry(msgid=msgid, msgstr=msgstr)


def test_a_declined_form_counts_as_the_preferred_term():
    mentor = [by_name("mentor")]
    assert problems(entry("Your mentor", "Ο μέντορά σας"), "el", mentor) == []
    assert problems(entry("Mentors", "Οι μέντορες"), "el", mentor) == []
    assert problems(entry("The mentor’s notes", "Οι σημειώσεις του μέντορά του"), "el", mentor) == []
    department = [by_name("department")]
    assert problems(entry("In the department", "V odboru"), "cs", department) == []
    assert problems(entry("Departments", "Odbory"), "cs", department) == []


def test_a_concept_rendered_another_way_is_reported_with_its_term():
    session = [by_name("session")]
    (problem,) = problems(entry("Plan a session", "Προγραμματισμός συνάντησης"), "el", session)
    assert "session" in problem and "συνάντησης" in problem


def test_a_forbidden_variant_is_caught_in_a_declined_form_but_not_in_a_false_friend():
    people = [by_name("migrants and refugees (the people served)")]
    assert problems(entry("Serving people", "Εξυπηρέτηση των πολιτών"), "el", people)
    assert problems(entry("Serving people", "Οι πολίτες"), "el", people)
    assert problems(entry("Policy", "Η πολιτική του δήμου"), "el", people) == []
    assert problems(entry("Culture", "Πολιτισμικές διαφορές"), "el", people) == []
    assert problems(entry("Citizens", "Die Bürgerinnen und Bürger"), "de", people)
    assert problems(entry("Go to the office", "Zum Bürgeramt gehen"), "de", people) == []
    form = [by_name("form")]
    assert problems(entry("Fill in the form", "Συμπληρώστε τη φόρμα"), "el", form)
    assert problems(entry("The platform's form", "Το έντυπο της πλατφόρμας"), "el", form) == []
