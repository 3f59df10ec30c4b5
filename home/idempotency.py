"""Idempotency keys for the API's create requests (`Idempotency-Key`, as the IETF draft
"The Idempotency-Key HTTP Header Field" describes it): a client that lost the answer to a POST sends it again with
the same key and gets the same answer, with nothing created twice.

A key is the client's (any text of 1 to 255 characters, a UUID is usual), scoped to the person and the endpoint,
and kept 24 hours (IdempotencyKey in models.py). The same key with the same body (compared as JSON, whatever its
spacing or member order) answers the first request's status and body again; with another body it is refused (422).
Only a request that succeeded is remembered: a refused one (4xx) may be sent again with the same key, corrected.
Expired keys are removed by every keyed request and by `manage.py purge_idempotency_keys`.
"""

import datetime
import hashlib
import json

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Status

from .api import refused
from .models import IdempotencyKey

KEPT = datetime.timedelta(hours=24)
# The response headers a replayed answer gives again.
REPLAYED_HEADERS = ("ETag", "Location")


def purge(now=None):
    """Remove the keys older than 24 hours; the number removed."""
    deleted, _by_model = IdempotencyKey.objects.filter(created_at__lt=(now or timezone.now()) - KEPT).delete()
    return deleted


def _digest(payload):
    body = json.dumps(payload.model_dump(mode="json"), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(body.encode()).hexdigest()


def once(request, response, *, endpoint, key, payload, schema, create):
    """What `create()` answers (a Status or a value, given as the `schema` describes it), once per key: the same
    `key` again, from the same person to the same `endpoint` with the same `payload`, answers the same."""
    if key is None:
        return create()
    digest = _digest(payload)
    with transaction.atomic():
        purge()
        try:
            with transaction.atomic():  # a savepoint: a key already taken leaves the transaction usable
                record = IdempotencyKey.objects.create(
                    user=request.user, endpoint=endpoint, key=key, request_hash=digest
                )
        except IntegrityError:
            # Taken, by an earlier request or one that has just committed (the unique constraint made this one wait).
            record = IdempotencyKey.objects.get(user=request.user, endpoint=endpoint, key=key)
            if record.request_hash != digest:
                raise refused(
                    _("This Idempotency-Key was sent with another request body: use a new key for a new request."),
                ) from None
            for name, value in record.headers.items():
                response[name] = value
            return Status(record.status, record.body)
        result = create()
        status, value = (result.status_code, result.value) if isinstance(result, Status) else (200, result)
        record.status = status
        record.body = schema.model_validate(value, from_attributes=True).model_dump(mode="json")
        record.headers = {name: response[name] for name in REPLAYED_HEADERS if response.has_header(name)}
        record.save(update_fields=["status", "body", "headers"])
        return Status(status, record.body)
