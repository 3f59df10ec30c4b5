from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FormsLibraryConfig(AppConfig):
    name = "forms_library"
    verbose_name = _("Forms library")

    def ready(self):
        # The blank forms of a language join the offline files of the guides index (home/offline.py).
        from . import offline  # noqa: F401
