from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    name = "practices"
    verbose_name = _("Good practices")

    def ready(self):
        # Here, not at the top: they import the models, which Django loads after the app configs.
        # Every page type's policy (the explorer and API v3 list plain pages): no role skips moderation.
        from wagtail.models import Page
        from wagtail.permissions import register_permission_policy

        from . import signals  # noqa: F401
        from .permissions import PracticePagePermissionPolicy
        from .workflows import ensure_after_migrate

        register_permission_policy(Page, PracticePagePermissionPolicy())

        post_migrate.connect(ensure_after_migrate, sender=self)
