"""What a submitter has not sent yet: a draft of the submission form, and the files attached to a form that came
back with an error or was saved as a draft.

A browser cannot keep a chosen file across a page load, so each accepted upload is kept on the server as a
pending attachment, owned by its uploader and named in the form again by a signed token (a hidden field); it
becomes a Wagtail document when the practice is sent (moderation.py). Pending attachments that belong to no
draft are purged a day later, drafts untouched for DRAFT_DAYS days with theirs
(`manage.py purge_pending_submissions`)."""

import datetime
import uuid

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home import uploads
from home.writes import check_if_match, etag

TOKEN_SALT = "practices.pending-attachment"  # noqa: S105 (a signing salt, no secret)
ABANDONED_AFTER = datetime.timedelta(days=1)
DRAFT_DAYS = 180


def _pending_path(instance, filename):
    # Never served: read back only to become a document. A random folder, so two names never meet.
    return f"practice-pending/{uuid.uuid4().hex}/{filename}"


class PracticeDraft(models.Model):
    """A submission saved to finish later: the form's fields as typed (nothing is checked until it is sent),
    seen only by its owner, and not in moderation."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="practice_drafts", verbose_name=_("owner")
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    data = models.JSONField(_("form fields"), default=dict)
    # Drafted from a stage 5 evaluation: the note for the moderators of which answer went where (evaluation.py),
    # which the practice keeps once the draft is sent.
    drafted_from = models.TextField(_("drafted from"), blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        verbose_name = _("draft of a good practice")
        verbose_name_plural = _("drafts of good practices")
        ordering = ["-updated_at", "-pk"]

    def __str__(self):
        return self.title

    @property
    def title(self):
        return self.data.get("title", "")


class PendingAttachment(models.Model):
    """A file accepted by the submission form (uploads.py judged it) and not yet part of a sent practice."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("owner")
    )
    draft = models.ForeignKey(
        PracticeDraft, null=True, blank=True, on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(upload_to=_pending_path, max_length=255)
    name = models.CharField(max_length=255)
    size = models.PositiveBigIntegerField()
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.name

    @property
    def token(self):
        # Not signing.dumps, which stamps the time: a file's token is the same each time the form is shown.
        return signing.Signer(salt=TOKEN_SALT).sign(str(self.pk))

    @property
    def kind(self):
        return uploads.kind_label(self.name)


def keep(upload, user, draft=None):
    """The checked upload kept for the user until they send the form or abandon it (or its draft)."""
    if not user.is_authenticated or (draft is not None and draft.owner_id != user.pk):
        raise PermissionDenied
    return PendingAttachment.objects.create(
        owner=user, draft=draft, file=upload, name=upload.name[:255], size=upload.size
    )


def kept(tokens, user):
    """The user's pending attachments the tokens name; a token that is forged, of another person, or of a file
    already sent or purged names nothing."""
    ids = []
    for token in tokens:
        try:
            ids.append(int(signing.Signer(salt=TOKEN_SALT).unsign(token)))
        except (signing.BadSignature, TypeError, ValueError):
            continue
    return list(PendingAttachment.objects.filter(owner=user, pk__in=ids)) if ids else []


def discard(attachments):
    """Records and files both: the database rolls back, the storage does not, so call after commit."""
    for attachment in attachments:
        attachment.file.delete(save=False)
    # By id: a record its draft's deletion took already is no error.
    PendingAttachment.objects.filter(pk__in=[attachment.pk for attachment in attachments if attachment.pk]).delete()


def purge(now=None):
    """Pending attachments of no draft older than a day, and drafts untouched for DRAFT_DAYS days with theirs.
    Returns how many files went."""
    now = now or timezone.now()
    old_drafts = PracticeDraft.objects.filter(updated_at__lt=now - datetime.timedelta(days=DRAFT_DAYS))
    abandoned = PendingAttachment.objects.filter(
        Q(draft__isnull=True, created_at__lt=now - ABANDONED_AFTER) | Q(draft__in=old_drafts)
    )
    gone = list(abandoned)
    discard(gone)
    old_drafts.delete()
    return len(gone)


# What a draft keeps of the form: its fields as typed, nothing else (not the CSRF token, not the files).
DRAFT_FIELDS = (
    "title",
    "summary",
    "service_area",
    "country",
    "municipality",
    "department",
    "stage",
    "challenge",
    "what_was_done",
    "results",
    "reuse",
    "contact",
    "licence",
    "tags",
    "token",
)
MAX_DRAFT_FIELD = 10_000


class DraftTooLong(Exception):
    """A field of the draft is longer than any field of the form may be; `fields` names each."""

    def __init__(self, fields=()):
        super().__init__(", ".join(fields))
        self.fields = list(fields)


class DraftGone(PermissionDenied):
    """The draft was sent or deleted meanwhile (by another request of its owner)."""


def draft_etag(draft):
    """The version of a draft a client read (the API's `ETag`): every save changes it."""
    return etag("practice-draft", draft.pk, draft.updated_at.isoformat(), draft.language, sorted(draft.data.items()))


def lock_draft(user, draft, if_match):
    """The user's draft, its row locked, when it is still the version `if_match` names (PreconditionFailed
    otherwise, home/writes.py); PermissionDenied when it is somebody else's, DraftGone when it is gone."""
    if not user.is_authenticated or draft.owner_id != user.pk:
        raise PermissionDenied
    locked = PracticeDraft.objects.select_for_update().filter(pk=draft.pk).first()
    if locked is None:
        raise DraftGone
    check_if_match(draft_etag(locked), if_match)
    return locked


def draft_of(user, pk):
    """The user's own draft, or None: nobody else's draft is found."""
    if not user.is_authenticated or not str(pk).isdigit():
        return None
    return PracticeDraft.objects.filter(owner=user, pk=pk).first()


def save_draft(*, user, language, data, uploads, kept, draft=None, drafted_from=None, if_match=None):
    """The form as typed, saved to finish later, with its new uploads (already judged) and the kept files it still
    ticks. Nothing is checked but the length of each field; the draft is not in moderation. `drafted_from`: the
    note of the evaluation it was drafted from (None keeps the draft's). With `if_match` (the API's If-Match), only
    when the draft is still the version the client read."""
    if not user.is_authenticated or (draft is not None and draft.owner_id != user.pk):
        raise PermissionDenied
    fields = {name: str(data.get(name, "")) for name in DRAFT_FIELDS}
    too_long = [name for name, value in fields.items() if len(value) > MAX_DRAFT_FIELD]
    if too_long:
        raise DraftTooLong(too_long)
    with transaction.atomic():
        if draft is None:
            draft = PracticeDraft(owner=user, language=language)
        else:
            draft = lock_draft(user, draft, if_match)
            draft.language = language
        if drafted_from is not None:
            draft.drafted_from = drafted_from
        draft.data = fields
        draft.save()
        for attachment in kept:
            if attachment.draft_id != draft.pk:
                attachment.draft = draft
                attachment.save(update_fields=["draft"])
        for upload in uploads:
            PendingAttachment.objects.create(
                owner=user, draft=draft, file=upload, name=upload.name[:255], size=upload.size
            )
    return draft


def delete_draft(*, user, draft, if_match=None):
    """The owner gives up a draft: it goes, with its files (after the commit: the storage does not roll back)."""
    with transaction.atomic():
        draft = lock_draft(user, draft, if_match)
        remove_draft(draft)


def remove_draft(draft):
    """The draft goes (it was given up, or became a practice), with its files once the transaction commits (the
    storage does not roll back): those the practice took were copied into its documents."""
    attachments = list(draft.attachments.all())
    draft.delete()
    transaction.on_commit(lambda: discard(attachments))
