import pytest
from django.contrib.auth import get_user_model

from forms_library.models import FilledForm, FormTemplatePage
from mentoring.models import Department
from tests.factories import MemberFactory, ReviewerFactory
from tests.forms_library.helpers import sample_post


@pytest.fixture
def users(db):
    User = get_user_model()
    people = {
        name: User.objects.get(username=name) for name in ["mentor", "mentee", "reviewer", "staff", "editor", "admin"]
    }
    # People the cast (tests/cast.py) does not have: a Housing reviewer and a mentor of another relationship.
    housing, social = Department.objects.get(name="Housing"), Department.objects.get(name="Social Services")
    people["housing_reviewer"] = ReviewerFactory(username="housing_reviewer", department=housing)
    people["other_mentor"] = MemberFactory(username="other_mentor", department=social)
    return people


def complete_filled_form(client, owner, slug, language="en", text="Answer"):
    """A filled form completed through the site, as its owner does it."""
    client.force_login(owner)
    page = FormTemplatePage.objects.get(slug=slug, locale__language_code=language, alias_of__isnull=True)
    data, _expected = sample_post(page.definitions, text=text)
    response = client.post(f"{page.url}fill/", {**data, "action": "complete"})
    assert response.status_code == 302
    return FilledForm.objects.filter(owner=owner).latest("pk")
