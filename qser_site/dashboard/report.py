"""The programme report: the period's figures as one Word document (python-docx) for a funder or the management,
in the reader's language (Word's language tag set, so its spelling is checked in it). Each figure is a heading,
its chart as a PNG image with its summary as the image's description, and its table. The styles, the page's
header and footer and the language tag are the forms' Word export's (forms_library/docx_export.py)."""

import io

from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm

from home.docx import WORD_LANGUAGE, DocumentWriter, clean

from .tables import Table


def evaluations_table(shown):
    """Every evaluation question's answers as one table (its report and its export)."""
    rows = []
    for table in shown:
        if table.evaluation:
            for row in table.rows:
                rows.append({"question": table.title, **row})
    return Table(
        "evaluations",
        _("Stage 5 evaluations"),
        [("question", _("Question")), ("answer", _("Answer")), ("count", _("Count"))],
        rows,
    )


def _describe_image(paragraph, description):
    """The picture's alternative text (Word's "description", docPr's descr), for screen readers."""
    for element in paragraph._p.iter(qn("wp:docPr")):
        element.set("descr", clean(description))


def _table(document, table):
    grid = document.add_table(rows=1, cols=len(table.columns))
    grid.style = document.styles["Table Grid"]
    for cell, (_key, heading) in zip(grid.rows[0].cells, table.columns, strict=True):
        cell.text = clean(heading)
        for run in cell.paragraphs[0].runs:
            run.bold = True
    header = grid.rows[0]._tr.get_or_add_trPr()
    header.append(OxmlElement("w:tblHeader"))
    for values in table.display_rows():
        for cell, value in zip(grid.add_row().cells, values, strict=True):
            cell.text = clean(value)


def programme_report(figures, shown, language):
    with translation.override(language):
        # The project's prepared document of this language: its styles, w:lang, header and footer.
        document = DocumentWriter(language, "").doc
        filters = figures.filters
        title = _("Programme report")
        period = _("%(start)s to %(end)s") % {
            "start": formats.date_format(filters.start, "DATE_FORMAT"),
            "end": formats.date_format(filters.end, "DATE_FORMAT"),
        }
        document.add_heading(clean(title), level=0)
        document.add_paragraph(clean(_("Period: %(period)s") % {"period": period}))
        document.add_paragraph(
            clean(
                _("Figures computed on %(moment)s by the Q-SER Mentoring Hub.")
                % {"moment": formats.date_format(timezone.localtime(figures.computed_at), "DATETIME_FORMAT")}
            )
        )
        properties = document.core_properties
        properties.title = clean(title)
        properties.language = WORD_LANGUAGE.get(language, language)
        properties.author = clean(_("Q-SER Mentoring Hub"))
        evaluation_heading_written = False
        for table in shown:
            if table.evaluation and not evaluation_heading_written:
                document.add_heading(clean(_("Stage 5 evaluations")), level=1)
                evaluation_heading_written = True
            document.add_heading(clean(table.title), level=2 if table.evaluation else 1)
            summary = table.summary()
            chart = table.chart()
            if chart is not None:
                document.add_picture(io.BytesIO(chart.png()), width=Cm(16))
                _describe_image(document.paragraphs[-1], summary)
            document.add_paragraph(clean(summary))
            if table.note:
                document.add_paragraph(clean(table.note))
            if table.rows:
                _table(document, table)
            for text in table.texts:
                document.add_paragraph(
                    clean(f"«{text['text']}» — " + _("relationship %(number)s") % {"number": text["relationship"]}),
                    style="List Bullet",
                )
        output = io.BytesIO()
        document.save(output)
        return output.getvalue()
