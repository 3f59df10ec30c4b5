import pytest
from django.core.exceptions import ValidationError

from forms_library.kinds import FormFieldsBlock
from forms_library.models import FormTemplatePage
from tests.factories import EditorFactory

pytestmark = pytest.mark.django_db


def fields_value(*names):
    block = FormFieldsBlock()
    return block.to_python(
        [
            {"type": "short_text", "value": {"label": f"Field {n}", "name": n, "help_text": "", "required": False}}
            for n in names
        ]
    )


def test_machine_names_must_be_unique_within_a_form():
    block = FormFieldsBlock()
    assert len(block.clean(fields_value("a", "b"))) == 2
    with pytest.raises(ValidationError):
        block.clean(fields_value("goals", "goals"))


def test_machine_name_must_be_a_lower_case_identifier():
    with pytest.raises(ValidationError):
        FormFieldsBlock().clean(fields_value("Goals and Aims"))


def test_machine_names_are_the_same_in_every_language_while_labels_are_translated():
    english = FormTemplatePage.objects.get(locale__language_code="en", slug="partnership-agreement")
    greek = FormTemplatePage.objects.get(locale__language_code="el", slug="partnership-agreement")
    assert [d.name for d in greek.definitions] == [d.name for d in english.definitions]
    assert [d.label for d in greek.definitions] != [d.label for d in english.definitions]
    english_choices = [c for d in english.definitions for c in d.choices]
    greek_choices = [c for d in greek.definitions for c in d.choices]
    assert [choice_id for choice_id, _text in greek_choices] == [choice_id for choice_id, _text in english_choices]


def test_editor_opens_a_form_template_in_the_admin(client):
    client.force_login(EditorFactory())
    page = FormTemplatePage.objects.get(locale__language_code="en", slug="swot-analysis")
    response = client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    assert "swot_grid" in response.content.decode()
