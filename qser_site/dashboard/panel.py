"""The dashboard's summary on the Wagtail admin's home page (construct_homepage_panels), for those who may see
the dashboard: a few of its figures over the default period, from the same cache."""

from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.admin.ui.components import Component

from . import access
from .figures import Filters, figures_for
from .tables import Withholding


class DashboardPanel(Component):
    name = "programme_dashboard"
    order = 90
    template_name = "qser_site/dashboard/home_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        figures = figures_for(Filters.default(), access.dashboard_departments(self.user))
        withheld = Withholding(not set(figures.department_ids) <= access.record_department_ids(self.user))
        relationships = figures.relationships
        waiting_reviews = sum(row["count"] for row in figures.reviews)
        items = [
            (_("Relationships under way"), sum(relationships["by_stage"].values())),
            (_("Requests waiting"), figures.pool["waiting"]),
            (_("Stage outputs waiting for review"), waiting_reviews),
            (_("Places offered in the pool"), figures.pool["places"]),
        ]
        return {
            "items": [(label, withheld.count(value)) for label, value in items],
            "url": reverse("programme_dashboard"),
            "language": get_language(),
        }
