"""Endpoints for the stage outputs shared with the caller's departments."""

from ninja import Router, Schema
from ninja.errors import HttpError

from forms_library import docx_export
from forms_library.views import docx_response

from . import permissions

router = Router(tags=["stage outputs"])


class SharedOutputOut(Schema):
    id: int
    title: str
    stage: int
    department: str
    language: str
    answers: dict


@router.get("/shared/", response=list[SharedOutputOut], summary="Stage outputs shared with my departments")
def shared_outputs(request):
    outputs = permissions.shared_with_departments_of(request.user).select_related(
        "relationship__department", "filled_form"
    )
    return [
        {
            "id": output.pk,
            "title": output.title,
            "stage": output.stage,
            "department": output.relationship.department.name,
            "language": output.filled_form.language,
            "answers": output.answers,
        }
        for output in outputs
    ]


@router.get("/{pk}/docx/", summary="A stage output as a Word document")
def output_docx(request, pk: int):
    output = (
        permissions.stage_outputs_visible_to(request.user).filter(pk=pk).select_related("filled_form__owner").first()
    )
    if output is None:
        raise HttpError(404, "Not found")
    document = docx_export.FormDocument.for_filled_form(output.filled_form)
    document.answers = output.answers
    return docx_response(docx_export.render(document), output.title, output.filled_form.updated_at.date())
