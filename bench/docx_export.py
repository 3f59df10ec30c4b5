"""Word export of each form template, filled, as a ratio to python-docx's floor, measured in one run; and the
whole guide of a language (the offline guide, home/guide_docx.py) against python-docx writing the same paragraphs
and tables raw.

The floor is what any python-docx document costs: an empty Document() saved to memory. Run with
`make bench`. Targets: every template's export ≤ 1.5× the floor; the whole guide ≤ 3× the raw writing of its
paragraphs and tables (each added by style name to a new Document(), then saved).
"""

import datetime
import functools
import gc
import io
import os
import platform
import statistics
import sys
import time
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "qser_site.settings.test")

import django  # noqa: E402

django.setup()

from docx import Document  # noqa: E402

from bench.site import write_section  # noqa: E402
from forms_library import docx_export  # noqa: E402
from forms_library.content.templates import FORM_TEMPLATES  # noqa: E402
from forms_library.fields import definitions_from_raw, example_answers  # noqa: E402
from forms_library.kinds import Sample  # noqa: E402
from home.blocks import GuideStreamBlock  # noqa: E402
from home.content.guides import GUIDE_INDEX, GUIDES  # noqa: E402
from home.guide_docx import guide_document  # noqa: E402
from home.models import SitePage  # noqa: E402
from home.streamdata import stream  # noqa: E402

REPEATS = int(os.environ.get("BENCH_REPEATS", "30"))
TARGET = 1.5
GUIDE_TARGET = 3.0
PARAGRAPH = "A realistic answer of a few sentences, as a mentee writes it after a session. " * 4


def answers_for(definitions):
    sample = Sample(
        day=datetime.date(2026, 11, 23), long_text=PARAGRAPH, swot_text=PARAGRAPH, number="45", table_rows=8
    )
    return example_answers(definitions, sample)


def _timed_ms(function):
    """One run, with the garbage collector off while it runs, as timeit does."""
    gc.collect()
    gc.disable()
    try:
        start = time.perf_counter()
        function()
        return (time.perf_counter() - start) * 1000
    finally:
        gc.enable()


def paired_medians_ms(function, baseline=None):
    """Median times of the floor and of `function`, measured alternately so that both see the same
    machine (frequency scaling and the other process on the 2 cores drift during a run)."""
    baseline = baseline or floor
    baseline()
    function()  # warm up
    floor_samples, samples = [], []
    for _n in range(REPEATS):
        floor_samples.append(_timed_ms(baseline))
        samples.append(_timed_ms(function))
    return statistics.median(floor_samples), statistics.median(samples)


def floor():
    Document().save(io.BytesIO())


def english_guide():
    """The seeded English guide in memory, without a database: Wagtail's Page() asks the database for its content
    type, so the pages are stand-ins with what the writer reads (title, summary, body, attribution, date)."""
    moment = datetime.datetime(2026, 11, 23, 9, tzinfo=datetime.UTC)
    stream_block = GuideStreamBlock()

    def attribution(language=None):
        return SitePage.attribution(None, language or "en")

    index = SimpleNamespace(**GUIDE_INDEX, attribution=attribution)
    pages = [
        SimpleNamespace(
            title=title,
            summary=summary,
            body=stream_block.to_python(stream(slug, blocks)),
            attribution=attribution,
            last_published_at=moment,
        )
        for slug, title, summary, blocks in GUIDES
    ]
    return index, pages


def raw_writer(document_bytes):
    """python-docx writing the paragraphs (text and style) and tables of the document given, nothing else."""
    source = Document(io.BytesIO(document_bytes))
    paragraphs = [(paragraph.text, paragraph.style.name) for paragraph in source.paragraphs]
    tables = [[[cell.text for cell in row.cells] for row in table.rows] for table in source.tables]

    def write():
        doc = Document()
        # Each style looked up once: python-docx scans every style of the document for a name.
        known = {style.name: style for style in doc.styles}
        for text, style in paragraphs:
            doc.add_paragraph(text, style=known.get(style))
        for rows in tables:
            table = doc.add_table(rows=len(rows), cols=len(rows[0]) if rows else 1)
            for row, values in zip(table.rows, rows, strict=True):
                for cell, value in zip(row.cells, values, strict=False):
                    cell.text = value
        doc.save(io.BytesIO())

    return write, len(paragraphs), len(tables)


def guide_lines():
    index, pages = english_guide()
    build = functools.partial(guide_document, index, pages, "en")
    raw, paragraph_count, table_count = raw_writer(build())
    raw_ms, guide_ms = paired_medians_ms(build, baseline=raw)
    ratio = guide_ms / raw_ms
    verdict = "met" if ratio <= GUIDE_TARGET else "MISSED"
    return [
        "",
        f"The whole English guide ({len(pages)} pages, {paragraph_count} paragraphs, {table_count} tables) as one "
        f"Word file, against python-docx writing the same paragraphs and tables raw, {REPEATS} pairs",
        "",
        "| document | raw ms | guide ms | × raw |",
        "| --- | ---: | ---: | ---: |",
        f"| whole guide (en) | {raw_ms:.1f} | {guide_ms:.1f} | {ratio:.2f} |",
        "",
        f"- whole guide ratio {ratio:.2f} (target ≤ {GUIDE_TARGET}) {verdict}",
    ]


def main():
    lines = [
        f"Each template filled, against python-docx's floor (an empty Document() saved to memory), {REPEATS} pairs",
        "",
        "| template | floor ms | export ms | × floor |",
        "| --- | ---: | ---: | ---: |",
    ]
    worst = 0
    for spec in FORM_TEMPLATES:
        definitions = definitions_from_raw(stream(spec["slug"], spec["fields"]))
        document = docx_export.FormDocument(
            title=spec["title"],
            stage=spec["stage"],
            language="el",
            definitions=definitions,
            instructions_html=spec["instructions"],
            answers=answers_for(definitions),
            department="Social Services",
            author="Maria Papadopoulou",
        )
        floor_ms, export_ms = paired_medians_ms(lambda document=document: docx_export.render(document))
        ratio = export_ms / floor_ms
        worst = max(worst, ratio)
        lines.append(f"| {spec['slug']} | {floor_ms:.1f} | {export_ms:.1f} | {ratio:.2f} |")
    verdict = "met" if worst <= TARGET else "MISSED"
    lines += ["", f"- worst ratio {worst:.2f} (target ≤ {TARGET}) {verdict}"]
    lines += guide_lines()
    heading = (
        f"## Word export, {datetime.date.today().isoformat()}, {platform.machine()}, Python {platform.python_version()}"
    )
    text = "\n".join([heading, "", *lines]) + "\n"
    print(text)
    write_section("docx", text)


if __name__ == "__main__":
    main()
