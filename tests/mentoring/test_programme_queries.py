"""The pages of running a relationship cost the same number of queries with a few sessions or many: a stage's page,
a session's page, the reader's calendar and their iCalendar feed."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from mentoring import feeds
from mentoring.models import MentoringRelationship, StageConfirmation
from tests.factories import MentoringSessionFactory

pytestmark = pytest.mark.django_db


def queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def more_sessions(relationship, count=20):
    for number in range(count):
        MentoringSessionFactory(
            relationship=relationship,
            stage=1 + number % 5,
            date=timezone.now() + datetime.timedelta(days=number + 1),
            rrule="FREQ=WEEKLY;COUNT=4" if number % 2 else "",
        )


URLS = {
    "stage page": (lambda relationship, session: f"/cs/mentoring/{relationship.pk}/stage/1/", 40),
    "session page": (lambda relationship, session: f"/cs/mentoring/{relationship.pk}/sessions/{session.pk}/", 25),
    "calendar page": (lambda relationship, session: "/cs/mentoring/calendar/", 20),
    "calendar feed": (lambda relationship, session: f"/calendar/{feeds.feed_of(relationship.mentor).token}.ics", 6),
}


@pytest.mark.parametrize("name", URLS)
def test_query_count_is_fixed_as_sessions_grow(without_response_cache, client, users, name):
    relationship = MentoringRelationship.objects.get(mentor=users["mentor"])
    session = relationship.sessions.order_by("pk").first()
    target, limit = URLS[name]
    client.force_login(users["mentor"])
    url = target(relationship, session)
    few = queries(client, url)
    more_sessions(relationship)
    StageConfirmation.objects.create(relationship=relationship, stage=1, person=users["mentee"])
    many = queries(client, url)
    assert few == many <= limit, f"{url}: {few} queries, then {many} with more sessions"
