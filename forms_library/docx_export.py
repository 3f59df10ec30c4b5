"""Word documents of form templates, blank or filled, made with python-docx.

A document is built from a FormDocument (what to print) in the document's own language: the header
names the programme, the footer numbers the pages and says whose document it is (a template: what in the
Q-SER guide it is based on; a filled form: its author's; a practice: its submitter's, see `credit`), the core
properties and Word's language tag say what the document is, so spelling is checked in Greek for a
Greek form. Text from the wild is written as text: markup stays literal, and characters XML 1.0
cannot hold are dropped.
"""

import io
from dataclasses import dataclass, field
from datetime import datetime

from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.shared import Cm, Pt
from docx.table import _Cell

from home.docx import MUTED, WORD_LANGUAGE, DocumentWriter, clean, docx_response, repeat_as_header, set_language
from home.examples import EXAMPLE_NOTICE
from home.mail import display_name
from home.programme import Stage

from . import reading
from .fields import FieldDefinition

CHECKED, UNCHECKED = "☒", "☐"
BLANK_LINE = "_" * 60


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


class Writer(DocumentWriter):
    """Writes a FormDocument; each field's kind (kinds.py) writes its part with the primitives below and
    DocumentWriter's (home/docx.py)."""

    def __init__(self, document):
        super().__init__(document.language, _stage_label(document.stage))
        self.form = document
        self.blank = document.answers is None
        self.answers = document.answers or {}

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
                    set_language(runs[-1]._r.get_or_add_rPr(), WORD_LANGUAGE["en"])
            if piece:
                runs.append(paragraph.add_run(clean(piece)))
        return runs

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
        repeat_as_header(table.rows[0])
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


def _stage_label(stage):
    return str(Stage(stage).label if stage in Stage.values else "")
