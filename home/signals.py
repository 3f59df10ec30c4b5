"""Signal receivers of the site's pages: translation sources kept fresh."""

from django.dispatch import receiver
from wagtail.signals import page_published
from wagtail_localize.models import TranslationSource

from . import offline


@receiver(page_published)
def refresh_translation_source(sender, instance, **kwargs):
    """When a translated source page is published again, each translation at once shows the changed
    segments as waiting for translation."""
    if TranslationSource.objects.filter(object_id=instance.translation_key, locale_id=instance.locale_id).exists():
        TranslationSource.update_or_create_from_instance(instance)


@receiver(page_published)
def build_offline_files(sender, instance, **kwargs):
    """A publish of a guide page (or of a form, which the forms library registers) builds its language's
    offline file anew once the publish commits (home/offline.py)."""
    offline.page_published(instance)
