"""What every endpoint of our API shares (qser_site/api.py mounts them): the error body (home/problems.py),
authentication, bounded ids and offsets, the language parameter, pagination, and a Django form's errors as a
422."""

from typing import Annotated, Literal

from django.conf import settings
from ninja import Field, Schema
from ninja.conf import settings as ninja_settings
from ninja.errors import ValidationError
from ninja.pagination import LimitOffsetPagination
from ninja.security import SessionAuth


class Problem(Schema):
    """What every error answers (RFC 9457, `application/problem+json`): see home/problems.py."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str
    errors: list[dict] | None = Field(None, description="For 422: one entry per invalid value (loc, msg, type).")


ErrorOut = Problem  # the name the endpoints used before errors became problems

# Database ids and offsets: a number out of range is a 422, not a database error.
ObjectId = Annotated[int, Field(ge=1, le=2**31 - 1)]
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
