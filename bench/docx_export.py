"""Word export of each form template, filled, as a ratio to python-docx's floor, measured in one run.

The floor is what any python-docx document costs: an empty Document() saved to memory. Run with
`make bench`. Target: every template's export ≤ 1.5× the floor.
"""

import datetime
import gc
import io
import os
import platform
import statistics
import sys
import time
from pathlib import Path

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
from home.streamdata import stream  # noqa: E402

REPEATS = int(os.environ.get("BENCH_REPEATS", "30"))
TARGET = 1.5
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


def paired_medians_ms(function):
    """Median times of the floor and of `function`, measured alternately so that both see the same
    machine (frequency scaling and the other process on the 2 cores drift during a run)."""
    floor()
    function()  # warm up
    floor_samples, samples = [], []
    for _n in range(REPEATS):
        floor_samples.append(_timed_ms(floor))
        samples.append(_timed_ms(function))
    return statistics.median(floor_samples), statistics.median(samples)


def floor():
    Document().save(io.BytesIO())


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
    heading = (
        f"## Word export, {datetime.date.today().isoformat()}, {platform.machine()}, Python {platform.python_version()}"
    )
    text = "\n".join([heading, "", *lines]) + "\n"
    print(text)
    write_section("docx", text)


if __name__ == "__main__":
    main()
