"""The Q-SER programme's own vocabulary, defined once for every app: its five stages (seed, chapter 3) and the
four partner countries whose municipalities run it."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Stage(models.IntegerChoices):
    INTRODUCTION = 1, _("Stage 1: Introduction")
    SETTING_A_PLAN = 2, _("Stage 2: Setting a plan")
    WORKING_SCENARIOS = 3, _("Stage 3: Working scenarios")
    IMPLEMENTATION = 4, _("Stage 4: Implementation")
    EVALUATION = 5, _("Stage 5: Evaluation")


class ServiceArea(models.TextChoices):
    """The services where staff meet migrants and refugees (seed, section 1.2: housing, social care and welfare,
    health, education, licences of residence and work): a practice's area, and a mentor's."""

    HOUSING = "housing", _("Housing")
    SOCIAL_CARE = "social_care", _("Social care and welfare")
    HEALTH = "health", _("Health")
    EDUCATION = "education", _("Education")
    PERMITS = "permits", _("Residence and work permits")
    OTHER = "other", _("Other")


class Country(models.TextChoices):
    GREECE = "GR", _("Greece")
    CZECHIA = "CZ", _("Czech Republic")
    GERMANY = "DE", _("Germany")
    SPAIN = "ES", _("Spain")


# The time zone of each country's municipalities, the default of a person who has not chosen one (the
# Canary Islands' staff choose theirs in their account settings).
TIME_ZONES = {
    Country.GREECE: "Europe/Athens",
    Country.CZECHIA: "Europe/Prague",
    Country.GERMANY: "Europe/Berlin",
    Country.SPAIN: "Europe/Madrid",
}


# The report every guide is adapted from (seed/README.md), and its licence.
SOURCE_TITLE = "Q-SER IO3 Annex II: Extra material and references (Q-SER Consortium, version 3.0, 28 February 2020)"
CC_BY_URL = "https://creativecommons.org/licenses/by/4.0/"
