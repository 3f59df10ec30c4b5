"""The moderation of a good practice, whichever way it comes in: the site's views, the API, the workflow task in
Wagtail's admin (moderation_task.py), the demo. Each operation checks its permission itself, raises
PermissionDenied (or a subclass below) or ValidationError, and writes in one transaction.

- submit: any signed-in person sends a practice; a draft page in the repository's language, under the
  "Practice moderation" workflow.
- resubmit: its submitter sends it again once the moderators asked for changes.
- approve / request_changes / decline: a moderator decides (Wagtail's task says who may: its groups);
  approval publishes it, a decline ends the moderation for good.
- approve_at_once: a moderator sends and approves a practice in one go (the demo's published practices).
- submit_translation: a translator sends the translation of a published practice to the same moderation.

Nobody publishes a practice directly (permissions.py): only its workflow's approval does.

The submitter is told of each decision by e-mail (notifications.py; approval and requested changes through
Wagtail's signals, in signals.py).
"""

import datetime
import uuid
from contextlib import contextmanager

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from wagtail.coreutils import find_available_slug
from wagtail.documents import get_document_model

from home import uploads
from home.workflow_states import lock_undecided
from home.writes import check_if_match, etag

from . import notifications, pending
from .attachments import submissions_collection
from .pages import PracticeAttachment, PracticeIndexPage, PracticePage

SUBMISSIONS_PER_HOUR = 5


class TooManySubmissions(PermissionDenied):
    """The submitter sent SUBMISSIONS_PER_HOUR practices in the last hour."""


class TokenTaken(PermissionDenied):
    """The form's token is another person's submission."""


class NotAwaitingChanges(PermissionDenied):
    """The practice can be sent again only while the moderators ask for changes."""


# Submission


def submit(*, user, index, form, drafted_from=""):
    """The practice a bound PracticeForm describes, sent to the moderators from the repository `index`.
    Returns (page, created): a form sent again (its token) gives the page the first sending made.
    `drafted_from`: the note of which evaluation answer went where (evaluation.py), kept for the moderators."""
    if not user.is_authenticated:
        raise PermissionDenied
    with transaction.atomic():
        index = _lock_for_submission(index, user)
        token = _token_of(form)
        earlier = PracticePage.objects.filter(submission_token=token).first() if token else None
        if earlier is not None:
            if earlier.owner_id != user.pk:
                raise TokenTaken
            return earlier, False
        if too_many_submissions(user):
            raise TooManySubmissions
        if not form.is_valid():
            raise ValidationError(form.errors)
        return _create(index, form, user, drafted_from), True


def _lock_for_submission(index, user):
    """Submissions wait for one another. The submitter's row is locked, so the hourly count and a form's token
    are checked against what their other submissions committed; then the repository page, read again, as
    treebeard places a new page after the children its parent had when it was read."""
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()
    return PracticeIndexPage.objects.select_for_update().get(pk=index.pk)


def _token_of(form):
    """The posted form's token when it is one; the form says what is wrong with anything else."""
    try:
        return uuid.UUID(str(form.data.get("token", "")))
    except ValueError:
        return None


def too_many_submissions(user):
    since = timezone.now() - datetime.timedelta(hours=1)
    return (
        PracticePage.objects.filter(
            owner=user, submission_token__isnull=False, latest_revision_created_at__gte=since
        ).count()
        >= SUBMISSIONS_PER_HOUR
    )


def _create(index, form, user, drafted_from=""):
    """A draft practice page in the repository's language, its attachments, and its moderation started."""
    page = form.save(commit=False)
    page.drafted_from = drafted_from
    page.slug = find_available_slug(index, slugify(page.title, allow_unicode=True) or "practice")
    page.owner = page.submitted_by = user
    page.submission_token = form.cleaned_data["token"]
    page.live = False
    page.locale = index.locale
    index.add_child(instance=page)
    with stored_documents(_files_of(form), user, page.title) as documents:
        page.tags.add(*form.cleaned_data["tags"])
        page.attachments = [PracticeAttachment(document=document) for document in documents]
        page.save()
        page.save_revision(user=user)
        page.get_workflow().start(page, user)
    return page


def _files_of(form):
    """The new uploads and the files kept from an earlier try (pending.py), which go once the practice is sent."""
    kept = form.cleaned_data.get("kept_attachments") or []
    if kept:
        transaction.on_commit(lambda: pending.discard(kept))
    return [*form.cleaned_data["attachments"], *kept]


@contextmanager
def stored_documents(files, user, title):
    """The uploads (or pending attachments) as Wagtail documents, for a block that uses them. When the block
    fails the database rolls back and the storage does not, so their files are removed here."""
    Document = get_document_model()
    # Private until the practice is published (attachments.py).
    collection = submissions_collection()
    documents = []
    try:
        for upload in files:
            if isinstance(upload, pending.PendingAttachment):
                upload = File(upload.file.open("rb"), name=upload.name)
            # The file's name, kind and size in its title: what the moderators see of it in the admin.
            facts = uploads.file_facts(upload.name, upload.size)
            document = Document(
                title=f"{upload.name} ({facts}) – {title}"[:255],
                file=upload,
                collection=collection,
                uploaded_by_user=user,
            )
            # Its size is known now: a page that lists it never asks the storage (Wagtail would, and save it).
            document.file_size = upload.size
            document.save()
            documents.append(document)
            if isinstance(upload, File) and not hasattr(upload, "content_type"):  # a kept file this opened
                upload.close()
        yield documents
    except Exception:
        for document in documents:
            document.file.delete(save=False)
        raise


def may_resubmit(page, user):
    """Whether the page is the user's submission, and the moderators asked for changes to it."""
    state = page.current_workflow_state
    return _is_submitter(page, user) and state is not None and state.status == state.STATUS_NEEDS_CHANGES


def _is_submitter(page, user):
    return page.submission_token is not None and page.owner_id is not None and page.owner_id == user.pk


def submission_etag(page):
    """The version of a submission a client read (the API's `ETag`): its latest revision and where its moderation
    stands, so a new revision or a moderator's decision changes it."""
    state = page.current_workflow_state
    return etag("practice", page.pk, page.latest_revision_id, page.live, state and state.pk, state and state.status)


def resubmit(*, user, page, form, if_match=None):
    """The submitter's changes (a PracticeForm bound with `instance=page`) as a new revision, and the
    moderation resumed. With `if_match` (the API's If-Match), only when the submission is still the version the
    client read (PreconditionFailed otherwise), checked with its row locked."""
    if not _is_submitter(page, user):
        raise PermissionDenied
    with transaction.atomic():
        # Two sendings at once: the second waits here, then sees the first one's revision and moderation.
        PracticePage.objects.select_for_update().filter(pk=page.pk).first()
        page.refresh_from_db(fields=["latest_revision", "live"])
        if not may_resubmit(page, user):
            raise NotAwaitingChanges
        check_if_match(submission_etag(page), if_match)
        title = page.title  # the form writes its own on the page as it validates
        if not form.is_valid():
            raise ValidationError(form.errors)
        with stored_documents(_files_of(form), user, title) as documents:
            page.tags.set(form.cleaned_data["tags"])
            for document in documents:
                page.attachments.add(PracticeAttachment(document=document))
            page.save_revision(user=user, log_action=True)
            page.current_workflow_state.resume(user=user)
    return page


# Decisions


def _check_may_decide(task_state, user, action):
    """Wagtail's rule for the task, as its admin applies it: the actions it offers this user."""
    task = task_state.task.specific
    obj = task_state.workflow_state.content_object
    if action not in {name for name, _label, _needs_data in task.get_actions(obj, user)}:
        raise PermissionDenied


@transaction.atomic
def approve(*, task_state, user, comment=""):
    """The moderator approves: the workflow completes and publishes the practice."""
    _check_may_decide(task_state, user, "approve")
    lock_undecided(task_state)
    task_state.approve(user=user, comment=comment)


@transaction.atomic
def request_changes(*, task_state, user, comment=""):
    """The moderator sends the practice back to its submitter, saying what to change."""
    _check_may_decide(task_state, user, "reject")
    lock_undecided(task_state)
    task_state.reject(user=user, comment=comment)


@transaction.atomic
def decline(*, task_state, user, comment=""):
    """Rejected for good: the task records the reason, and the workflow ends without publishing."""
    _check_may_decide(task_state, user, "decline")
    lock_undecided(task_state)
    task_state.specific.declining = True
    task_state.reject(user=user, comment=comment)
    task_state.workflow_state.refresh_from_db()
    task_state.workflow_state.cancel(user=user)
    page = task_state.workflow_state.content_object.specific
    notifications.notify_submitter("declined", page, actor=user, comment=comment)


@transaction.atomic
def approve_at_once(*, page, user, comment=""):
    """A practice published the only way there is, through its moderation: sent to the moderators in the name
    of its owner and approved by `user`, who must be one of them (the demo's published practices)."""
    workflow_state = page.get_workflow().start(page, page.owner or user)
    approve(task_state=workflow_state.current_task_state.specific, user=user, comment=comment)


# Translations


@transaction.atomic
def submit_translation(*, user, page, translation):
    """A translator's work on the translation of a published practice (wagtail-localize's `translation` of it),
    saved as the page's new revision and sent to the moderators, who publish it by approving it: never
    published directly. Sent again while the moderators ask for changes, it resumes the moderation."""
    perms = page.permissions_for_user(user)
    if not perms.can_submit_translation():
        raise PermissionDenied
    PracticePage.objects.select_for_update().filter(pk=page.pk).first()
    state = page.current_workflow_state
    translation.save_target(user=user, publish=False)
    page = PracticePage.objects.get(pk=page.pk)
    if state is None:
        page.get_workflow().start(page, user)
    elif state.status == state.STATUS_NEEDS_CHANGES:
        state.resume(user=user)
    return page
