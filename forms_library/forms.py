"""The web form a person fills, built from a template's field definitions (each field by its kind).

A draft may leave required fields empty; completing the form may not. Every value is validated on
the server, and `answers()` gives the JSON that is stored, keyed by the fields' machine names.
Answers the API gives as JSON are first turned into the form data a browser would post
(`answers_to_form_data`), so one form validates both.
"""

from django import forms
from django.utils.datastructures import MultiValueDict

from .kinds import EMPTY_ANSWERS
from .widgets import TableField


class AnswerData(MultiValueDict):
    """Form data made from JSON answers; it remembers, by field, why an answer's JSON was left out."""

    def __init__(self, *args, refused=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.refused = refused or {}


def answers_to_form_data(definitions, answers):
    """Answers given as JSON as the form data a browser would post; an answer its field's kind does not take
    (its JSON shape, a number that is not finite) is left out, and the form reports the kind's reason for it."""
    data = AnswerData()
    for definition in definitions:
        name, value, kind = definition.name, answers.get(definition.name), definition.field_kind
        if not definition.is_input or value in (None, ""):
            continue
        refusal = kind.refusal(value)
        if refusal is None:
            kind.to_form_data(data, name, value)
        else:
            data.refused[name] = refusal
    return data


class AnswerForm(forms.Form):
    """The answers to one form template. `draft=True` lets required fields stay empty."""

    def __init__(self, definitions, *args, answers=None, draft=True, extra_rows=None, **kwargs):
        super().__init__(*args, initial=self._initial(definitions, answers or {}), **kwargs)
        self.definitions = definitions
        self.kinds = {definition.name: definition.field_kind for definition in definitions if definition.is_input}
        for definition in definitions:
            if definition.is_input:
                common = {
                    "label": definition.label,
                    "help_text": definition.help_text,
                    "required": definition.required and not draft,
                }
                self.fields[definition.name] = definition.field_kind.form_field(definition, **common)
        if extra_rows in self.fields and isinstance(self.fields[extra_rows], TableField):
            widget = self.fields[extra_rows].widget
            if not widget.row_labels:
                widget.rows = len(self[extra_rows].value() or []) + 1

    @staticmethod
    def _initial(definitions, answers):
        return {
            definition.name: definition.field_kind.initial(answers[definition.name])
            for definition in definitions
            if definition.name in answers
        }

    def clean(self):
        for name, message in getattr(self.data, "refused", {}).items():
            self.errors.pop(name, None)  # left out of the data, it may be missing too: the refusal is what to fix
            self.add_error(name, message)
        return super().clean()

    def layout(self):
        """Section headings and bound fields in the template's order."""
        for definition in self.definitions:
            yield {"definition": definition, "field": self[definition.name] if definition.is_input else None}

    def answers(self):
        """The cleaned answers as JSON-ready values, keyed by machine name; empty answers are left out."""
        answers = {}
        for name, value in self.cleaned_data.items():
            if value in EMPTY_ANSWERS or (isinstance(value, dict) and not any(value.values())):
                continue
            answers[name] = self.kinds[name].stored(value)
        return answers
