"""Many people at once: parallel submissions, two moderators or reviewers deciding at the same moment,
forms saved and submitted from two tabs, and Word exports while all that is written.

Each thread is a real request with its own database connection; the threads are released together and
joined with a time limit. A deadlock, a lock wait beyond LOCK_TIMEOUT or a thread still running fails
the test, and so does any error a request raises. Real row locks and parallel connections need PostgreSQL
(CI runs the suite there too); SQLite takes one writer at a time.
"""

import datetime
import io
import threading
import time

import docx
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from wagtail.models import PageLogEntry, TaskState, WorkflowState

from forms_library.models import FilledForm, FormTemplatePage
from mentoring.models import Department, MentoringRelationship, StageConfirmation, StageOutput
from mentoring.permissions import VIEW_OUTPUT
from practices.models import PracticePage
from practices.moderation import SUBMISSIONS_PER_HOUR
from tests.conftest import Client
from tests.factories import PracticePageFactory
from tests.forms_library.helpers import sample_post
from tests.mentoring.conftest import complete_filled_form
from tests.mentoring.test_stage_outputs import decide, submit
from tests.practices.conftest import practice_data

from .conftest import moderate_in_admin

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks are only real on PostgreSQL"),
]

LOCK_TIMEOUT = "20s"
JOIN_TIMEOUT = 120


def run_at_once(*calls):
    """Run each call in its own thread, all released together; their results, in order."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)
    errors = []

    def run(index, call):
        try:
            with connection.cursor() as cursor:
                # A lock waited for longer than this raises, and fails the test, rather than hanging it.
                cursor.execute(f"SET lock_timeout = '{LOCK_TIMEOUT}'")
            barrier.wait(timeout=JOIN_TIMEOUT)
            results[index] = call()
        except Exception as error:  # a deadlock, a lock timeout, or any failure of the request
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=item, daemon=True) for item in enumerate(calls)]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + JOIN_TIMEOUT
    for thread in threads:
        thread.join(timeout=max(0, deadline - time.monotonic()))
    assert not [thread for thread in threads if thread.is_alive()], "requests still running: a deadlock?"
    assert not errors, errors
    return results


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def post(user, url, data=None):
    return lambda: signed_in(user).post(url, data or {}).status_code


def word_exports(user, url, times=3):
    """Download a Word file several times while the others write; each must be a whole document."""

    def export():
        client = signed_in(user) if user else Client()
        answers = []
        for _ in range(times):
            response = client.get(url)
            docx.Document(io.BytesIO(response.content))  # raises on a truncated or broken file
            answers.append(response.status_code)
        return answers

    return export


def assert_one_active_workflow(obj):
    states = WorkflowState.objects.for_instance(obj)
    assert states.active().count() <= 1
    assert TaskState.objects.for_instance(obj).filter(status=TaskState.STATUS_IN_PROGRESS).count() <= 1


@pytest.fixture
def exports(committed_world, users):
    """Word exports of a published output, a published practice and a filled form, while the test writes."""
    output = StageOutput.objects.filter(live=True).first()
    practice = PracticePageFactory(state="published")
    filled = FilledForm.objects.filter(owner=users["mentee"]).first()
    return [
        word_exports(users["staff"], f"/en/mentoring/outputs/{output.pk}/docx/"),
        word_exports(None, f"{practice.url}docx/"),
        word_exports(users["mentee"], f"/en/forms/mine/{filled.pk}/docx/"),
    ]


def test_parallel_submissions_keep_the_hourly_limit_and_the_one_page_per_form(committed_world, exports):
    submitter = get_user_model().objects.create_user("parallel_staff", "ps@example.org", "qser-demo")
    submitter.groups.add(Group.objects.get(name="Housing: members"))
    tokens = [f"8b4cbb0e-0e6f-4f84-9b59-0d1e0a6f1b{number:02d}" for number in range(SUBMISSIONS_PER_HOUR + 1)]
    # Every form shown once, the first one sent twice (a double click); one more form than the hourly limit.
    submissions = [post(submitter, "/es/practices/submit/", practice_data(token=token)) for token in tokens]
    submissions.append(post(submitter, "/es/practices/submit/", practice_data(token=tokens[0])))

    results = run_at_once(*submissions, *exports)

    statuses = results[: len(submissions)]
    assert set(statuses) <= {302, 429}
    pages = PracticePage.objects.filter(owner=submitter)
    assert pages.count() == SUBMISSIONS_PER_HOUR
    assert statuses.count(302) >= SUBMISSIONS_PER_HOUR
    assert {str(token) for token in pages.values_list("submission_token", flat=True)} <= set(tokens)
    assert len(set(pages.values_list("slug", flat=True))) == SUBMISSIONS_PER_HOUR
    for page in pages:
        assert page.revisions.count() == 1
        assert WorkflowState.objects.for_instance(page).get().status == WorkflowState.STATUS_IN_PROGRESS
        assert TaskState.objects.for_instance(page).get().status == TaskState.STATUS_IN_PROGRESS
    assert all(answers == [200, 200, 200] for answers in results[len(submissions) :])


def test_two_moderators_deciding_at_once_leave_one_decision(committed_world, users, exports):
    """Two practices, each decided by the editor and an administrator at the same moment."""
    client = signed_in(users["staff"])
    pages = []
    for number in range(2):
        data = practice_data(token=f"8b4cbb0e-0e6f-4f84-9b59-0d1e0a6f1c{number:02d}", title=f"Práctica {number}")
        assert client.post("/es/practices/submit/", data).status_code == 302
        pages.append(PracticePage.objects.get(submission_token=data["token"]))
    first, second = pages

    def moderate(user, page, action, comment=""):
        return lambda: moderate_in_admin(Client(), user, page, action, comment).status_code

    results = run_at_once(
        moderate(users["editor"], first, "approve"),
        moderate(users["admin"], first, "reject", "Añada cifras."),
        moderate(users["editor"], second, "decline", "Ya existe."),
        moderate(users["admin"], second, "approve"),
        *exports,
    )

    # The second decision of each practice is refused, or finds the moderation over.
    assert set(results[:4]) <= {302, 403}
    for page in pages:
        page.refresh_from_db()
        decided = TaskState.objects.for_instance(page).exclude(status=TaskState.STATUS_IN_PROGRESS)
        assert decided.count() == 1
        state = WorkflowState.objects.for_instance(page).get()
        decisions = PageLogEntry.objects.filter(page=page, action__startswith="wagtail.workflow.").exclude(
            action="wagtail.workflow.start"
        )
        if decided.get().status == TaskState.STATUS_APPROVED:
            assert page.live and state.status == WorkflowState.STATUS_APPROVED
            assert list(decisions.values_list("action", flat=True)) == ["wagtail.workflow.approve"]
        else:
            assert not page.live and state.status in {
                WorkflowState.STATUS_NEEDS_CHANGES,
                WorkflowState.STATUS_CANCELLED,
            }
            assert decisions.filter(action="wagtail.workflow.reject").count() == 1
            assert not decisions.filter(action="wagtail.workflow.approve").exists()
        assert_one_active_workflow(page)
    assert all(answers == [200, 200, 200] for answers in results[4:])


@pytest.fixture
def new_relationship(committed_world, users):
    """A one-on-one relationship in stage 1, with no outputs yet."""
    relationship = MentoringRelationship(
        mentoring_model="one_on_one",
        mentor=users["other_mentor"],
        department=Department.objects.get(name="Social Services"),
        start_date=datetime.date.today(),
    )
    relationship.mentees.set([users["mentee"]])  # a parental relation: stored by the save
    relationship.save()
    # Both have confirmed stage 1: the approvals alone are what is still missing.
    for person in (users["other_mentor"], users["mentee"]):
        StageConfirmation.objects.create(relationship=relationship, stage=1, person=person)
    return relationship


def test_reviews_at_once_move_the_relationship_on_and_lose_nothing(committed_world, users, new_relationship, exports):
    relationship, client = new_relationship, Client()
    stage_one = ["partnership-agreement", "mutual-understanding", "calendar-of-sessions"]
    outputs = [submit(client, relationship, complete_filled_form(client, users["mentee"], slug)) for slug in stage_one]
    # Two outputs of later stages (an output's stage is its form's), submitted as if those stages had started.
    MentoringRelationship.objects.filter(pk=relationship.pk).update(current_stage=5)
    extra = [
        submit(client, relationship, complete_filled_form(client, users["mentee"], slug))
        for slug in ["swot-analysis", "evaluation"]
    ]
    MentoringRelationship.objects.filter(pk=relationship.pk).update(current_stage=1)
    for output in outputs:
        decide(client, users["other_mentor"], output, "approve")
    decide(client, users["reviewer"], outputs[0], "approve")

    def review(user, output, action, comment=""):
        url = f"/en/mentoring/outputs/{output.pk}/review/"
        return post(user, url, {"action": action, "comment": comment})

    # The last two approvals of stage 1 at once, by two reviewers; the mentor deciding two more outputs.
    results = run_at_once(
        review(users["reviewer"], outputs[1], "approve"),
        review(users["admin"], outputs[2], "approve"),
        review(users["other_mentor"], extra[0], "approve"),
        review(users["other_mentor"], extra[1], "reject", "Add the dates."),
        *exports,
    )

    assert results[:4] == [302, 302, 302, 302]
    relationship.refresh_from_db()
    assert relationship.current_stage == 2
    housing = Department.objects.get(name="Housing").members_group
    for output in outputs:
        output.refresh_from_db()
        assert output.live
        assert housing.stageoutputgroupobjectpermission_set.filter(
            content_object=output, permission__codename=VIEW_OUTPUT.split(".")[1]
        ).exists()
        assert_one_active_workflow(output)
    swot, evaluation = (StageOutput.objects.get(pk=output.pk) for output in extra)
    assert swot.current_workflow_task_state.task.name == "Department approval"
    assert evaluation.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert FilledForm.objects.get(pk=evaluation.filled_form_id).status == FilledForm.Status.DRAFT
    for output in extra:
        assert_one_active_workflow(output)
    assert all(answers == [200, 200, 200] for answers in results[4:])


def test_a_form_saved_completed_and_submitted_from_several_tabs_stays_consistent(
    committed_world, users, new_relationship, exports
):
    mentee, client = users["mentee"], Client()
    complete = complete_filled_form(client, mentee, "partnership-agreement", text="Ready")
    template = FormTemplatePage.objects.get(slug="mentors-diary", locale__language_code="en", alias_of__isnull=True)
    assert client.post(f"{template.url}fill/", {"action": "save_draft"}).status_code == 302
    draft = FilledForm.objects.filter(owner=mentee).latest("pk")
    completed_answers, _expected = sample_post(draft.definitions, text="Completed")
    other_answers, _expected = sample_post(draft.definitions, text="Other tab")
    targets = [Department.objects.get(name="Housing").pk]

    def submit_output(filled):
        url = f"/en/mentoring/{new_relationship.pk}/outputs/new/"
        return post(mentee, url, {"filled_form": filled.pk, "target_departments": targets})

    results = run_at_once(
        submit_output(complete),
        submit_output(complete),  # the same form from a second tab
        post(mentee, f"/en/forms/mine/{draft.pk}/", {**completed_answers, "action": "complete"}),
        post(mentee, f"/en/forms/mine/{draft.pk}/", {**other_answers, "action": "save_draft"}),
        submit_output(draft),
        post(users["staff"], f"{template.url}fill/", {**completed_answers, "action": "complete"}),
        *exports,
    )

    assert sorted(results[:2]) == [302, 400]
    output = StageOutput.objects.get(filled_form=complete)
    assert output.revisions.count() == 1
    assert_one_active_workflow(output)
    # The draft was completed and saved again in either order; a form in review stays complete, as reviewed.
    assert results[2] in {302, 403} and results[3] in {302, 403} and results[4] in {302, 400}
    draft.refresh_from_db()
    submitted = StageOutput.objects.filter(filled_form=draft).first()
    if submitted:
        assert draft.status == FilledForm.Status.COMPLETE
        assert submitted.answers == draft.answers
        assert_one_active_workflow(submitted)
    assert results[5] == 302
    assert FilledForm.objects.filter(owner=users["staff"], template=template, status="complete").exists()
    assert all(answers == [200, 200, 200] for answers in results[6:])
