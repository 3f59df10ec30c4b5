"""The one error format of everything under /api/: RFC 9457 problem details (`application/problem+json`).

Every error answer has `type` (always "about:blank": the status says what happened), `title` (the status's
name), `status`, `detail` (what went wrong with this request) and, for invalid input (422), `errors`: one
entry per invalid value, `{"loc": [...], "msg": ..., "type": ...}`, `loc` naming where it was ("query",
"path" or "body", then the member). Titles and details are in the request's language.

Each API family reaches this module through its library's own hook:
- our endpoints and Wagtail's v3 (django-ninja): `install_ninja_handlers(api)`, ninja's exception handlers;
- Wagtail's v2 (Django REST framework): `drf_exception_handler`, a view's `get_exception_handler`;
- unknown paths under /api/ and 500s: `api_not_found` (the last /api/ URL) and `server_error` (`handler500`);
- what no library hook covers (a method a ninja path does not allow, refused before any view: the null
  character) calls `problem_response` itself.
"""

import json
import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext_lazy
from django.views import defaults
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from pydantic import ValidationError as PydanticValidationError
from rest_framework import exceptions as drf_exceptions
from rest_framework.views import exception_handler as drf_default_exception_handler
from wagtail.api.v2.utils import BadRequestError
from wagtail.utils.forms import FormValidationError

PROBLEM_JSON = "application/problem+json"
API_PREFIX = "/api/"

logger = logging.getLogger(__name__)

# The status names (RFC 9110), translated: RFC 9457 lets a title with type "about:blank" follow the reader's
# language.
TITLES = {
    400: pgettext_lazy("HTTP status", "Bad Request"),
    401: pgettext_lazy("HTTP status", "Unauthorized"),
    403: pgettext_lazy("HTTP status", "Forbidden"),
    404: pgettext_lazy("HTTP status", "Not Found"),
    405: pgettext_lazy("HTTP status", "Method Not Allowed"),
    406: pgettext_lazy("HTTP status", "Not Acceptable"),
    409: pgettext_lazy("HTTP status", "Conflict"),
    412: pgettext_lazy("HTTP status", "Precondition Failed"),
    413: pgettext_lazy("HTTP status", "Content Too Large"),
    415: pgettext_lazy("HTTP status", "Unsupported Media Type"),
    422: pgettext_lazy("HTTP status", "Unprocessable Content"),
    428: pgettext_lazy("HTTP status", "Precondition Required"),
    429: pgettext_lazy("HTTP status", "Too Many Requests"),
    500: pgettext_lazy("HTTP status", "Internal Server Error"),
    503: pgettext_lazy("HTTP status", "Service Unavailable"),
}

# What a status means when the code raising it said nothing more.
DETAILS = {
    400: gettext_lazy("The request could not be understood."),
    401: gettext_lazy("Send a valid API token (Authorization: Bearer …), or sign in."),
    403: gettext_lazy("You do not have permission to do this."),
    404: gettext_lazy("Nothing was found at this address, or you may not see it."),
    405: gettext_lazy("This address does not accept this method."),
    422: gettext_lazy("Some values are invalid: see errors."),
    500: gettext_lazy("Something went wrong on our side. Please try again later."),
}


def problem_response(status, detail="", *, errors=None, headers=None):
    """An RFC 9457 problem answer; `detail` falls back to what the status means."""
    body = {
        "type": "about:blank",
        "title": str(TITLES.get(status, pgettext_lazy("HTTP status", "Error"))),
        "status": status,
        "detail": str(detail or DETAILS.get(status, "")),
    }
    if errors is not None:
        body["errors"] = errors
    # default=str: a validation error's context may hold an exception or a Decimal.
    response = HttpResponse(json.dumps(body, ensure_ascii=False, default=str), status=status, content_type=PROBLEM_JSON)
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def unauthorized(request, detail=""):
    """401 with the challenge RFC 6750 asks for; a token that was sent but is not valid is named as such."""
    challenge = "Bearer"
    if request.headers.get("Authorization", "").lower().startswith("bearer"):
        challenge = 'Bearer error="invalid_token"'
        detail = detail or _("The API token is not valid: it is unknown, revoked, or its user is deactivated.")
    return problem_response(401, detail, headers={"WWW-Authenticate": challenge})


# Pydantic's messages by error type, in the request's language; pydantic has no catalogues of its own. A type
# not listed keeps pydantic's English message. Our own checks (type "value_error") are translated where raised.
PYDANTIC_MESSAGES = {
    "missing": lambda ctx: _("This member is required."),
    "extra_forbidden": lambda ctx: _("This member is not part of the request: remove it."),
    "string_type": lambda ctx: _("Give a text."),
    "int_type": lambda ctx: _("Give a whole number."),
    "int_parsing": lambda ctx: _("Give a whole number."),
    "int_from_float": lambda ctx: _("Give a whole number."),
    "float_type": lambda ctx: _("Give a number."),
    "float_parsing": lambda ctx: _("Give a number."),
    "bool_type": lambda ctx: _("Give true or false."),
    "bool_parsing": lambda ctx: _("Give true or false."),
    "list_type": lambda ctx: _("Give a list."),
    "dict_type": lambda ctx: _("Give an object."),
    "model_type": lambda ctx: _("Give an object."),
    "model_attributes_type": lambda ctx: _("Give an object."),
    "uuid_type": lambda ctx: _("Give a UUID."),
    "uuid_parsing": lambda ctx: _("Give a UUID."),
    "less_than_equal": lambda ctx: _("Give at most %(limit)s.") % {"limit": ctx["le"]},
    "greater_than_equal": lambda ctx: _("Give at least %(limit)s.") % {"limit": ctx["ge"]},
    "literal_error": lambda ctx: _("Give one of %(codes)s.") % {"codes": ctx["expected"].replace(" or ", ", ")},
    "enum": lambda ctx: _("Give one of %(codes)s.") % {"codes": ctx["expected"].replace(" or ", ", ")},
    "string_too_short": lambda ctx: (
        ngettext("Give at least %(count)d character.", "Give at least %(count)d characters.", ctx["min_length"])
        % {"count": ctx["min_length"]}
    ),
    "string_too_long": lambda ctx: (
        ngettext("Give at most %(count)d character.", "Give at most %(count)d characters.", ctx["max_length"])
        % {"count": ctx["max_length"]}
    ),
    "too_long": lambda ctx: (
        ngettext("Give at most %(count)d item.", "Give at most %(count)d items.", ctx["max_length"])
        % {"count": ctx["max_length"]}
    ),
    "too_short": lambda ctx: (
        ngettext("Give at least %(count)d item.", "Give at least %(count)d items.", ctx["min_length"])
        % {"count": ctx["min_length"]}
    ),
}


def in_readers_language(entry):
    """One of pydantic's error entries with its message in the request's language, when the type is known."""
    message = PYDANTIC_MESSAGES.get(entry.get("type"))
    if message is None:
        return entry
    try:
        return {**entry, "msg": str(message(entry.get("ctx") or {}))}
    except (KeyError, TypeError, ValueError):  # a context pydantic did not give: keep its own message
        return entry


def validation_errors(exc):
    """The `errors` list of a validation failure, whichever library raised it (`loc`, `msg`, `type`)."""
    if isinstance(exc, NinjaValidationError):
        return [in_readers_language(entry) for entry in exc.errors]
    if isinstance(exc, PydanticValidationError):
        # Pydantic's "input" and "url" hints echo what was sent or point at pydantic's site: not for clients.
        return [
            in_readers_language({key: value for key, value in error.items() if key not in ("input", "url")})
            for error in exc.errors()
        ]
    if isinstance(exc, FormValidationError):
        return [
            {"loc": list(path), "msg": message, "type": code}
            for path, coded_messages in exc.loc_errors
            for message, code in coded_messages
        ]
    if hasattr(exc, "error_dict"):  # a Django ValidationError naming its fields
        return [
            {"loc": ["body", name], "msg": " ".join(error.messages), "type": "value_error"}
            for name, error in exc.error_dict.items()
        ]
    return [{"loc": [], "msg": message, "type": "value_error"} for message in exc.messages]


def install_ninja_handlers(api):
    """Make every error a django-ninja API answers a problem (our endpoints and Wagtail's v3 both use it)."""

    @api.exception_handler(NinjaValidationError)
    @api.exception_handler(PydanticValidationError)
    @api.exception_handler(DjangoValidationError)
    def invalid_input(request, exc):
        return problem_response(422, errors=validation_errors(exc))

    @api.exception_handler(AuthenticationError)
    def not_authenticated(request, exc):
        return unauthorized(request)

    @api.exception_handler(PermissionDenied)
    def permission_denied(request, exc):
        # Without a user (no credentials, or credentials no longer valid) the answer is "authenticate".
        if not request.user.is_authenticated:
            return unauthorized(request)
        return problem_response(403, str(exc))

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return problem_response(404)

    @api.exception_handler(HttpError)
    def http_error(request, exc):
        return problem_response(exc.status_code, str(exc))

    @api.exception_handler(IntegrityError)
    def conflict(request, exc):
        # What was asked contradicts what is stored, e.g. Wagtail v3's copy_for_translation of a page into a
        # locale that already has its translation: a conflict, not a server error. The request's transaction is
        # rolled back (ATOMIC writes), so nothing of it is stored.
        return problem_response(409, _("This conflicts with what is already stored."))

    @api.exception_handler(Exception)
    def server_error_handler(request, exc):
        if not settings.DEBUG:
            raise exc  # Django logs it and answers through handler500 (server_error below)
        logger.exception("API error", exc_info=exc)
        return problem_response(500, f"{type(exc).__name__}: {exc}")


def drf_exception_handler(exc, context):
    """Django REST framework's EXCEPTION_HANDLER for Wagtail's API v2: the same problems as our endpoints.

    Returns None for what is not an API error, so DRF re-raises it and handler500 answers."""
    if isinstance(exc, NinjaValidationError):  # a bound checked with our endpoints' rules (qser_site/api.py)
        return problem_response(422, errors=exc.errors)
    if isinstance(exc, BadRequestError):
        return problem_response(400, str(exc))
    if isinstance(exc, Http404):
        return problem_response(404)
    if isinstance(exc, drf_exceptions.NotAuthenticated | drf_exceptions.AuthenticationFailed):
        return unauthorized(context["request"], str(exc.detail))
    response = drf_default_exception_handler(exc, context)
    if response is None:
        return None
    detail = exc.detail if isinstance(exc, drf_exceptions.APIException) else ""
    problem = problem_response(
        response.status_code,
        detail if isinstance(detail, str) else "",
        errors=None if isinstance(detail, str) else [{"loc": [], "msg": str(detail), "type": "value_error"}],
    )
    for header in ("Allow", "Retry-After"):
        if response.has_header(header):
            problem[header] = response[header]
    return problem


def is_api(request):
    return request.path_info.startswith(API_PREFIX)


def api_not_found(request, *args, **kwargs):
    """The last URL under /api/: an address no API has is a problem too, in development as in production."""
    return problem_response(404)


def page_not_found(request, exception):
    """handler404: a 404 raised under /api/ outside a library's own handling is a problem; a page's is HTML."""
    if is_api(request):
        return problem_response(404)
    return defaults.page_not_found(request, exception)


def bad_request(request, exception):
    """handler400: what Django itself refuses (a body over DATA_UPLOAD_MAX_MEMORY_SIZE, a bad host) under /api/
    is a problem; a page's is the site's error page."""
    if is_api(request):
        return problem_response(400)
    return defaults.bad_request(request, exception)


def permission_denied(request, exception):
    """handler403, as handler400."""
    if is_api(request):
        return problem_response(403)
    return defaults.permission_denied(request, exception)


def server_error(request):
    """handler500: a failure under /api/ is a problem; a page's is the site's error page."""
    if is_api(request):
        return problem_response(500)
    return defaults.server_error(request)


def query_errors(error):
    """A pydantic validation error of query parameters as the 422 every API answers (`loc` starts "query")."""
    return NinjaValidationError([{**entry, "loc": ["query", *entry["loc"]]} for entry in validation_errors(error)])


class ProblemsDocumented:
    """A NinjaAPI mixin: its OpenAPI document gives every error answer the media type it has,
    `application/problem+json` (ninja documents every answer with its renderer's `application/json`)."""

    def get_openapi_schema(self, **kwargs):
        schema = super().get_openapi_schema(**kwargs)
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                for status, response in operation.get("responses", {}).items():
                    content = response.get("content", {})
                    if str(status).isdecimal() and int(status) >= 400 and "application/json" in content:
                        content[PROBLEM_JSON] = content.pop("application/json")
        return schema
