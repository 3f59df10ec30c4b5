"""The web form a person fills, built from a template's field definitions.

A draft may leave required fields empty; completing the form may not. Every value is validated on
the server, and `answers()` gives the JSON that is stored, keyed by the fields' machine names.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.utils.translation import gettext_lazy as _

from .fields import SWOT_PARTS, YES_NO

MAX_SHORT_TEXT = 500
MAX_LONG_TEXT = 100_000
MAX_CELL = 2_000
MAX_ROWS = 200
RATINGS = [(str(n), str(n)) for n in range(1, 6)]


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
            raise ValidationError(_("A table can have at most %(max)d rows."), params={"max": MAX_ROWS})
        for row in rows:
            for cell in row:
                if len(cell) > MAX_CELL:
                    raise ValidationError(_("Each cell can hold at most %(max)d characters."), params={"max": MAX_CELL})
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


def build_field(definition, draft):
    """The Django form field of one definition; required is enforced only when completing."""
    common = {
        "label": definition.label,
        "help_text": definition.help_text,
        "required": definition.required and not draft,
    }
    kind = definition.kind
    if kind == "short_text":
        return forms.CharField(max_length=MAX_SHORT_TEXT, **common)
    if kind == "long_text":
        return forms.CharField(max_length=MAX_LONG_TEXT, widget=forms.Textarea(attrs={"rows": 6}), **common)
    if kind == "date":
        return forms.DateField(widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"), **common)
    if kind == "number":
        return forms.DecimalField(max_digits=15, decimal_places=4, **common)
    if kind == "single_choice":
        return forms.ChoiceField(choices=definition.choices, widget=forms.RadioSelect, **common)
    if kind == "multiple_choice":
        return forms.MultipleChoiceField(choices=definition.choices, widget=forms.CheckboxSelectMultiple, **common)
    if kind == "yes_no":
        return forms.ChoiceField(choices=YES_NO, widget=forms.RadioSelect, **common)
    if kind == "rating_scale":
        return forms.ChoiceField(choices=RATINGS, widget=forms.RadioSelect(attrs={"class": "rating"}), **common)
    if kind == "repeating_table":
        return TableField(definition.columns, rows=definition.initial_rows, **common)
    if kind == "signatures":
        return TableField([_("Name"), _("Role"), _("Date")], row_labels=definition.signatories, **common)
    if kind == "swot_grid":
        return SwotField([label for _part, label in definition.swot_labels], **common)
    raise ValueError(f"Unknown field kind {kind}")


class AnswerForm(forms.Form):
    """The answers to one form template. `draft=True` lets required fields stay empty."""

    def __init__(self, definitions, *args, answers=None, draft=True, extra_rows=None, **kwargs):
        super().__init__(*args, initial=self._initial(definitions, answers or {}), **kwargs)
        self.definitions = definitions
        for definition in definitions:
            if definition.is_input:
                self.fields[definition.name] = build_field(definition, draft)
        if extra_rows in self.fields and isinstance(self.fields[extra_rows], TableField):
            widget = self.fields[extra_rows].widget
            if not widget.row_labels:
                widget.rows = len(self[extra_rows].value() or []) + 1

    @staticmethod
    def _initial(definitions, answers):
        initial = {}
        for definition in definitions:
            if definition.name in answers:
                value = answers[definition.name]
                initial[definition.name] = str(value) if definition.kind == "rating_scale" else value
        return initial

    def layout(self):
        """Section headings and bound fields in the template's order."""
        for definition in self.definitions:
            if definition.is_input:
                yield {"definition": definition, "field": self[definition.name]}
            else:
                yield {"definition": definition, "field": None}

    def answers(self):
        """The cleaned answers as JSON-ready values, keyed by machine name; empty answers are left out."""
        answers = {}
        for name, value in self.cleaned_data.items():
            if value in (None, "", [], {}) or (isinstance(value, dict) and not any(value.values())):
                continue
            kind = next(d.kind for d in self.definitions if d.name == name)
            if kind == "date":
                value = value.isoformat()
            elif kind == "number":
                value = format(value.normalize(), "f")
            elif kind == "rating_scale":
                value = int(value)
            answers[name] = value
        return answers


def _is_scalar(value):
    return isinstance(value, str | int | float) and not isinstance(value, bool)


def _is_table(value):
    return isinstance(value, list) and all(isinstance(row, list) and all(map(_is_scalar, row)) for row in value)


def _is_swot(value):
    return isinstance(value, dict) and set(value) <= set(SWOT_PARTS) and all(map(_is_scalar, value.values()))


# The JSON an answer must be, by field kind (the API; a browser posts text), and what to say when it is not.
SCALAR_SHAPE = (_is_scalar, _("Give a text or a number."))
ANSWER_SHAPES = {
    "multiple_choice": (
        lambda value: isinstance(value, list) and all(map(_is_scalar, value)),
        _("Give a list of choice ids."),
    ),
    "repeating_table": (_is_table, _("Give a list of rows, each a list of cell texts.")),
    "signatures": (_is_table, _("Give a list of rows, each a list of cell texts.")),
    "swot_grid": (_is_swot, _("Give an object with texts for strengths, weaknesses, opportunities and threats.")),
}


def answers_to_form_data(definitions, answers):
    """Answers given as JSON as the form data a browser would post, so one form validates both; and, by field,
    the message for an answer whose JSON shape the field does not take (left out of the data)."""
    from django.utils.datastructures import MultiValueDict

    data, wrong_shapes = MultiValueDict(), {}
    for definition in definitions:
        name, value = definition.name, answers.get(definition.name)
        if not definition.is_input or value in (None, ""):
            continue
        accepts, message = ANSWER_SHAPES.get(definition.kind, SCALAR_SHAPE)
        if not accepts(value):
            wrong_shapes[name] = message
        elif definition.kind in ("repeating_table", "signatures"):
            data[f"{name}-rows"] = str(len(value))
            for r, row in enumerate(value):
                for c, cell in enumerate(row):
                    data[f"{name}-{r}-{c}"] = str(cell)
        elif definition.kind == "swot_grid":
            for i, part in enumerate(SWOT_PARTS):
                data[f"{name}_{i}"] = str(value.get(part, ""))
        elif definition.kind == "multiple_choice":
            data.setlist(name, [str(item) for item in value])
        else:
            data[name] = str(value)
    return data, wrong_shapes
