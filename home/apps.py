from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Home and guides")

    def ready(self):
        from . import fragments, signals  # noqa: F401
        from .spreadsheets import neutralise_csv_exports

        fragments.connect_receivers()
        neutralise_csv_exports()
