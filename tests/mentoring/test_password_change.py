"""Passwords and sessions: changing a password (on the site or in the Wagtail admin) signs out every other
session and keeps the current one; passwords are long enough; session cookies are not readable by scripts."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client

from tests.conftest import sign_in

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "lantern-harbour-1847"


def is_signed_in(client):
    return client.get("/en/mentoring/").status_code == 200


@pytest.fixture
def two_sessions(client):
    """`staff` signed in twice: `client` here, and another browser elsewhere."""
    elsewhere = Client()
    sign_in(elsewhere, "staff")
    sign_in(client, "staff")
    assert is_signed_in(client) and is_signed_in(elsewhere)
    return client, elsewhere


def form_data(html, selector):
    """What a browser would submit of a form as the page shows it: inputs, checked boxes, chosen options."""
    form = BeautifulSoup(html, "html.parser").select_one(selector)
    data = {}
    for field in form.select("input[name], textarea[name]"):
        if field.get("type") in ("checkbox", "radio") and not field.has_attr("checked"):
            continue
        data[field["name"]] = field.get("value", field.get_text() if field.name == "textarea" else "")
    for select in form.select("select[name]"):
        chosen = select.select_one("option[selected]") or select.select_one("option")
        data[select["name"]] = chosen.get("value", "") if chosen else ""
    return data


def test_changing_the_password_signs_out_other_sessions_and_keeps_this_one(two_sessions):
    client, elsewhere = two_sessions
    response = client.post(
        "/accounts/password/",
        {"old_password": "qser-demo", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password/done/"
    assert get_user_model().objects.get(username="staff").check_password(NEW_PASSWORD)
    assert is_signed_in(client)
    assert not is_signed_in(elsewhere)


def test_changing_the_password_in_the_wagtail_admin_does_the_same(client):
    editor = get_user_model().objects.get(username="editor")
    elsewhere = Client()
    elsewhere.force_login(editor)
    client.force_login(editor)
    data = form_data(client.get("/admin/account/").content, "form[method=post]")
    data.update({"password-old_password": "qser-demo", "password-new_password1": NEW_PASSWORD})
    data["password-new_password2"] = NEW_PASSWORD
    response = client.post("/admin/account/", data)
    assert response.status_code == 302
    editor.refresh_from_db()
    assert editor.check_password(NEW_PASSWORD)
    assert client.get("/admin/").status_code == 200
    assert elsewhere.get("/admin/").status_code == 302


def test_a_short_new_password_is_refused_with_a_clear_error_and_nothing_changes(two_sessions):
    client, elsewhere = two_sessions
    response = client.post(
        "/accounts/password/",
        {"old_password": "qser-demo", "new_password1": "qser-demo", "new_password2": "qser-demo"},
        HTTP_ACCEPT_LANGUAGE="de",
    )
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    assert html.html["lang"] == "de"
    errors = html.select_one("#id_new_password2_error").get_text(" ", strip=True)
    assert "10" in errors
    assert get_user_model().objects.get(username="staff").check_password("qser-demo")
    assert is_signed_in(elsewhere)


def test_the_wrong_current_password_is_refused(client):
    sign_in(client, "staff")
    response = client.post(
        "/accounts/password/", {"old_password": "wrong", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert response.status_code == 200
    assert BeautifulSoup(response.content, "html.parser").select_one("#id_old_password_error")
    assert get_user_model().objects.get(username="staff").check_password("qser-demo")


def test_the_password_change_page_is_for_signed_in_people_and_linked_from_the_header(client):
    response = client.get("/accounts/password/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    sign_in(client, "staff")
    header = BeautifulSoup(client.get("/en/").content, "html.parser").select_one("header")
    assert header.select_one('a[href="/accounts/password/?next=/en/"]')
    # Staff's preferred language (German) wins over the browser's (tests/mentoring/test_password_reset.py).
    page = BeautifulSoup(client.get("/accounts/password/", HTTP_ACCEPT_LANGUAGE="el").content, "html.parser")
    assert page.html["lang"] == "de"
    assert page.select_one("header.site-header") and page.select_one("main form #id_old_password")


def test_passwords_need_ten_characters_and_the_demo_password_is_set_directly():
    with pytest.raises(ValidationError) as refused:
        validate_password("qser-demo")
    assert [error.params for error in refused.value.error_list if error.code == "password_too_short"] == [
        {"min_length": 10}
    ]
    validate_password(NEW_PASSWORD)
    # setup_demo sets the development password without the validators, so the demo users still sign in.
    assert get_user_model().objects.get(username="staff").check_password("qser-demo")


def test_the_session_cookie_is_http_only_same_site_and_ends_with_the_browser(client, settings):
    response = client.post("/accounts/login/", {"username": "staff", "password": "qser-demo"})
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert cookie["max-age"] == "" and cookie["expires"] == ""
    assert client.session.get_expiry_age() == 8 * 60 * 60
