"""The web form a person fills, built from a template's field definitions (each field by its kind).

A draft may leave required fields empty; completing the form may not. Every value is validated on
the server, and `answers()` gives the JSON that is stored, keyed by the fields' machine names.
Answers the API gives as JSON are first turned into the form data a browser would post
(`answers_to_form_data`), so one form validates both; what it would store must then be what was sent
(`changed_answers`): the API refuses an answer rather than store another version of it.
"""

from django import forms
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext_lazy as _

from .kinds import is_empty
from .widgets import TableField

UNKNOWN_FIELD_MESSAGE = _("This form has no field of this name.")
# The words a field's widget shows besides its choices: a table's columns and row labels, a grid's headings.
WIDGET_WORDS = ("columns", "row_labels", "labels")
CHANGED_MESSAGE = _(
    "This answer would not be stored as it was sent: send its texts without spaces around them and a table "
    "without empty rows."
)


class AnswerData(MultiValueDict):
    """Form data made from JSON answers; it remembers, by field, why an answer's JSON was left out."""

    def __init__(self, *args, refused=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.refused = refused or {}


def answers_to_form_data(definitions, answers):
    """Answers given as JSON as the form data a browser would post; an answer its field does not take (its JSON
    shape, a number that is not finite, a table's columns or a signature's rows) or a key that names no field
    is left out, and the form reports the reason for it. An empty answer (null, "", [] or only empty texts) is
    no answer."""
    data = AnswerData()
    names = {definition.name for definition in definitions if definition.is_input}
    for name in answers:
        if name not in names:
            data.refused[name] = UNKNOWN_FIELD_MESSAGE
    for definition in definitions:
        name, value, kind = definition.name, answers.get(definition.name), definition.field_kind
        if not definition.is_input or value in (None, ""):
            continue
        refusal = kind.refusal(value, definition)
        if refusal is None:
            kind.to_form_data(data, name, value)
        else:
            data.refused[name] = refusal
    return data


def sent_answers(answers):
    """The answers given as JSON that say something: those the form stores (`AnswerForm.answers`)."""
    return {name: value for name, value in answers.items() if not is_empty(value)}


def changed_answers(sent, stored):
    """The names of the answers that would be stored otherwise than they were sent (texts trimmed, empty rows
    left out). Numbers compare by value: 60.0 sent is 60 stored, the same JSON number."""
    sent = sent_answers(sent)
    return sorted(name for name in sent.keys() | stored.keys() if sent.get(name) != stored.get(name))


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
            if name in self.fields:
                self.errors.pop(name, None)  # left out of the data, it may be missing too: the refusal is what to fix
                self.add_error(name, message)
            else:
                # An answer under a name that is no field: add_error takes only the form's own fields, and the
                # error must still name the key the client sent.
                self._errors[name] = self.error_class([message])
        return super().clean()

    def relabel(self, definitions):
        """Show the fields under other words for the same fields (reading.read_in): the labels, help texts,
        headings, choices, columns, signatories and grid headings change, what is validated and stored does not
        (the choices keep their ids, the tables their number of columns and rows)."""
        self.definitions = definitions
        for definition in definitions:
            if not (definition.is_input and definition.name in self.fields):
                continue
            field = self.fields[definition.name]
            field.label = definition.label
            field.help_text = definition.help_text
            # The words are the kind's to place: taken from the field it makes of the other words, so that the
            # field keeps what was posted or set on it (its rows, whether it is disabled).
            worded = definition.field_kind.form_field(definition, label=field.label, help_text=field.help_text)
            if hasattr(worded, "choices"):
                field.choices = worded.choices
            for words in WIDGET_WORDS:
                if hasattr(worded.widget, words):
                    setattr(field.widget, words, getattr(worded.widget, words))
        # Bound fields made before this keep the old words.
        self._bound_fields_cache.clear()

    def layout(self):
        """Section headings and bound fields in the template's order."""
        for definition in self.definitions:
            yield {"definition": definition, "field": self[definition.name] if definition.is_input else None}

    def answers(self):
        """The cleaned answers as JSON-ready values, keyed by machine name; empty answers are left out."""
        answers = {}
        for name, value in self.cleaned_data.items():
            if is_empty(value):  # nothing is invented: no empty signature rows, no empty grid
                continue
            answers[name] = self.kinds[name].stored(value)
        return answers
