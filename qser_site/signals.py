"""The response cache's generation renewed whenever what anonymous readers see may have changed
(home/cache.py says what the generation covers)."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from home.cache import start_new_generation


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
