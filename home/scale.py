"""Data at scale for measuring (`seed_scale`): many pages placed in the tree in a few statements.

Treebeard's `add_child` saves one page at a time, each after a query for its parent's last child, and
Wagtail indexes each for search as it is saved: right for editors, far too slow for ten thousand
pages. Here a batch of live pages of one type is written as two multi-row inserts (Wagtail's page
table, then the type's own table), placed after the parent's last child, and indexed in bulk.
"""

import uuid

from django.db import transaction
from django.utils import timezone
from modelsearch.backends import get_search_backends
from wagtail.models import Page

from .models import GuideIndexPage, GuidePage

BATCH = 200


def bulk_add_children(parent, pages, owner=None):
    """Adds unsaved live pages of one specific type as the parent's last children; returns them saved."""
    model = type(pages[0])
    parent = Page.objects.select_for_update().get(pk=parent.pk)
    last = parent.get_last_child()
    step = last._get_lastpos_in_path() if last else 0
    now = timezone.now()
    base_fields = [field for field in Page._meta.local_concrete_fields if not field.primary_key]
    own_fields = model._meta.local_concrete_fields
    with transaction.atomic():
        for start in range(0, len(pages), BATCH):
            batch = pages[start : start + BATCH]
            for page in batch:
                step += 1
                page.path = Page._get_path(parent.path, parent.depth + 1, step)
                page.depth = parent.depth + 1
                page.numchild = 0
                page.locale_id = parent.locale_id
                page.translation_key = page.translation_key or uuid.uuid4()
                page.url_path = f"{parent.url_path}{page.slug}/"
                page.draft_title = page.title
                page.live, page.has_unpublished_changes = True, False
                page.first_published_at = page.last_published_at = page.latest_revision_created_at = now
                page.content_type_id = page.content_type_id or page.get_content_type().pk
                page.owner = owner
            saved = Page._base_manager._insert(
                batch, fields=base_fields, returning_fields=[Page._meta.pk], using=parent._state.db
            )
            for page, (pk,) in zip(batch, saved, strict=True):
                page.pk = page.page_ptr_id = pk
                page._state.adding = False
            model._base_manager._insert(batch, fields=own_fields, using=parent._state.db)
        Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild + len(pages))
        for backend in get_search_backends(with_auto_update=True):
            backend.add_bulk(model, pages)
    return pages


def add_guides(count):
    """Guides up to `count` in every language, each language's copy written from that language's own
    seeded guides and linked to the others as its translations."""
    sources = {}
    for guide in GuidePage.objects.live().filter(alias_of__isnull=True).select_related("locale").order_by("path"):
        sources.setdefault(guide.locale.language_code, []).append(guide)
    english = GuideIndexPage.objects.get(locale__language_code="en")
    existing = GuidePage.objects.child_of(english).filter(slug__startswith="scale-").count()
    keys = [uuid.uuid4() for _number in range(existing, count)]
    for index in GuideIndexPage.objects.select_related("locale"):
        guides = sources[index.locale.language_code]
        new = []
        for number, key in enumerate(keys, start=existing + 1):
            source = guides[number % len(guides)]
            new.append(
                GuidePage(
                    title=f"{source.title} ({number})",
                    slug=f"scale-{number}-{source.slug}",
                    summary=source.summary,
                    body=source.body.raw_data,
                    translation_key=key,
                )
            )
        if new:
            bulk_add_children(index, new)
    return len(keys)
