"""Attachments of practices submitted before they were kept private (commit "Practice attachments private until
the practice is published") stayed in a public collection: anyone could download them, and list them through
API v2 and v3, while their practice was in moderation or unpublished. This moves every attachment of a practice
that is not live (and of no other live practice) into the collection "Practice submissions", private to the
Moderators, as practices/attachments.py does for new ones; publishing releases them as it releases any.

The files themselves stay where they are: documents are read only through Wagtail's document view (which checks
the collection's privacy) or, on S3, through short signed URLs; no server serves the media directory's documents
(docs/deploy.md). Running it again moves nothing; reversing it moves nothing back (the files were never meant to
be public). A frozen copy of what practices/attachments.py and practices/constants.py say, as a migration keeps.
"""

import logging
import time

from django.core.cache import cache
from django.db import migrations
from django.db.models import Exists, OuterRef

logger = logging.getLogger(__name__)

SUBMISSIONS = "Practice submissions"
GENERATION_KEY = "qser:generation"
MODERATORS = "Moderators"
# treebeard's materialised path: four base-36 digits a level.
STEP = 4
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _path_segment(number):
    digits = ""
    while number:
        number, digit = divmod(number, len(ALPHABET))
        digits = ALPHABET[digit] + digits
    return digits.rjust(STEP, "0")


def _segment_number(segment):
    return int(segment, len(ALPHABET))


def private_collection(apps):
    """The collection "Practice submissions", made as practices/attachments.py makes it when it is not there yet
    (the historical models have no treebeard methods: the path is written here). None without a root collection."""
    Collection = apps.get_model("wagtailcore", "Collection")
    CollectionViewRestriction = apps.get_model("wagtailcore", "CollectionViewRestriction")
    Group = apps.get_model("auth", "Group")
    root = Collection.objects.filter(depth=1).order_by("path").first()
    if root is None:
        return None
    collection = Collection.objects.filter(depth=2, name=SUBMISSIONS).first()
    if collection is None:
        last = Collection.objects.filter(depth=2, path__startswith=root.path).order_by("-path").first()
        number = _segment_number(last.path[-STEP:]) + 1 if last else 1
        collection = Collection.objects.create(
            name=SUBMISSIONS, depth=2, numchild=0, path=root.path + _path_segment(number)
        )
        Collection.objects.filter(pk=root.pk).update(numchild=Collection.objects.filter(depth=2).count())
    restriction = CollectionViewRestriction.objects.filter(collection=collection).first()
    if restriction is None:
        restriction = CollectionViewRestriction.objects.create(collection=collection, restriction_type="groups")
        restriction.groups.set([Group.objects.get_or_create(name=MODERATORS)[0]])
    return collection


def make_attachments_of_unpublished_practices_private(apps, schema_editor):
    """Returns how many documents it moved."""
    Document = apps.get_model("wagtaildocs", "Document")
    PracticeAttachment = apps.get_model("practices", "PracticeAttachment")
    CollectionViewRestriction = apps.get_model("wagtailcore", "CollectionViewRestriction")
    attached = PracticeAttachment.objects.filter(document=OuterRef("pk"))
    candidates = Document.objects.filter(Exists(attached)).exclude(Exists(attached.filter(page__live=True)))
    if not candidates.exists():
        return 0
    collection = private_collection(apps)
    if collection is None:
        return 0
    # Already private: in a collection restricted itself or under a restricted one.
    restricted = list(CollectionViewRestriction.objects.values_list("collection__path", flat=True))
    public = [
        document.pk
        for document in candidates.select_related("collection")
        if not any(document.collection.path.startswith(path) for path in restricted)
    ]
    moved = Document.objects.filter(pk__in=public).update(collection=collection)
    if moved:
        forget_cached_responses()
    return moved


def forget_cached_responses():
    """Cached anonymous responses (the public API's document lists among them) belong to a cache generation
    (home/cache.py): start a new one, as any change of what anonymous readers see does."""
    try:
        cache.set(GENERATION_KEY, time.time_ns(), timeout=None)
    except Exception:  # a cache that cannot be reached now keeps nothing that outlives RESPONSE_CACHE_SECONDS
        logger.warning("The cache could not be told to forget its responses; they expire on their own.")


class Migration(migrations.Migration):
    dependencies = [
        ("practices", "0007_practice_draft_drafted_from"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(make_attachments_of_unpublished_practices_private, migrations.RunPython.noop)]
