"""The data migration that puts answers stored before the API kept types into their declared types: numbers
stored as texts become numbers, empty answers (signature rows never sent) go; reversed, numbers are texts again."""

from importlib import import_module

import pytest
from django.apps import apps

from forms_library.records import FilledForm
from mentoring.models import StageOutput
from tests.factories import FilledFormFactory, FormTemplatePageFactory, StageOutputFactory, form_field

pytestmark = pytest.mark.django_db

answer_types = import_module("forms_library.migrations.0003_answers_in_their_declared_types")
outputs_migration = import_module("mentoring.migrations.0007_output_answers_in_their_declared_types")

OLD = {
    "minutes": "60",
    "hours": "2.5",
    "subject": "60",  # a text field: its answer stays a text
    "signatures": [["", "", ""], ["", "", ""]],
}
TYPED = {"minutes": 60, "hours": 2.5, "subject": "60"}


@pytest.fixture
def template():
    return FormTemplatePageFactory(
        fields=[
            ("short_text", form_field("Subject", "subject")),
            ("number", form_field("Minutes", "minutes")),
            ("number", form_field("Hours", "hours")),
            ("signatures", form_field("Signatures", "signatures", signatories=["Mentor", "Mentee"])),
        ]
    )


def test_numbers_become_numbers_and_empty_answers_go_in_filled_forms_and_outputs(template):
    filled = FilledFormFactory(template=template, answers=OLD)
    output = StageOutputFactory(filled_form=FilledFormFactory(template=template, answers=OLD), answers=OLD)
    answer_types.forwards(apps, None)
    outputs_migration.forwards(apps, None)
    assert FilledForm.objects.get(pk=filled.pk).answers == TYPED
    assert StageOutput.objects.get(pk=output.pk).answers == TYPED
    stored = FilledForm.objects.get(pk=filled.pk).answers
    assert type(stored["minutes"]) is int and type(stored["hours"]) is float

    answer_types.backwards(apps, None)
    outputs_migration.backwards(apps, None)
    reversed_answers = {name: value for name, value in OLD.items() if name != "signatures"}
    assert FilledForm.objects.get(pk=filled.pk).answers == reversed_answers
    assert StageOutput.objects.get(pk=output.pk).answers == reversed_answers


def test_what_is_no_number_the_old_code_wrote_is_left_as_it_is(template):
    definitions = template.fields.get_prep_value()
    assert answer_types.typed({"minutes": "about an hour", "hours": "NaN"}, definitions) == {
        "minutes": "about an hour",
        "hours": "NaN",
    }
    assert answer_types.typed(TYPED, definitions) == TYPED  # already typed: unchanged
