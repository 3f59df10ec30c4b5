import threading

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.db import connection
from wagtail.models import ModelLogEntry, TaskState

from forms_library.models import FilledForm
from mentoring.models import Department, MentoringRelationship, StageOutput
from tests.conftest import translated
from tests.mentoring.conftest import complete_filled_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def relationship(users):
    return MentoringRelationship.objects.get(mentor=users["mentor"])


def submit(client, relationship, filled, departments=("Housing",), stage=None):
    targets = [Department.objects.get(name=name).pk for name in departments]
    # The stage is the form's; one posted anyway (as an old page would) is ignored.
    extra = {} if stage is None else {"stage": stage}
    response = client.post(
        f"/en/mentoring/{relationship.pk}/outputs/new/",
        {"filled_form": filled.pk, "target_departments": targets, **extra},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    return StageOutput.objects.get(filled_form=filled)


def decide(client, user, output, action, comment=""):
    client.force_login(user)
    return client.post(f"/en/mentoring/outputs/{output.pk}/review/", {"action": action, "comment": comment})


def visible(client, user, output):
    """What a user reaches of an output: its page, its Word file, and whether a listing shows it."""
    if user is None:
        client.logout()
    else:
        client.force_login(user)
    page = client.get(f"/en/mentoring/outputs/{output.pk}/").status_code
    download = client.get(f"/en/mentoring/outputs/{output.pk}/docx/").status_code
    # Listed by its link: its title is read in the reader's language (the template's English title here).
    link = f'href="/en/mentoring/outputs/{output.pk}/"'
    shared = link in client.get("/en/mentoring/shared/").content.decode() if user else False
    return page, download, shared


def test_an_output_travels_from_a_draft_to_housing(client, users, relationship):
    filled = complete_filled_form(client, users["mentee"], "mutual-understanding", text="Path")
    mail.outbox.clear()
    output = submit(client, relationship, filled)
    assert output.current_workflow_task_state.task.name == "Mentor review"
    assert [m.to for m in mail.outbox] == [[users["mentor"].email]]
    assert FilledForm.objects.get(pk=filled.pk).status == FilledForm.Status.COMPLETE

    assert decide(client, users["mentor"], output, "approve").status_code == 302
    output.refresh_from_db()
    assert output.current_workflow_task_state.task.name == "Department approval"
    assert users["reviewer"].email in [address for m in mail.outbox for address in m.to]
    assert not output.live
    assert visible(client, users["staff"], output) == (404, 404, False)

    assert decide(client, users["reviewer"], output, "approve", "Good for Housing.").status_code == 302
    output.refresh_from_db()
    assert output.live
    assert visible(client, users["staff"], output) == (200, 200, True)
    actions = list(ModelLogEntry.objects.filter(object_id=str(output.pk)).values_list("action", flat=True))
    for action in ["wagtail.workflow.start", "wagtail.workflow.approve", "wagtail.publish"]:
        assert action in actions


def test_permission_edges_before_and_after_publication(client, users, relationship):
    filled = complete_filled_form(client, users["mentee"], "calendar-of-sessions", text="Edges")
    output = submit(client, relationship, filled)
    in_review = {
        "mentee": (200, 200, False),
        "mentor": (200, 200, False),
        "reviewer": (200, 200, False),
        "other_mentor": (404, 404, False),
        "housing_reviewer": (404, 404, False),
        "staff": (404, 404, False),
        "editor": (404, 404, False),
    }
    for name, expected in in_review.items():
        assert visible(client, users[name], output) == expected, name
    assert visible(client, None, output)[:2] == (302, 302)

    decide(client, users["mentor"], output, "approve")
    decide(client, users["reviewer"], output, "approve")
    assert visible(client, users["staff"], output) == (200, 200, True)
    assert visible(client, users["housing_reviewer"], output) == (200, 200, True)
    assert visible(client, users["other_mentor"], output) == (404, 404, False)
    # Outputs are not pages: site search never leads to them.
    client.force_login(users["other_mentor"])
    html = BeautifulSoup(client.get("/en/search/", {"q": output.title}).content, "html.parser")
    assert not [a["href"] for a in html.select(".search-results a") if "/mentoring/" in a["href"]]


def test_only_the_mentor_reviews_first_and_only_own_department_approves(client, users, relationship):
    filled = complete_filled_form(client, users["mentee"], "mutual-understanding")
    output = submit(client, relationship, filled)
    assert decide(client, users["other_mentor"], output, "approve").status_code == 404
    assert decide(client, users["reviewer"], output, "approve").status_code == 403
    decide(client, users["mentor"], output, "approve")
    assert decide(client, users["housing_reviewer"], output, "approve").status_code == 404
    assert decide(client, users["mentor"], output, "approve").status_code == 403
    output.refresh_from_db()
    assert not output.live


def test_changes_requested_keeps_the_answers_and_resubmission_restarts_review(client, users, relationship):
    # A form of stage 3 (the stage is the form's): the relationship has reached it.
    MentoringRelationship.objects.filter(pk=relationship.pk).update(current_stage=3)
    filled = complete_filled_form(client, users["mentee"], "working-scenarios", text="Keep")
    answers = dict(filled.answers)
    output = submit(client, relationship, filled)
    decide(client, users["mentor"], output, "approve")
    mail.outbox.clear()
    users["mentee"].preferred_language = "cs"
    users["mentee"].save()
    response = decide(client, users["reviewer"], output, "reject", "Add the outcome.")
    assert response.status_code == 302
    filled.refresh_from_db()
    assert filled.answers == answers
    assert filled.status == FilledForm.Status.DRAFT
    message = mail.outbox[-1]
    assert message.to == [users["mentee"].email]
    assert "Add the outcome." in message.body
    assert translated("Comment:", "cs") in message.body

    # The author sees the comment, edits the form, completes it and resubmits.
    client.force_login(users["mentee"])
    page = client.get(f"/en/mentoring/outputs/{output.pk}/").content.decode()
    assert "Add the outcome." in page
    edit_url = f"/en/forms/mine/{filled.pk}/"
    data = {name: value for name, value in answers.items() if isinstance(value, str)}
    data["expected_outcome"] = "A clearer outcome."
    assert client.post(edit_url, {**data, "action": "complete"}).status_code == 302
    assert client.post(f"/en/mentoring/outputs/{output.pk}/resubmit/").status_code == 302
    output.refresh_from_db()
    assert output.current_workflow_task_state.task.name == "Mentor review"
    assert output.answers["expected_outcome"] == "A clearer outcome."
    revisions = list(output.revisions.order_by("created_at"))
    assert len(revisions) >= 2
    assert revisions[0].content["answers"] != revisions[-1].content["answers"]


def test_filled_form_is_locked_while_in_review(client, users, relationship):
    filled = complete_filled_form(client, users["mentee"], "calendar-of-sessions")
    submit(client, relationship, filled)
    client.force_login(users["mentee"])
    assert (
        client.post(f"/en/forms/mine/{filled.pk}/", {"action": "save_draft", "subject": "Changed"}).status_code == 403
    )


def test_withdrawing_publication_removes_access(client, users, relationship):
    output = StageOutput.objects.get(relationship=relationship, live=True)
    assert visible(client, users["staff"], output) == (200, 200, True)
    client.force_login(users["mentee"])
    assert client.post(f"/en/mentoring/outputs/{output.pk}/withdraw/").status_code == 302
    output.refresh_from_db()
    assert not output.live
    assert visible(client, users["staff"], output) == (404, 404, False)


def test_reviewer_comment_and_rejection_are_required_together(client, users, relationship):
    filled = complete_filled_form(client, users["mentee"], "mutual-understanding")
    output = submit(client, relationship, filled)
    response = decide(client, users["mentor"], output, "reject", "")
    assert response.status_code == 400
    output.refresh_from_db()
    assert output.current_workflow_state.status == "in_progress"


def test_second_decision_on_a_decided_task_changes_nothing(client, users, relationship):
    filled = complete_filled_form(client, users["mentee"], "partnership-agreement")
    output = submit(client, relationship, filled)
    decide(client, users["mentor"], output, "approve")
    second_reviewer = users["admin"]
    decide(client, users["reviewer"], output, "approve")
    response = decide(client, second_reviewer, output, "reject", "Too late")
    assert response.status_code == 302
    output.refresh_from_db()
    assert output.live
    assert TaskState.objects.for_instance(output).filter(status="rejected").count() == 0


@pytest.mark.django_db(transaction=True)
def test_two_reviewers_at_once_leave_one_consistent_state(committed_world, users):
    """Real row locks need PostgreSQL (CI runs the suite there too)."""
    if connection.vendor != "postgresql":
        pytest.skip("row locks are only real on PostgreSQL")
    from django.test import Client

    relationship = MentoringRelationship.objects.get(mentor=users["mentor"])
    setup_client = Client()
    filled = complete_filled_form(setup_client, users["mentee"], "calendar-of-sessions", text="Race")
    output = submit(setup_client, relationship, filled)
    decide(setup_client, users["mentor"], output, "approve")
    barrier = threading.Barrier(2)
    results = []

    def review(user, action):
        client = Client()
        client.force_login(user)
        barrier.wait()
        results.append(
            client.post(f"/en/mentoring/outputs/{output.pk}/review/", {"action": action, "comment": "x"}).status_code
        )
        connection.close()

    threads = [
        threading.Thread(target=review, args=args)
        for args in [(users["reviewer"], "approve"), (users["admin"], "reject")]
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    output.refresh_from_db()
    decided = (
        TaskState.objects.for_instance(output).filter(task__name="Department approval").exclude(status="in_progress")
    )
    assert decided.count() == 1
    assert output.live == (decided.get().status == "approved")


def test_revisions_of_an_output_are_compared_in_the_admin(client, users, relationship):
    output = StageOutput.objects.get(relationship=relationship, live=True)
    output.answers = {**output.answers, "goals": "Changed goals"}
    output.save_revision(user=users["mentee"])
    first, last = output.revisions.order_by("created_at")[0], output.revisions.order_by("-created_at")[0]
    client.force_login(users["admin"])
    assert client.get(f"/admin/snippets/mentoring/stageoutput/history/{output.pk}/").status_code == 200
    compare = client.get(
        f"/admin/snippets/mentoring/stageoutput/history/{output.pk}/revisions/compare/{first.pk}...{last.pk}/"
    )
    assert compare.status_code == 200
