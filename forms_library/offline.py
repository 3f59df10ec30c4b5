"""Every blank form of a language as one ZIP, for the guides index's offline files (home/offline.py): each form
template's blank Word file, as its own page offers it (docx_export.py), in the library's stage order."""

import io
import zipfile

from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from home import offline
from home.tree import children

from . import docx_export
from .models import FormIndexPage, FormTemplatePage


def _form_pages(language):
    index = FormIndexPage.objects.filter(locale__language_code=language, alias_of__isnull=True).first()
    if index is None:
        return FormTemplatePage.objects.none()
    return children(FormTemplatePage, index.path).live().select_related("locale").order_by("stage", "path")


def blank_forms_zip(language, pages):
    """The ZIP's bytes: one blank Word file per form template, numbered in reading order."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for number, page in enumerate(pages, start=1):
            name = slugify(page.title, allow_unicode=True) or page.slug
            document = docx_export.render(docx_export.FormDocument.for_template(page))
            archive.writestr(f"{number:02d}-{name}.docx", document)
    return buffer.getvalue()


def _filename(language):
    return slugify(f"q-ser-blank-forms-{language}")


BLANK_FORMS = offline.register(
    offline.Bundle(
        kind="forms",
        label=_("Every blank form as one ZIP of Word documents"),
        extension="zip",
        content_type=offline.ZIP_TYPE,
        page_model=FormTemplatePage,
        pages=_form_pages,
        build=blank_forms_zip,
        filename=_filename,
    )
)
