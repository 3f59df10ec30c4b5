"""Example records: what `setup_demo` and `seed_scale` create to show the hub, defined once for every app.

Demo content is invented, so it names only fictional places and bodies, and every record it creates says it is
an example: on the site (the badge of `templates/includes/example_badge.html`), in the Wagtail admin (the
`ExampleColumn` of a listing, the read-only field of an edit view), in the API (`is_example`) and in its Word
file (the notice line).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.ui.tables import Column

EXAMPLE_LABEL = pgettext_lazy("a demo record", "Example")
EXAMPLE_NOTICE = _("Example record created for demonstration: fictional")


class ExampleRecord(models.Model):
    """A record that may be one of the demo's examples; only the demo builders set the flag."""

    is_example = models.BooleanField(
        _("example"), default=False, help_text=_("Created for demonstration by the demo data: fictional.")
    )

    class Meta:
        abstract = True


class ExampleColumn(Column):
    """A listing column of the Wagtail admin: Wagtail's status tag "Example" on the demo's records, nothing on
    the others."""

    cell_template_name = "home/admin/example_cell.html"

    def __init__(self, name="is_example", **kwargs):
        super().__init__(name, label=EXAMPLE_LABEL, sort_key=name, **kwargs)

    def get_value(self, instance):
        return EXAMPLE_LABEL if instance.is_example else ""


# The fictional municipalities of the demo and scale data, per country (no real municipality is the author or
# subject of invented content). Greek ones in both scripts: the practices are written in Greek, the departments'
# records in English.
FICTIONAL_MUNICIPALITIES = {
    "GR": [
        ("Ελαιόπολη", "Elaiopoli"),
        ("Μυρτόπολη", "Myrtopoli"),
        ("Ανεμόπολη", "Anemopoli"),
        ("Λευκόπολη", "Lefkopoli"),
    ],
    "CZ": [
        ("Nový Hvozdov", "Nový Hvozdov"),
        ("Lipová nad Loukou", "Lipová nad Loukou"),
        ("Dolní Bukovina", "Dolní Bukovina"),
    ],
    "DE": [("Lindenbrück", "Lindenbrück"), ("Erlenstadt", "Erlenstadt"), ("Hagenwald", "Hagenwald")],
    "ES": [
        ("Villaluz", "Villaluz"),
        ("Puerto Almendro", "Puerto Almendro"),
        ("Olmedal de la Sierra", "Olmedal de la Sierra"),
    ],
}

# "(fictional municipality)" in each language, written after a fictional municipality's name wherever it appears.
FICTIONAL_MARK = {
    "en": "fictional",
    "el": "φανταστικός δήμος",
    "cs": "smyšlená obec",
    "de": "fiktive Gemeinde",
    "es": "municipio ficticio",
}


def fictional_municipality(country, number, language):
    """The `number`-th fictional municipality of a country, named in `language`, saying it is fictional."""
    native, latin = FICTIONAL_MUNICIPALITIES[country][number % len(FICTIONAL_MUNICIPALITIES[country])]
    name = native if language == "el" or country != "GR" else latin
    return f"{name} ({FICTIONAL_MARK[language]})"
