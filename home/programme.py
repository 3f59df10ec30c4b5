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
