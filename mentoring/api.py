"""Endpoints for the stage outputs shared with the caller's departments."""

from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from home.api import ERRORS, BoundedPagination, ObjectId

from . import permissions
from .documents import stage_output_download

router = Router(tags=["stage outputs"])


class SharedOutputOut(Schema):
    id: int
    title: str
    stage: int
    department: str = Field(..., alias="relationship.department.name")
    language: str = Field(..., alias="filled_form.language")
    answers: dict
    is_example: bool = Field(..., description="An example record created for demonstration: fictional.")


@router.get(
    "/shared/", response={200: list[SharedOutputOut], **ERRORS}, summary="Stage outputs shared with my departments"
)
@paginate(BoundedPagination)
def shared_outputs(request):
    return permissions.shared_with_departments_of(request.user).select_related(
        "relationship__department", "filled_form"
    )


@router.get("/{pk}/docx/", response={200: None, **ERRORS}, summary="A stage output as a Word document")
def output_docx(request, pk: ObjectId):
    output = (
        permissions.stage_outputs_visible_to(request.user).filter(pk=pk).select_related("filled_form__owner").first()
    )
    if output is None:
        raise HttpError(404, _("No such stage output, or it is not shared with you."))
    return stage_output_download(output)
