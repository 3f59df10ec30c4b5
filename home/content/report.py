"""The facts of the source report as its front matter states them (seed: title page, list of authors, disclaimer,
consortium, version history). The About page renders them; nothing here is the hub's own."""

import datetime

from home.programme import Country

TITLE = "Qualitative Services at local level for Emigrants and Refugees"
SHORT_NAME = "Q-SER"
DELIVERABLE = "Deliverable IO3"
DOCUMENT = "Annex II: Extra material and references"
VERSION = "3.0"
DATE = datetime.date(2020, 2, 28)
CONTRIBUTOR = "Social Cooperative Enterprise Drosostalida"
PROJECT_NUMBER = "2017-1-EL01-KA204-036335"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"

# The consortium "as the report lists it": names as printed there, with the language each name is in, so that
# a page in another language marks it (WCAG 3.1.2).
PARTNERS = [
    ("MUNICIPALITY OF EGALEO", "en", Country.GREECE),
    ("IOM Mezinárodní organizace pro migraci v Praze", "cs", Country.CZECHIA),
    ("INTRACOM GMBH", "de", Country.GERMANY),
    ("MEDIA CREATIVA 2020, S.L.", "es", Country.SPAIN),
    ("SOCIAL COOPERATIVE ENTERPRISE DROSOSTALIDA", "en", Country.GREECE),
    (
        "ECUMENICAL PATRIARCHAT – GREEK – ORTHODOX METROPOLIS OF GERMANY – COMMUNITY THE ASCENSION IN STUTTGART",
        "en",
        Country.GERMANY,
    ),
    ("FONDO ANDALUZ DE MUNICIPIOS PARA LA SOLIDARIDAD INTERNACIONAL", "es", Country.SPAIN),
]

# The report's own English wording; it is shown as it is in every language, beside the hub's translation.
DISCLAIMER = (
    "This project has been funded with support from the European Commission. The European Commission support for "
    "the production of this publication does not constitute an endorsement of the contents which reflects the views "
    "only of the authors, and the Commission cannot be held responsible for any use which may be made of the "
    "information contained therein."
)
