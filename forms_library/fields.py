"""A read-only view of a form's field definitions, as stored in StreamField raw data.

The web form, the Word exporter and a filled form's snapshot all read the same raw data, so a filled
form can be shown and exported from its own copy of the definitions long after the template changed.
What a field does is its kind's (kinds.py); this only reads the stored values.
"""

from dataclasses import dataclass

from .kinds import KINDS, SWOT_PARTS, YES_NO

__all__ = ["SWOT_PARTS", "YES_NO", "FieldDefinition", "definitions_from_raw", "example_answers"]


def _items(raw_list):
    """(id, value) of ListBlock items, in the current format or the legacy plain-list one."""
    return [
        (item["id"], item["value"]) if isinstance(item, dict) else (str(i), item)
        for i, item in enumerate(raw_list or [])
    ]


@dataclass(frozen=True)
class FieldDefinition:
    kind: str
    block_id: str
    value: dict

    @property
    def field_kind(self):
        """The kind (kinds.py) that says how this field is filled, shown, exported and described."""
        return KINDS[self.kind]

    @property
    def is_input(self):
        return self.field_kind.is_input

    @property
    def is_group(self):
        return self.field_kind.is_group

    @property
    def label(self):
        return self.value.get("label", "") if self.is_input else self.value.get("heading")

    @property
    def name(self):
        return self.value.get("name", "")

    @property
    def help_text(self):
        return self.value.get("help_text") or self.value.get("text") or ""

    @property
    def required(self):
        return bool(self.value.get("required"))

    @property
    def choices(self):
        return _items(self.value.get("choices"))

    @property
    def columns(self):
        return [label for _id, label in _items(self.value.get("columns"))]

    @property
    def signatories(self):
        return [label for _id, label in _items(self.value.get("signatories"))]

    @property
    def initial_rows(self):
        return int(self.value.get("initial_rows") or 3)

    @property
    def swot_labels(self):
        return [(part, self.value.get(f"{part}_label", part.title())) for part in SWOT_PARTS]

    @property
    def note(self):
        return self.field_kind.note(self)

    def display(self, answer):
        """The answer as plain text: choices by their labels, tables row by row."""
        return self.field_kind.display(self, answer)


def definitions_from_raw(raw_stream):
    return [FieldDefinition(block["type"], block.get("id", ""), block["value"]) for block in raw_stream]


def example_answers(definitions, sample):
    """Answers to every field that takes one, each made by its kind from `sample` (kinds.Sample)."""
    return {
        definition.name: definition.field_kind.example(definition, sample)
        for definition in definitions
        if definition.is_input
    }
