"""The contract of `setup_demo`, the one module that reads the demo: it is idempotent, it gives the demo users of
the README their roles, and every page it builds answers. Every other test reads the session's cast
(tests/cast.py) or builds its own data (tests/factories.py)."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from wagtail.models import Page, Revision, WorkflowState
from wagtail.permission_policies.pages import PagePermissionPolicy

from forms_library.models import FilledForm
from home.models import HomePage
from mentoring.models import Department, MentoringRelationship, StageOutput
from practices.models import PracticePage
from tests.conftest import LANGUAGE_CODES, for_the_module
from tests.factories import site_page

pytestmark = pytest.mark.django_db

# The users of the README's table.
DEMO_USERNAMES = {"admin", "editor", "reviewer", "mentor", "mentee", "staff", "translator_el"}


def remove_the_cast():
    """The session's cast (tests/cast.py) has the demo's names: without it, setup_demo must build them itself."""
    StageOutput.objects.all().delete()
    MentoringRelationship.objects.all().delete()
    FilledForm.objects.all().delete()
    get_user_model().objects.all().delete()
    for department in Department.objects.all():
        department.delete()
        Group.objects.filter(pk__in=[department.members_group_id, department.reviewers_group_id]).delete()


@pytest.fixture(scope="module", autouse=True)
def demo(django_db_setup, django_db_blocker):
    """The demo built once for the module on the site's content alone, in a transaction rolled back after it."""
    with for_the_module(django_db_blocker):
        remove_the_cast()
        call_command("setup_demo", stdout=StringIO())
        yield


def counts():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "users": get_user_model().objects.count(),
        "groups": Group.objects.count(),
        "departments": Department.objects.count(),
    }


def test_setup_demo_twice_changes_nothing():
    before = counts()
    call_command("setup_demo", stdout=StringIO())
    assert counts() == before


def test_the_demo_replaces_wagtails_placeholder_page_in_every_language():
    """Only the home pages of the site's languages sit below the root: not Wagtail's "Welcome" page, nor
    the copies that synchronising the locales made of it."""
    top_level = Page.get_first_root_node().get_children().specific()
    assert sorted(page.locale.language_code for page in top_level) == sorted(LANGUAGE_CODES)
    assert {type(page).__name__ for page in top_level} == {"HomePage"}


def test_demo_users_and_departments_exist():
    users = set(get_user_model().objects.values_list("username", flat=True))
    assert {"admin", "editor", "reviewer", "mentor", "mentee", "staff", "translator_el"} <= users
    assert set(Department.objects.values_list("name", flat=True)) == {"Social Services", "Housing"}
    assert get_user_model().objects.get(username="admin").is_superuser


def review_state(output):
    if output.live:
        return "published"
    state = output.current_workflow_state
    return state.status if state else "draft"


def test_the_demo_users_of_the_readme_have_their_roles():
    people = {user.username: user for user in get_user_model().objects.filter(username__in=DEMO_USERNAMES)}
    assert set(people) == DEMO_USERNAMES
    assert all(person.check_password("qser-demo") for person in people.values())
    assert {group.name for group in people["editor"].groups.all()} == {"Editors", "Moderators"}
    assert [department.name for department in people["reviewer"].departments] == ["Social Services"]
    assert people["reviewer"].groups.filter(name="Social Services: reviewers").exists()
    assert [department.name for department in people["staff"].departments] == ["Housing"]
    relationship = MentoringRelationship.objects.get(mentor=people["mentor"])
    assert relationship.department.name == "Social Services"
    assert list(relationship.mentees.all()) == [people["mentee"]]
    states = {review_state(output) for output in relationship.outputs.all()}
    assert states == {"draft", "published", WorkflowState.STATUS_IN_PROGRESS, WorkflowState.STATUS_NEEDS_CHANGES}
    pending = {
        page.current_workflow_state.status for page in PracticePage.objects.filter(owner=people["staff"], live=False)
    }
    assert pending == {WorkflowState.STATUS_IN_PROGRESS, WorkflowState.STATUS_NEEDS_CHANGES}
    policy = PagePermissionPolicy()
    assert policy.user_has_permission_for_instance(people["translator_el"], "change", site_page(HomePage, "el"))
    assert not policy.user_has_permission_for_instance(people["translator_el"], "change", site_page(HomePage))


def test_every_page_the_demo_builds_answers(client):
    for page in Page.objects.live().public().filter(depth__gt=1).specific():
        assert client.get(page.url).status_code == 200, page.url


def test_home_pages_are_translations_of_one_page_not_unrelated_pages(home_en):
    translations = home_en.get_translations(inclusive=True).filter(alias_of__isnull=True)
    assert sorted(translations.values_list("locale__language_code", flat=True)) == sorted(LANGUAGE_CODES)


def test_setup_demo_refuses_to_run_without_a_development_password(settings):
    del settings.DEMO_PASSWORD
    with pytest.raises(CommandError):
        call_command("setup_demo", stdout=StringIO())


def test_the_demo_operator_is_fictional_and_shown_on_the_privacy_notice(client):
    text = client.get("/en/privacy/").content.decode()
    assert "Example Municipality of Elmstead (fictional demo operator)" in text
    assert "dpo@example.org" in text
