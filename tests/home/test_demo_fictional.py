"""No invented fact is credited to a real organisation: the demo's and the scale data's texts name only fictional
municipalities, which say they are fictional, and none of the real bodies below.

What setup_demo builds (every record flagged as an example, the badge on the site, in the admin, the API and Word,
no real body in any record) is checked in tests/home/test_setup_demo.py, the one module that runs it; the data the
builders write from is checked here."""

import re
import unicodedata

import pytest

from home.examples import FICTIONAL_MARK, FICTIONAL_MUNICIPALITIES, fictional_municipality
from home.programme import Country
from mentoring import demo as mentoring_demo
from practices import demo as practices_demo
from practices.constants import ServiceArea
from practices.content.demo_practices import DEMO_PRACTICES
from tests.home.test_terminology import load_terminology, normalise

# The real bodies the demo must not name: the seven partners of the Q-SER Consortium as the report lists them
# (seed, "Q-SER Consortium") with the cities they are in, and the real municipalities, services and districts
# that earlier versions of the demo credited with invented results. Case matters only where a short pattern
# would otherwise match an ordinary word (Czech "prahu" is a threshold).
REAL_BODIES = {
    "Municipality of Egaleo (Q-SER partner)": r"(?i)egaleo|aigaleo|αιγάλε|αιγαλε",
    "IOM Prague (Q-SER partner)": r"\bIOM\b|(?i:international organi[sz]ation for migration|mezinárodní organizace pro "
    r"migraci|internationale organisation für migration|organización internacional para las migraciones|διεθνής "
    r"οργανισμός μετανάστευσης)",
    "Intracom GmbH (Q-SER partner)": r"(?i)intracom",
    "Media Creativa 2020 (Q-SER partner)": r"(?i)media creativa",
    "Drosostalida (Q-SER partner)": r"(?i)drosostalida|δροσοσταλίδα|δροσοσταλιδα",
    "Greek Orthodox Metropolis of Germany, Ascension community in Stuttgart (Q-SER partner)": r"(?i)ecumenical "
    r"patriarch|ökumenisch\w* patriarchat|orthodox\w* metropol|μητρόπολη γερμανίας|ascension in stuttgart|"
    r"christi himmelfahrt",
    "Fondo Andaluz de Municipios para la Solidaridad Internacional (Q-SER partner)": r"(?i)fondo andaluz|\bfamsi\b",
    "Prague": r"\bPrah(?:a|y|u|ou|o)\b|\bPraze\b|(?i:prague|\bprag\b|πράγα)",
    "Stuttgart": r"(?i)stuttgart|στουτγάρδη",
    "Athens": r"(?i)athens|\bathen\b|αθήν|atenas|atény",
    "Córdoba": r"(?i)córdoba|cordoba",
    "Málaga": r"(?i)málaga|malaga",
    "Madrid, its health service and Tetuán": r"(?i)madrid|tetuán|tetuan",
    "Leipzig": r"(?i)leipzig|lipsko|λειψία",
    "Thessaloniki": r"(?i)thessalonik|θεσσαλονίκ|soluň|salónica",
    "Nuremberg": r"(?i)nürnberg|nuremberg|norimberk|νυρεμβέργη",
    "Valencia": r"(?i)valencia|valència",
    "Seville and its Macarena district": r"(?i)sevilla|seville|macarena",
    "Ioannina": r"(?i)ioannina|ιωάννιν",
    "Patras": r"(?i)patras|πάτρα",
    "Brno": r"\bBrn(?:o|a|ě|em)\b",
    "Ostrava": r"(?i)ostrav",
    "Berlin": r"(?i)berlin",
    "Bilbao": r"(?i)bilbao",
    "Stuttgart's Office of Public Order": r"(?i)amt für öffentliche ordnung",
    "Valencia's immigration service": r"(?i)servicio de inmigración e interculturalidad",
    "Prague 3 district office": r"(?i)úřad městské části|praha 3",
}
PATTERNS = {name: re.compile(pattern) for name, pattern in REAL_BODIES.items()}


def real_bodies_in(text):
    """The real bodies a text names, by their names above."""
    text = unicodedata.normalize("NFC", str(text))
    return sorted(name for name, pattern in PATTERNS.items() if pattern.search(text))


def texts(value):
    """Every string inside a value (a spec, a tuple, a dict of answers)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from texts(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from texts(item)


def test_the_list_of_real_bodies_finds_them():
    """The patterns catch the names as the report and the old demo wrote them, declined, in every script."""
    for text in [
        "MUNICIPALITY OF EGALEO",
        "του Δήμου Αιγάλεω",
        "IOM Mezinárodní organizace pro migraci v Praze",
        "INTRACOM GMBH",
        "MEDIA CREATIVA 2020, S.L.",
        "SOCIAL COOPERATIVE ENTERPRISE DROSOSTALIDA",
        "COMMUNITY THE ASCENSION IN STUTTGART",
        "FONDO ANDALUZ DE MUNICIPIOS PARA LA SOLIDARIDAD INTERNACIONAL",
        "Madrid Salud – Community Health Centre, Tetuán",
        "a standard Leipzig tenancy agreement",
        "školy na Praze 3",
        "Θεσσαλονίκη",
        "Ιωάννινα",
        "Nürnberg",
        "Centro de Servicios Sociales Comunitarios Macarena",
    ]:
        assert real_bodies_in(text), text
    # Nor too much: ordinary words that look like the short names.
    assert real_bodies_in("Na prahu úřadu; Brnění; IOMA; Berlinale") == ["Berlin"]


@pytest.mark.parametrize("spec", DEMO_PRACTICES, ids=[spec["slug"] for spec in DEMO_PRACTICES])
def test_no_demo_practice_names_a_real_body(spec):
    assert [(text, real_bodies_in(text)) for text in texts(spec) if real_bodies_in(text)] == []


@pytest.mark.parametrize("spec", DEMO_PRACTICES, ids=[spec["slug"] for spec in DEMO_PRACTICES])
def test_every_demo_practice_comes_from_a_municipality_that_says_it_is_fictional(spec):
    assert spec["municipality"].endswith(f"({FICTIONAL_MARK[spec['language']]})")
    assert spec["contact"].endswith(".example.org")


def test_the_demo_keeps_its_variety():
    """As rich as before the places became fictional: ten practices in five languages from four countries, every
    service area, every stage, and the three states."""
    assert len(DEMO_PRACTICES) == 10
    assert {spec["language"] for spec in DEMO_PRACTICES} == {"en", "el", "cs", "de", "es"}
    assert {spec["country"] for spec in DEMO_PRACTICES} == set(Country.values)
    assert {spec["stage"] for spec in DEMO_PRACTICES} == {1, 2, 3, 4, 5}
    assert {spec["state"] for spec in DEMO_PRACTICES} == {"published", "in_moderation", "changes_requested"}
    assert {spec["service_area"] for spec in DEMO_PRACTICES} == set(ServiceArea.values)
    assert len({spec["slug"] for spec in DEMO_PRACTICES}) == 10


def test_the_demo_departments_people_and_answers_name_no_real_body():
    data = [
        mentoring_demo.DEPARTMENTS,
        mentoring_demo.DEMO_USERS,
        mentoring_demo.DEMO_TEXT,
        mentoring_demo.CHANGES_REQUESTED,
        practices_demo.CHANGES_REQUESTED_COMMENT,
        practices_demo.PRACTICE_INDEX,
    ]
    assert [text for text in texts(data) if real_bodies_in(text)] == []
    for name, municipality, country in mentoring_demo.DEPARTMENTS:
        assert municipality == fictional_municipality(country, 0, "en"), name


@pytest.mark.parametrize("language", list(FICTIONAL_MARK))
@pytest.mark.parametrize("country", list(FICTIONAL_MUNICIPALITIES))
def test_the_fictional_municipalities_of_the_scale_data_say_so(country, language):
    """seed_scale names its practices' municipalities with this function, in the practice's language."""
    names = {fictional_municipality(country, number, language) for number in range(12)}
    assert len(names) == len(FICTIONAL_MUNICIPALITIES[country])
    for name in names:
        assert name.endswith(f" ({FICTIONAL_MARK[language]})")
        assert not real_bodies_in(name), name
    # A Greek municipality is written in Greek script in Greek text, in Latin script elsewhere.
    greek_script = re.compile("[\u0370-\u03ff]")
    own_names = [name.rpartition(" (")[0] for name in names]
    assert all(bool(greek_script.search(name)) == (country == "GR" and language == "el") for name in own_names)


IN_OTHER_LANGUAGES = [spec for spec in DEMO_PRACTICES if spec["language"] != "en"]


@pytest.mark.parametrize("spec", IN_OTHER_LANGUAGES, ids=[spec["slug"] for spec in IN_OTHER_LANGUAGES])
def test_demo_practices_keep_to_their_languages_terminology(spec):
    """Written in its own language, a practice avoids the variants locale/terminology.csv forbids ("πολίτες" for
    the people served, "mentorství"), as the translations do."""
    found = [
        (concept.name, match.group(0))
        for text in texts(spec)
        for concept in load_terminology()
        if concept.forbidden[spec["language"]]
        and (match := concept.forbidden[spec["language"]].search(normalise(text)))
    ]
    assert found == []
