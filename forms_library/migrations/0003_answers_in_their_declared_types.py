"""Answers stored before the API kept types: number answers were stored as texts ("60"), and fields never
answered were stored empty (a signature table of empty rows, which the client never sent). Numbers become JSON
numbers (60, 2.5), as the schema declares and as answers are stored now; empty answers are removed.

Reversible in part: numbers go back to the texts they were (the same "60", "2.5" the old code wrote); empty
answers are not put back, as they held nothing and reading them back as absent is what "no answer" means now.
The functions are also used by mentoring's migration for the copies of the answers kept by stage outputs.
"""

from decimal import Decimal, InvalidOperation

from django.db import migrations


def _number_names(field_definitions):
    return {block["value"].get("name") for block in field_definitions or [] if block.get("type") == "number"}


def _is_empty(answer):
    if isinstance(answer, list):
        return all(map(_is_empty, answer))
    if isinstance(answer, dict):
        return all(map(_is_empty, answer.values()))
    return answer in (None, "", [], {})


def _as_number(text):
    try:
        value = Decimal(text)
    except (InvalidOperation, TypeError, ValueError):
        return text  # not a number the old code wrote: left as it is
    if not value.is_finite():
        return text
    return int(value) if value == value.to_integral_value() else float(value)


def _as_text(number):
    return format(Decimal(str(number)).normalize(), "f")


def typed(answers, field_definitions):
    """The answers with numbers as numbers and no empty answers."""
    numbers = _number_names(field_definitions)
    return {
        name: _as_number(value) if name in numbers and isinstance(value, str) else value
        for name, value in (answers or {}).items()
        if not _is_empty(value)
    }


def untyped(answers, field_definitions):
    """The answers with numbers as the texts the old code stored."""
    numbers = _number_names(field_definitions)
    return {
        name: _as_text(value) if name in numbers and isinstance(value, int | float) and not isinstance(value, bool)
        else value
        for name, value in (answers or {}).items()
    }


def convert(records, change, definitions_of):
    for record in records.iterator():
        answers = change(record.answers, definitions_of(record))
        if answers != record.answers:
            record.answers = answers
            record.save(update_fields=["answers"])


def forwards(apps, schema_editor):
    FilledForm = apps.get_model("forms_library", "FilledForm")
    convert(FilledForm.objects.only("answers", "field_definitions"), typed, lambda filled: filled.field_definitions)


def backwards(apps, schema_editor):
    FilledForm = apps.get_model("forms_library", "FilledForm")
    convert(FilledForm.objects.only("answers", "field_definitions"), untyped, lambda filled: filled.field_definitions)


class Migration(migrations.Migration):
    dependencies = [
        ("forms_library", "0002_filled_form_object_permissions"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
