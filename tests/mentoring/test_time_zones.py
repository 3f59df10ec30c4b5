"""Each person reads dates and times in their own time zone: the one they chose in their account settings, or
else the zone of their department's country; anonymous readers get the site's."""

import datetime
import zoneinfo

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone
from wagtail.users.models import UserProfile

from home.programme import TIME_ZONES
from tests.factories import DepartmentFactory, FilledFormFactory, MemberFactory, UserFactory

pytestmark = pytest.mark.django_db

SAVED_AT = datetime.datetime(2026, 12, 7, 10, 38, tzinfo=datetime.UTC)


@pytest.mark.parametrize(
    ("country", "zone"),
    [("CZ", "Europe/Prague"), ("DE", "Europe/Berlin"), ("ES", "Europe/Madrid"), ("GR", "Europe/Athens")],
)
def test_joining_a_department_gives_its_countrys_zone_to_whoever_has_none(country, zone):
    person = MemberFactory(department=DepartmentFactory(country=country))
    person.refresh_from_db()
    assert person.time_zone == zone == TIME_ZONES[country]
    assert UserProfile.objects.get(user=person).current_time_zone == zone


def test_a_chosen_zone_is_kept_when_joining_a_department_and_follows_the_admin_profile():
    person = UserFactory()
    person.time_zone = "Atlantic/Canary"
    person.save()
    DepartmentFactory(country="ES").members_group.user_set.add(person)
    person.refresh_from_db()
    assert person.time_zone == "Atlantic/Canary"
    # Changed in the Wagtail admin's account settings, the profile's zone becomes the person's.
    profile = UserProfile.objects.get(user=person)
    profile.current_time_zone = "Europe/Madrid"
    profile.save()
    person.refresh_from_db()
    assert person.time_zone == "Europe/Madrid"


def last_saved(client, filled):
    html = BeautifulSoup(client.get(f"/en/forms/mine/{filled.pk}/").content, "html.parser")
    return html.select_one(".form-status").get_text(" ", strip=True)


def test_a_czech_reader_sees_prague_time_and_a_greek_reader_athens_time(client):
    czech = MemberFactory(department=DepartmentFactory(country="CZ"))
    filled = FilledFormFactory(owner=czech)
    type(filled).objects.filter(pk=filled.pk).update(updated_at=SAVED_AT)
    client.force_login(czech)
    assert "11:38" in last_saved(client, filled)  # 10:38 UTC is 11:38 in Prague, not 12:38 as in Athens

    greek = MemberFactory(department=DepartmentFactory(country="GR"))
    type(filled).objects.filter(pk=filled.pk).update(owner=greek)
    client.force_login(greek)
    assert "12:38" in last_saved(client, filled)


def test_the_zone_of_one_request_does_not_leak_into_the_next(client):
    client.force_login(MemberFactory(department=DepartmentFactory(country="ES")))
    client.get("/en/forms/mine/")
    assert timezone.get_current_timezone() == zoneinfo.ZoneInfo("Europe/Athens")  # settings.TIME_ZONE
