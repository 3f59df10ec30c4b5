"""Resetting a forgotten password with Django's own views, and the sign-in and password pages in the language
the reader chose (the page they came from, then their preferred language), whatever the browser says."""

import re

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.staticfiles import finders
from django.core import mail
from django.test import Client
from django.utils import translation

from tests.conftest import sign_in, translated
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db

OLD_PASSWORD = "quiet-river-stones-7"
NEW_PASSWORD = "lantern-harbour-1847"


def page(response):
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def greek_member():
    person = MemberFactory(username="eleftheria", email="eleftheria@example.org", preferred_language="el")
    person.set_password(OLD_PASSWORD)
    person.save()
    return person


def test_the_sign_in_page_speaks_the_language_of_the_page_it_was_reached_from(client):
    html = page(client.get("/accounts/login/?next=/cs/practices/", HTTP_ACCEPT_LANGUAGE="de"))
    assert html.html["lang"] == "cs"
    assert html.select_one("h1").get_text(strip=True) == translated("Sign in", "cs")
    reset_link = html.find("a", string=translated("Forgotten your password?", "cs"))
    assert reset_link["href"] == "/accounts/password/reset/?next=/cs/practices/"


def test_a_failed_sign_in_stays_in_the_chosen_language(client):
    response = client.post(
        "/accounts/login/", {"username": "staff", "password": "wrong", "next": "/es/"}, HTTP_ACCEPT_LANGUAGE="de"
    )
    assert page(response).html["lang"] == "es"


def test_password_pages_of_a_signed_in_person_follow_their_preferred_language(client):
    sign_in(client, "mentee")  # Czech
    html = page(client.get("/accounts/password/", HTTP_ACCEPT_LANGUAGE="de"))
    assert html.html["lang"] == "cs"
    assert html.select_one("h1").get_text(strip=True) == translated("Change your password", "cs")


def test_the_header_links_carry_the_page_so_its_language_is_kept(client):
    sign_in(client, "mentee")
    html = page(client.get("/de/"))
    assert html.select_one('a[href^="/accounts/password/"]')["href"] == "/accounts/password/?next=/de/"
    assert page(client.get("/accounts/password/?next=/de/", HTTP_ACCEPT_LANGUAGE="el")).html["lang"] == "de"


def test_a_forgotten_password_is_reset_through_a_link_sent_in_the_owners_language(client, greek_member):
    elsewhere = Client()
    elsewhere.force_login(greek_member)

    form = page(client.get("/accounts/password/reset/?next=/es/", HTTP_ACCEPT_LANGUAGE="de"))
    assert form.html["lang"] == "es"
    assert form.select_one("h1").get_text(strip=True) == translated("Reset your password", "es")

    response = client.post(
        "/accounts/password/reset/", {"email": "eleftheria@example.org", "next": "/es/"}, HTTP_ACCEPT_LANGUAGE="de"
    )
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password/reset/done/?next=%2Fes%2F"
    done = page(client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="de"))
    assert done.select_one("h1").get_text(strip=True) == translated("Check your e-mail", "es")

    # The mail is the owner's: Greek, naming the hub, whatever the language of whoever asked.
    (message,) = mail.outbox
    assert message.to == ["eleftheria@example.org"]
    with translation.override("el"):
        hub = translation.gettext("Q-SER Mentoring Hub")
        assert message.subject == translation.gettext("Password reset on %(site_name)s") % {"site_name": hub}
        assert translation.gettext("Please go to the following page and choose a new password:") in message.body
    link = re.search(r"https?://[^/\s]+(/accounts/reset/\S+/)", message.body).group(1)

    # The link opens the form in the owner's language; it moves the token out of the address first.
    response = client.get(link, HTTP_ACCEPT_LANGUAGE="de")
    assert response.status_code == 302
    set_password = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="de")
    assert page(set_password).html["lang"] == "el"
    response = client.post(
        response["Location"], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}, HTTP_ACCEPT_LANGUAGE="de"
    )
    assert response["Location"] == "/accounts/reset/done/"

    greek_member.refresh_from_db()
    assert greek_member.check_password(NEW_PASSWORD)
    # The session a thief may hold with the old password ends.
    assert elsewhere.get("/en/mentoring/").status_code == 302
    # The link works once.
    assert page(client.get(link)).select_one('[role="alert"]') is not None


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client):
    response = client.post("/accounts/password/reset/", {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password/reset/done/"
    assert mail.outbox == []


def test_a_reset_password_must_still_be_a_good_one(client, greek_member):
    client.post("/accounts/password/reset/", {"email": greek_member.email})
    link = re.search(r"(/accounts/reset/\S+/)", mail.outbox[0].body).group(1)
    set_password_url = client.get(link)["Location"]
    response = client.post(set_password_url, {"new_password1": "short", "new_password2": "short"})
    assert response.status_code == 200
    assert page(response).select_one("#form-errors") is not None
    greek_member.refresh_from_db()
    assert greek_member.check_password(OLD_PASSWORD)


def test_a_broken_reset_link_says_so_in_the_readers_language(client):
    html = page(client.get("/accounts/reset/MTIzNDU2/set-password/", HTTP_ACCEPT_LANGUAGE="cs"))
    assert html.html["lang"] == "cs"
    assert html.select_one('[role="alert"]').get_text(strip=True) == translated(
        "This link does not work any more: it was used already, or it is too old. Ask for a new one.", "cs"
    )


def test_pages_name_their_icon_and_favicon_ico_leads_to_it(client):
    icon = page(client.get("/en/")).select_one('link[rel="icon"]')
    assert icon["type"] == "image/svg+xml"
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == icon["href"]
    assert finders.find(icon["href"].removeprefix("/static/"))


def test_inactive_people_get_no_reset_mail(client, greek_member):
    get_user_model().objects.filter(pk=greek_member.pk).update(is_active=False)
    client.post("/accounts/password/reset/", {"email": greek_member.email})
    assert mail.outbox == []
