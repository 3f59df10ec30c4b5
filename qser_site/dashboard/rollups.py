"""The dashboard's roll-ups: a task computes the figures of the usual selections (the default period over every
department, over each department, and over each coordinator's departments) and stores them
(qser_site.models.DashboardRollup), so that no reader of those waits for them to be computed. The clock runs it
every ROLLUP_EVERY seconds (`refresh_dashboard`, run_clock.py), less than figures.MAX_AGE: what the page serves
is never older than MAX_AGE, and the page says how old it is (figures.Figures.age). A roll-up older than that is
never served; any other selection is computed on request and kept in the cache (figures.figures_for).

Only the figures are stored: the charts are drawn from them on request and kept in the cache (charts.py), since
what a chart shows depends on the reader's language and on what they may see."""

import datetime
import pickle

from django.utils import timezone
from guardian.shortcuts import get_users_with_perms

from home.tasks import retried_task
from mentoring.models import Department
from mentoring.permissions import COORDINATE
from qser_site.models import DashboardRollup

from .figures import Filters, compute, selection_key

# The clock's interval: a roll-up is renewed well before it is MAX_AGE old.
ROLLUP_EVERY = 4 * 60

# Roll-ups of earlier days' default periods are no longer read: removed after this long.
KEEP = datetime.timedelta(days=1)


def usual_selections():
    """The department ids (sorted, distinct) of each usual selection: every department (administrators and
    editors), each department alone, and each coordinator's departments together."""
    departments = list(Department.objects.order_by("pk"))
    selections = {tuple(department.pk for department in departments)}
    coordinated = {}
    codename = COORDINATE.split(".", 1)[1]
    for department in departments:
        selections.add((department.pk,))
        for user in get_users_with_perms(department, only_with_perms_in=[codename], with_group_users=True):
            coordinated.setdefault(user.pk, set()).add(department.pk)
    selections.update(tuple(sorted(ids)) for ids in coordinated.values())
    return sorted(selections)


def refresh(today=None):
    """Compute and store the roll-up of each usual selection; forget those no longer read. Returns how many."""
    filters = Filters.default(today)
    stored = 0
    for department_ids in usual_selections():
        figures = compute(filters, list(department_ids))
        DashboardRollup.objects.update_or_create(
            key=selection_key(filters, department_ids),
            defaults={"computed_at": figures.computed_at, "figures": pickle.dumps(figures)},
        )
        stored += 1
    DashboardRollup.objects.filter(computed_at__lt=timezone.now() - KEEP).delete()
    return stored


@retried_task()
def refresh_rollups():
    return refresh()
