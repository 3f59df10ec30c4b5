from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

from . import privacy, privacy_views
from .dashboard import access as dashboard_access
from .dashboard import panel as dashboard_panel
from .dashboard import views as dashboard_views


@hooks.register("register_admin_urls")
def personal_data_urls():
    return [
        path(
            "personal-data/<int:user_id>/export/",
            privacy_views.ExportPersonalDataView.as_view(),
            name="privacy_export_personal_data",
        ),
        path(
            "personal-data/exports/<int:export_id>/download/",
            privacy_views.admin_download_export,
            name="privacy_admin_export_download",
        ),
        path(
            "personal-data/<int:user_id>/erase/",
            privacy_views.ErasePersonalDataView.as_view(),
            name="privacy_erase_personal_data",
        ),
    ]


@hooks.register("register_user_listing_buttons")
def personal_data_buttons(user, request_user):
    buttons = []
    if privacy.can_export(request_user, user):
        url = reverse("privacy_export_personal_data", args=[user.pk])
        buttons.append(Button(_("Export personal data"), url, icon_name="download", priority=60))
    if privacy.can_erase(request_user) and user.pk != request_user.pk:
        url = reverse("privacy_erase_personal_data", args=[user.pk])
        buttons.append(Button(_("Erase personal data"), url, icon_name="bin", priority=70))
    return buttons


# The programme dashboard (issue 22): its page, each figure's report, the Word programme report, its menu item
# and a summary on the admin's home, for those who may see it (dashboard/access.py).


@hooks.register("register_admin_urls")
def dashboard_urls():
    return [
        path("programme/", dashboard_views.DashboardView.as_view(), name="programme_dashboard"),
        path(
            "programme/results/",
            dashboard_views.DashboardView.as_view(results_only=True),
            name="programme_dashboard_results",
        ),
        path("programme/report.docx", dashboard_views.programme_report, name="programme_report_word"),
        path("programme/<slug:key>/", dashboard_views.FigureReportView.as_view(), name="programme_figure_report"),
        path(
            "programme/<slug:key>/results/",
            dashboard_views.FigureReportView.as_view(results_only=True),
            name="programme_figure_report_results",
        ),
    ]


class DashboardMenuItem(MenuItem):
    def is_shown(self, request):
        return dashboard_access.can_view_dashboard(request.user)


@hooks.register("register_admin_menu_item")
def dashboard_menu_item():
    return DashboardMenuItem(_("Programme dashboard"), reverse("programme_dashboard"), icon_name="table", order=250)


@hooks.register("construct_homepage_panels")
def dashboard_home_panel(request, panels):
    if dashboard_access.can_view_dashboard(request.user):
        panels.insert(0, dashboard_panel.DashboardPanel(request.user))
