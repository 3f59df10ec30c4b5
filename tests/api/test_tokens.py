"""API tokens: the token admin offers real people only, and changing a password offers to revoke the tokens."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from wagtail.models import APIToken

from tests.conftest import sign_in, translated
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db

PASSWORD = "qser-demo"


def test_there_is_no_anonymous_user_row(client):
    assert not get_user_model().objects.filter(username="AnonymousUser").exists()


def test_the_token_admin_offers_real_people_only(client):
    sign_in(client, "admin")
    listing = client.get("/admin/api-tokens/")
    assert listing.status_code == 200
    assert b"AnonymousUser" not in listing.content
    new = client.get("/admin/api-tokens/new/")
    assert new.status_code == 200
    html = BeautifulSoup(new.content, "html.parser")
    offered = [option.get_text(strip=True) for option in html.select('select[name="user"] option') if option["value"]]
    assert offered and not any("AnonymousUser" in name for name in offered)


@pytest.fixture
def person():
    user = MemberFactory()
    user.set_password(PASSWORD)
    user.save()
    return user


def change_password(client, person, **extra):
    client.force_login(person)
    return client.post(
        "/accounts/password/",
        {"old_password": PASSWORD, "new_password1": "a-New-pass-2026!", "new_password2": "a-New-pass-2026!", **extra},
    )


def test_the_password_change_offers_to_revoke_the_tokens_ticked_by_default(client, person):
    client.force_login(person)
    html = BeautifulSoup(client.get("/accounts/password/", HTTP_ACCEPT_LANGUAGE="de").content, "html.parser")
    box = html.select_one('input[name="revoke_api_tokens"]')
    assert box["type"] == "checkbox" and box.has_attr("checked")
    assert html.select_one('label[for="id_revoke_api_tokens"]').get_text(strip=True) == translated(
        "Also revoke my API tokens", "de"
    )


def test_changing_the_password_with_the_box_ticked_revokes_the_persons_tokens_only(client, person):
    token, plaintext = APIToken.create_token(user=person, name="intranet")
    other, _plaintext = APIToken.create_token(user=MemberFactory(), name="other")
    assert client.get("/api/forms/mine/", HTTP_AUTHORIZATION=f"Bearer {plaintext}").status_code == 200
    response = change_password(client, person, revoke_api_tokens="on")
    assert response.status_code == 302
    token.refresh_from_db()
    other.refresh_from_db()
    assert token.revoked_at is not None and other.revoked_at is None
    refused = client.get("/api/forms/mine/", HTTP_AUTHORIZATION=f"Bearer {plaintext}")
    assert refused.status_code == 401


def test_changing_the_password_with_the_box_unticked_keeps_the_tokens(client, person):
    token, _plaintext = APIToken.create_token(user=person, name="intranet")
    assert change_password(client, person).status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is None


def test_a_refused_password_change_revokes_nothing(client, person):
    token, _plaintext = APIToken.create_token(user=person, name="intranet")
    response = change_password(client, person, new_password2="something else", revoke_api_tokens="on")
    assert response.status_code == 200
    token.refresh_from_db()
    assert token.revoked_at is None
