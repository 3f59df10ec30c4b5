"""Sending a practice, from a draft or not: the one operation behind the site's submission form and the API's
"submit a draft". The practice goes to the moderators (moderation.submit, which checks the form and who may send);
the draft it came from, if any, goes once the practice exists, with the files the practice did not take.

A draft drafted from a stage 5 evaluation gives the practice its note for the moderators (which answer went
where), unless the form was drafted again from the evaluation as it was sent.
"""

from django.db import transaction

from . import moderation, pending


def submit(*, user, index, form, draft=None, drafted_from="", if_match=None):
    """(page, created), as moderation.submit answers. With `draft` (the user's own: PermissionDenied otherwise),
    the draft is used up; with `if_match` (the API's If-Match), only while it is the version the client read
    (PreconditionFailed otherwise, with nothing sent)."""
    with transaction.atomic():
        if draft is not None:
            draft = pending.lock_draft(user, draft, if_match)
            drafted_from = drafted_from or draft.drafted_from
        page, created = moderation.submit(user=user, index=index, form=form, drafted_from=drafted_from)
        if draft is not None:
            pending.remove_draft(draft)
    return page, created
