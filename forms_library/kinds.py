"""The field kinds of a form template: the one place that says what each kind is.

Each kind is a Wagtail StructBlock (what editors compose a template from, as Wagtail's own blocks
know how to render themselves) that also gives everything the rest of the app asks of a field:
the Django form field that takes and validates its answer (the `FormBuilder` idea of
wagtail.contrib.forms), the answer's stored JSON, the JSON the API accepts, its text for reading,
its Word rendering, the template that shows it in the web form and its API representation. The
form builder, the Word export, the templates and the API ask `KINDS`; adding a kind is a class here
registered with `@register`.

Every field has a label, help text, a required flag and a machine name. The machine name is a
RegexBlock, which wagtail-localize synchronises instead of translating: answers are stored under it,
so it stays the same in every language. Choices are list items whose stable ids are what an answer
stores, so a translated or reworded choice never garbles an answer.

Kinds read a field's definition as stored (a `fields.FieldDefinition` over StreamField raw data), not
as a StructValue: a filled form keeps its own raw copy of the definitions it was answered against. So
the web form's piece is `fill_template` and the API's is `api_representation`, not the block's own
`render` and `get_api_representation`: those render the editor's value of a block, and Wagtail's page
API (v2) must keep giving that as it is.
"""

import datetime
import math
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Annotated, Literal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from ninja import Schema
from pydantic import ConfigDict, StrictFloat, StrictInt, StrictStr, TypeAdapter
from pydantic import Field as Described
from pydantic import ValidationError as ShapeError
from typing_extensions import TypedDict
from wagtail import blocks
from wagtail.blocks.stream_block import StreamBlockValidationError

from .widgets import MAX_LONG_TEXT, MAX_ROWS, SWOT_PARTS, SwotField, TableField

MACHINE_NAME = r"^[a-z][a-z0-9_]{0,62}$"
MAX_SHORT_TEXT = 500
YES_NO = [("yes", _("Yes")), ("no", _("No"))]
RATINGS = [(str(n), str(n)) for n in range(1, 6)]
EMPTY_ANSWERS = (None, "", [], {})
# The one date format answers take, on the site (the native date input sends it) and in the API.
ISO_DATE_FORMAT = "%Y-%m-%d"
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
DATE_MESSAGE = _("Give a date as YYYY-MM-DD (ISO 8601), for example 2026-12-07.")
# JSON parsers read NaN, Infinity and numbers beyond a double (1e999) as floats no answer can hold.
NON_FINITE_MESSAGE = _("Give finite numbers only: NaN and infinite values (such as 1e999) are not numbers.")


@dataclass(frozen=True)
class Sample:
    """What example answers are made of, for demo and scale data, benchmarks and tests (`FieldKind.example`)."""

    day: datetime.date
    short_text: str = "A short answer"
    long_text: str = "A longer answer, in a sentence or two."
    swot_text: str = "A point of the analysis."
    number: int = 60
    table_rows: int = 2
    signers: tuple = (("Maria Papadopoulou", "mentor"), ("Jan Novák", "mentee"))


# The field kinds by their block name, in the order editors are offered them.
KINDS = {}


def register(name):
    """Make a kind known to the template editor, the web form, the Word export and the API."""

    def add(kind_class):
        if name in KINDS:
            raise ValueError(f"A field kind is already registered as {name!r}.")
        KINDS[name] = kind_class()
        return kind_class

    return add


def _holds_non_finite(value):
    """Whether a JSON value is, or holds, a number that is not finite."""
    if isinstance(value, float):
        return not math.isfinite(value)
    if isinstance(value, list | dict):
        return any(map(_holds_non_finite, value.values() if isinstance(value, dict) else value))
    return False


@cache
def _adapter(answer_type):
    return TypeAdapter(answer_type)


def _fits(answer_type, answer):
    """Whether a JSON answer is of `answer_type` as it is: strictly, so nothing is converted (no "60" for 60)."""
    try:
        _adapter(answer_type).validate_python(answer, strict=True)
    except ShapeError:
        return False
    return True


def is_empty(answer):
    """Whether an answer says nothing: no value, or only empty texts (a table's empty rows, an empty grid)."""
    if isinstance(answer, list):
        return all(map(is_empty, answer))
    if isinstance(answer, dict):
        return all(map(is_empty, answer.values()))
    return answer in EMPTY_ANSWERS


def _described(answer_type, kind, description):
    """A kind's answer type, named and described for the OpenAPI document (FieldKind.answer_type)."""
    title = "".join(part.title() for part in kind.split("_")) + "Answer"
    return Annotated[answer_type, Described(title=title, description=f"`{kind}`: {description}")]


class SwotGridAnswer(TypedDict):
    """A SWOT grid's answer: all four quadrants, each a text (empty when the quadrant is not filled in yet)."""

    __pydantic_config__ = ConfigDict(extra="forbid", strict=True, title="SwotGridAnswer")

    strengths: str
    weaknesses: str
    opportunities: str
    threats: str


Row = Annotated[list[StrictStr], Described(min_length=1)]


class ChoiceOut(Schema):
    id: str
    label: str


class FieldKind(blocks.StructBlock):
    """What every kind gives; the base of section headings and of the fields that take an answer."""

    # Whether it takes an answer (a section heading does not).
    is_input = True
    # Answered with several inputs or options: shown as a fieldset with a legend.
    is_group = False
    # A repeating table offers "Add a row" in the web form.
    adds_rows = False
    # Keys of the API's field representation this kind fills, with their type and their default.
    api_schema = {}
    # What the API says when an answer's JSON is not the shape this kind takes.
    shape_message = _("Give a text.")
    # The JSON an answer of this kind is (a Pydantic type): the API's schema, and the shape `accepts` checks.
    answer_type = _described(StrictStr, "text", "a text.")

    # The web form

    @property
    def fill_template(self):
        """The web form's piece for this kind; its context has `field`, `definition` and `editable`."""
        return "forms_library/kinds/group.html" if self.is_group else "forms_library/kinds/input.html"

    def form_field(self, definition, **common):
        """The Django form field that takes and validates an answer; `common` has label, help and required."""
        raise NotImplementedError

    def initial(self, answer):
        """A stored answer as the form field's initial value."""
        return answer

    def stored(self, value):
        """A cleaned, non-empty form value as the JSON that is stored."""
        return value

    def note(self, definition):
        """A line shown with the field on the web and in Word (a scale's legend), or ''."""
        return ""

    # The API's JSON

    def accepts(self, answer):
        """Whether an answer given as JSON has the shape this kind takes (`answer_type`), as it is."""
        return _fits(self.answer_type, answer)

    def refusal(self, answer, definition=None):
        """Why an answer given as JSON is not taken (the API's message for its field), or None. With the field's
        `definition`, also what its shape must be for that field (a table's columns, its signatories)."""
        if _holds_non_finite(answer):
            return NON_FINITE_MESSAGE
        if not self.accepts(answer):
            return self.shape_message
        return None if definition is None else self.misfit(definition, answer)

    def misfit(self, definition, answer):
        """Why an answer of the right shape does not fit this field's definition, or None."""
        return None

    def to_form_data(self, data, name, answer):
        """An answer given as JSON as the form data a browser would post, into `data` (a MultiValueDict)."""
        data[name] = str(answer)

    def api_representation(self, definition):
        return {
            "kind": definition.kind,
            "name": definition.name,
            "label": definition.label,
            "help_text": definition.help_text,
            "required": definition.required,
        }

    # Reading and Word

    def display(self, definition, answer):
        """The answer as plain text a person reads."""
        return "" if answer in EMPTY_ANSWERS else str(answer)

    def write_docx(self, writer, definition, answer):
        writer.field_label(definition)
        self.write_answer(writer, definition, answer)

    def write_answer(self, writer, definition, answer):
        writer.line(answer)

    # Examples

    def example(self, definition, sample):
        """An answer of this kind made of `sample` (a `Sample`), or None for a kind that takes none."""
        return None


class InputKind(FieldKind):
    """A field that takes an answer: one input under a label (a group of inputs when `is_group`)."""

    label = blocks.CharBlock(label=_("Label"), max_length=200)
    name = blocks.RegexBlock(
        regex=MACHINE_NAME,
        label=_("Machine name"),
        help_text=_("Lower-case letters, digits and underscores. Answers are stored under it: never change it."),
        error_messages={"invalid": _("Use lower-case letters, digits and underscores, starting with a letter.")},
    )
    help_text = blocks.CharBlock(label=_("Help text"), required=False, max_length=500)
    required = blocks.BooleanBlock(label=_("Required"), required=False)

    class Meta:
        icon = "form"


@register("section_heading")
class SectionHeadingBlock(FieldKind):
    """Not a field: a heading and a text between fields."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=200)
    text = blocks.TextBlock(label=_("Text"), required=False)

    is_input = False
    fill_template = "forms_library/kinds/section_heading.html"

    class Meta:
        icon = "title"
        label = _("Section heading")

    def write_docx(self, writer, definition, answer):
        writer.section_heading(definition.label, definition.help_text)


@register("short_text")
class ShortTextBlock(InputKind):
    answer_type = _described(StrictStr, "short_text", f"a text of at most {MAX_SHORT_TEXT} characters.")

    class Meta:
        label = _("Short text")

    def form_field(self, definition, **common):
        return forms.CharField(max_length=MAX_SHORT_TEXT, **common)

    def example(self, definition, sample):
        return sample.short_text


@register("long_text")
class LongTextBlock(InputKind):
    answer_type = _described(StrictStr, "long_text", f"a text of at most {MAX_LONG_TEXT} characters.")

    class Meta:
        icon = "pilcrow"
        label = _("Long text")

    def form_field(self, definition, **common):
        return forms.CharField(max_length=MAX_LONG_TEXT, widget=forms.Textarea(attrs={"rows": 6}), **common)

    def write_answer(self, writer, definition, answer):
        writer.text_box(answer, empty_height_cm=4)

    def example(self, definition, sample):
        return sample.long_text


@register("date")
class DateFieldBlock(InputKind):
    """A date, in ISO 8601 only: a format guessed from the locale read 07/12/2026 as 12 July."""

    shape_message = DATE_MESSAGE
    answer_type = _described(
        Annotated[StrictStr, Described(json_schema_extra={"format": "date"})],
        "date",
        "a date in ISO 8601, YYYY-MM-DD (2026-12-07); no other format is read.",
    )

    class Meta:
        icon = "date"
        label = _("Date")

    def form_field(self, definition, **common):
        return forms.DateField(
            widget=forms.DateInput(attrs={"type": "date"}, format=ISO_DATE_FORMAT),
            input_formats=[ISO_DATE_FORMAT],
            **common,
        )

    def accepts(self, answer):
        return isinstance(answer, str) and ISO_DATE.fullmatch(answer) is not None

    def stored(self, value):
        return value.isoformat()

    def example(self, definition, sample):
        return sample.day.isoformat()


@register("number")
class NumberBlock(InputKind):
    """A number, stored as a JSON number (60, 2.5): the type it was given in. Fifteen significant digits at most,
    which a JSON number (a double) keeps exactly."""

    shape_message = _("Give a number (not a text).")
    answer_type = _described(
        StrictInt | StrictFloat, "number", "a finite number, up to 15 significant digits and 4 decimal places."
    )

    class Meta:
        icon = "plus-inverse"
        label = _("Number")

    def form_field(self, definition, **common):
        return forms.DecimalField(max_digits=15, decimal_places=4, **common)

    def initial(self, answer):
        return Decimal(str(answer)) if isinstance(answer, int | float) else answer

    def stored(self, value):
        return int(value) if value == value.to_integral_value() else float(value)

    def example(self, definition, sample):
        return sample.number


class ChoiceKind(InputKind):
    """A field answered by choosing among options."""

    is_group = True

    def options(self, definition):
        """(stored value, label) of each option."""
        return definition.choices

    def display(self, definition, answer):
        return "" if answer in EMPTY_ANSWERS else str(dict(self.options(definition)).get(answer, ""))

    def write_answer(self, writer, definition, answer):
        writer.boxes(self.options(definition), {answer})


class ListedChoiceKind(ChoiceKind):
    """Choices editors list; an answer stores a choice's id, so rewording a choice never garbles it."""

    choices = blocks.ListBlock(blocks.CharBlock(max_length=200), label=_("Choices"), min_num=2)

    api_schema = {"choices": (list[ChoiceOut], [])}

    def api_representation(self, definition):
        choices = [{"id": choice_id, "label": label} for choice_id, label in definition.choices]
        return {**super().api_representation(definition), "choices": choices}


@register("single_choice")
class SingleChoiceBlock(ListedChoiceKind):
    shape_message = _("Give the id of one of the choices.")
    answer_type = _described(StrictStr, "single_choice", "the id of one of the field's `choices`.")

    class Meta:
        icon = "radio-full"
        label = _("Single choice")

    def form_field(self, definition, **common):
        return forms.ChoiceField(choices=definition.choices, widget=forms.RadioSelect, **common)

    def example(self, definition, sample):
        return definition.choices[0][0]


@register("multiple_choice")
class MultipleChoiceBlock(ListedChoiceKind):
    shape_message = _("Give a list of choice ids.")
    answer_type = _described(list[StrictStr], "multiple_choice", "a list of ids of the field's `choices`.")

    class Meta:
        icon = "tick-inverse"
        label = _("Multiple choice")

    def form_field(self, definition, **common):
        return forms.MultipleChoiceField(choices=definition.choices, widget=forms.CheckboxSelectMultiple, **common)

    def to_form_data(self, data, name, answer):
        data.setlist(name, [str(item) for item in answer])

    def display(self, definition, answer):
        labels = dict(definition.choices)
        return ", ".join(labels[choice] for choice in answer or [] if choice in labels)

    def write_answer(self, writer, definition, answer):
        writer.boxes(definition.choices, set(answer or []))

    def example(self, definition, sample):
        return [choice_id for choice_id, _label in definition.choices[:2]]


@register("yes_no")
class YesNoBlock(ChoiceKind):
    shape_message = _("Give “yes” or “no”.")
    answer_type = _described(Literal["yes", "no"], "yes_no", "`yes` or `no`.")

    class Meta:
        icon = "help"
        label = _("Yes / no")

    def options(self, definition):
        return [(value, str(label)) for value, label in YES_NO]

    def form_field(self, definition, **common):
        return forms.ChoiceField(choices=YES_NO, widget=forms.RadioSelect, **common)

    def write_answer(self, writer, definition, answer):
        writer.boxes(self.options(definition), {answer}, inline=True)

    def example(self, definition, sample):
        return "yes"


@register("rating_scale")
class RatingScaleBlock(ChoiceKind):
    low_label = blocks.CharBlock(label=_("Meaning of 1"), max_length=100)
    high_label = blocks.CharBlock(label=_("Meaning of 5"), max_length=100)

    shape_message = _("Give a whole number from 1 to 5.")
    answer_type = _described(Annotated[StrictInt, Described(ge=1, le=5)], "rating_scale", "a whole number from 1 to 5.")

    class Meta:
        icon = "pick"
        label = _("Rating scale (1–5)")

    def form_field(self, definition, **common):
        return forms.ChoiceField(choices=RATINGS, widget=forms.RadioSelect(attrs={"class": "rating"}), **common)

    def initial(self, answer):
        return str(answer)

    def stored(self, value):
        return int(value)

    def note(self, definition):
        return f"1 = {definition.value.get('low_label', '')} · 5 = {definition.value.get('high_label', '')}"

    def display(self, definition, answer):
        return "" if answer in EMPTY_ANSWERS else str(answer)

    def write_answer(self, writer, definition, answer):
        writer.boxes([(n, str(n)) for n in range(1, 6)], {answer}, inline=True)
        writer.note(self.note(definition))

    def example(self, definition, sample):
        return 4


class TableKind(InputKind):
    """A field answered with rows of short texts."""

    is_group = True
    shape_message = _("Give a list of rows, each a list of cell texts.")

    def to_form_data(self, data, name, answer):
        data[f"{name}-rows"] = str(len(answer))
        for r, row in enumerate(answer):
            for c, cell in enumerate(row):
                data[f"{name}-{r}-{c}"] = str(cell)

    def display(self, definition, answer):
        return "" if answer in EMPTY_ANSWERS else "\n".join(" · ".join(cell for cell in row if cell) for row in answer)


@register("repeating_table")
class RepeatingTableBlock(TableKind):
    columns = blocks.ListBlock(blocks.CharBlock(max_length=100), label=_("Columns"), min_num=1)
    initial_rows = blocks.IntegerBlock(label=_("Empty rows offered"), min_value=1, max_value=30, default=3)

    adds_rows = True
    api_schema = {"columns": (list[str], [])}
    answer_type = _described(
        list[Row],
        "repeating_table",
        f"a list of at most {MAX_ROWS} rows, each a list of texts, one per column of the field's `columns`; "
        "no empty rows.",
    )

    class Meta:
        icon = "table"
        label = _("Repeating table")

    def form_field(self, definition, **common):
        return TableField(definition.columns, rows=definition.initial_rows, **common)

    def api_representation(self, definition):
        return {**super().api_representation(definition), "columns": definition.columns}

    def misfit(self, definition, answer):
        columns = len(definition.columns)
        if any(len(row) != columns for row in answer):
            return _("Give each row one text per column: %(columns)d.") % {"columns": columns}
        return None

    def write_answer(self, writer, definition, answer):
        columns = definition.columns
        empty = writer.blank or not answer
        rows = [[""] * len(columns) for _n in range(definition.initial_rows)] if empty else answer
        writer.table(columns, rows, row_height_cm=1 if writer.blank else None)

    def example(self, definition, sample):
        return [[f"{column} {row}" for column in definition.columns] for row in range(1, sample.table_rows + 1)]


SIGNATURE_COLUMNS = [pgettext_lazy("signatory's full name", "Name"), _("Role"), _("Date")]


@register("signatures")
class SignatureBlock(TableKind):
    signatories = blocks.ListBlock(
        blocks.CharBlock(max_length=100), label=_("Who signs"), min_num=1, help_text=_("e.g. Mentor, Mentee")
    )

    api_schema = {"signatories": (list[str], [])}
    answer_type = _described(
        list[Annotated[list[StrictStr], Described(min_length=3, max_length=3)]],
        "signatures",
        "one row per signatory of the field's `signatories`, in their order, each [name, role, date]; "
        "empty texts where a signatory has not signed yet.",
    )

    class Meta:
        icon = "edit"
        label = _("Signatures")

    def form_field(self, definition, **common):
        return TableField(SIGNATURE_COLUMNS, row_labels=definition.signatories, **common)

    def api_representation(self, definition):
        return {**super().api_representation(definition), "signatories": definition.signatories}

    def misfit(self, definition, answer):
        rows = len(definition.signatories)
        if len(answer) != rows:
            return _("Give one row per signatory (%(rows)d), each with a name, a role and a date.") % {"rows": rows}
        return None

    def write_answer(self, writer, definition, answer):
        answer = answer or []
        header = ["", *SIGNATURE_COLUMNS, _("Signature")]
        rows = []
        for index, signatory in enumerate(definition.signatories):
            values = answer[index] if index < len(answer) else ["", "", ""]
            rows.append([signatory, *values[:3], ""])
        writer.table(header, rows, row_height_cm=1.5)

    def example(self, definition, sample):
        return [[name, role, sample.day.isoformat()] for name, role in sample.signers]


@register("swot_grid")
class SwotGridBlock(InputKind):
    strengths_label = blocks.CharBlock(label=_("Strengths heading"), max_length=100)
    weaknesses_label = blocks.CharBlock(label=_("Weaknesses heading"), max_length=100)
    opportunities_label = blocks.CharBlock(label=_("Opportunities heading"), max_length=100)
    threats_label = blocks.CharBlock(label=_("Threats heading"), max_length=100)

    is_group = True
    shape_message = _("Give an object with texts for strengths, weaknesses, opportunities and threats.")
    answer_type = _described(SwotGridAnswer, "swot_grid", "all four quadrants, each a text (empty when not filled in).")

    class Meta:
        icon = "grip"
        label = _("SWOT grid")

    def form_field(self, definition, **common):
        return SwotField([label for _part, label in definition.swot_labels], **common)

    def to_form_data(self, data, name, answer):
        for i, part in enumerate(SWOT_PARTS):
            data[f"{name}_{i}"] = str(answer.get(part, ""))

    def display(self, definition, answer):
        if answer in EMPTY_ANSWERS:
            return ""
        return "\n".join(f"{label}: {answer.get(part, '')}" for part, label in definition.swot_labels)

    def write_answer(self, writer, definition, answer):
        answer = answer or {}
        writer.labelled_grid([(label, answer.get(part, "")) for part, label in definition.swot_labels])

    def example(self, definition, sample):
        return dict.fromkeys(SWOT_PARTS, sample.swot_text)


class FormFieldsBlock(blocks.StreamBlock):
    """A form template's fields: one child block per registered kind. The model's StreamField is made when
    the models load, so a kind is registered here, in this module, to reach the template editor."""

    def __init__(self, local_blocks=None, **kwargs):
        super().__init__([*KINDS.items(), *(local_blocks or [])], **kwargs)

    def clean(self, value):
        """Machine names must be unique within a form: answers are stored under them."""
        cleaned = super().clean(value)
        seen = {}
        errors = {}
        for index, child in enumerate(cleaned):
            name = child.value.get("name") if child.block.is_input else None
            if name is None:
                continue
            if name in seen:
                errors[index] = ValidationError(
                    _("Another field already uses the machine name “%(name)s”.") % {"name": name}
                )
            seen[name] = index
        if errors:
            raise StreamBlockValidationError(block_errors=errors)
        return cleaned
