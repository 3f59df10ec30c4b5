"""Signal receivers of the site's pages: translation sources kept fresh, and the cache's generation
renewed whenever what anonymous readers see may have changed."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move
from wagtail_localize.models import TranslationSource

from .cache import start_new_generation


@receiver(page_published)
def refresh_translation_source(sender, instance, **kwargs):
    """When a translated source page is published again, each translation at once shows the changed
    segments as waiting for translation."""
    if TranslationSource.objects.filter(object_id=instance.translation_key, locale_id=instance.locale_id).exists():
        TranslationSource.update_or_create_from_instance(instance)


def renew_cache_generation(**kwargs):
    start_new_generation()
    # Again once the change is committed: a request served in between may have cached the old content
    # under the generation just started.
    transaction.on_commit(start_new_generation)


for signal in (page_published, page_unpublished, post_page_move):
    signal.connect(renew_cache_generation, dispatch_uid=f"qser-cache-{signal}")
for model in (PageViewRestriction, Site, Locale, get_document_model(), get_image_model()):
    post_save.connect(renew_cache_generation, sender=model, dispatch_uid=f"qser-cache-save-{model.__name__}")
    post_delete.connect(renew_cache_generation, sender=model, dispatch_uid=f"qser-cache-delete-{model.__name__}")


@receiver(post_delete)
def renew_cache_on_page_delete(sender, instance, **kwargs):
    if isinstance(instance, Page):
        renew_cache_generation()


@receiver(post_save)
def renew_cache_on_new_live_page(sender, instance, created, raw=False, **kwargs):
    """wagtail-localize's synchronisation creates live aliases without publishing them."""
    if created and not raw and isinstance(instance, Page) and instance.live:
        renew_cache_generation()
