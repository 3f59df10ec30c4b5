"""Who reads a practice's attachments: the same people as the practice.

Attachments are Wagtail documents, which Wagtail serves to anyone unless their collection is private. While a
practice is in moderation (or after it is unpublished) its attachments are kept in a collection only the
moderators may read, which the document downloads, API v2 and API v3 all honour (Wagtail's collection
privacy); once the practice is published they join the other documents.
"""

from django.contrib.auth.models import Group
from django.db.models import Exists, OuterRef
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

from .constants import MODERATORS, SUBMISSIONS
from .pages import PracticeAttachment


def submissions_collection():
    """The private collection of the attachments awaiting moderation (made sure of after every migrate)."""
    collection = Collection.objects.filter(depth=2, name=SUBMISSIONS).first()
    if collection is None:  # not get_or_create: a collection is a tree node, made by its parent's add_child
        collection = Collection.get_first_root_node().add_child(name=SUBMISSIONS)
    restriction, created = CollectionViewRestriction.objects.get_or_create(
        collection=collection, defaults={"restriction_type": CollectionViewRestriction.GROUPS}
    )
    if created:
        restriction.groups.set([Group.objects.get_or_create(name=MODERATORS)[0]])
    return collection


def _documents_of(page):
    return get_document_model().objects.filter(pk__in=page.attachments.values("document"))


def release(page):
    """The page is published: its attachments are public like it."""
    _documents_of(page).filter(collection=submissions_collection()).update(collection=Collection.get_first_root_node())


def withdraw(page):
    """The page is unpublished: its attachments are private again, unless another live practice has them."""
    elsewhere = PracticeAttachment.objects.filter(document=OuterRef("pk"), page__live=True).exclude(page=page)
    _documents_of(page).exclude(Exists(elsewhere)).update(collection=submissions_collection())
