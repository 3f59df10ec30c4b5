"""Word documents of form templates, blank or filled, made with python-docx.

A document is built from a FormDocument (what to print) in the document's own language: the header
names the programme, the footer numbers the pages and says whose document it is (a template: what in the
Q-SER guide it is based on; a filled form: its author's; a practice: its submitter's, see `credit`), the core
properties and Word's language tag say what the document is, so spelling is checked in Greek for a
Greek form. Text from the wild is written as text: markup stays literal, and characters XML 1.0
cannot hold are dropped.
"""

import copy
import functools
import io
import re
from dataclasses import dataclass, field
from datetime import datetime

from bs4 import BeautifulSoup
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import _Cell
from wagtail.rich_text import expand_db_html

from home.docx import docx_response
from home.examples import EXAMPLE_NOTICE
from home.mail import display_name
from home.programme import Stage

from . import reading
from .fields import FieldDefinition

FONT = "Calibri"  # has Greek and Czech glyphs; LibreOffice substitutes the metric-compatible Carlito
WORD_LANGUAGE = {"en": "en-GB", "el": "el-GR", "cs": "cs-CZ", "de": "de-DE", "es": "es-ES"}
CHECKED, UNCHECKED = "☒", "☐"
MUTED = RGBColor(0x55, 0x5F, 0x6B)
# XML 1.0 allows tab, newline, carriage return and everything from U+0020 except surrogates, U+FFFE, U+FFFF.
XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
BLANK_LINE = "_" * 60


def clean(text):
    return XML_FORBIDDEN.sub("", str(text)) if text is not None else ""


@dataclass
class FormDocument:
    """What a Word document shows: a template's definitions, and answers when it was filled."""

    title: str
    stage: int
    language: str
    definitions: list[FieldDefinition]
    purpose_html: str = ""
    instructions_html: str = ""
    answers: dict | None = None
    # Headed sections of rich text after the instructions (a good practice has no fields, only these).
    sections: list[tuple[str, str]] = field(default_factory=list)
    department: str = ""
    author: str = ""
    created: datetime = field(default_factory=timezone.now)
    # A demo record (home/examples.py): the document says so under its title.
    example: bool = False
    # Where the form comes from (provenance.py), under the title; and the footer's credit: whose document it is.
    provenance: str = ""
    credit: str = ""
    # The report's own English words quoted in the provenance and the credit: their runs carry Word's English
    # language tag in a document of another language (WCAG 3.1.2, language of parts).
    quoted_english: str = ""

    @classmethod
    def for_template(cls, page):
        with translation.override(page.locale.language_code):
            provenance = str(page.provenance)
        return cls(
            title=page.title,
            stage=page.stage,
            language=page.locale.language_code,
            definitions=page.definitions,
            purpose_html=page.purpose,
            instructions_html=page.instructions,
            provenance=provenance,
            credit=provenance,
            quoted_english=page.provenance.parts()[1],
        )

    @classmethod
    def for_filled_form(cls, filled, language=None):
        """A filled form is its author's document: the footer says so, and carries no licence of the
        consortium's; what the form is based on is said under the title. It is written in `language` (a page
        of the site passes its reader's; without it, the language the form was filled in) where its template
        has a translation in it: the title and the labels are the translation's, the answers stay as they were
        written (reading.py)."""
        read = reading.read_in(filled, language or filled.language)
        departments = ", ".join(filled.owner.department_names_in(read.language))
        author = display_name(filled.owner)
        with translation.override(read.language):
            provenance = str(filled.template.provenance) if filled.template else ""
            credit = _("A document of its author, %(author)s, filled in on a form of the Q-SER Mentoring Hub.") % {
                "author": author
            }
        return cls(
            title=read.title,
            stage=filled.stage,
            language=read.language,
            definitions=read.definitions,
            instructions_html=read.instructions,
            answers=filled.answers,
            department=departments,
            author=author,
            created=filled.updated_at or timezone.now(),
            example=filled.is_example,
            provenance=provenance,
            credit=credit,
            quoted_english=filled.template.provenance.parts()[1] if filled.template else "",
        )


def render(document):
    """The .docx file's bytes."""
    with translation.override(document.language):
        return Writer(document).render()


def blank_template_download(page):
    """A form template's blank Word file, as a download."""
    return docx_response(render(FormDocument.for_template(page)), page.title, timezone.localdate())


def filled_form_file(filled, language=None):
    """A filled form's Word file, from its own snapshot of the definitions: the bytes."""
    return render(FormDocument.for_filled_form(filled, language))


def filled_form_download(filled, language=None):
    """A filled form's Word file as a download, dated when it was last saved."""
    return docx_response(filled_form_file(filled, language), filled.title, filled.updated_at.date())


class Writer:
    """Writes a FormDocument; each field's kind (kinds.py) writes its part with the primitives below."""

    def __init__(self, document):
        self.form = document
        self.blank = document.answers is None
        self.answers = document.answers or {}
        prepared = _prepared_document(document.language, document.stage)
        self.doc = copy.deepcopy(prepared.doc)
        self.style_ids = prepared.style_ids

    def _paragraph(self, text="", style=None, container=None):
        paragraph = (container or self.doc).add_paragraph(text)
        if style:
            paragraph._p.style = self.style_ids[style]
        return paragraph

    def _add_text(self, paragraph, text):
        """Runs for `text` in the paragraph, the report's English words among them tagged as English when the
        document is in another language; the runs, for the caller to format."""
        quote = self.form.quoted_english
        pieces = text.split(quote) if quote and quote in text else [text]
        runs = []
        for index, piece in enumerate(pieces):
            if index:
                runs.append(paragraph.add_run(clean(quote)))
                if self.form.language != "en":
                    _set_language(runs[-1]._r.get_or_add_rPr(), WORD_LANGUAGE["en"])
            if piece:
                runs.append(paragraph.add_run(clean(piece)))
        return runs

    def _heading(self, text, level):
        return self._paragraph(text, style=f"Heading {level}")

    def _grid(self, rows, cols):
        table = self.doc.add_table(rows=rows, cols=cols)
        table._tbl.tblPr.style = self.style_ids["Table Grid"]
        return table

    def render(self):
        self._write_credit()
        self._write_heading()
        for definition in self.form.definitions:
            self._write_field(definition)
        self._set_properties()
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return buffer.getvalue()

    # Properties

    def _set_properties(self):
        properties = self.doc.core_properties
        properties.title = clean(self.form.title)[:255]
        properties.subject = clean(self._stage_label())
        properties.author = clean(self.form.author or _("Q-SER Mentoring Hub"))
        properties.last_modified_by = properties.author
        properties.created = properties.modified = self.form.created
        properties.language = WORD_LANGUAGE.get(self.form.language, self.form.language)
        properties.keywords = "Q-SER, mentoring"
        properties.revision = 1
        properties.comments = _("Made by the Q-SER Mentoring Hub.")

    def _stage_label(self):
        return _stage_label(self.form.stage)

    @staticmethod
    def _date(moment):
        """A date as the document's language writes it (render() made it the active one), on the calendar of the
        active time zone: the reader's, in a request (qser_site.middleware.ReaderTimeZoneMiddleware)."""
        if isinstance(moment, datetime):
            moment = timezone.localtime(moment)
        return formats.date_format(moment, "SHORT_DATE_FORMAT")

    # Content

    def _write_credit(self):
        """The footer's first paragraph, left empty by the prepared document: whose document this is."""
        if self.form.credit:
            for run in self._add_text(self.doc.sections[0].footer.paragraphs[0], self.form.credit):
                run.font.size = Pt(8)
                run.font.color.rgb = MUTED

    def _write_heading(self):
        self._paragraph(clean(self.form.title), style="Title")
        if self.form.example:
            self.doc.add_paragraph().add_run(str(EXAMPLE_NOTICE)).bold = True
        if self._stage_label():
            self.doc.add_paragraph().add_run(self._stage_label()).bold = True
        if self.form.provenance:
            self._add_text(self._paragraph(style="Field Note"), self.form.provenance)
        department = self.doc.add_paragraph()
        department.add_run(_("Department:") + " ").bold = True
        department.add_run(clean(self.form.department) if self.form.department else BLANK_LINE[:40])
        if not self.blank:
            filled_by = self.doc.add_paragraph()
            filled_by.add_run(_("Filled in by:") + " ").bold = True
            filled_by.add_run(clean(f"{self.form.author}, {self._date(self.form.created)}"))
        self._write_html(self.form.purpose_html)
        if self.form.instructions_html:
            self._heading(_("Instructions"), level=2)
            self._write_html(self.form.instructions_html)
        for heading, html in self.form.sections:
            self._heading(clean(heading), level=2)
            self._write_html(html)

    def _write_html(self, html):
        """Rich text as paragraphs and bulleted items; only the text and its bold and italics."""
        soup = BeautifulSoup(expand_db_html(html or ""), "html.parser")
        for element in soup.find_all(["p", "li", "h2", "h3", "h4"]):
            if element.name == "li":
                paragraph = self._paragraph(style="List Bullet")
            elif element.name.startswith("h"):
                paragraph = self._heading("", level=3)
            else:
                paragraph = self.doc.add_paragraph()
            for piece in element.descendants:
                if isinstance(piece, str) and piece.strip("\n"):
                    run = paragraph.add_run(clean(piece))
                    parents = {parent.name for parent in piece.parents}
                    run.bold = bool(parents & {"b", "strong"}) or None
                    run.italic = bool(parents & {"i", "em"}) or None

    def _write_field(self, definition):
        definition.field_kind.write_docx(self, definition, self.answers.get(definition.name))

    # The primitives a field kind writes with; each writes text as text (see `clean`).

    def section_heading(self, heading, text):
        self._heading(clean(heading), level=1)
        if text:
            self.doc.add_paragraph(clean(text))

    def field_label(self, definition):
        """The field's label as a heading kept with its answer, a star when required, and its help."""
        label = self._heading("", level=3)
        label.add_run(clean(definition.label))
        if definition.required:
            label.add_run(" *")
        label.paragraph_format.keep_with_next = True
        if definition.help_text:
            self._paragraph(clean(definition.help_text), style="Field Help")

    def line(self, answer):
        """A one-line answer, or a line to write on."""
        self.doc.add_paragraph(BLANK_LINE if self.blank or answer in (None, "") else clean(answer))

    def note(self, text):
        self._paragraph(clean(text), style="Field Note")

    def text_box(self, answer, empty_height_cm):
        """A framed answer; empty, a frame of room to write in."""
        table = self._grid(1, 1)
        cell = table.rows[0].cells[0]
        if self.blank or not answer:
            table.rows[0].height = Cm(empty_height_cm)
        else:
            cell.paragraphs[0].add_run(clean(answer))
        self.doc.add_paragraph()

    def boxes(self, options, selected, inline=False):
        """A check box per (value, text) option, ticked when its value is selected."""
        paragraph = self.doc.add_paragraph() if inline else None
        for value, text in options:
            mark = CHECKED if value in selected else UNCHECKED
            if inline:
                paragraph.add_run(f"{mark} {clean(text)}    ")
            else:
                self.doc.add_paragraph(f"{mark} {clean(text)}")
        return paragraph

    def table(self, header, rows, row_height_cm=None):
        """A real Word table with a header row repeated on every page.

        The table is made in one piece and its cells are reached through their XML rows: python-docx
        parses a template for every row added, and rebuilds its whole cell grid on each `.cells`.
        """
        table = self._grid(len(rows) + 1, len(header))
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        header_row, *body_rows = table._tbl.tr_lst
        for tc, text in zip(header_row.tc_lst, header, strict=True):
            _Cell(tc, table).paragraphs[0].add_run(clean(text)).bold = True
        _repeat_as_header(table.rows[0])
        for tr, values in zip(body_rows, rows, strict=True):
            for tc, text in zip(tr.tc_lst, values, strict=False):
                if text:
                    _Cell(tc, table).paragraphs[0].add_run(clean(text))
        self.doc.add_paragraph()
        if row_height_cm:
            for row in table.rows[1:]:
                row.height = Cm(row_height_cm)
        return table

    def labelled_grid(self, cells):
        """Two columns of (heading, text) cells; an empty one leaves room to write in."""
        table = self._grid(2, 2)
        for cell, (label, text) in zip([c for row in table.rows for c in row.cells], cells, strict=True):
            cell.paragraphs[0].add_run(clean(label)).bold = True
            if text and not self.blank:
                cell.add_paragraph(clean(text))
            else:
                for _line in range(6):
                    cell.add_paragraph()
        self.doc.add_paragraph()


@dataclass
class _PreparedDocument:
    doc: object
    style_ids: dict


# The styles an export applies, by their ids.
STYLES_USED = ["Title", "Heading 1", "Heading 2", "Heading 3", "List Bullet", "Table Grid", "Field Help", "Field Note"]


@functools.lru_cache(maxsize=64)
def _prepared_document(language, stage):
    """The document every export in this language and stage starts from, made once per process.

    Opening python-docx's template parses a dozen XML parts; a deep copy of this prepared document
    costs about half of that, and the styles, header and footer are not set up again for each export.
    Exports copy it, so nothing written to one reaches another. The style ids are resolved once too:
    python-docx scans every style of the template each time a style is applied by name.
    """
    doc = Document()
    _set_up_styles(doc, WORD_LANGUAGE.get(language, language))
    _set_up_page(doc, _stage_label(stage))
    return _PreparedDocument(doc, {name: doc.styles[name].style_id for name in STYLES_USED})


def _stage_label(stage):
    return str(Stage(stage).label if stage in Stage.values else "")


def _set_up_styles(doc, language):
    for style_name in ["Normal", "Title", "Heading 1", "Heading 2", "Heading 3", "Table Grid"]:
        style = doc.styles[style_name]
        style.font.name = FONT
        run_properties = style.element.get_or_add_rPr()
        fonts = run_properties.get_or_add_rFonts()
        for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(qn(attribute), FONT)
        for theme_attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
            fonts.attrib.pop(qn(theme_attribute), None)
        _set_language(run_properties, language)
    doc.styles["Normal"].font.size = Pt(11)
    doc.styles["Title"].font.size = Pt(22)
    _set_language(doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")), language)
    # A field's help and a scale's legend: small and muted, the help in italics and kept with its field.
    for name, italic in [("Field Help", True), ("Field Note", False)]:
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = doc.styles["Normal"]
        style.font.size = Pt(9)
        style.font.color.rgb = MUTED
        style.font.italic = italic
        style.paragraph_format.keep_with_next = italic


def _set_up_page(doc, stage_label):
    section = doc.sections[0]
    section.top_margin = section.bottom_margin = Cm(2)
    section.left_margin = section.right_margin = Cm(2.2)
    header = section.header.paragraphs[0]
    header.text = clean(" · ".join(part for part in [_("Q-SER Mentoring Hub"), stage_label] if part))
    header.runs[0].font.color.rgb = MUTED
    header.runs[0].font.size = Pt(9)

    # The first paragraph is the credit, which depends on the document (Writer._write_credit); then the pages.
    footer = section.footer.add_paragraph()
    page_of = _("Page %(page)s of %(pages)s")
    before, _sep, rest = page_of.partition("%(page)s")
    middle, _sep, after = rest.partition("%(pages)s")
    for text, field_code in [(before, None), (None, "PAGE"), (middle, None), (None, "NUMPAGES"), (after, None)]:
        run = footer.add_run()
        run.font.size = Pt(9)
        if field_code:
            _add_field(run, field_code)
        else:
            run.text = text


def _set_language(run_properties, language):
    lang = run_properties.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        run_properties.append(lang)
    for attribute in ("w:val", "w:eastAsia", "w:bidi"):
        lang.set(qn(attribute), language)


def _add_field(run, code):
    """A Word field (PAGE, NUMPAGES): python-docx has no API for them."""
    for kind, text in [("begin", None), (None, f" {code} "), ("separate", None), (None, "1"), ("end", None)]:
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText" if text.strip() == code else "w:t")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def _repeat_as_header(row):
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    properties.append(header)
