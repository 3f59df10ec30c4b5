"""A published practice as a Word document: the only place its Word file is built."""

from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import override

from forms_library import docx_export
from home.docx import docx_response

from .templatetags.practice_tags import file_facts, file_name


def practice_document(page):
    """The Word file's bytes, in the practice's own language."""
    with override(page.locale.language_code):
        details = [
            (_("Service area"), page.get_service_area_display()),
            (_("Country"), page.get_country_display()),
            (_("Municipality"), page.municipality),
            (_("Department"), page.department),
            (_("Contact"), page.contact),
        ]
        sections = [
            (str(page._meta.get_field(name).verbose_name).capitalize(), getattr(page, name))
            for name in page.RICH_TEXT_FIELDS
        ]
        attachments = [f"{file_name(document)} ({file_facts(document)})" for document in page.attachment_documents()]
        if attachments:
            sections.append((_("Attachments"), "".join(f"<p>{escape(line)}</p>" for line in attachments)))
        credit = page.attribution() + (f" {page.licence_url}" if page.licence_url else "")
    summary = (
        "<p>"
        + escape(page.summary)
        + "</p>"
        + "".join(f"<p><b>{escape(label)}:</b> {escape(value)}</p>" for label, value in details if value)
    )
    document = docx_export.FormDocument(
        title=page.title,
        stage=page.stage or 0,
        language=page.locale.language_code,
        definitions=[],
        purpose_html=summary,
        sections=sections,
        department=page.department,
        author=page.municipality,
        created=page.last_published_at or timezone.now(),
        example=page.is_example,
        credit=credit,
    )
    return docx_export.render(document)


def practice_docx(page):
    """The download any department gets of a published practice."""
    return docx_response(practice_document(page), page.title, timezone.localdate())
