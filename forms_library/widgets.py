"""The Django form fields of answers made of several inputs: a table of rows, and a SWOT grid."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.utils.translation import ngettext_lazy

SWOT_PARTS = ("strengths", "weaknesses", "opportunities", "threats")
MAX_LONG_TEXT = 100_000
MAX_CELL = 2_000
MAX_ROWS = 200


class TableWidget(forms.Widget):
    """Rows of text inputs; row labels when the rows are fixed (signatures)."""

    template_name = "forms_library/widgets/table.html"

    def __init__(self, columns, row_labels=None, rows=3, attrs=None):
        super().__init__(attrs)
        self.columns = columns
        self.row_labels = row_labels
        self.rows = rows

    def row_count(self, value):
        if self.row_labels:
            return len(self.row_labels)
        return max(self.rows, len(value or []))

    def value_from_datadict(self, data, files, name):
        count = (
            len(self.row_labels) if self.row_labels else min(_to_int(data.get(f"{name}-rows"), self.rows), MAX_ROWS + 1)
        )
        return [[data.get(f"{name}-{r}-{c}", "") for c in range(len(self.columns))] for r in range(count)]

    def value_omitted_from_data(self, data, files, name):
        return not any(key.startswith(f"{name}-") for key in data)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        value = value or []
        count = self.row_count(value)
        rows = []
        for r in range(count):
            cells = value[r] if r < len(value) else []
            rows.append(
                {
                    "label": self.row_labels[r] if self.row_labels else None,
                    "number": r + 1,
                    "cells": [
                        {"name": f"{name}-{r}-{c}", "value": cells[c] if c < len(cells) else "", "column": column}
                        for c, column in enumerate(self.columns)
                    ],
                }
            )
        context["widget"].update(
            {"columns": self.columns, "rows": rows, "row_count": count, "fixed": bool(self.row_labels)}
        )
        return context


def _to_int(text, default):
    try:
        return max(0, int(text))
    except (TypeError, ValueError):
        return default


class TableField(forms.Field):
    """A list of rows of short texts; empty rows are dropped."""

    def __init__(self, columns, row_labels=None, rows=3, **kwargs):
        self.fixed_rows = bool(row_labels)
        super().__init__(widget=TableWidget(columns, row_labels, rows), **kwargs)

    def to_python(self, value):
        rows = [[str(cell).strip() for cell in row] for row in value or []]
        if len(rows) > MAX_ROWS:
            raise ValidationError(
                ngettext_lazy("A table can have at most %(max)d row.", "A table can have at most %(max)d rows.", "max"),
                params={"max": MAX_ROWS},
            )
        for row in rows:
            for cell in row:
                if len(cell) > MAX_CELL:
                    raise ValidationError(
                        ngettext_lazy(
                            "Each cell can hold at most %(max)d character.",
                            "Each cell can hold at most %(max)d characters.",
                            "max",
                        ),
                        params={"max": MAX_CELL},
                    )
                ProhibitNullCharactersValidator()(cell)
        if self.fixed_rows:
            return rows
        return [row for row in rows if any(row)]

    def validate(self, value):
        if self.required and not any(any(row) for row in value):
            raise ValidationError(self.error_messages["required"], code="required")


class SwotWidget(forms.MultiWidget):
    template_name = "forms_library/widgets/swot.html"

    def __init__(self, labels, attrs=None):
        self.labels = labels
        super().__init__([forms.Textarea(attrs={"rows": 5}) for _label in labels], attrs)

    def decompress(self, value):
        return [(value or {}).get(part, "") for part in SWOT_PARTS]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        for subwidget, label in zip(context["widget"]["subwidgets"], self.labels, strict=True):
            subwidget["label"] = label
        return context


class SwotField(forms.MultiValueField):
    def __init__(self, labels, **kwargs):
        fields = [forms.CharField(max_length=MAX_LONG_TEXT, required=False) for _label in labels]
        super().__init__(fields, widget=SwotWidget(labels), require_all_fields=False, **kwargs)

    def compress(self, data_list):
        return dict(zip(SWOT_PARTS, data_list or [""] * 4, strict=True))

    def validate(self, value):
        if self.required and not any((value or {}).values()):
            raise ValidationError(self.error_messages["required"], code="required")
