"""A submission's attachments, as its submitter changes them and as anyone entitled reads them: the operations the
API calls (practices/api.py). Attachments are sent with the practice (moderation.submit, the site's form or the
API's multipart body); these add, replace and remove them afterwards, under the same rule as the site's
"edit and send again" (moderation.may_resubmit): only the submitter, only while the moderators ask for changes.

A change is a new revision of the practice (its `ETag` changes; `If-Match` is checked with its row locked), with
the files judged exactly as the site's form judges them (forms.py: type by content, size, archive bombs). The
practice is sent to the moderators again by the change of its text (PUT or PATCH, even an empty one), as on the
site. A removed or replaced file stays stored, private, as older revisions still name it.
"""

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.documents import get_document_model

from home.writes import check_if_match

from . import moderation
from .forms import MultipleFileField, check_attachment
from .pages import PracticeAttachment, PracticePage


class AttachmentsForm(forms.Form):
    """Files added to a submission: the submission form's own field, with its limits and messages."""

    attachments = MultipleFileField(label=_("Attachments"))


class ReplacementForm(forms.Form):
    """One file in place of an attachment, judged as the submission form judges each."""

    file = forms.FileField(label=pgettext_lazy("one uploaded file", "Attachment"))

    def clean_file(self):
        return check_attachment(self.cleaned_data["file"])


class NoSuchAttachment(LookupError):
    """The practice has no attachment of that id (in the version the caller may read)."""


def documents_of(page):
    """The documents a version of a practice (the page or a revision's object) has as attachments, in order."""
    ids = [attachment.document_id for attachment in page.attachments.all()]
    documents = get_document_model().objects.in_bulk(ids)
    return [documents[pk] for pk in ids if pk in documents]


def readable_document(user, page_id, document_id):
    """The attachment `document_id` of practice `page_id`, for whoever may read it: anyone once the practice is
    published (its live version's attachments), its submitter before (its latest version's). Else NoSuchAttachment."""
    page = PracticePage.objects.filter(pk=page_id).first()
    if page is None:
        raise NoSuchAttachment
    versions = []
    if page.live and PracticePage.objects.live().public().filter(pk=page.pk).exists():
        versions.append(page)
    if user.is_authenticated and page.submission_token is not None and page.owner_id == user.pk:
        versions.append(page.get_latest_revision_as_object())
    for version in versions:
        if any(attachment.document_id == document_id for attachment in version.attachments.all()):
            return get_document_model().objects.get(pk=document_id)
    raise NoSuchAttachment


def _change(user, page, if_match, form, edit):
    """The submitter's change of the attachments of `page`'s latest version, as a new revision."""
    if not moderation.may_resubmit(page, user):
        if page.submission_token is None or page.owner_id != user.pk:
            raise PermissionDenied
        raise moderation.NotAwaitingChanges
    with transaction.atomic():
        PracticePage.objects.select_for_update().filter(pk=page.pk).first()
        page.refresh_from_db(fields=["latest_revision", "live"])
        if not moderation.may_resubmit(page, user):
            raise moderation.NotAwaitingChanges
        check_if_match(moderation.submission_etag(page), if_match)
        if form is not None and not form.is_valid():
            raise ValidationError(form.errors)
        latest = page.get_latest_revision_as_object()
        edit(latest)
        latest.save_revision(user=user, log_action=True)
    return page


def add(*, user, page, form, if_match=None):
    """Files added after the submission's others (a bound AttachmentsForm)."""

    def edit(latest):
        with moderation.stored_documents(form.cleaned_data["attachments"], user, latest.title) as documents:
            for document in documents:
                latest.attachments.add(PracticeAttachment(document=document))

    return _change(user, page, if_match, form, edit)


def replace(*, user, page, document_id, form, if_match=None):
    """Attachment `document_id` replaced, in its place, by the file of a bound ReplacementForm."""

    def edit(latest):
        attachments = list(latest.attachments.all())
        position = next((i for i, a in enumerate(attachments) if a.document_id == document_id), None)
        if position is None:
            raise NoSuchAttachment
        with moderation.stored_documents([form.cleaned_data["file"]], user, latest.title) as [document]:
            attachments[position] = PracticeAttachment(document=document, sort_order=attachments[position].sort_order)
            latest.attachments = attachments

    return _change(user, page, if_match, form, edit)


def remove(*, user, page, document_id, if_match=None):
    """Attachment `document_id` removed from the submission."""

    def edit(latest):
        attachments = list(latest.attachments.all())
        kept = [attachment for attachment in attachments if attachment.document_id != document_id]
        if len(kept) == len(attachments):
            raise NoSuchAttachment
        latest.attachments = kept

    return _change(user, page, if_match, None, edit)
