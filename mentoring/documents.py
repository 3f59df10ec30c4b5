"""The Word file of a stage output: the answers as submitted for review, not a later draft of the filled form."""

from forms_library import docx_export
from home.docx import docx_response


def stage_output_docx(output, language=None):
    """In `language` (the reader's, from a page of the site), else in the language the form was filled in."""
    document = docx_export.FormDocument.for_filled_form(output.filled_form, language)
    document.answers = output.answers
    document.example = output.is_example or output.filled_form.is_example
    return docx_export.render(document)


def stage_output_download(output, language=None):
    return docx_response(stage_output_docx(output, language), output.title, output.filled_form.updated_at.date())
