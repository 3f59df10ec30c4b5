"""What every endpoint of our API shares (qser_site/api.py mounts them): the error body, bounded ids and
offsets, pagination, and a Django form's errors as a 422."""

from typing import Annotated

from django.conf import settings
from ninja import Field, Schema
from ninja.conf import settings as ninja_settings
from ninja.errors import ValidationError
from ninja.pagination import LimitOffsetPagination

from .docx import DOCX_TYPE
from .programme import Stage


class ErrorOut(Schema):
    """What every error answers: a message, or one entry per invalid field (422)."""

    detail: str | list[dict]


# Database ids and offsets: a number out of range is a 422, not a database error.
ObjectId = Annotated[int, Field(ge=1, le=2**31 - 1)]
MAX_OFFSET = 1_000_000


class BoundedPagination(LimitOffsetPagination):
    """ninja's limit/offset pagination with an upper bound on the offset, which a database needs."""

    class Input(Schema):
        limit: int = Field(ninja_settings.PAGINATION_PER_PAGE, ge=1, le=ninja_settings.PAGINATION_MAX_LIMIT)
        offset: int = Field(0, ge=0, le=MAX_OFFSET)


# The errors an endpoint can answer, documented so that clients (and the schema tests) know them.
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}


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


LanguageCode = code_list(
    [code for code, _name in settings.LANGUAGES], "A language code, one of the site's (`settings.LANGUAGES`).", "el"
)
StageNumber = code_list(Stage.values, "A stage of the programme, 1 to 5 (`home.programme.Stage`).", 4)
