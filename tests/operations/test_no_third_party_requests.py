"""The admin asks no third party for anything: Wagtail's Gravatar avatars are switched off."""

import pytest

from tests.factories import SuperuserFactory

pytestmark = pytest.mark.django_db


def test_the_admin_shows_no_gravatar(client, home_en):
    admin = SuperuserFactory(email="someone@example.org")
    client.force_login(admin)
    for path in ["/admin/", "/admin/account/", f"/admin/pages/{home_en.pk}/"]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert b"gravatar" not in response.content.lower(), path
