"""Answers for any form template, as a browser would post them, and what they become when stored."""

import io

import docx

from forms_library.fields import SWOT_PARTS


def sample_post(definitions, text="Answer"):
    """POST data answering every field of a template, and the texts that must reach the Word file."""
    data = {}
    expected = []
    for number, definition in enumerate(definitions):
        if not definition.is_input:
            continue
        name, kind = definition.name, definition.kind
        value = f"{text} {number}"
        if kind in ("short_text", "long_text"):
            data[name] = value
            expected.append(value)
        elif kind == "date":
            data[name] = "2026-12-0" + str(number % 9 + 1)
            expected.append(data[name])
        elif kind == "number":
            data[name] = str(40 + number)
            expected.append(data[name])
        elif kind == "single_choice":
            data[name] = definition.choices[-1][0]
            expected.append("☒ " + definition.choices[-1][1])
        elif kind == "multiple_choice":
            data[name] = [definition.choices[0][0], definition.choices[1][0]]
            expected += ["☒ " + definition.choices[0][1], "☒ " + definition.choices[1][1]]
        elif kind == "yes_no":
            data[name] = "yes"
        elif kind == "rating_scale":
            data[name] = "4"
            expected.append("☒ 4")
        elif kind == "repeating_table":
            data[f"{name}-rows"] = "2"
            for c, _column in enumerate(definition.columns):
                data[f"{name}-1-{c}"] = f"{value} r1c{c}"
                expected.append(f"{value} r1c{c}")
        elif kind == "signatures":
            for r, _signatory in enumerate(definition.signatories):
                for c in range(3):
                    data[f"{name}-{r}-{c}"] = f"{value} s{r}{c}"
                    expected.append(f"{value} s{r}{c}")
        elif kind == "swot_grid":
            for i, part in enumerate(SWOT_PARTS):
                data[f"{name}_{i}"] = f"{value} {part}"
                expected.append(f"{value} {part}")
    return data, expected


def docx_text(content):
    """All the text of a Word file: paragraphs, tables (nested too), header and footer."""
    document = docx.Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                parts += [p.text for p in cell.paragraphs]
    section = document.sections[0]
    parts += [p.text for p in section.header.paragraphs] + [p.text for p in section.footer.paragraphs]
    return "\n".join(parts)
