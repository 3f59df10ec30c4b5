"""A Word document as a download, for every app that exports one."""

from django.http import HttpResponse
from django.utils.http import content_disposition_header
from django.utils.text import slugify

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def docx_response(document_bytes, title, day):
    """The Word file as a download; `filename*` keeps a Greek or Czech title intact."""
    filename = f"{slugify(title, allow_unicode=True) or 'form'}-{day.isoformat()}.docx"
    response = HttpResponse(document_bytes, content_type=DOCX_TYPE)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    return response
