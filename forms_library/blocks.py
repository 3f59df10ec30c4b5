"""The field blocks editors compose form templates from.

Every field has a label, help text, a required flag and a machine name. The machine name is a
RegexBlock, which wagtail-localize synchronises instead of translating: answers are stored under it,
so it stays the same in every language. Choices are list items whose stable ids are what an answer
stores, so a translated or reworded choice never garbles an answer.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

MACHINE_NAME = r"^[a-z][a-z0-9_]{0,62}$"


class FieldBlock(blocks.StructBlock):
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


class SectionHeadingBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=200)
    text = blocks.TextBlock(label=_("Text"), required=False)

    class Meta:
        icon = "title"
        label = _("Section heading")


class ShortTextBlock(FieldBlock):
    class Meta:
        label = _("Short text")


class LongTextBlock(FieldBlock):
    class Meta:
        icon = "pilcrow"
        label = _("Long text")


class DateFieldBlock(FieldBlock):
    class Meta:
        icon = "date"
        label = _("Date")


class NumberBlock(FieldBlock):
    class Meta:
        icon = "plus-inverse"
        label = _("Number")


class SingleChoiceBlock(FieldBlock):
    choices = blocks.ListBlock(blocks.CharBlock(max_length=200), label=_("Choices"), min_num=2)

    class Meta:
        icon = "radio-full"
        label = _("Single choice")


class MultipleChoiceBlock(FieldBlock):
    choices = blocks.ListBlock(blocks.CharBlock(max_length=200), label=_("Choices"), min_num=2)

    class Meta:
        icon = "tick-inverse"
        label = _("Multiple choice")


class YesNoBlock(FieldBlock):
    class Meta:
        icon = "help"
        label = _("Yes / no")


class RatingScaleBlock(FieldBlock):
    low_label = blocks.CharBlock(label=_("Meaning of 1"), max_length=100)
    high_label = blocks.CharBlock(label=_("Meaning of 5"), max_length=100)

    class Meta:
        icon = "pick"
        label = _("Rating scale (1–5)")


class RepeatingTableBlock(FieldBlock):
    columns = blocks.ListBlock(blocks.CharBlock(max_length=100), label=_("Columns"), min_num=1)
    initial_rows = blocks.IntegerBlock(label=_("Empty rows offered"), min_value=1, max_value=30, default=3)

    class Meta:
        icon = "table"
        label = _("Repeating table")


class SignatureBlock(FieldBlock):
    signatories = blocks.ListBlock(
        blocks.CharBlock(max_length=100), label=_("Who signs"), min_num=1, help_text=_("e.g. Mentor, Mentee")
    )

    class Meta:
        icon = "edit"
        label = _("Signatures")


class SwotGridBlock(FieldBlock):
    strengths_label = blocks.CharBlock(label=_("Strengths heading"), max_length=100)
    weaknesses_label = blocks.CharBlock(label=_("Weaknesses heading"), max_length=100)
    opportunities_label = blocks.CharBlock(label=_("Opportunities heading"), max_length=100)
    threats_label = blocks.CharBlock(label=_("Threats heading"), max_length=100)

    class Meta:
        icon = "grip"
        label = _("SWOT grid")


class FormFieldsBlock(blocks.StreamBlock):
    section_heading = SectionHeadingBlock()
    short_text = ShortTextBlock()
    long_text = LongTextBlock()
    date = DateFieldBlock()
    number = NumberBlock()
    single_choice = SingleChoiceBlock()
    multiple_choice = MultipleChoiceBlock()
    yes_no = YesNoBlock()
    rating_scale = RatingScaleBlock()
    repeating_table = RepeatingTableBlock()
    signatures = SignatureBlock()
    swot_grid = SwotGridBlock()

    def clean(self, value):
        """Machine names must be unique within a form: answers are stored under them."""
        from django.core.exceptions import ValidationError
        from wagtail.blocks.stream_block import StreamBlockValidationError

        cleaned = super().clean(value)
        seen = {}
        errors = {}
        for index, child in enumerate(cleaned):
            name = child.value.get("name") if child.block_type != "section_heading" else None
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
