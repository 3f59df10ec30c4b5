"""The moderation operations called directly, as the views, the API, the workflow task and the demo call them:
each refuses the wrong person itself, and a refused or invalid call stores nothing."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from wagtail.models import Revision, TaskState, WorkflowState

from practices import moderation
from practices.forms import PracticeForm
from practices.models import PracticeIndexPage, PracticePage
from tests.practices.conftest import practice_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(db):
    return PracticeIndexPage.objects.get(locale__language_code="es", alias_of__isnull=True)


def user(username):
    return get_user_model().objects.get(username=username)


def stored():
    return (PracticePage.objects.count(), Revision.objects.count(), WorkflowState.objects.count())


def submitted(index, username="staff", **overrides):
    page, created = moderation.submit(user=user(username), index=index, form=PracticeForm(practice_data(**overrides)))
    assert created
    return page


def task_state_of(page):
    return page.current_workflow_state.current_task_state.specific


def test_submit_stores_a_draft_under_moderation(index):
    page = submitted(index)
    assert not page.live and page.locale == index.locale and page.submitted_by == user("staff")
    assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert sorted(page.tags.names()) == ["intérpretes", "vivienda"]
    again, created = moderation.submit(user=user("staff"), index=index, form=PracticeForm(practice_data()))
    assert (again, created) == (page, False)


def test_submit_refuses_an_anonymous_person(index):
    before = stored()
    with pytest.raises(PermissionDenied):
        moderation.submit(user=AnonymousUser(), index=index, form=PracticeForm(practice_data()))
    assert stored() == before


def test_submit_stores_nothing_of_bad_input(index):
    before = stored()
    form = PracticeForm(practice_data(service_area="space", tags="a" * 51))
    with pytest.raises(ValidationError):
        moderation.submit(user=user("staff"), index=index, form=form)
    assert set(form.errors) == {"service_area", "tags"}
    assert stored() == before


def test_submit_refuses_another_persons_token(index):
    submitted(index)
    before = stored()
    with pytest.raises(moderation.TokenTaken):
        moderation.submit(user=user("mentee"), index=index, form=PracticeForm(practice_data()))
    assert stored() == before


def test_submit_refuses_more_than_the_hourly_limit(index):
    for number in range(moderation.SUBMISSIONS_PER_HOUR):
        submitted(index, "mentor", token=f"8b4cbb0e-0e6f-4f84-9b59-0d1e0a6f1d{number:02d}")
    before = stored()
    with pytest.raises(moderation.TooManySubmissions):
        submitted(index, "mentor", token="8b4cbb0e-0e6f-4f84-9b59-0d1e0a6f1dff")
    assert stored() == before


@pytest.mark.parametrize(
    ("operation", "action"),
    [(moderation.approve, "approve"), (moderation.request_changes, "reject"), (moderation.decline, "decline")],
)
@pytest.mark.parametrize("username", ["staff", "mentee", "reviewer"])
def test_only_a_moderator_decides(index, operation, action, username):
    page = submitted(index)
    task_state = task_state_of(page)
    with pytest.raises(PermissionDenied):
        operation(task_state=task_state, user=user(username), comment="No.")
    task_state.refresh_from_db()
    page.refresh_from_db()
    assert task_state.status == TaskState.STATUS_IN_PROGRESS and not page.live
    # The moderators' own way in, the workflow task, refuses them too.
    with pytest.raises(PermissionDenied):
        task_state.task.specific.on_action(task_state, user(username), action, comment="No.")


def test_a_moderator_approves_and_the_practice_is_published(index):
    page = submitted(index)
    moderation.approve(task_state=task_state_of(page), user=user("editor"), comment="Muy útil.")
    page.refresh_from_db()
    assert page.live and page.current_workflow_state is None


def test_a_decision_is_made_once(index):
    page = submitted(index)
    task_state = task_state_of(page)
    moderation.request_changes(task_state=task_state, user=user("editor"), comment="Añada cifras.")
    with pytest.raises(PermissionDenied):
        moderation.approve(task_state=task_state, user=user("editor"))
    page.refresh_from_db()
    assert not page.live


def test_decline_ends_the_moderation_without_publishing(index):
    page = submitted(index)
    moderation.decline(task_state=task_state_of(page), user=user("editor"), comment="Ya existe.")
    page.refresh_from_db()
    assert not page.live and page.current_workflow_state is None


@pytest.fixture
def sent_back(index):
    page = submitted(index)
    moderation.request_changes(task_state=task_state_of(page), user=user("editor"), comment="Añada cifras.")
    return PracticePage.objects.get(pk=page.pk)


def test_its_submitter_resubmits_after_changes_were_asked(sent_back):
    form = PracticeForm(practice_data(results="De 50 a 30 al mes."), instance=sent_back)
    moderation.resubmit(user=user("staff"), page=sent_back, form=form)
    page = PracticePage.objects.get(pk=sent_back.pk)
    assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert page.get_latest_revision_as_object().results == "<p>De 50 a 30 al mes.</p>"


def test_only_its_submitter_resubmits(sent_back):
    before = stored()
    form = PracticeForm(practice_data(), instance=sent_back)
    with pytest.raises(PermissionDenied):
        moderation.resubmit(user=user("editor"), page=sent_back, form=form)
    assert stored() == before
    assert sent_back.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES


def test_resubmit_stores_nothing_of_bad_input(sent_back):
    before = stored()
    form = PracticeForm(practice_data(title=""), instance=sent_back)
    with pytest.raises(ValidationError):
        moderation.resubmit(user=user("staff"), page=sent_back, form=form)
    assert list(form.errors) == ["title"]
    assert stored() == before
    assert PracticePage.objects.get(pk=sent_back.pk).get_latest_revision_as_object().title == sent_back.title


def test_resubmit_is_refused_while_no_changes_are_asked(index):
    page = submitted(index)
    before = stored()
    with pytest.raises(moderation.NotAwaitingChanges):
        moderation.resubmit(user=user("staff"), page=page, form=PracticeForm(practice_data(), instance=page))
    assert stored() == before


@pytest.mark.parametrize("username", ["staff", "editor", "translator_el", "admin"])
def test_nobody_publishes_a_practice_past_its_moderation(index, username):
    page = submitted(index)
    with pytest.raises(PermissionDenied):
        page.get_latest_revision().publish(user=user(username))
    page.refresh_from_db()
    assert not page.live and page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS


def test_a_moderator_publishes_through_the_workflow(index):
    page = submitted(index)
    moderation.approve(task_state=task_state_of(page), user=user("editor"))
    page.refresh_from_db()
    assert page.live and page.live_revision.user == user("staff")
