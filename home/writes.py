"""What every write of a record through the API shares, below the apps' operations: entity tags and `If-Match`
(RFC 9110), and JSON Merge Patch (RFC 7396). Idempotency keys are `home/idempotency.py`'s.

An operation that changes a record takes the client's `If-Match` (the tags it names, or None when the request
has none) and checks it against the record's tag with the record's row locked, so two systems that read the same
version cannot both write over it: the second one gets PreconditionFailed (412) and nothing changes. A write
without `If-Match` is accepted, as it always was (requiring one, 428, would break existing clients).
"""

import hashlib

from django.utils.http import parse_etags


class PreconditionFailed(Exception):
    """The record changed since the client read it: its tag is none of those the client's `If-Match` names."""


def etag(*parts):
    """A strong entity tag (quoted) made of what identifies a record's version, e.g. its id and modified time."""
    digest = hashlib.sha256("\x1f".join(str(part) for part in parts).encode()).hexdigest()[:32]
    return f'"{digest}"'


def if_match(request):
    """The entity tags a request's `If-Match` header names (["*"] for any), or None when it has none."""
    header = request.headers.get("If-Match")
    return None if header is None else parse_etags(header)


def check_if_match(current, expected):
    """Raise PreconditionFailed unless `expected` (from `if_match`) is None, "*" or names the tag `current`.
    If-Match compares strongly: a weak tag (W/"…") never matches."""
    if expected is not None and "*" not in expected and current not in expected:
        raise PreconditionFailed


def merge_patch(target, patch):
    """RFC 7396's MergePatch(target, patch): an object merges member by member, null removes a member, anything
    else replaces the target whole. Written out rather than taken from a package: it is the RFC's own eight-line
    algorithm, and the one package on PyPI (json-merge-patch) implements RFC 7386, which this obsoletes."""
    if not isinstance(patch, dict):
        return patch
    result = dict(target) if isinstance(target, dict) else {}
    for name, value in patch.items():
        if value is None:
            result.pop(name, None)
        else:
            result[name] = merge_patch(result.get(name), value)
    return result
