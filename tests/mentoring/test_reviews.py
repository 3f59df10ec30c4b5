"""The review operations (mentoring/reviews.py), called directly as the views, the API, the demo and the scale
data call them: each refuses the wrong person and leaves nothing half done."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from wagtail.models import TaskState

from forms_library.models import FilledForm, FormTemplatePage
from mentoring import reviews
from mentoring.demo import demo_answers
from mentoring.models import Department, MentoringRelationship, StageOutput
from mentoring.permissions import VIEW_OUTPUT
from tests.reliability.conftest import site_state

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 3, 2)


@pytest.fixture
def relationship(users):
    return MentoringRelationship.objects.get(mentor=users["mentor"])


@pytest.fixture
def housing():
    return Department.objects.get(name="Housing")


def completed_form(owner, slug="calendar-of-sessions"):
    template = FormTemplatePage.objects.get(slug=slug, locale__language_code="en", alias_of__isnull=True)
    filled = FilledForm.start(template, owner)
    filled.answers = demo_answers(template.definitions, DAY)
    filled.status = FilledForm.Status.COMPLETE
    filled.save()
    return filled


def submit(user, relationship, filled, housing, **overrides):
    arguments = {"share_with_all": False, "target_departments": [housing], **overrides}
    return reviews.submit_output(user=user, relationship=relationship, filled_form=filled, **arguments)


def refused(exception, operation):
    """`operation` raises `exception` and changes nothing."""
    before = site_state()
    with pytest.raises(exception):
        operation()
    assert site_state() == before


@pytest.fixture
def in_mentor_review(users, relationship, housing):
    return submit(users["mentee"], relationship, completed_form(users["mentee"]), housing)


@pytest.fixture
def in_department_approval(users, in_mentor_review):
    reviews.decide(user=users["mentor"], output=in_mentor_review, action="approve")
    return in_mentor_review


def edit_an_answer(filled, text="Edited after the review."):
    """The author changes the first text answer of their form (as the fill page saves it)."""
    name = next(
        definition.name for definition in filled.definitions if isinstance(filled.answers.get(definition.name), str)
    )
    filled.answers = {**filled.answers, name: text}
    filled.save()


def task_name(output):
    return output.current_workflow_task_state.task.name


# Submitting


def test_a_participant_submits_an_output_into_the_mentors_review(users, relationship, housing):
    output = submit(users["mentee"], relationship, completed_form(users["mentee"]), housing)
    assert task_name(output) == "Mentor review"
    assert list(output.receiving_departments()) == [housing]
    assert users["mentor"].has_perm("forms_library.view_filledform", output.filled_form)


@pytest.mark.parametrize("outsider", ["staff", "reviewer", "other_mentor"])
def test_only_the_mentor_and_the_mentees_submit(users, relationship, housing, outsider):
    filled = completed_form(users[outsider])
    refused(PermissionDenied, lambda: submit(users[outsider], relationship, filled, housing))


@pytest.mark.parametrize(
    ("slug", "overrides", "field"),
    [
        ("evaluation", {}, "stage"),  # a form of stage 5, which has not started
        ("calendar-of-sessions", {"stage": 2}, "stage"),  # a stage the form does not belong to
        ("calendar-of-sessions", {"target_departments": []}, "__all__"),
    ],
)
def test_an_invalid_submission_stores_nothing(users, relationship, housing, slug, overrides, field):
    filled = completed_form(users["mentee"], slug)
    before = site_state()
    with pytest.raises(ValidationError) as error:
        submit(users["mentee"], relationship, filled, housing, **overrides)
    assert field in error.value.message_dict
    assert site_state() == before


def test_a_form_is_submitted_once_and_only_by_its_owner(users, relationship, housing, in_mentor_review):
    # Submitted already; and the mentor may not submit the mentee's form.
    refused(ValidationError, lambda: submit(users["mentee"], relationship, in_mentor_review.filled_form, housing))
    mentees_form = completed_form(users["mentee"])
    refused(ValidationError, lambda: submit(users["mentor"], relationship, mentees_form, housing))


def test_a_submission_failing_midway_stores_nothing(users, relationship, housing, monkeypatch):
    filled = completed_form(users["mentee"])

    def boom(output):
        raise RuntimeError("the workflow engine failed")

    monkeypatch.setattr("mentoring.reviews.permissions.grant_review_access", boom)
    refused(RuntimeError, lambda: submit(users["mentee"], relationship, filled, housing))


def test_only_the_author_submits_an_existing_output_for_review(users, in_mentor_review):
    in_mentor_review.current_workflow_state.cancel(user=users["mentee"])
    refused(PermissionDenied, lambda: reviews.submit_for_review(user=users["mentor"], output=in_mentor_review))


# Deciding


@pytest.mark.parametrize("someone", ["mentee", "reviewer", "staff", "other_mentor"])
def test_only_the_mentor_decides_the_mentor_review(users, in_mentor_review, someone):
    refused(PermissionDenied, lambda: reviews.decide(user=users[someone], output=in_mentor_review, action="approve"))


@pytest.mark.parametrize("someone", ["mentee", "mentor", "housing_reviewer", "staff"])
def test_only_the_departments_reviewers_approve(users, in_department_approval, someone):
    output = in_department_approval
    refused(PermissionDenied, lambda: reviews.decide(user=users[someone], output=output, action="approve"))


@pytest.mark.parametrize(("action", "comment"), [("reject", ""), ("reject", "   "), ("cancel", "x"), (None, "")])
def test_a_decision_needs_a_known_action_and_changes_need_a_comment(users, in_mentor_review, action, comment):
    output = in_mentor_review
    refused(
        ValidationError, lambda: reviews.decide(user=users["mentor"], output=output, action=action, comment=comment)
    )


def test_the_last_approval_publishes_to_the_departments(users, in_department_approval, housing):
    output = in_department_approval
    reviews.decide(user=users["reviewer"], output=output, action="approve")
    output.refresh_from_db()
    assert output.live
    assert users["staff"].has_perm(VIEW_OUTPUT, output)
    with pytest.raises(reviews.AlreadyDecided):
        reviews.decide(user=users["admin"], output=output, action="reject", comment="Too late")


def test_requesting_changes_gives_the_form_back_to_its_author(users, in_department_approval):
    output = in_department_approval
    reviews.decide(user=users["reviewer"], output=output, action="reject", comment="Add the dates.")
    assert output.current_workflow_state.status == "needs_changes"
    assert FilledForm.objects.get(pk=output.filled_form_id).status == FilledForm.Status.DRAFT


def test_requesting_changes_in_the_admin_gives_the_form_back_too(client, users, in_department_approval):
    """Wagtail's own workflow action (the dashboard's "Awaiting your review"), through the same task."""
    output = in_department_approval
    task_state = output.current_workflow_task_state
    client.force_login(users["reviewer"])
    url = reverse("wagtailsnippets_mentoring_stageoutput:workflow_action", args=(output.pk, "reject", task_state.pk))
    assert client.post(url, {"comment": "Add the dates."}).status_code == 302
    assert TaskState.objects.get(pk=task_state.pk).status == TaskState.STATUS_REJECTED
    assert FilledForm.objects.get(pk=output.filled_form_id).status == FilledForm.Status.DRAFT


def test_publishing_is_the_departments_reviewers_authority(users, in_department_approval):
    output = in_department_approval
    for someone in ["mentor", "mentee", "housing_reviewer"]:
        refused(
            PermissionDenied, lambda someone=someone: reviews.publish_to_departments(user=users[someone], output=output)
        )


# Resubmitting and withdrawing


@pytest.fixture
def changes_requested(users, in_mentor_review):
    reviews.decide(user=users["mentor"], output=in_mentor_review, action="reject", comment="More detail.")
    return in_mentor_review


def test_only_the_author_resubmits_a_completed_form(users, changes_requested):
    output = changes_requested
    refused(PermissionDenied, lambda: reviews.resubmit(user=users["mentor"], output=output))
    # The form is a draft again until its author completes it.
    refused(ValidationError, lambda: reviews.resubmit(user=users["mentee"], output=output))
    FilledForm.objects.filter(pk=output.filled_form_id).update(status=FilledForm.Status.COMPLETE)
    output.refresh_from_db()
    # Nothing changed since the review: refused until an answer changes.
    refused(ValidationError, lambda: reviews.resubmit(user=users["mentee"], output=output))
    edit_an_answer(output.filled_form)
    output.refresh_from_db()
    reviews.resubmit(user=users["mentee"], output=output)
    assert task_name(output) == "Mentor review"


def test_only_the_author_or_the_departments_reviewers_withdraw(users, relationship):
    output = StageOutput.objects.get(relationship=relationship, live=True)
    for someone in ["mentor", "staff", "housing_reviewer", "admin"]:
        refused(PermissionDenied, lambda someone=someone: reviews.withdraw(user=users[someone], output=output))
    reviews.withdraw(user=users["reviewer"], output=output)
    output.refresh_from_db()
    assert not output.live
    assert not users["staff"].has_perm(VIEW_OUTPUT, output)
    refused(PermissionDenied, lambda: reviews.withdraw(user=users["mentee"], output=output))
