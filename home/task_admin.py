"""The administrators' view of our background tasks (home/tasks.py), in the Wagtail admin under Reports:
the queue (where it is the database's) and every task that failed for good, with what it failed on, to retry
or dismiss. Superusers only: a failed task's arguments may name people. django-tasks-db's own page is for
Django's admin site, which this project does not mount."""

import django_filters
from django.contrib import messages
from django.contrib.auth.decorators import user_passes_test
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.reports import ReportView

from .models import TaskFailure
from .tasks import retry_failure, task_queue


def is_administrator(user):
    return user.is_active and user.is_superuser


class TaskFailureFilterSet(WagtailFilterSet):
    failed_at = django_filters.DateFromToRangeFilter(
        label=pgettext_lazy("background task", "Failed at"), widget=DateRangePickerWidget
    )
    task_path = django_filters.CharFilter(label=pgettext_lazy("background task", "Task"), lookup_expr="icontains")

    class Meta:
        model = TaskFailure
        fields = ["task_path", "failed_at"]


class ActionsColumn(Column):
    cell_template_name = "home/admin/task_failure_actions.html"


class TaskFailuresReportView(ReportView):
    page_title = _("Background tasks")
    header_icon = "warning"
    index_url_name = "task_failures"
    index_results_url_name = "task_failures_results"
    template_name = "home/admin/task_failures.html"
    filterset_class = TaskFailureFilterSet
    model = TaskFailure
    columns = [
        Column("task", label=pgettext_lazy("background task", "Task"), accessor="__str__"),
        Column("attempts", label=pgettext_lazy("background task", "Attempts")),
        Column("error", label=pgettext_lazy("background task", "Error")),
        DateColumn("failed_at", label=pgettext_lazy("background task", "Failed at")),
        ActionsColumn("actions", label=pgettext_lazy("background task", "Actions"), accessor="pk"),
    ]
    list_export = ["task_path", "attempts", "error", "failed_at"]
    export_headings = {
        "task_path": pgettext_lazy("background task", "Task"),
        "attempts": pgettext_lazy("background task", "Attempts"),
        "error": pgettext_lazy("background task", "Error"),
        "failed_at": pgettext_lazy("background task", "Failed at"),
    }

    def dispatch(self, request, *args, **kwargs):
        if not is_administrator(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return TaskFailure.objects.order_by("-failed_at")

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "queue": task_queue()}


@require_POST
@user_passes_test(is_administrator)
def retry(request, pk):
    failure = get_object_or_404(TaskFailure, pk=pk)
    retry_failure(failure)
    messages.success(request, _("The task was queued again."))
    return redirect("task_failures")


@require_POST
@user_passes_test(is_administrator)
def dismiss(request, pk):
    get_object_or_404(TaskFailure, pk=pk).delete()
    messages.success(request, _("The failed task was dismissed."))
    return redirect("task_failures")
