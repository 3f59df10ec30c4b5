"""The dashboard in Wagtail's admin: one page with every figure (its chart, its table and its summary), each
figure's table as a Wagtail report of its own (ReportView, so exported to CSV and XLSX by Wagtail's own
spreadsheet export), and the programme report in Word. They share one filter set (django-filter, Wagtail's
flavour) and check on every request who may see what (access.py)."""

import django_filters
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView
from wagtail.admin.widgets import HeaderButton

from home.docx import docx_response
from home.programme import Country
from mentoring.models import Department, MentoringModel, MentoringRelationship, Organisation, department_names

from . import access, report
from .figures import Filters, figures_for
from .tables import tables


class DashboardFilterSet(WagtailFilterSet):
    period = django_filters.DateFromToRangeFilter(
        label=gettext_lazy("Period"), widget=DateRangePickerWidget, method="keep"
    )
    organisation = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Organisation"), queryset=Organisation.objects.all(), method="keep"
    )
    department = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Department"), queryset=Department.objects.all(), method="keep"
    )
    country = django_filters.ChoiceFilter(label=gettext_lazy("Country"), choices=Country.choices, method="keep")
    mentoring_model = django_filters.ChoiceFilter(
        label=gettext_lazy("Mentoring model"), choices=MentoringModel.choices, method="keep"
    )

    class Meta:
        model = MentoringRelationship
        fields = []

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        departments = access.dashboard_departments(request.user)
        # django-filter reads a model choice's queryset from the filter's `queryset` (not its `extra`).
        self.filters["department"].queryset = departments
        self.filters["organisation"].queryset = Organisation.objects.filter(
            departments__in=departments.values("pk")
        ).distinct()
        names = department_names(get_language())
        field = self.form.fields["department"]
        field.label_from_instance = lambda department: names.get(department.pk, department.name)

    def keep(self, queryset, name, value):
        """The figures read the form's values (filters_from); nothing filters a queryset here."""
        return queryset


def filters_from(filterset):
    default = Filters.default()
    if not filterset.is_valid():
        return default
    data = filterset.form.cleaned_data
    period = data.get("period")
    start = period.start.date() if period and period.start else default.start
    end = period.stop.date() if period and period.stop else default.end
    if start > end:
        filterset.form.add_error("period", _("The period must start before it ends."))
        start, end = default.start, default.end
    return Filters(
        start=start,
        end=end,
        organisation=data["organisation"].pk if data.get("organisation") else None,
        department=data["department"].pk if data.get("department") else None,
        country=data.get("country") or "",
        mentoring_model=data.get("mentoring_model") or "",
    )


class DashboardMixin:
    filterset_class = DashboardFilterSet
    paginate_by = None

    def dispatch(self, request, *args, **kwargs):
        if not access.can_view_dashboard(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_filterset_kwargs(self):
        return {**super().get_filterset_kwargs(), "queryset": MentoringRelationship.objects.none()}

    def filter_queryset(self, queryset):
        return queryset

    def figures(self):
        if not hasattr(self, "_figures"):
            filters = filters_from(self.filters)
            self._figures = figures_for(filters, access.dashboard_departments(self.request.user))
        return self._figures

    def tables(self):
        if not hasattr(self, "_tables"):
            self._tables = tables(
                self.figures(),
                record_department_ids=access.record_department_ids(self.request.user),
                language=get_language(),
            )
        return self._tables

    def query_string(self):
        params = self.request.GET.copy()
        params.pop("export", None)
        return params.urlencode()


class DashboardView(DashboardMixin, ReportView):
    page_title = gettext_lazy("Programme dashboard")
    header_icon = "table"
    index_url_name = "programme_dashboard"
    index_results_url_name = "programme_dashboard_results"
    template_name = "qser_site/dashboard/dashboard.html"
    results_template_name = "qser_site/dashboard/dashboard_results.html"

    def get_queryset(self):
        return []

    @property
    def header_buttons(self):
        url = reverse("programme_report_word") + "?" + self.query_string()
        return [HeaderButton(_("Programme report (Word)"), url, icon_name="download")]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        figures = self.figures()
        query = self.query_string()
        shown = []
        for number, table in enumerate(self.tables(), start=1):
            chart = table.chart()
            key = "evaluations" if table.evaluation else table.key
            shown.append(
                {
                    "table": table,
                    "id": f"figure-{number}",
                    "svg": chart.svg(f"chart-{number}") if chart else "",
                    "report_url": reverse("programme_figure_report", args=[key]) + ("?" + query if query else ""),
                }
            )
        context.update(
            figures=shown,
            computed_at=figures.computed_at,
            age_minutes=int(figures.age.total_seconds() // 60),
            period=figures.filters,
        )
        return context


REPORT_KEYS = [
    "stages",
    "models",
    "months",
    "stall",
    "sessions",
    "pool",
    "reviews",
    "practices",
    "countries",
    "moderation",
    "circle",
    "translations",
    "evaluations",
]


class FigureReportView(DashboardMixin, ReportView):
    """One figure's table as a report, with the dashboard's filters and Wagtail's CSV and XLSX export."""

    header_icon = "table"
    index_url_name = "programme_figure_report"
    index_results_url_name = "programme_figure_report_results"
    template_name = "qser_site/dashboard/figure_report.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        if kwargs.get("key") not in REPORT_KEYS:
            raise Http404

    def get_index_url(self):
        return reverse(self.index_url_name, args=[self.kwargs["key"]])

    def get_index_results_url(self):
        return reverse(self.index_results_url_name, args=[self.kwargs["key"]])

    def table(self):
        key = self.kwargs["key"]
        if key == "evaluations":
            return report.evaluations_table(self.tables())
        return next(table for table in self.tables() if table.key == key)

    def get_page_title(self):
        return self.table().title

    def get_filename(self):
        return f"programme-{self.kwargs['key']}-{timezone.localdate().isoformat()}"

    def get_queryset(self):
        table = self.table()
        self.columns = [Column(key, label=heading, accessor=key) for key, heading in table.columns]
        self.list_export = [key for key, _heading in table.columns]
        self.export_headings = dict(table.columns)
        return table.rows

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            summary=self.table().summary(),
            computed_at=self.figures().computed_at,
            age_minutes=int(self.figures().age.total_seconds() // 60),
            dashboard_url=reverse("programme_dashboard") + "?" + self.query_string(),
        )
        return context


def programme_report(request):
    """The programme report in Word, in the reader's language, for the dashboard's filters."""
    if not access.can_view_dashboard(request.user):
        raise PermissionDenied
    filterset = DashboardFilterSet(request.GET, queryset=MentoringRelationship.objects.none(), request=request)
    figures = figures_for(filters_from(filterset), access.dashboard_departments(request.user))
    language = get_language()
    shown = tables(figures, record_department_ids=access.record_department_ids(request.user), language=language)
    document = report.programme_report(figures, shown, language)
    return docx_response(document, _("Programme report"), timezone.localdate())
