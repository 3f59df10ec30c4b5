"""Password guessing is throttled (django-axes): five failures for one username from one address lock that
pair out for a while, on the site's sign-in and the Wagtail admin's, with a translated page in the site's layout."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from bs4 import BeautifulSoup
from django.conf import settings

from tests.conftest import translated

pytestmark = pytest.mark.django_db

SITE_LOGIN = "/accounts/login/"
ADMIN_LOGIN = "/admin/login/"
ADDRESS = "203.0.113.7"


def attempt(client, username, password, path=SITE_LOGIN, address=ADDRESS, language="en"):
    return client.post(
        path, {"username": username, "password": password}, REMOTE_ADDR=address, HTTP_ACCEPT_LANGUAGE=language
    )


def fail(client, username, times, path=SITE_LOGIN, address=ADDRESS):
    return [attempt(client, username, "not-the-password", path, address).status_code for _ in range(times)]


def test_the_fifth_failure_locks_and_the_sixth_attempt_is_refused_even_with_the_right_password(client):
    assert fail(client, "staff", 5) == [200, 200, 200, 200, 429]
    response = attempt(client, "staff", "qser-demo")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lockout_page_is_in_the_site_layout_and_the_readers_language(client):
    fail(client, "staff", 5)
    response = attempt(client, "staff", "qser-demo", language="el")
    assert response.status_code == 429
    html = BeautifulSoup(response.content, "html.parser")
    assert html.html["lang"] == "el"
    assert html.select_one("header.site-header") and html.select_one("footer.site-footer")
    assert html.h1.get_text(strip=True) == translated("Too many sign-in attempts", "el")
    message = html.select_one("main [role=alert]").get_text(" ", strip=True)
    assert "«staff»" in message
    assert "15" in message


def test_the_wagtail_admin_sign_in_is_throttled_too_and_counts_with_the_sites(client):
    fail(client, "editor", 3, path=SITE_LOGIN)
    assert fail(client, "editor", 2, path=ADMIN_LOGIN) == [200, 429]
    response = attempt(client, "editor", "qser-demo", path=ADMIN_LOGIN)
    assert response.status_code == 429
    assert BeautifulSoup(response.content, "html.parser").h1.get_text(strip=True) == "Too many sign-in attempts"
    assert "_auth_user_id" not in client.session


def test_a_success_resets_the_count_for_that_username_and_address(client):
    fail(client, "staff", 4)
    assert attempt(client, "staff", "qser-demo").status_code == 302
    client.post("/accounts/logout/")
    assert fail(client, "staff", 4) == [200] * 4
    assert attempt(client, "staff", "qser-demo").status_code == 302


def test_another_user_and_another_address_are_not_locked(client):
    fail(client, "staff", 5)
    assert attempt(client, "mentor", "qser-demo").status_code == 302
    client.post("/accounts/logout/")
    assert attempt(client, "staff", "qser-demo", address="198.51.100.20").status_code == 302


def test_the_lock_ends_after_the_cool_off(client):
    fail(client, "staff", 5)
    assert attempt(client, "staff", "qser-demo").status_code == 429
    for access in AccessAttempt.objects.filter(username="staff"):
        access.attempt_time -= settings.AXES_COOLOFF_TIME + timedelta(seconds=1)
        access.save()
    assert attempt(client, "staff", "qser-demo").status_code == 302
