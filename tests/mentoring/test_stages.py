"""A page per stage of a relationship: the guide's objectives and tools for it (its words, credited, in the
reader's language), the forms to fill, its sessions and outputs, and what is still missing; a stage is done when its
required outputs are approved and the mentor and each mentee confirmed it, which the audit log records."""

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import PermissionDenied, ValidationError
from wagtail.models import ModelLogEntry

from forms_library.models import FormTemplatePage
from mentoring import audit, progress
from mentoring.models import MentoringRelationship, StageConfirmation, StageRequirement
from tests.factories import RelationshipFactory, StageOutputFactory, form_template, mentee_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def relationship(users):
    return MentoringRelationship.objects.get(mentor=users["mentor"])


def page(client, user, relationship, number, language="en"):
    client.force_login(user)
    response = client.get(f"/{language}/mentoring/{relationship.pk}/stage/{number}/")
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_the_stage_page_shows_the_guides_objectives_and_tools_credited(client, users, relationship):
    html = page(client, users["mentee"], relationship, 1)
    objectives = [item.get_text(strip=True) for item in html.select(".stage-objectives li")]
    assert "Establishing a climate of mutual trust." in objectives
    assert len(objectives) == 4
    tools = [item.get_text(strip=True) for item in html.select(".stage-tools li")]
    assert "Suggested calendar of mentoring sessions" in tools
    assert "Q-SER Consortium" in html.select_one(".stage-guide .attribution").get_text()


def test_the_stage_page_is_in_the_readers_language(client, users, relationship):
    html = page(client, users["mentee"], relationship, 1, "de")
    objectives = [item.get_text(strip=True) for item in html.select(".stage-objectives li")]
    assert "Schaffung eines Klimas gegenseitigen Vertrauens." in objectives


def test_the_forms_of_the_stage_link_to_the_fill_view_for_this_relationship(client, users, relationship):
    html = page(client, users["mentee"], relationship, 1)
    links = [link["href"] for link in html.select(".stage-forms a")]
    calendar = FormTemplatePage.objects.get(slug="calendar-of-sessions", locale__language_code="en")
    assert f"{calendar.url}fill/?relationship={relationship.pk}&stage=1" in links


def test_the_stage_page_says_what_is_missing(client, users, relationship):
    html = page(client, users["mentor"], relationship, 1)
    missing = html.select_one(".stage-missing").get_text(" ", strip=True)
    assert "Stage 1: Mutual understanding: still missing" in missing
    assert "Partnership Agreement / Mentoring Contract: approved" in missing  # published in the cast
    assert "Jan Novák: not yet confirmed" in missing
    assert html.select_one(".stage-missing form button")  # the mentor may confirm


@pytest.mark.parametrize(
    "name, status", [("mentor", 200), ("mentee", 200), ("reviewer", 200), ("admin", 200), ("staff", 404)]
)
def test_who_sees_a_stage_page(client, users, relationship, name, status):
    client.force_login(users[name])
    assert client.get(f"/en/mentoring/{relationship.pk}/stage/2/").status_code == status


def test_a_stage_that_does_not_exist_is_not_found(client, users, relationship):
    client.force_login(users["mentor"])
    assert client.get(f"/en/mentoring/{relationship.pk}/stage/6/").status_code == 404


def test_only_participants_confirm_and_only_the_current_stage(client, users, relationship):
    client.force_login(users["reviewer"])
    assert client.post(f"/en/mentoring/{relationship.pk}/stage/1/").status_code == 403
    with pytest.raises(ValidationError):
        progress.confirm(user=users["mentee"], relationship=relationship, stage=2)
    with pytest.raises(PermissionDenied):
        progress.confirm(user=users["staff"], relationship=relationship, stage=1)
    client.force_login(users["mentee"])
    assert client.post(f"/en/mentoring/{relationship.pk}/stage/1/").status_code == 302
    assert StageConfirmation.objects.filter(relationship=relationship, stage=1, person=users["mentee"]).exists()


def test_a_stage_is_done_when_its_outputs_are_approved_and_everyone_confirmed(users):
    relationship = RelationshipFactory()
    mentor, mentee = relationship.mentor, mentee_of(relationship)
    # The editors require only the partnership agreement for stage 1 of one-on-one mentoring.
    agreement = FormTemplatePage.objects.get(slug="partnership-agreement", locale__language_code="en")
    requirement = StageRequirement.objects.create(mentoring_model="one_on_one", stage=1)
    requirement.templates.set([agreement])
    requirement.save()
    progress.confirm(user=mentor, relationship=relationship, stage=1)
    progress.confirm(user=mentee, relationship=relationship, stage=1)
    relationship.refresh_from_db()
    assert relationship.current_stage == 1  # the agreement is not approved yet
    status = progress.stage_status(relationship, 1)
    assert [page.slug for page in status["missing_outputs"]] == ["partnership-agreement"]
    assert status["missing_confirmations"] == []
    StageOutputFactory(
        relationship=relationship,
        author=mentee,
        filled_form__template=form_template("partnership-agreement"),
        state="published",
    )
    relationship.refresh_from_db()
    assert relationship.current_stage == 2
    entry = ModelLogEntry.objects.filter(action=audit.STAGE_DONE, object_id=str(relationship.pk)).get()
    assert entry.data == {"stage": 1}


def test_without_a_requirement_a_stage_needs_its_own_templates_but_never_the_diary(users):
    keys = progress.required_template_keys(4, "group")
    diary = FormTemplatePage.objects.get(slug="mentors-diary", locale__language_code="en")
    assert diary.translation_key not in keys
