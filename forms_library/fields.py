"""A read-only view of a form's field definitions, as stored in StreamField raw data.

The web form, the Word exporter and a filled form's snapshot all read the same raw data, so a filled
form can be shown and exported from its own copy of the definitions long after the template changed.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

SWOT_PARTS = ("strengths", "weaknesses", "opportunities", "threats")
YES_NO = [("yes", _("Yes")), ("no", _("No"))]
INPUT_KINDS = {
    "short_text",
    "long_text",
    "date",
    "number",
    "single_choice",
    "multiple_choice",
    "yes_no",
    "rating_scale",
    "repeating_table",
    "signatures",
    "swot_grid",
}

# Fields answered with several inputs or options: shown as a fieldset with a legend.
GROUP_KINDS = {
    "single_choice",
    "multiple_choice",
    "yes_no",
    "rating_scale",
    "repeating_table",
    "signatures",
    "swot_grid",
}


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
    def is_input(self):
        return self.kind in INPUT_KINDS

    @property
    def is_group(self):
        return self.kind in GROUP_KINDS

    @property
    def label(self):
        return self.value.get("heading") if self.kind == "section_heading" else self.value.get("label", "")

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

    def display(self, answer):
        """The answer as plain text: choices by their labels, tables row by row."""
        if answer in (None, "", [], {}):
            return ""
        if self.kind == "single_choice":
            return dict(self.choices).get(answer, "")
        if self.kind == "yes_no":
            return str(dict(YES_NO).get(answer, ""))
        if self.kind == "multiple_choice":
            labels = dict(self.choices)
            return ", ".join(labels[choice] for choice in answer if choice in labels)
        if self.kind in ("repeating_table", "signatures"):
            return "\n".join(" · ".join(cell for cell in row if cell) for row in answer)
        if self.kind == "swot_grid":
            return "\n".join(f"{label}: {answer.get(part, '')}" for part, label in self.swot_labels)
        return str(answer)


def definitions_from_raw(raw_stream):
    return [FieldDefinition(block["type"], block.get("id", ""), block["value"]) for block in raw_stream]
