"""Endpoints for the stage outputs shared with the caller's departments."""

from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from home.api import ERRORS, WORD_DOWNLOAD, BoundedPagination, LanguageCode, ObjectId, StageNumber

from . import permissions
from .documents import stage_output_download

router = Router(tags=["stage outputs"])


class SharedOutputOut(Schema):
    id: int
    title: str
    stage: StageNumber
    department: str = Field(..., alias="relationship.department.name")
    language: LanguageCode = Field(..., alias="filled_form.language")
    answers: dict

    model_config = {
        "json_schema_extra": {
            "examples": [
                {
                    "id": 31,
                    "title": "SWOT analysis",
                    "stage": 4,
                    "department": "Social Services",
                    "language": "en",
                    "answers": {
                        "subject": "Rent arrears of newly arrived families",
                        "analysis_date": "2026-12-07",
                        "swot": {
                            "strengths": "A trusted interpreter.",
                            "weaknesses": "One desk for the whole city.",
                            "opportunities": "The housing fund's new call.",
                            "threats": "Rents rising faster than benefits.",
                        },
                    },
                }
            ]
        }
    }


@router.get(
    "/shared/", response={200: list[SharedOutputOut], **ERRORS}, summary="Stage outputs shared with my departments"
)
@paginate(BoundedPagination)
def shared_outputs(request):
    return permissions.shared_with_departments_of(request.user).select_related(
        "relationship__department", "filled_form"
    )


@router.get(
    "/{pk}/docx/",
    response={200: None, **ERRORS},
    summary="A stage output as a Word document",
    openapi_extra=WORD_DOWNLOAD,
)
def output_docx(request, pk: ObjectId):
    output = (
        permissions.stage_outputs_visible_to(request.user).filter(pk=pk).select_related("filled_form__owner").first()
    )
    if output is None:
        raise HttpError(404, _("No such stage output, or it is not shared with you."))
    return stage_output_download(output)
