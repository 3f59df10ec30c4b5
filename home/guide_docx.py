"""A language's whole guide as one Word document, for reading offline: a cover, a table of contents, every guide
page in reading order with its notes and references, and the report's attribution and licence (CC BY 4.0).

Written with home/docx.py's DocumentWriter, the same primitives and rich text rules as every other Word file of
the hub; each block type of the guide (home/blocks.py) has one writer here.
"""

import io

from django.conf import settings
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from .docx import MUTED, WORD_LANGUAGE, DocumentWriter, add_field, clean, set_language
from .programme import CC_BY_URL, SOURCE_TITLE

CHECKBOX = "☐"


class GuideWriter(DocumentWriter):
    """Writes the guide pages given, in the order given, in `language`."""

    def __init__(self, index, pages, language, content_date):
        super().__init__(language, "")
        self.index = index
        self.pages = pages
        self.content_date = content_date

    def render(self):
        with translation.override(self.language):
            self._write_credit()
            self._write_cover()
            self._write_contents()
            for page in self.pages:
                self._write_page(page)
            self._write_attribution()
            self._set_properties()
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return buffer.getvalue()

    # The frame

    def _attribution(self):
        return self.pages[0].attribution(self.language) if self.pages else self.index.attribution(self.language)

    def _write_credit(self):
        run = self.doc.sections[0].footer.paragraphs[0].add_run(clean(self._attribution()))
        run.font.size = Pt(8)
        run.font.color.rgb = MUTED

    def _write_cover(self):
        self._paragraph(clean(self.index.title), style="Title")
        self.doc.add_paragraph().add_run(_("The whole guide, for reading offline")).bold = True
        if self.index.introduction:
            self.doc.add_paragraph(clean(self.index.introduction))
        self.doc.add_paragraph(
            _("Content as published on %(date)s.") % {"date": formats.date_format(self.content_date, "DATE_FORMAT")}
        )
        self._paragraph(clean(self._attribution()), style="Field Note")
        self._paragraph(_("Made by the Q-SER Mentoring Hub."), style="Field Note")

    def _write_contents(self):
        """Word's own table of contents field, which Word fills with page numbers when the document opens
        (updateFields); until then it lists the guide's pages."""
        heading = self.doc.add_paragraph()
        heading.paragraph_format.page_break_before = True
        heading.add_run(pgettext("table of contents", "Contents")).bold = True
        titles = [clean(page.title) for page in self.pages] or [""]
        first = self.doc.add_paragraph()
        add_field(first.add_run(), 'TOC \\o "1-1" \\h \\z \\u', titles[0])
        # The field's end goes after its last entry: move it out of the first run.
        end = first.runs[-1]._r[-1]
        last = first
        for title in titles[1:]:
            last = self.doc.add_paragraph(title)
        last.add_run()._r.append(end)
        settings_element = self.doc.settings.element
        update = OxmlElement("w:updateFields")
        update.set(qn("w:val"), "true")
        settings_element.append(update)

    def _write_page(self, page):
        title = self._heading(clean(page.title), level=1)
        title.paragraph_format.page_break_before = True
        if page.summary:
            self.doc.add_paragraph().add_run(clean(page.summary)).italic = True
        for block in page.body:
            writer = getattr(self, f"_block_{block.block_type}", None)
            if writer is not None:
                writer(block.value, block.block.child_blocks)

    def _write_attribution(self):
        heading = self._heading(_("Attribution and licence"), level=1)
        heading.paragraph_format.page_break_before = True
        self.doc.add_paragraph(clean(self._attribution()))
        source = self.doc.add_paragraph()
        source.add_run(_("Source:") + " ")
        self._english(source.add_run(SOURCE_TITLE))
        licence = self.doc.add_paragraph()
        licence.add_run(_("Licence:") + " ")
        self._english(licence.add_run(f"Creative Commons Attribution 4.0 International (CC BY 4.0), {CC_BY_URL}"))
        self.doc.add_paragraph(
            _(
                "This document's arrangement, cover and table of contents are the Q-SER Mentoring Hub's; the text of "
                "the guide comes from the report."
            )
        )

    def _english(self, run):
        if self.language != "en":
            set_language(run._r.get_or_add_rPr(), WORD_LANGUAGE["en"])

    def _tag_language(self, paragraph, language):
        if language and language != self.language:
            for run in paragraph.runs:
                set_language(run._r.get_or_add_rPr(), WORD_LANGUAGE.get(language, language))

    def _set_properties(self):
        properties = self.doc.core_properties
        properties.title = clean(self.index.title)[:255]
        properties.subject = _("The whole guide, for reading offline")
        properties.author = properties.last_modified_by = _("Q-SER Mentoring Hub")
        properties.created = properties.modified = self.content_date
        properties.language = WORD_LANGUAGE.get(self.language, self.language)
        properties.keywords = "Q-SER, mentoring, guide"
        properties.revision = 1
        properties.comments = _("Made by the Q-SER Mentoring Hub.")

    def _labelled(self, label, text):
        if text:
            paragraph = self.doc.add_paragraph()
            paragraph.add_run(f"{label}: ").bold = True
            paragraph.add_run(clean(text))

    # One writer per block type of GuideStreamBlock (home/blocks.py)

    def _block_section(self, value, _children):
        self._heading(clean(value["heading"]), level=2)
        self._write_html(value["body"].source, heading_level=3)

    def _block_callout(self, value, _children):
        self._heading(clean(value["title"]), level=3)
        self._write_html(value["text"].source)

    def _block_mentoring_models(self, value, children):
        labels = children["models"].child_block.child_blocks
        for model in value["models"]:
            self._heading(clean(model["name"]), level=3)
            self._write_html(model["description"].source)
            for name in ("when_it_fits", "strengths", "limits"):
                self._labelled(labels[name].label, model[name])
            if model["used_in_qser"]:
                self.doc.add_paragraph().add_run(str(labels["used_in_qser"].label)).bold = True

    def _block_stage_timeline(self, value, children):
        labels = children["stages"].child_block.child_blocks
        for stage in value["stages"]:
            self._heading(
                _("Stage %(number)s: %(name)s") % {"number": stage["number"], "name": clean(stage["name"])}, level=3
            )
            self._labelled(labels["sessions"].label, stage["sessions"])
            if stage["objectives"]:
                self.doc.add_paragraph().add_run(str(labels["objectives"].label)).bold = True
                for objective in stage["objectives"]:
                    self._paragraph(clean(objective), style="List Bullet")
            if stage["tools"]:
                self.doc.add_paragraph().add_run(str(labels["tools"].label)).bold = True
                for tool in stage["tools"]:
                    self._paragraph(clean(tool["name"]), style="List Bullet")

    def _block_checklist(self, value, _children):
        self._heading(clean(value["title"]), level=3)
        for item in value["items"]:
            self.doc.add_paragraph(f"{CHECKBOX} {clean(item)}")

    def _block_source_note(self, value, _children):
        paragraph = self._paragraph(style="Field Note")
        paragraph.add_run(f"{clean(value['marker'])} ").bold = True
        self._inline_html(paragraph, value["text"].source)
        self._tag_language(paragraph, value["language"])

    def _block_references(self, value, children):
        self._heading(str(children["references"].label), level=2)
        for reference in value["references"]:
            paragraph = self.doc.add_paragraph()
            self._inline_html(paragraph, reference["citation"].source)
            self._tag_language(paragraph, reference["language"])
            if reference["doi"]:
                paragraph.add_run(f" https://doi.org/{clean(reference['doi'])}")
            if reference["url"]:
                paragraph.add_run(f" {clean(reference['url'])}")

    def _block_useful_links(self, value, children):
        self._heading(str(children["links"].label), level=3)
        for link in value["links"]:
            paragraph = self._paragraph(style="List Bullet")
            paragraph.add_run(clean(link["description"]))
            paragraph.add_run(f" {clean(link['url'])}")


def guide_document(index, pages, language):
    """The .docx bytes of the guide pages of `index` given, in `language`."""
    moments = [page.last_published_at for page in pages if page.last_published_at]
    content_date = max(moments) if moments else timezone.now()
    return GuideWriter(index, list(pages), language or settings.LANGUAGE_CODE, content_date).render()
