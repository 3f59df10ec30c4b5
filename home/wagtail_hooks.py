from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import AdminOnlyMenuItem

from . import task_admin


@hooks.register("register_admin_urls")
def task_urls():
    return [
        path("reports/tasks/", task_admin.TaskFailuresReportView.as_view(), name="task_failures"),
        path(
            "reports/tasks/results/",
            task_admin.TaskFailuresReportView.as_view(results_only=True),
            name="task_failures_results",
        ),
        path("reports/tasks/<int:pk>/retry/", task_admin.retry, name="task_failure_retry"),
        path("reports/tasks/<int:pk>/dismiss/", task_admin.dismiss, name="task_failure_dismiss"),
    ]


@hooks.register("register_reports_menu_item")
def task_menu_item():
    return AdminOnlyMenuItem(_("Background tasks"), reverse("task_failures"), icon_name="warning", order=900)
