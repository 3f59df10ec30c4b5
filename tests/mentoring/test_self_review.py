"""Nobody reviews their own work: an output's author is never offered a step of its review, whichever way in (the
site's review form, the Wagtail admin's workflow actions and its "Awaiting your review" dashboard, the API).
An output the mentor wrote passes the mentor's review, and one a department reviewer wrote goes to another
reviewer, or to the moderators when there is none; the audit log says why. Every role is asked."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from wagtail.models import ModelLogEntry, TaskState

from mentoring import audit, reviews
from mentoring.models import DepartmentApprovalTask, MentoringRelationship, MentorReviewTask, StageOutput
from mentoring.permissions import stage_outputs_visible_to
from tests.factories import ReviewerFactory
from tests.mentoring.conftest import complete_filled_form
from tests.mentoring.test_stage_outputs import submit
from tests.test_api import bearer

pytestmark = pytest.mark.django_db


@pytest.fixture
def relationship(users):
    return MentoringRelationship.objects.get(mentor=users["mentor"])


@pytest.fixture
def second_reviewer(relationship):
    return ReviewerFactory(username="second_reviewer", department=relationship.department)


def submitted_by(client, author, relationship, slug="calendar-of-sessions"):
    """An output its author submitted on the site."""
    filled = complete_filled_form(client, author, slug)
    return submit(client, relationship, filled)


def step(output):
    output = StageOutput.objects.get(pk=output.pk)
    return output.current_workflow_task_state


def log_entries(output, action):
    return ModelLogEntry.objects.filter(object_id=str(output.pk), action=action)


def offered(user, output):
    """The decisions the output's current step offers the user (as the site, the admin and the API ask)."""
    task_state = step(output)
    return [name for name, _label, _modal in task_state.task.specific.get_actions(output, user)]


def refused_everywhere(client, user, output):
    """The user's decision is refused on the site, in the admin and through the API, and nothing changes."""
    task_state = step(output)
    client.force_login(user)
    page = client.get(f"/en/mentoring/outputs/{output.pk}/")
    assert page.status_code == 200
    assert page.context["review_form"] is None
    assert 'name="action"' not in page.content.decode()
    site = client.post(f"/en/mentoring/outputs/{output.pk}/review/", {"action": "approve"})
    assert site.status_code == 403
    admin_url = reverse(
        "wagtailsnippets_mentoring_stageoutput:workflow_action", args=(output.pk, "approve", task_state.pk)
    )
    client.post(admin_url, {"comment": ""})
    api = client.post(
        f"/api/outputs/{output.pk}/review/",
        {"action": "approve"},
        content_type="application/json",
        **bearer(user.username),
    )
    assert api.status_code == 403
    assert api["Content-Type"].startswith("application/problem+json")
    assert TaskState.objects.get(pk=task_state.pk).status == TaskState.STATUS_IN_PROGRESS
    task = task_state.task.specific
    assert not task.user_can_access_editor(output, user)
    assert task.locked_for_user(output, user)
    assert task_state.pk not in task.get_task_states_user_can_moderate(user).values_list("pk", flat=True)
    with pytest.raises(PermissionDenied):
        task.on_action(task_state, user, "approve")


# The mentor's own output


def test_an_output_the_mentor_wrote_passes_the_mentor_review_and_the_log_says_why(client, users, relationship):
    mail.outbox.clear()
    output = submitted_by(client, users["mentor"], relationship)
    assert isinstance(step(output).task.specific, DepartmentApprovalTask)
    skipped = TaskState.objects.for_instance(output).get(task__in=MentorReviewTask.objects.all())
    assert skipped.status == TaskState.STATUS_SKIPPED
    assert skipped.finished_by is None
    entry = log_entries(output, audit.MENTOR_REVIEW_SKIPPED).get()
    assert "nobody reviews their own work" in entry.message
    # Nobody but the department's reviewers is asked to review it: not its author.
    assert {address for message in mail.outbox for address in message.to} == {users["reviewer"].email}
    # The history on the page says it in our words.
    client.force_login(users["mentor"])
    page = client.get(f"/en/mentoring/outputs/{output.pk}/").content.decode()
    assert "Skipped: nobody reviews their own work" in page


def test_the_mentor_cannot_decide_their_own_output_any_way_in(client, users, relationship):
    output = submitted_by(client, users["mentor"], relationship)
    refused_everywhere(client, users["mentor"], output)


@pytest.mark.parametrize(
    ("role", "decides"),
    [
        ("mentee", False),
        ("mentor", False),  # the author
        ("reviewer", True),
        ("second_reviewer", True),
        ("editor", False),  # a moderator, when the department has its reviewers
        ("admin", True),
    ],
)
def test_who_decides_the_department_approval_of_the_mentors_output(
    client, users, relationship, second_reviewer, role, decides
):
    output = submitted_by(client, users["mentor"], relationship)
    user = second_reviewer if role == "second_reviewer" else users[role]
    assert bool(offered(user, output)) is decides


# A reviewer's own output


@pytest.fixture
def reviewer_as_mentee(users, relationship):
    relationship.mentees.add(users["reviewer"])
    relationship.save()  # a ParentalManyToManyField writes on save
    return users["reviewer"]


@pytest.fixture
def reviewers_output_in_approval(client, users, relationship, reviewer_as_mentee):
    output = submitted_by(client, reviewer_as_mentee, relationship)
    reviews.decide(user=users["mentor"], output=StageOutput.objects.get(pk=output.pk), action="approve")
    assert isinstance(step(output).task.specific, DepartmentApprovalTask)
    return StageOutput.objects.get(pk=output.pk)


def test_a_reviewers_output_goes_to_another_reviewer(client, users, second_reviewer, reviewers_output_in_approval):
    output = reviewers_output_in_approval
    assert offered(users["reviewer"], output) == []
    assert offered(second_reviewer, output)
    assert offered(users["editor"], output) == []
    entry = log_entries(output, audit.APPROVAL_BY_OTHERS).get()
    assert "another reviewer" in entry.message
    refused_everywhere(client, users["reviewer"], output)
    # The other reviewer decides it on the site.
    client.force_login(second_reviewer)
    assert client.post(f"/en/mentoring/outputs/{output.pk}/review/", {"action": "approve"}).status_code == 302
    assert StageOutput.objects.get(pk=output.pk).live


def test_the_only_reviewers_output_goes_to_the_moderators(client, users, reviewers_output_in_approval):
    output = reviewers_output_in_approval
    entry = log_entries(output, audit.APPROVAL_BY_OTHERS).get()
    assert "the moderators approve" in entry.message
    assert offered(users["reviewer"], output) == []
    assert offered(users["editor"], output)
    refused_everywhere(client, users["reviewer"], output)
    # The moderator finds it waiting on the dashboard, reads it and decides it on the site.
    task_state = step(output)
    moderate = task_state.task.specific.get_task_states_user_can_moderate(users["editor"])
    assert task_state.pk in moderate.values_list("pk", flat=True)
    client.force_login(users["editor"])
    assert client.get(f"/en/mentoring/outputs/{output.pk}/").status_code == 200
    response = client.post(
        f"/en/mentoring/outputs/{output.pk}/review/", {"action": "reject", "comment": "Name the partner."}
    )
    assert response.status_code == 302
    assert StageOutput.objects.get(pk=output.pk).current_workflow_state.status == "needs_changes"


def test_the_moderators_see_only_the_outputs_they_approve(client, users, relationship):
    output = submitted_by(client, users["mentee"], relationship)
    assert not stage_outputs_visible_to(users["editor"]).filter(pk=output.pk).exists()


# The superuser's own output


def test_a_superuser_does_not_decide_their_own_output(client, users, relationship):
    relationship.mentees.add(users["admin"])
    relationship.save()
    output = submitted_by(client, users["admin"], relationship)
    reviews.decide(user=users["mentor"], output=StageOutput.objects.get(pk=output.pk), action="approve")
    output = StageOutput.objects.get(pk=output.pk)
    assert offered(users["admin"], output) == []
    assert offered(users["reviewer"], output)
    with pytest.raises(PermissionDenied):
        reviews.decide(user=users["admin"], output=output, action="approve")


# The API's way in


def test_the_api_submission_by_the_mentor_says_where_the_review_goes(client, users, relationship):
    filled = complete_filled_form(client, users["mentor"], "calendar-of-sessions")
    housing = relationship.department.__class__.objects.get(name="Housing")
    payload = {"relationship_id": relationship.pk, "filled_form_id": filled.pk, "target_department_ids": [housing.pk]}
    response = client.post("/api/outputs/", payload, content_type="application/json", **bearer("mentor"))
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["stage"] == 1
    assert body["review_step"] == "Department approval"
    output = StageOutput.objects.get(pk=body["id"])
    refused_everywhere(client, users["mentor"], output)
    approved = client.post(
        f"/api/outputs/{output.pk}/review/",
        {"action": "approve"},
        content_type="application/json",
        **bearer("reviewer"),
    )
    assert approved.status_code == 200
    assert StageOutput.objects.get(pk=output.pk).live
