"""What "My forms" says each form is for (mentoring.stage_forms.descriptions), built from values rows: the same
text as `describe` gives from the relationship's model, for each kind of tie."""

import pytest
from django.utils import translation

from forms_library.models import FilledForm
from mentoring.models import StageForm
from mentoring.stage_forms import describe, descriptions
from tests.factories import FilledFormFactory, MemberFactory, RelationshipFactory, StageOutputFactory, form_template

pytestmark = pytest.mark.django_db


def _relationship():
    named = MemberFactory(first_name="Alena", last_name="Nováková")
    unnamed = MemberFactory(first_name="", last_name="")
    relationship = RelationshipFactory(mentees=[unnamed, named])
    return relationship, named


def test_a_form_started_for_a_stage_says_its_relationship_and_stage_as_describe_does():
    relationship, mentee = _relationship()
    draft = FilledFormFactory(owner=mentee, template=form_template("partnership-agreement", "cs"))
    StageForm.objects.create(filled_form=draft, relationship=relationship, stage=1)
    with translation.override("cs"):
        described = descriptions(mentee)
        assert described == {draft.pk: describe(relationship, 1)}
    # Both mentees, the one without a name by their username.
    assert mentee.get_full_name() in described[draft.pk]
    assert all(person.username in described[draft.pk] for person in relationship.mentees.filter(first_name=""))


def test_a_submitted_output_says_its_own_stage_over_the_stage_it_was_started_for():
    relationship, mentee = _relationship()
    output = StageOutputFactory(
        relationship=relationship, author=mentee, filled_form__template=form_template("mutual-understanding", "cs")
    )
    started_for = output.stage % 5 + 1
    StageForm.objects.create(filled_form=output.filled_form, relationship=relationship, stage=started_for)
    with translation.override("de"):
        assert descriptions(mentee) == {output.filled_form.pk: describe(relationship, output.stage)}


def test_another_persons_forms_and_untied_forms_are_not_described():
    relationship, mentee = _relationship()
    other = FilledFormFactory(owner=relationship.mentor, template=form_template("partnership-agreement", "cs"))
    StageForm.objects.create(filled_form=other, relationship=relationship, stage=1)
    FilledFormFactory(owner=mentee, template=form_template("partnership-agreement", "cs"))
    assert FilledForm.objects.filter(owner=mentee).exists()
    assert descriptions(mentee) == {}
