"""The mentor's diary: in the report, notes the mentor "may also keep". Private to its author, never required
for a stage, submitted for review and published only when the author explicitly shares an entry."""

import datetime
import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from guardian.shortcuts import assign_perm

from forms_library import permissions as form_permissions
from forms_library.models import FilledForm, FormTemplatePage
from mentoring import progress, reviews
from mentoring.demo import demo_answers
from mentoring.models import Department, MentoringRelationship, StageConfirmation, StageOutput
from mentoring.permissions import VIEW_FILLED_FORM, shared_with_departments_of, stage_outputs_visible_to
from tests.test_api import bearer

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 3, 2)


@pytest.fixture
def relationship(users):
    # In stage 4, the diary's: an output's stage is its form's.
    MentoringRelationship.objects.filter(mentor=users["mentor"]).update(current_stage=4)
    return MentoringRelationship.objects.get(mentor=users["mentor"])


def template(slug):
    return FormTemplatePage.objects.get(slug=slug, locale__language_code="en", alias_of__isnull=True)


def completed(owner, slug="mentors-diary"):
    filled = FilledForm.start(template(slug), owner)
    filled.answers = demo_answers(filled.definitions, DAY)
    filled.status = FilledForm.Status.COMPLETE
    filled.save()
    return filled


def submit(user, relationship, filled, **extra):
    housing = Department.objects.get(name="Housing")
    return reviews.submit_output(
        user=user, relationship=relationship, filled_form=filled, target_departments=[housing], **extra
    )


@pytest.mark.parametrize("language", ["en", "el", "cs", "de", "es"])
def test_a_diary_is_private_from_its_start_and_other_forms_are_not(users, language):
    diary = FormTemplatePage.objects.get(slug="mentors-diary", locale__language_code=language, alias_of__isnull=True)
    assert FilledForm.start(diary, users["mentor"]).private
    scenario = FormTemplatePage.objects.get(
        slug="working-scenarios", locale__language_code=language, alias_of__isnull=True
    )
    assert not FilledForm.start(scenario, users["mentor"]).private


def test_the_diary_is_never_required_for_stage_4(relationship):
    required = progress.required_template_keys(4)
    assert template("mentors-diary").translation_key not in required
    assert template("swot-analysis").translation_key in required


def test_a_stage_counts_as_done_without_the_diary(users, relationship):
    relationship.current_stage = 4
    relationship.save()
    for person in progress.participants(relationship):
        StageConfirmation.objects.create(relationship=relationship, stage=4, person=person)
    for key in progress.required_template_keys(4):
        page = FormTemplatePage.objects.get(translation_key=key, locale__language_code="en")
        output = StageOutput.objects.create(
            relationship=relationship,
            stage=4,
            filled_form=completed(users["mentee"], page.slug),
            author=users["mentee"],
            title=page.title,
            live=True,
        )
        assert output.live
    progress.advance(relationship)
    relationship.refresh_from_db()
    assert relationship.current_stage == 5


def test_even_a_granted_permission_does_not_open_a_private_diary(users):
    diary = completed(users["mentor"])
    assign_perm(VIEW_FILLED_FORM, users["reviewer"], diary)
    assert form_permissions.can_view(users["mentor"], diary)
    for name in ["reviewer", "mentee", "admin"]:
        assert not form_permissions.can_view(users[name], diary)
        assert form_permissions.visible_filled_form(users[name], diary.pk) is None


def test_a_diary_is_not_submitted_without_the_mentors_explicit_choice(users, relationship):
    diary = completed(users["mentor"])
    with pytest.raises(ValidationError) as refusal:
        submit(users["mentor"], relationship, diary)
    assert "share_private" in refusal.value.message_dict
    diary.refresh_from_db()
    assert diary.private
    assert not StageOutput.objects.filter(filled_form=diary).exists()


def test_a_shared_entry_goes_to_review_and_is_no_longer_private(users, relationship):
    diary = completed(users["mentor"])
    output = submit(users["mentor"], relationship, diary, share_private=True)
    diary.refresh_from_db()
    assert not diary.private
    assert output.workflow_in_progress
    assert stage_outputs_visible_to(users["reviewer"]).filter(pk=output.pk).exists()
    assert form_permissions.can_view(users["reviewer"], diary)


def test_an_output_of_private_notes_is_seen_by_its_author_alone(users, relationship):
    """A diary submitted before the notes became private (the data migration) reaches no one else."""
    # The mentor's own output passes the mentor review (nobody reviews their own work).
    output = submit(users["mentor"], relationship, completed(users["mentor"]), share_private=True)
    reviews.decide(user=users["reviewer"], output=output, action="approve")
    output.refresh_from_db()
    assert output.live
    assert shared_with_departments_of(users["staff"]).filter(pk=output.pk).exists()

    FilledForm.objects.filter(pk=output.filled_form_id).update(private=True)

    assert stage_outputs_visible_to(users["mentor"]).filter(pk=output.pk).exists()
    for name in ["mentee", "reviewer", "staff", "admin"]:
        assert not stage_outputs_visible_to(users[name]).filter(pk=output.pk).exists()
    assert not shared_with_departments_of(users["staff"]).filter(pk=output.pk).exists()


def test_the_site_asks_for_the_choice_and_says_why(client, users, relationship):
    diary = completed(users["mentor"])
    client.force_login(users["mentor"])
    url = f"/en/mentoring/{relationship.pk}/outputs/new/"
    housing = Department.objects.get(name="Housing").pk
    data = {"filled_form": diary.pk, "target_departments": [housing]}

    refused = client.post(url, data)
    assert refused.status_code == 400
    assert "holds your private notes" in refused.content.decode()
    assert not StageOutput.objects.filter(filled_form=diary).exists()

    assert client.post(url, {**data, "share_private": "on"}).status_code == 302
    assert StageOutput.objects.filter(filled_form=diary).exists()


def test_the_api_says_a_diary_is_private(client, users):
    diary = completed(users["mentor"])
    client.force_login(users["mentor"])
    body = client.get(f"/api/forms/mine/{diary.pk}/").json()
    assert body["private"] is True
    assert body["provenance"]["source_kind"] == "note"
    client.force_login(users["mentee"])
    assert client.get(f"/api/forms/mine/{diary.pk}/").status_code == 404


def test_the_data_migration_keeps_existing_diaries_and_makes_them_private(users):
    diary = completed(users["mentor"])
    scenario = completed(users["mentor"], "working-scenarios")
    FilledForm.objects.filter(pk=diary.pk).update(private=False)
    migration = importlib.import_module("forms_library.migrations.0006_private_personal_notes")

    migration.make_diaries_private(apps, None)

    diary.refresh_from_db()
    scenario.refresh_from_db()
    assert diary.private and diary.answers
    assert not scenario.private


def test_the_api_submits_a_diary_only_with_the_explicit_choice(client, users, relationship):
    diary = completed(users["mentor"])
    housing = Department.objects.get(name="Housing").pk
    payload = {
        "relationship_id": relationship.pk,
        "filled_form_id": diary.pk,
        "target_department_ids": [housing],
    }
    headers = bearer("mentor")

    refused = client.post("/api/outputs/", payload, content_type="application/json", **headers)
    assert refused.status_code == 422
    assert any(entry["loc"][-1] == "share_private" for entry in refused.json()["errors"])
    assert not StageOutput.objects.filter(filled_form=diary).exists()
    diary.refresh_from_db()
    assert diary.private

    # The mentee cannot submit the mentor's diary, whatever they tick.
    other = client.post(
        "/api/outputs/", {**payload, "share_private": True}, content_type="application/json", **bearer("mentee")
    )
    assert other.status_code == 422
    assert not StageOutput.objects.filter(filled_form=diary).exists()

    shared = client.post(
        "/api/outputs/", {**payload, "share_private": True}, content_type="application/json", **headers
    )
    assert shared.status_code == 201, shared.content
    assert StageOutput.objects.get(pk=shared.json()["id"]).filled_form_id == diary.pk
