from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    name = "practices"
    verbose_name = _("Good practices")

    def ready(self):
        # Here, not at the top: they import the models, which Django loads after the app configs.
        from . import signals  # noqa: F401
        from .workflows import ensure_after_migrate

        post_migrate.connect(ensure_after_migrate, sender=self)
