import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model

from tests.conftest import sign_in, translated

pytestmark = pytest.mark.django_db


def test_demo_user_signs_in_and_lands_in_their_language(client):
    response = client.post(
        "/accounts/login/", {"username": "staff", "password": "qser-demo"}, HTTP_ACCEPT_LANGUAGE="de"
    )
    assert response.status_code == 302
    assert client.get("/de/").context["user"].username == "staff"


def test_wrong_password_gets_a_clear_translated_error_and_no_session(client):
    response = client.post("/accounts/login/", {"username": "staff", "password": "wrong"}, HTTP_ACCEPT_LANGUAGE="el")
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    assert html.html["lang"] == "el"
    error = html.select_one('[role="alert"]').get_text(" ", strip=True)
    assert "κωδικό" in error.lower() or "συνθηματικό" in error.lower()
    assert "_auth_user_id" not in client.session


def test_login_page_labels_are_translated(client):
    html = BeautifulSoup(client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="cs").content, "html.parser")
    assert html.select_one("h1").get_text(strip=True) == translated("Sign in", "cs")


def test_sign_out_ends_the_session(client):
    sign_in(client, "mentor")
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    ("username", "reaches_admin"),
    [("editor", True), ("translator_el", True), ("admin", True), ("staff", False), ("mentee", False)],
)
def test_only_editorial_roles_reach_the_wagtail_admin(client, username, reaches_admin):
    sign_in(client, username)
    response = client.get("/admin/")
    if reaches_admin:
        assert response.status_code == 200
    else:
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")


def test_wagtail_admin_speaks_the_editors_language(client):
    user = get_user_model().objects.get(username="mentor")
    assert user.preferred_language == "el"
    user.groups.add(*get_user_model().objects.get(username="editor").groups.all())
    client.force_login(user)
    html = BeautifulSoup(client.get("/admin/").content, "html.parser")
    assert html.html["lang"] == "el"


def test_a_new_user_keeps_their_language_and_their_admin_profile_has_it():
    user = get_user_model().objects.create_user("nova", password="x", preferred_language="cs")
    user.refresh_from_db()
    assert user.preferred_language == "cs"
    assert user.wagtail_userprofile.preferred_language == "cs"


def test_preferred_language_changed_in_the_admin_reaches_the_user(client):
    from wagtail.users.models import UserProfile

    user = get_user_model().objects.get(username="editor")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "es"
    profile.save()
    user.refresh_from_db()
    assert user.preferred_language == "es"


def test_users_know_their_departments():
    assert [d.name for d in get_user_model().objects.get(username="reviewer").departments] == ["Social Services"]
    assert [d.name for d in get_user_model().objects.get(username="staff").departments] == ["Housing"]
