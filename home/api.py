"""What every endpoint of our API shares (qser_site/api.py mounts them): the error body (home/problems.py),
authentication, bounded ids and offsets, the language parameter, pagination, and a Django form's errors as a
422."""

from functools import wraps
from typing import Annotated, Literal
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _
from ninja import Field, Header, Schema
from ninja.conf import settings as ninja_settings
from ninja.errors import HttpError, ValidationError
from ninja.pagination import LimitOffsetPagination
from ninja.security import SessionAuth
from pydantic import ConfigDict, Strict
from rest_framework.authentication import BaseAuthentication
from rest_framework.exceptions import AuthenticationFailed
from wagtail.api.v3.auth import BearerTokenAuth

from .docx import DOCX_TYPE
from .problems import DETAILS
from .programme import Stage


class Problem(Schema):
    """What every error answers (RFC 9457, `application/problem+json`): see home/problems.py."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str
    errors: list[dict] | None = Field(None, description="For 422: one entry per invalid value (loc, msg, type).")

    model_config = ConfigDict(json_schema_extra=lambda schema: schema.update(examples=PROBLEM_EXAMPLES))


ErrorOut = Problem  # the name the endpoints used before errors became problems

# Database ids and offsets: a number out of range is a 422, not a database error.
ObjectId = Annotated[int, Field(ge=1, le=2**31 - 1)]
# An id in a JSON body: strict, so `true` or "12" is refused (422) rather than read as 1 or 12. Not in a path or a
# query, whose values are texts.
StrictObjectId = Annotated[ObjectId, Strict()]
MAX_OFFSET = 1_000_000

# A language of the site: anything else is a 422 listing the valid codes (pydantic's literal_error).
LanguageCode = Literal[tuple(code for code, _name in settings.LANGUAGES)]


class PageBounds(Schema):
    """The bounds of `limit` and `offset`; Wagtail's v2 checks its own parameters against them too
    (qser_site/api.py), so a value out of range is the same 422 everywhere."""

    limit: int = Field(ninja_settings.PAGINATION_PER_PAGE, ge=1, le=ninja_settings.PAGINATION_MAX_LIMIT)
    offset: int = Field(0, ge=0, le=MAX_OFFSET)


class BoundedPagination(LimitOffsetPagination):
    """ninja's limit/offset pagination with an upper bound on the offset, which a database needs."""

    Input = PageBounds


class PublicUnlessATokenIsSent(BearerTokenAuth):
    """A public endpoint's authentication: without an Authorization header anyone may call it; a token that is sent
    must be valid, or the answer is 401 with its challenge, as on every other endpoint (a client learns at once
    that its token was revoked, rather than silently reading as nobody)."""

    def __call__(self, request):
        if "Authorization" not in request.headers:
            return True
        return super().__call__(request)


class BearerTokenAuthentication(BaseAuthentication):
    """The same rule for Django REST framework's views (Wagtail's API v2, qser_site/api.py): a request without an
    Authorization header is anonymous and served; a header that is sent must hold a valid Wagtail API token
    (known, not revoked, of an active user), or the answer is 401 with `WWW-Authenticate: Bearer`. DRF's default
    classes (session, HTTP Basic) ignore a Bearer header, so a revoked token was read as nobody.

    The token is checked by Wagtail's own BearerTokenAuth (v3's), so both APIs agree on what a valid token is."""

    resolver = BearerTokenAuth()

    def authenticate(self, request):
        header = request._request.headers.get("Authorization")
        if header is None:
            return None
        scheme, _space, token = header.strip().partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise AuthenticationFailed(str(DETAILS[401]))
        api_token = self.resolver.authenticate(request._request, token.strip())
        if api_token is None:
            raise AuthenticationFailed(
                _("The API token is not valid: it is unknown, revoked, or its user is deactivated.")
            )
        return (api_token.user, api_token)

    def authenticate_header(self, request):
        # DRF answers 401 (not 403) only for a class that names its challenge.
        return "Bearer"


def api_base_url(request):
    """The scheme and host of the absolute URLs the API answers: WAGTAILAPI_BASE_URL's when it is set, else the
    request's own; never the Site record's (`http://localhost` in a fresh install)."""
    configured = urlsplit(getattr(settings, "WAGTAILAPI_BASE_URL", None) or "")
    if configured.scheme and configured.netloc:
        return f"{configured.scheme}://{configured.netloc}"
    return f"{request.scheme}://{request.get_host()}"


def absolute_url(request, path):
    """A path of this site as the absolute URL an API answer gives (`detail_url`, a download's URL)."""
    return api_base_url(request) + path


# The `openapi_extra` of such an endpoint: ninja lists its bearer scheme; the empty requirement added beside it
# says that credentials are optional.
OPTIONAL_TOKEN = {"security": [{}]}


class SessionCookieAuth(SessionAuth):
    """ninja's session authentication, checking CSRF only for a request a session signs in.

    ninja checks CSRF before it looks at the session, so a request with no credentials at all, or with a
    token that is no longer valid, was answered 403 "CSRF check failed" instead of 401. Forgery needs a
    cookie the browser sends by itself: with no signed-in session there is nothing to forge."""

    def __call__(self, request):
        if not request.user.is_authenticated:
            return None
        return super().__call__(request)


# The errors an endpoint can answer, documented so that clients (and the schema tests) know them.
ERRORS = {400: Problem, 401: Problem, 403: Problem, 404: Problem, 422: Problem}
# And those of a write to a record: 409 when its state allows no change (a completed form), 412 when the
# request's If-Match names another version than the record's (home/writes.py).
WRITE_ERRORS = {**ERRORS, 409: Problem, 412: Problem}


# The header a create request (POST) takes to be sent again safely (home/idempotency.py).
IdempotencyKey = Header(
    None,
    alias="Idempotency-Key",
    min_length=1,
    max_length=255,
    description="Any text of 1 to 255 characters (a UUID is usual). Sent again within 24 hours with the same body, "
    "the request answers what it first answered and creates nothing; with another body it is refused (422).",
)

# The media types a PATCH takes: JSON Merge Patch (RFC 7396), and plain JSON read the same way.
MERGE_PATCH_TYPES = ("application/merge-patch+json", "application/json")


def merge_patch_body(schema_name):
    """The OpenAPI request body of a PATCH: the same schema, as JSON Merge Patch (RFC 7396) and as plain JSON."""
    return {
        "requestBody": {
            "description": "A JSON Merge Patch (RFC 7396): only what it names changes; null removes a member.",
            "content": {"application/merge-patch+json": {"schema": {"$ref": f"#/components/schemas/{schema_name}"}}},
        }
    }


def stale():
    """The answer to a write whose If-Match names another version than the record's (home/writes.py)."""
    return HttpError(412, _("It changed since you read it: read it again (its new ETag), then send your change."))


def merge_patch_only(run):
    """For ninja's `decorate_view`: a PATCH whose body is not JSON Merge Patch (nor plain JSON) is refused with 415,
    before its body is read as one (a JSON Patch, RFC 6902, is a list, which the body's schema would refuse as
    invalid, 422, hiding what is wrong)."""

    @wraps(run)
    def checked(request, *args, **kwargs):
        if request.content_type not in MERGE_PATCH_TYPES:
            error = HttpError(415, _("Send a JSON Merge Patch: Content-Type application/merge-patch+json."))
            return run.__self__.api.on_exception(request, error)  # the API's own answer to an error
        return run(request, *args, **kwargs)

    return checked


def refused(message, *location):
    """One refused member of a request body as the API's 422 answer, located at it (`location` below "body")."""
    return ValidationError([{"loc": ["body", *location], "msg": str(message), "type": "value_error"}])


def invalid(form, *location):
    """A Django form's errors as the API's 422 answer: one entry per field, located at it, its messages joined."""
    return ValidationError(
        [
            {
                "loc": ["body", *location, name],
                "msg": " ".join(str(message) for message in errors),
                "type": "value_error",
            }
            for name, errors in form.errors.items()
        ]
    )


# A Word download, as the OpenAPI document describes it (`openapi_extra` of the endpoints that answer one): ninja
# documents only JSON answers, and a generated client reads this one as a file.
WORD_DOWNLOAD = {
    "responses": {
        200: {
            "description": "The Word document (DOCX), as an attachment named after the title and the date.",
            "content": {DOCX_TYPE: {"schema": {"type": "string", "format": "binary"}}},
            "headers": {
                "Content-Disposition": {
                    "description": 'For example `attachment; filename="swot-analysis-2026-12-07.docx"`; '
                    "`filename*` (RFC 6266) keeps a Greek or Czech title intact.",
                    "schema": {"type": "string"},
                }
            },
        }
    }
}


def code_list(codes, description, example=None):
    """A member of one of the hub's code lists, typed so that the OpenAPI document lists its codes as an `enum`.

    `codes` come from the list's one definition (a Django `Choices` class, `settings.LANGUAGES`, the field kinds).
    The schema states them; what checks them is the operation (a Django form's choices, a lookup), which answers
    with its own translated message rather than pydantic's."""
    codes = list(codes)
    extra = {"enum": codes}
    if example is not None:
        extra["examples"] = [example]
    return Annotated[type(codes[0]), Field(description=description, json_schema_extra=extra)]


# Strict: a boolean, a text or a float is not a stage (pydantic would read `true` as 1 and "4" as 4), as the
# schema's integer says; every body that takes a stage refuses them with a 422 naming the member.
StageNumber = Annotated[
    code_list(Stage.values, "A stage of the programme, 1 to 5 (`home.programme.Stage`).", 4), Strict()
]


def examples(*items):
    """A schema's `model_config` giving it examples for the OpenAPI document (merged with its parents' config).
    tests/api/test_schema.py checks each against the schema it illustrates."""
    return ConfigDict(json_schema_extra={"examples": list(items)})


PROBLEM_EXAMPLES = [
    {
        "type": "about:blank",
        "title": "Unprocessable Content",
        "status": 422,
        "detail": "Some values are invalid: see errors.",
        "errors": [
            {
                "loc": ["body", "answers", "analysis_date"],
                "msg": "Give a date as YYYY-MM-DD (ISO 8601), for example 2026-12-07.",
                "type": "value_error",
            }
        ],
    },
    {
        "type": "about:blank",
        "title": "Precondition Failed",
        "status": 412,
        "detail": "It changed since you read it: read it again (its new ETag), then send your change.",
    },
]
