"""filling.py: the operations check permission themselves and validate, whichever way in calls them."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.utils.datastructures import MultiValueDict

from forms_library import filling
from forms_library.models import FilledForm, FormTemplatePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def swot():
    return FormTemplatePage.objects.get(locale__language_code="cs", slug="swot-analysis", alias_of__isnull=True)


def user(username):
    return get_user_model().objects.get(username=username)


def data(**answers):
    return MultiValueDict({name: [value] for name, value in answers.items()})


def test_start_needs_a_signed_in_user(swot):
    with pytest.raises(PermissionDenied):
        filling.start(user=AnonymousUser(), template=swot, data=data(subject="x"))
    assert not FilledForm.objects.filter(template=swot, answers__subject="x").exists()


def test_a_draft_is_started_saved_and_completed_by_its_owner(swot):
    staff = user("staff")
    filled = filling.start(user=staff, template=swot, data=data(subject="Přepážka"))
    assert (filled.status, filled.language, filled.answers) == ("draft", "cs", {"subject": "Přepážka"})

    with pytest.raises(filling.AnswersInvalid) as refused:
        filling.complete(user=staff, filled_form=filled, data=data(subject="Přepážka"))
    assert "swot" in refused.value.form.errors  # required when completing
    filled.refresh_from_db()
    assert filled.status == FilledForm.Status.DRAFT

    filling.save_draft(user=staff, filled_form=filled, data=data(subject="Bydlení"))
    filled.refresh_from_db()
    assert filled.answers == {"subject": "Bydlení"}

    answers = data(subject="Bydlení", analysis_date="2026-12-01", swot_0="Trpělivost", next_steps="Školení")
    completed = filling.complete(user=staff, filled_form=filled, data=answers)
    assert completed.status == FilledForm.Status.COMPLETE
    assert completed.answers["swot"]["strengths"] == "Trpělivost"


@pytest.mark.parametrize("who", ["mentor", "owner of a completed form"])
def test_only_the_owner_changes_a_form_and_only_while_it_is_a_draft(swot, who):
    staff = user("staff")
    filled = filling.start(user=staff, template=swot, data=data(subject="Přepážka"))
    if who == "mentor":
        someone = user("mentor")
    else:
        FilledForm.objects.filter(pk=filled.pk).update(status=FilledForm.Status.COMPLETE)
        someone = staff
    with pytest.raises(PermissionDenied):
        filling.save_draft(user=someone, filled_form=filled, data=data(subject="Changed"))
    filled.refresh_from_db()
    assert filled.answers == {"subject": "Přepážka"}
