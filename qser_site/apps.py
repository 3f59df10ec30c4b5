from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QserSiteConfig(AppConfig):
    """The top layer: what reads or wires every app (demo and scale data, personal data on request, the
    response cache's invalidation, backups, site-wide middleware)."""

    name = "qser_site"
    verbose_name = _("Q-SER Mentoring Hub")

    def ready(self):
        from . import signals  # noqa: F401  (receivers connect on import, once the apps are loaded)
