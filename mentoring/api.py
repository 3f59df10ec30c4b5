"""Endpoints for the stage outputs shared with the caller's departments."""

from ninja import Field, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from forms_library import docx_export
from home.api import ERRORS, BoundedPagination, ObjectId
from home.docx import docx_response

from . import permissions

router = Router(tags=["stage outputs"])


class SharedOutputOut(Schema):
    id: int
    title: str
    stage: int
    department: str = Field(..., alias="relationship.department.name")
    language: str = Field(..., alias="filled_form.language")
    answers: dict


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
        raise HttpError(404, "Not found")
    document = docx_export.FormDocument.for_filled_form(output.filled_form)
    document.answers = output.answers
    return docx_response(docx_export.render(document), output.title, output.filled_form.updated_at.date())
