"""The Word file of a stage output: the answers as submitted for review, not a later draft of the filled form,
and where its review stands (in our words: changes requested are not a rejection)."""

from django.template.defaultfilters import linebreaks_filter
from django.utils import translation
from django.utils.html import format_html_join
from django.utils.translation import gettext as _

from forms_library import docx_export
from home.docx import docx_response
from home.mail import display_name

from . import reviews


def review_section(output):
    """(heading, html) of the output's review: each step with its state, who decided and the comment."""
    steps = reviews.review_steps(output)
    if not steps:
        return None
    items = format_html_join(
        "",
        "<p><b>{}</b>: {}{}</p>{}",
        (
            (
                step.task.name,
                reviews.step_status_label(step),
                f" — {display_name(step.finished_by)}" if step.finished_by else "",
                linebreaks_filter(step.comment, autoescape=True) if step.comment else "",
            )
            for step in steps
        ),
    )
    return _("Review"), str(items)


def stage_output_docx(output, language=None):
    """In `language` (the reader's, from a page of the site), else in the language the form was filled in."""
    document = docx_export.FormDocument.for_filled_form(output.filled_form, language)
    document.answers = output.answers
    document.example = output.is_example or output.filled_form.is_example
    with translation.override(document.language):
        section = review_section(output)
    if section:
        document.sections = [*document.sections, section]
    return docx_export.render(document)


def stage_output_download(output, language=None):
    return docx_response(stage_output_docx(output, language), output.title, output.filled_form.updated_at.date())
