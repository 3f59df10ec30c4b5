"""The dashboard's roll-ups (qser_site/dashboard/rollups.py): the task stores the figures of the usual
selections; the page serves them within the query bound without computing anything; a roll-up older than five
minutes is never served; the page says how old its figures are; the clock schedules the task."""

import datetime
import io
import pickle

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mentoring.models import Department
from qser_site.dashboard import figures as figures_module
from qser_site.dashboard.figures import MAX_AGE, QUERIES, Filters, selection_key
from qser_site.dashboard.rollups import ROLLUP_EVERY, refresh_rollups, usual_selections
from qser_site.models import DashboardRollup
from tests.factories import DepartmentFactory, RelationshipFactory, coordinator_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def departments():
    a = DepartmentFactory(name="Rollup Housing")
    b = DepartmentFactory(name="Rollup Welfare")
    today = timezone.localdate()
    for _number in range(6):
        RelationshipFactory(department=a, start_date=today - datetime.timedelta(days=30), current_stage=2)
    RelationshipFactory(department=b, start_date=today - datetime.timedelta(days=20))
    return a, b


def no_computing(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("computed on request")

    monkeypatch.setattr(figures_module, "compute", refuse)


def age_rollup(key, minutes):
    """Make the stored roll-up (and the figures in it) `minutes` old."""
    row = DashboardRollup.objects.get(key=key)
    figures = pickle.loads(bytes(row.figures))  # noqa: S301  (our own test data)
    figures.computed_at = timezone.now() - datetime.timedelta(minutes=minutes)
    row.figures = pickle.dumps(figures)
    row.computed_at = figures.computed_at
    row.save()


def test_the_task_stores_every_usual_selection(departments):
    a, b = departments
    c = DepartmentFactory(name="Rollup Parks")
    coordinator_of(a, b)
    every = tuple(Department.objects.order_by("pk").values_list("pk", flat=True))
    selections = usual_selections()
    # Administrators' and editors', each department's, and the coordinator's of two departments.
    assert {every, (a.pk,), (b.pk,), (c.pk,), (a.pk, b.pk)} <= set(selections)
    refresh_rollups.enqueue()  # the immediate backend runs it at once
    filters = Filters.default()
    keys = set(DashboardRollup.objects.values_list("key", flat=True))
    assert {selection_key(filters, ids) for ids in selections} == keys
    row = DashboardRollup.objects.get(key=selection_key(filters, [a.pk]))
    stored = pickle.loads(bytes(row.figures))  # noqa: S301  (our own test data)
    assert stored.relationships["by_stage"][2] == 6
    assert stored.department_ids == [a.pk]


def test_the_page_serves_the_rollup_within_the_query_bound_and_says_its_age(client, departments, monkeypatch):
    a, _b = departments
    coordinator = coordinator_of(a)
    refresh_rollups.enqueue()
    age_rollup(selection_key(Filters.default(), [a.pk]), 3)
    no_computing(monkeypatch)
    client.force_login(coordinator)
    client.get("/admin/")
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("programme_dashboard"))
    assert response.status_code == 200
    assert len(queries.captured_queries) <= QUERIES
    assert "(3 minutes ago)" in response.content.decode()


def test_a_rollup_older_than_five_minutes_is_never_served(client, departments, monkeypatch):
    a, _b = departments
    coordinator = coordinator_of(a)
    refresh_rollups.enqueue()
    key = selection_key(Filters.default(), [a.pk])
    age_rollup(key, MAX_AGE // 60 + 1)
    assert figures_module.stored_figures(key) is None
    computed = []
    original = figures_module.compute

    def counting(*args, **kwargs):
        computed.append(args)
        return original(*args, **kwargs)

    monkeypatch.setattr(figures_module, "compute", counting)
    client.force_login(coordinator)
    response = client.get(reverse("programme_dashboard"))
    assert len(computed) == 1
    assert "(0 minutes ago)" in response.content.decode()


def test_a_cached_copy_older_than_five_minutes_is_not_served_either(departments, monkeypatch):
    a, _b = departments
    filters = Filters.default()
    old = figures_module.compute(filters, [a.pk])
    old.computed_at = timezone.now() - datetime.timedelta(seconds=MAX_AGE + 1)
    cache.set("dashboard:" + selection_key(filters, [a.pk]), old, 60, version=figures_module.CACHE_VERSION)
    served = figures_module.figures_for(filters, Department.objects.filter(pk=a.pk))
    assert served.age.total_seconds() < MAX_AGE


def test_the_clock_renews_the_rollups_before_they_are_five_minutes_old(departments):
    from qser_site.management.commands import run_clock

    every = {command: seconds for command, _args, seconds in run_clock.schedule()}
    assert every["refresh_dashboard"] == ROLLUP_EVERY < MAX_AGE
    call_command("run_clock", "--once", stdout=io.StringIO())
    assert DashboardRollup.objects.filter(key=selection_key(Filters.default(), [departments[0].pk])).exists()


def test_rollups_of_earlier_days_are_forgotten(departments):
    DashboardRollup.objects.create(
        key="0" * 64, computed_at=timezone.now() - datetime.timedelta(days=2), figures=pickle.dumps(None)
    )
    refresh_rollups.enqueue()
    assert not DashboardRollup.objects.filter(key="0" * 64).exists()


def test_the_command_renews_them_at_once_when_asked_and_queues_them_otherwise(departments):
    out = io.StringIO()
    call_command("refresh_dashboard", "--now", stdout=out)
    assert "Renewed" in out.getvalue()
    assert DashboardRollup.objects.filter(key=selection_key(Filters.default(), [departments[0].pk])).exists()


def test_with_rollups_turned_off_the_figures_are_computed(departments, monkeypatch, settings):
    a, _b = departments
    refresh_rollups.enqueue()
    settings.DASHBOARD_ROLLUPS = False
    computed = []
    original = figures_module.compute
    monkeypatch.setattr(figures_module, "compute", lambda *args: computed.append(args) or original(*args))
    figures_module.figures_for(Filters.default(), Department.objects.filter(pk=a.pk))
    assert len(computed) == 1
