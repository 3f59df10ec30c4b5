"""The copies of the answers that stage outputs keep, in their declared types (forms_library's migration 0003
says what and why, and how far it is reversible)."""

from importlib import import_module

from django.db import migrations

answer_types = import_module("forms_library.migrations.0003_answers_in_their_declared_types")


def _outputs(apps):
    StageOutput = apps.get_model("mentoring", "StageOutput")
    return StageOutput.objects.select_related("filled_form").only("answers", "filled_form__field_definitions")


def _definitions(output):
    return output.filled_form.field_definitions


def forwards(apps, schema_editor):
    answer_types.convert(_outputs(apps), answer_types.typed, _definitions)


def backwards(apps, schema_editor):
    answer_types.convert(_outputs(apps), answer_types.untyped, _definitions)


class Migration(migrations.Migration):
    dependencies = [
        ("mentoring", "0006_user_time_zone"),
        ("forms_library", "0003_answers_in_their_declared_types"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
