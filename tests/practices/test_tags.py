"""Tags are read as taggit reads them everywhere (Wagtail's admin too): commas separate them, a name with a
space stays whole when a comma or quotes say so; the API's list gives each name whole."""

import json

import pytest

from practices.models import PracticePage
from tests.practices.conftest import practice_data
from tests.test_api import bearer

pytestmark = pytest.mark.django_db


def test_the_site_form_splits_tags_at_commas(client, staff):
    client.force_login(staff)
    client.post("/es/practices/submit/", practice_data(tags='cita previa, "sms, whatsapp", vivienda'))
    page = PracticePage.objects.get(submission_token=practice_data()["token"])
    assert sorted(page.tags.names()) == ["cita previa", "sms, whatsapp", "vivienda"]


def test_the_api_keeps_each_listed_name_whole(client):
    payload = {**practice_data(), "language": "es", "tags": ["cita previa", "sms"]}
    payload.pop("stage")
    response = client.post("/api/practices/", json.dumps(payload), content_type="application/json", **bearer("staff"))
    assert response.status_code == 201, response.content
    assert sorted(PracticePage.objects.get(pk=response.json()["id"]).tags.names()) == ["cita previa", "sms"]
