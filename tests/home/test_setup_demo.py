from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from wagtail.models import Page, Revision

from mentoring.models import Department
from tests.conftest import LANGUAGE_CODES

pytestmark = pytest.mark.django_db


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


def test_home_pages_are_translations_of_one_page_not_unrelated_pages(home_en):
    translations = home_en.get_translations(inclusive=True).filter(alias_of__isnull=True)
    assert sorted(translations.values_list("locale__language_code", flat=True)) == sorted(LANGUAGE_CODES)


def test_setup_demo_refuses_to_run_without_a_development_password(settings):
    del settings.DEMO_PASSWORD
    with pytest.raises(CommandError):
        call_command("setup_demo", stdout=StringIO())
