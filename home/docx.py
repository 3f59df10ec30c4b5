"""Word documents (python-docx) for every app that writes one: the download, and the one definition of how a
document is set up and how rich text and headed blocks are written into it.

forms_library's Writer (forms, filled forms, practices) and the offline guide (home/guide_docx.py) both write
with `DocumentWriter`: the same styles, language tags, header and footer, and the same rich text → Word rules.
"""

import copy
import functools
import re
from dataclasses import dataclass

from bs4 import BeautifulSoup
from django.http import HttpResponse
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from wagtail.rich_text import expand_db_html

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

FONT = "Calibri"  # has Greek and Czech glyphs; LibreOffice substitutes the metric-compatible Carlito
WORD_LANGUAGE = {"en": "en-GB", "el": "el-GR", "cs": "cs-CZ", "de": "de-DE", "es": "es-ES"}
MUTED = RGBColor(0x55, 0x5F, 0x6B)
# XML 1.0 allows tab, newline, carriage return and everything from U+0020 except surrogates, U+FFFE, U+FFFF.
XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def docx_response(document_bytes, title, day):
    """The Word file as a download; `filename*` keeps a Greek or Czech title intact."""
    filename = f"{slugify(title, allow_unicode=True) or 'form'}-{day.isoformat()}.docx"
    response = HttpResponse(document_bytes, content_type=DOCX_TYPE)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    return response


def clean(text):
    return XML_FORBIDDEN.sub("", str(text)) if text is not None else ""


# The styles a document applies, by their ids.
STYLES_USED = [
    "Title",
    "Heading 1",
    "Heading 2",
    "Heading 3",
    "List Bullet",
    "List Number",
    "Table Grid",
    "Field Help",
    "Field Note",
]


@dataclass
class PreparedDocument:
    doc: object
    style_ids: dict


@functools.lru_cache(maxsize=64)
def prepared_document(language, header_label):
    """The document every export in this language (and with this header) starts from, made once per process.

    Opening python-docx's template parses a dozen XML parts; a deep copy of this prepared document
    costs about half of that, and the styles, header and footer are not set up again for each export.
    Exports copy it, so nothing written to one reaches another. The style ids are resolved once too:
    python-docx scans every style of the template each time a style is applied by name.
    """
    doc = Document()
    _set_up_styles(doc, WORD_LANGUAGE.get(language, language))
    _set_up_page(doc, header_label)
    return PreparedDocument(doc, {name: doc.styles[name].style_id for name in STYLES_USED})


class DocumentWriter:
    """A document started from the prepared one of its language, and the primitives every export writes with;
    each writes text as text (see `clean`)."""

    def __init__(self, language, header_label):
        self.language = language
        prepared = prepared_document(language, header_label)
        self.doc = copy.deepcopy(prepared.doc)
        self.style_ids = prepared.style_ids

    def _paragraph(self, text="", style=None, container=None):
        paragraph = (container or self.doc).add_paragraph(text)
        if style:
            paragraph._p.style = self.style_ids[style]
        return paragraph

    def _heading(self, text, level):
        return self._paragraph(text, style=f"Heading {level}")

    def _grid(self, rows, cols):
        table = self.doc.add_table(rows=rows, cols=cols)
        table._tbl.tblPr.style = self.style_ids["Table Grid"]
        return table

    def _write_html(self, html, heading_level=3):
        """Rich text as paragraphs, bulleted and numbered items and headings; only the text and its bold and
        italics."""
        soup = BeautifulSoup(expand_db_html(html or ""), "html.parser")
        for element in soup.find_all(["p", "li", "h2", "h3", "h4"]):
            if element.name == "li":
                numbered = element.parent is not None and element.parent.name == "ol"
                paragraph = self._paragraph(style="List Number" if numbered else "List Bullet")
            elif element.name.startswith("h"):
                paragraph = self._heading("", level=heading_level)
            else:
                paragraph = self.doc.add_paragraph()
            self._write_inline(paragraph, element)

    def _write_inline(self, paragraph, element):
        for piece in element.descendants:
            if isinstance(piece, str) and piece.strip("\n"):
                run = paragraph.add_run(clean(piece))
                parents = {parent.name for parent in piece.parents}
                run.bold = bool(parents & {"b", "strong"}) or None
                run.italic = bool(parents & {"i", "em"}) or None

    def _inline_html(self, paragraph, html):
        """Inline rich text (a note, a citation) added to an existing paragraph."""
        self._write_inline(paragraph, BeautifulSoup(expand_db_html(html or ""), "html.parser"))


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
        set_language(run_properties, language)
    doc.styles["Normal"].font.size = Pt(11)
    doc.styles["Title"].font.size = Pt(22)
    set_language(doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")), language)
    # A field's help and a scale's legend (a guide's notes): small and muted, the help in italics and kept with
    # its field.
    for name, italic in [("Field Help", True), ("Field Note", False)]:
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = doc.styles["Normal"]
        style.font.size = Pt(9)
        style.font.color.rgb = MUTED
        style.font.italic = italic
        style.paragraph_format.keep_with_next = italic


def _set_up_page(doc, header_label):
    section = doc.sections[0]
    section.top_margin = section.bottom_margin = Cm(2)
    section.left_margin = section.right_margin = Cm(2.2)
    header = section.header.paragraphs[0]
    header.text = clean(" · ".join(part for part in [_("Q-SER Mentoring Hub"), header_label] if part))
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
            add_field(run, field_code)
        else:
            run.text = text


def set_language(run_properties, language):
    lang = run_properties.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        run_properties.append(lang)
    for attribute in ("w:val", "w:eastAsia", "w:bidi"):
        lang.set(qn(attribute), language)


def add_field(run, code, placeholder="1"):
    """A Word field (PAGE, NUMPAGES, TOC) in the run, showing `placeholder` until Word updates it: python-docx has
    no API for them."""
    for kind, text in [("begin", None), (None, f" {code} "), ("separate", None), (None, placeholder), ("end", None)]:
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText" if text == f" {code} " else "w:t")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def repeat_as_header(row):
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    properties.append(header)
