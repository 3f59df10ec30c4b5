"""A request that fails in the middle of a workflow action leaves everything as it was before.

Each test brings an object to the step before the action, makes one step in the middle of the action
fail (a guardian grant, a notification, a revision, the workflow engine), and compares the whole of
`site_state()`: the object, its revisions, workflow and task states, guardian permissions, the audit
log, the documents and their files, and the e-mail outbox (e-mail goes out only when the action commits).
"""

import pytest
from django.core import mail
from django.db import connection, transaction
from django.test import TestCase

from forms_library.models import FilledForm, FormTemplatePage
from mentoring.models import MentoringRelationship, StageOutput
from mentoring.reviews import submit_for_review
from practices.models import PracticePage
from tests.forms_library.helpers import sample_post
from tests.mentoring.conftest import complete_filled_form
from tests.mentoring.test_stage_outputs import decide, submit
from tests.practices.conftest import pdf_file, practice_data

from .conftest import moderate_in_admin, site_state

pytestmark = pytest.mark.django_db


class Boom(Exception):
    """The failure a test makes happen in the middle of a request."""


def assert_failure_changes_nothing(target, action):
    """`action` fails where it calls `target` (a dotted path), and leaves no trace."""

    def boom(*args, **kwargs):
        raise Boom(target)

    before = site_state()
    with pytest.MonkeyPatch.context() as patch, pytest.raises(Boom):
        patch.setattr(target, boom)
        action()
    assert site_state() == before


@pytest.fixture
def relationship(users):
    return MentoringRelationship.objects.get(mentor=users["mentor"])


# Stage outputs (mentoring/views.py)

GRANT = "mentoring.permissions.assign_perm"
NOTIFY = "mentoring.signals.notifications.notify"


@pytest.mark.parametrize("target", [GRANT, NOTIFY, "mentoring.models.StageOutput.save_revision"])
def test_a_failed_submission_stores_no_output(client, users, relationship, target):
    filled = complete_filled_form(client, users["mentee"], "mutual-understanding", text="Fails")
    assert_failure_changes_nothing(target, lambda: submit(client, relationship, filled))


@pytest.fixture
def in_mentor_review(client, users, relationship):
    filled = complete_filled_form(client, users["mentee"], "calendar-of-sessions", text="Review")
    return submit(client, relationship, filled)


@pytest.fixture
def in_department_approval(client, users, in_mentor_review):
    decide(client, users["mentor"], in_mentor_review, "approve")
    return in_mentor_review


@pytest.mark.parametrize(("action", "comment"), [("approve", ""), ("reject", "Add the dates.")])
def test_a_failed_mentor_decision_leaves_the_review_where_it_was(client, users, in_mentor_review, action, comment):
    assert_failure_changes_nothing(NOTIFY, lambda: decide(client, users["mentor"], in_mentor_review, action, comment))


@pytest.mark.parametrize("target", [GRANT, "mentoring.signals.progress.advance", NOTIFY])
def test_a_failed_publication_publishes_nothing_and_grants_nothing(client, users, in_department_approval, target):
    assert_failure_changes_nothing(target, lambda: decide(client, users["reviewer"], in_department_approval, "approve"))


def test_a_failed_request_for_changes_keeps_the_form_locked(client, users, in_department_approval):
    assert_failure_changes_nothing(
        NOTIFY, lambda: decide(client, users["reviewer"], in_department_approval, "reject", "More detail.")
    )
    assert FilledForm.objects.get(pk=in_department_approval.filled_form_id).status == FilledForm.Status.COMPLETE


def test_a_failed_resubmission_keeps_the_changes_requested(client, users, in_department_approval):
    output = in_department_approval
    decide(client, users["reviewer"], output, "reject", "More detail.")
    client.force_login(users["mentee"])
    data, _expected = sample_post(output.filled_form.definitions, text="Better")
    assert client.post(f"/en/forms/mine/{output.filled_form_id}/", {**data, "action": "complete"}).status_code == 302
    assert_failure_changes_nothing(GRANT, lambda: client.post(f"/en/mentoring/outputs/{output.pk}/resubmit/"))


def test_a_failed_withdrawal_keeps_the_publication(client, users, relationship):
    output = StageOutput.objects.get(relationship=relationship, live=True)
    client.force_login(users["mentee"])
    assert_failure_changes_nothing(
        "mentoring.permissions.remove_perm", lambda: client.post(f"/en/mentoring/outputs/{output.pk}/withdraw/")
    )


# Good practices: the submission (practices/moderation.py) and the moderators' decisions in the Wagtail admin


@pytest.mark.parametrize("target", ["practices.models.PracticePage.save_revision", "wagtail.models.Workflow.start"])
def test_a_failed_submission_stores_no_page_and_no_file(client, staff, target):
    client.force_login(staff)
    assert_failure_changes_nothing(
        target, lambda: client.post("/es/practices/submit/", {**practice_data(), "attachments": [pdf_file()]})
    )


@pytest.fixture
def awaiting_moderation(client, staff):
    client.force_login(staff)
    assert client.post("/es/practices/submit/", practice_data()).status_code == 302
    return PracticePage.objects.get(submission_token=practice_data()["token"])


@pytest.mark.parametrize(
    ("action", "comment"), [("approve", ""), ("reject", "Añada cifras."), ("decline", "Ya existe.")]
)
def test_a_failed_moderation_decision_leaves_the_practice_awaiting_moderation(
    client, editor, awaiting_moderation, action, comment
):
    assert_failure_changes_nothing(
        "practices.notifications.notify_submitter",
        lambda: moderate_in_admin(client, editor, awaiting_moderation, action, comment),
    )


def test_a_failed_resubmission_of_a_practice_stores_no_revision_and_no_file(client, staff, editor, awaiting_moderation):
    assert moderate_in_admin(client, editor, awaiting_moderation, "reject", "Añada cifras.").status_code == 302
    client.force_login(staff)
    data = {**practice_data(results="Las citas repetidas bajaron un 45 %."), "attachments": [pdf_file()]}
    assert_failure_changes_nothing(
        "wagtail.models.WorkflowState.resume",
        lambda: client.post(f"/es/practices/mine/{awaiting_moderation.pk}/", data),
    )


# Filled forms (forms_library/views.py)


def test_a_failed_completion_leaves_the_draft(client, staff):
    client.force_login(staff)
    template = FormTemplatePage.objects.get(slug="swot-analysis", locale__language_code="en", alias_of__isnull=True)
    assert client.post(f"{template.url}fill/", {"action": "save_draft"}).status_code == 302
    filled = FilledForm.objects.filter(owner=staff).latest("pk")
    data, _expected = sample_post(filled.definitions, text="Completed")
    assert_failure_changes_nothing(
        "forms_library.views.messages.success",
        lambda: client.post(f"/en/forms/mine/{filled.pk}/", {**data, "action": "complete"}),
    )


# E-mail goes out when the decision commits. A request's own failures are above; here the decision is
# undone by a failure later in the same transaction, after it asked for its e-mail.


def decide_directly(obj, user, action, comment=""):
    task_state = obj.current_workflow_state.current_task_state
    task_state.task.specific.on_action(task_state.specific, user, action, comment=comment)


@pytest.mark.parametrize(("action", "comment"), [("approve", ""), ("reject", "Add the dates.")])
def test_a_mentor_decision_undone_later_sends_no_e_mail(users, in_mentor_review, action, comment):
    assert_undone_decision_sends_nothing(lambda: decide_directly(in_mentor_review, users["mentor"], action, comment))


def test_a_resubmission_undone_later_sends_no_e_mail(users, in_mentor_review):
    in_mentor_review.current_workflow_state.cancel(user=users["mentee"])
    assert_undone_decision_sends_nothing(lambda: submit_for_review(user=users["mentee"], output=in_mentor_review))


def test_a_publication_undone_later_sends_no_e_mail(users, in_department_approval):
    assert_undone_decision_sends_nothing(lambda: decide_directly(in_department_approval, users["reviewer"], "approve"))


@pytest.mark.parametrize(
    ("action", "comment"), [("approve", ""), ("reject", "Añada cifras."), ("decline", "Ya existe.")]
)
def test_a_moderation_decision_undone_later_sends_no_e_mail(editor, awaiting_moderation, action, comment):
    assert_undone_decision_sends_nothing(lambda: decide_directly(awaiting_moderation, editor, action, comment))


def assert_undone_decision_sends_nothing(decision):
    before = site_state()
    with TestCase.captureOnCommitCallbacks(execute=True) as callbacks, pytest.raises(Boom), transaction.atomic():
        pending = len(connection.run_on_commit)
        decision()
        assert len(connection.run_on_commit) > pending, "the decision asked for no e-mail"
        assert len(mail.outbox) == len(before["outbox"]), "the e-mail did not wait for the commit"
        raise Boom("a later step of the same request")
    assert callbacks == []
    assert site_state() == before
