"""Each factory builds a valid object, and each role factory gives the permissions its role needs."""

import pytest
from wagtail.models import Page, TaskState, WorkflowState
from wagtail.permission_policies.pages import PagePermissionPolicy

from forms_library.models import FilledForm, FormIndexPage
from home.models import GuideIndexPage, GuidePage, HomePage
from mentoring.models import DepartmentApprovalTask, MentoringModel, validate_mentees
from mentoring.permissions import stage_outputs_visible_to
from practices.models import PracticeIndexPage, PracticeModerationTask
from tests import factories
from tests.conftest import LANGUAGE_CODES, localized

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "page_factory",
    [
        factories.HomePageFactory,
        factories.GuideIndexPageFactory,
        factories.GuidePageFactory,
        factories.FormIndexPageFactory,
        factories.FormTemplatePageFactory,
        factories.PracticeIndexPageFactory,
    ],
)
def test_page_factories_build_valid_published_pages(page_factory):
    page = page_factory()
    page.full_clean()
    assert page.live and page.live_revision_id
    assert page.locale == page.get_parent().locale or page.depth == 2


def test_pages_hang_below_the_sites_content_in_their_parents_language(client):
    guide = factories.GuidePageFactory(parent=factories.site_page(factories.GuideIndexPage, "de"))
    assert guide.locale.language_code == "de"
    assert client.get(guide.url).status_code == 200
    assert localized(factories.site_page(HomePage), "de") == factories.site_page(HomePage, "de")


def test_a_form_template_has_fields_of_several_kinds():
    template = factories.FormTemplatePageFactory()
    kinds = {definition.kind for definition in template.definitions}
    assert {"short_text", "long_text", "date", "single_choice"} <= kinds


def test_departments_have_their_groups_and_reviewers_reach_the_admin():
    department = factories.DepartmentFactory()
    department.full_clean()
    reviewer = factories.ReviewerFactory(department=department)
    assert reviewer.has_perm("wagtailadmin.access_admin")
    assert list(reviewer.departments) == [department]
    assert department.reviewers_group in DepartmentApprovalTask.objects.get().groups.all()


def test_a_member_belongs_to_their_department_only_and_signs_in_with_the_demo_password():
    member = factories.MemberFactory()
    member.full_clean()
    assert member.check_password(factories.PASSWORD)
    assert len(member.departments) == 1
    assert not member.has_perm("wagtailadmin.access_admin")


def test_an_editor_edits_and_publishes_pages_and_moderates_practices():
    editor = factories.EditorFactory()
    policy = PagePermissionPolicy()
    guide = GuidePage.objects.filter(locale__language_code="en").first()
    assert editor.has_perm("wagtailadmin.access_admin")
    assert policy.user_has_permission_for_instance(editor, "change", guide)
    assert policy.user_has_permission_for_instance(editor, "publish", guide)
    assert set(PracticeModerationTask.objects.get().groups.all()) <= set(editor.groups.all())


def test_a_moderator_moderates_practices():
    moderator = factories.ModeratorFactory()
    assert set(PracticeModerationTask.objects.get().groups.all()) <= set(moderator.groups.all())


def test_a_translator_edits_only_their_languages_pages():
    translator = factories.TranslatorFactory(language="el")
    policy = PagePermissionPolicy()
    assert translator.has_perm("wagtailadmin.access_admin")
    assert translator.preferred_language == "el"
    # The sections they translate, not their language's home page (whose subtree holds practices in moderation).
    assert policy.user_has_permission_for_instance(translator, "publish", factories.site_page(GuideIndexPage, "el"))
    assert policy.user_has_permission_for_instance(translator, "publish", factories.site_page(FormIndexPage, "el"))
    assert policy.user_has_permission_for_instance(translator, "change", factories.site_page(PracticeIndexPage, "el"))
    assert not policy.user_has_permission_for_instance(
        translator, "publish", factories.site_page(PracticeIndexPage, "el")
    )
    assert not policy.user_has_permission_for_instance(translator, "change", factories.site_page(HomePage, "el"))
    assert not policy.user_has_permission_for_instance(translator, "change", factories.site_page(GuideIndexPage))


def test_a_superuser_may_do_anything():
    admin = factories.SuperuserFactory()
    assert admin.is_superuser and admin.has_perm("mentoring.erase_personal_data")


def test_relationships_have_the_mentees_their_model_requires():
    one = factories.RelationshipFactory()
    group = factories.GroupRelationshipFactory()
    for relationship in (one, group):
        validate_mentees(relationship.mentoring_model, relationship.mentor, list(relationship.mentees.all()))
        people = [relationship.mentor, *relationship.mentees.all()]
        assert all(relationship.department in person.departments for person in people)
    assert group.mentoring_model == MentoringModel.GROUP and group.mentees.count() == 4
    assert factories.MentoringSessionFactory(relationship=one).relationship == one


def test_a_filled_form_answers_every_field_of_its_template():
    filled = factories.FilledFormFactory(template=factories.form_template("partnership-agreement", "cs"))
    filled.full_clean()
    assert filled.language == "cs" and filled.status == FilledForm.Status.DRAFT
    inputs = {definition.name for definition in filled.definitions if definition.is_input}
    assert inputs and inputs <= set(filled.answers)


@pytest.mark.parametrize(
    ("state", "workflow_status", "task_name", "live"),
    [
        ("draft", None, None, False),
        ("mentor_review", WorkflowState.STATUS_IN_PROGRESS, "Mentor review", False),
        ("changes_requested", WorkflowState.STATUS_NEEDS_CHANGES, None, False),
        ("department_approval", WorkflowState.STATUS_IN_PROGRESS, "Department approval", False),
        ("published", WorkflowState.STATUS_APPROVED, None, True),
    ],
)
def test_stage_outputs_are_taken_to_their_state_through_the_workflow(state, workflow_status, task_name, live):
    output = factories.StageOutputFactory(state=state)
    output.full_clean()
    workflow_state = WorkflowState.objects.for_instance(output).first()
    assert (workflow_state and workflow_state.status) == workflow_status
    assert output.live == live
    if task_name:
        assert output.current_workflow_task.name == task_name
    if state != "draft":
        assert output in stage_outputs_visible_to(output.relationship.mentor)
        assert TaskState.objects.for_instance(output).exists()
    expected_form_status = FilledForm.Status.DRAFT if state == "changes_requested" else FilledForm.Status.COMPLETE
    assert FilledForm.objects.get(pk=output.filled_form_id).status == expected_form_status


@pytest.mark.parametrize(
    ("state", "workflow_status", "live"),
    [
        ("published", WorkflowState.STATUS_APPROVED, True),
        ("in_moderation", WorkflowState.STATUS_IN_PROGRESS, False),
        ("changes_requested", WorkflowState.STATUS_NEEDS_CHANGES, False),
    ],
)
def test_practices_are_taken_to_their_state_through_moderation(client, state, workflow_status, live):
    practice = factories.PracticePageFactory(state=state, tags=["interpreters"])
    practice.full_clean()
    workflow_state = WorkflowState.objects.for_instance(Page.objects.get(pk=practice.pk)).first()
    assert (workflow_state and workflow_state.status) == workflow_status
    assert practice.live == live
    assert list(practice.tags.names()) == ["interpreters"]
    assert (client.get(practice.url or "/nowhere/").status_code == 200) == live


def test_a_persons_language_is_kept_and_given_to_the_wagtail_admin():
    translator = factories.TranslatorFactory(language="el")
    translator.refresh_from_db()
    assert translator.preferred_language == "el"
    assert translator.wagtail_userprofile.preferred_language == "el"


def test_practices_written_as_the_contents_fill_every_languages_repository():
    practices = factories.practices_in_every_language()
    assert {page.locale.language_code for page in practices if page.live} == set(LANGUAGE_CODES)
    assert {page.current_workflow_state.status for page in practices if not page.live} == {
        WorkflowState.STATUS_IN_PROGRESS,
        WorkflowState.STATUS_NEEDS_CHANGES,
    }
