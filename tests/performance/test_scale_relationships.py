"""`seed_scale` grows relationships and sessions when asked, for measuring the dashboard, in bulk."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from mentoring.models import MentoringRelationship, MentoringSession, SessionAttendance

pytestmark = pytest.mark.django_db


def seed(**numbers):
    numbers = {"practices": 0, "forms": 0, "guides": 0, **numbers}
    call_command("seed_scale", *[f"--{name}={value}" for name, value in numbers.items()], stdout=StringIO())


def test_relationships_and_sessions_grow_to_the_totals_asked_in_few_statements():
    with CaptureQueriesContext(connection) as nothing_asked:
        seed()
    with CaptureQueriesContext(connection) as queries:
        seed(relationships=40, sessions=300)
    relationships = MentoringRelationship.objects.filter(mentor__username__startswith="scale-rel-")
    assert relationships.count() == 40
    assert not relationships.filter(is_example=False).exists()
    assert all(relationship.mentees.count() == 1 for relationship in relationships[:5])
    assert relationships.values("department").distinct().count() > 1
    assert relationships.values("status").distinct().count() == 3
    assert relationships.values("current_stage").distinct().count() == 5
    sessions = MentoringSession.objects.filter(relationship__in=relationships)
    assert sessions.count() == 300
    assert SessionAttendance.objects.filter(session__in=sessions).exists()
    # 80 people, 40 relationships, 300 sessions and their attendance in bulk statements, not one per row.
    assert len(queries) - len(nothing_asked) < 40

    seed(relationships=50, sessions=350)  # totals: the difference is added
    assert relationships.count() == 50 and sessions.count() == 350
