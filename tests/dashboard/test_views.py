"""The dashboard in the admin: who sees it and which departments; its charts (SVG with title and description);
each figure's report exported to CSV and XLSX and read back; the programme report in Word read back; the
summary on the admin's home; and a query count that does not grow with the data."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.core.cache import cache
from django.urls import reverse
from docx import Document
from docx.oxml.ns import qn

from mentoring.models import SessionAttendance
from qser_site.dashboard.charts import Chart
from qser_site.dashboard.figures import QUERIES
from tests.factories import (
    DepartmentFactory,
    EditorFactory,
    MemberFactory,
    MentoringSessionFactory,
    MentorRequestFactory,
    RelationshipFactory,
    SuperuserFactory,
    coordinator_of,
)

pytestmark = pytest.mark.django_db

QUERY = "period_from=2026-01-01&period_to=2026-06-30"


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def departments():
    """A: seven relationships in stage 2 (not withheld anywhere); B: one (withheld from those who may not see it)."""
    a = DepartmentFactory(name="Dash Housing")
    b = DepartmentFactory(name="Dash Welfare")
    for _number in range(7):
        RelationshipFactory(department=a, start_date=datetime.date(2026, 2, 2), current_stage=2)
    RelationshipFactory(department=b, start_date=datetime.date(2026, 3, 3))
    return a, b


def dashboard(client, user, query=QUERY):
    client.force_login(user)
    return client.get(reverse("programme_dashboard") + "?" + query)


def test_a_coordinator_sees_their_department_only(client, departments):
    a, b = departments
    coordinator = coordinator_of(a)
    response = dashboard(client, coordinator)
    assert response.status_code == 200
    figures = response.context["view"].figures()
    assert figures.department_ids == [a.pk]
    assert figures.relationships["by_stage"][2] == 7
    # Asking for another department's figures: the filter refuses it, and the figures stay theirs.
    response = dashboard(client, coordinator, f"{QUERY}&department={b.pk}")
    assert response.context["view"].figures().department_ids == [a.pk]
    # Their own department's counts are not withheld: they see its records.
    content = response.content.decode()
    assert "fewer than 5" not in content


def test_an_editor_sees_every_department_with_small_counts_withheld(client, departments):
    a, b = departments
    response = dashboard(client, EditorFactory(), f"{QUERY}&department={b.pk}")
    assert response.status_code == 200
    assert response.context["view"].figures().department_ids == [b.pk]
    content = response.content.decode()
    assert "fewer than 5" in content
    response = dashboard(client, EditorFactory(), f"{QUERY}&department={a.pk}")
    assert response.context["view"].figures().relationships["by_stage"][2] == 7


def test_an_administrator_sees_every_department_in_full_and_visitors_sign_in_first(client, departments):
    a, b = departments
    for url in [reverse("programme_dashboard"), reverse("programme_report_word"), "/admin/programme/stall/"]:
        response = client.get(url)
        assert response.status_code == 302 and "login" in response["Location"]
    administrator = SuperuserFactory()
    response = dashboard(client, administrator)
    assert {a.pk, b.pk} <= set(response.context["view"].figures().department_ids)
    # A department of one, in full: an administrator may see every record.
    response = dashboard(client, administrator, f"{QUERY}&department={b.pk}")
    assert response.context["view"].figures().department_ids == [b.pk]
    assert "fewer than 5" not in response.content.decode()


def test_staff_without_the_role_are_refused(client, departments):
    member = MemberFactory(department=departments[0])
    client.force_login(member)
    for url in [reverse("programme_dashboard"), reverse("programme_report_word"), "/admin/programme/stages/"]:
        assert client.get(url).status_code in (302, 403)
    # A reviewer reaches the admin, but not the dashboard.
    reviewer = MemberFactory(department=departments[0], groups=[departments[0].reviewers_group])
    reviewer.groups.add(departments[0].members_group)
    client.force_login(reviewer)
    for url in [reverse("programme_dashboard"), reverse("programme_report_word"), "/admin/programme/stages/"]:
        response = client.get(url, follow=True)
        assert "Relationships by stage" not in response.content.decode()
        assert response.get("Content-Type", "").startswith("text/html")


def test_charts_are_svg_with_a_title_a_description_and_a_table(client, departments):
    content = dashboard(client, coordinator_of(departments[0])).content.decode()
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in content
    assert '<title id="chart-1-title">Relationships by stage</title>' in content
    assert (
        '<desc id="chart-1-desc">Relationships by stage. Stage 1: Relationships 0; Stage 2: Relationships 7' in content
    )
    assert "<style" not in content.split("<svg", 1)[1].split("</svg>", 1)[0]
    assert '<th scope="col">Median days</th>' in content
    assert "minutes ago" in content or "minute ago" in content


def test_the_dashboard_in_czech(client, departments):
    coordinator = coordinator_of(departments[0])
    coordinator.preferred_language = "cs"
    coordinator.save()
    content = dashboard(client, coordinator).content.decode()
    assert "Přehled programu" in content
    assert "Vztahy podle fáze" in content


def test_a_figure_exported_to_csv_and_xlsx(client, departments):
    a, b = departments
    client.force_login(EditorFactory())
    url = reverse("programme_figure_report", args=["stages"])
    response = client.get(f"{url}?{QUERY}&department={b.pk}&export=csv")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0] == ["Stage", "Relationships"]
    assert rows[1] == ["Stage 1", "fewer than 5"]
    response = client.get(f"{url}?{QUERY}&department={a.pk}&export=xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0] == ["Stage", "Relationships"]
    assert values[2] == ["Stage 2", 7]
    # The report page itself: Wagtail's listing of the same rows.
    page = client.get(f"{url}?{QUERY}&department={a.pk}")
    assert page.status_code == 200
    assert "Stage 2" in page.content.decode()
    assert client.get(reverse("programme_figure_report", args=["nothing"]), follow=True).status_code == 404


def test_the_programme_report_in_word(client, departments):
    a, _b = departments
    coordinator = coordinator_of(a)
    coordinator.preferred_language = "cs"
    coordinator.save()
    client.force_login(coordinator)
    response = client.get(reverse("programme_report_word") + "?" + QUERY)
    assert response.status_code == 200
    document = Document(io.BytesIO(response.content))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert headings[0] == "Zpráva o programu"
    assert "Vztahy podle fáze" in headings
    assert headings.index("Vztahy podle fáze") < headings.index("Pokrytí překladů podle jazyka")
    assert document.core_properties.language == "cs-CZ"
    styles = document.styles.element
    assert (
        styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:lang")).get(qn("w:val"))
        == "cs-CZ"
    )
    assert document.inline_shapes, "the charts are pictures"
    tables = [[[cell.text for cell in row.cells] for row in table.rows] for table in document.tables]
    assert ["Fáze 2", "7"] in tables[0]


def test_the_admin_home_has_the_summary_for_those_allowed(client, departments):
    client.force_login(coordinator_of(departments[0]))
    content = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "The programme at a glance" in content
    assert reverse("programme_dashboard") in content
    client.force_login(MemberFactory(department=departments[0], groups=[departments[0].reviewers_group]))
    assert "The programme at a glance" not in client.get(reverse("wagtailadmin_home")).content.decode()


def add_activity(department, count):
    for _number in range(count):
        relationship = RelationshipFactory(department=department, start_date=datetime.date(2026, 4, 1))
        session = MentoringSessionFactory(
            relationship=relationship, date=datetime.datetime(2026, 4, 2, tzinfo=datetime.UTC)
        )
        SessionAttendance.objects.create(session=session, person=relationship.mentor, occurrence=session.date)
        MentorRequestFactory(department=department)


def test_the_dashboard_query_count_does_not_grow(client, django_assert_num_queries, departments):
    a, _b = departments
    coordinator = coordinator_of(a)
    client.force_login(coordinator)
    url = reverse("programme_dashboard") + "?" + QUERY
    client.get(url)
    cache.clear()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    add_activity(a, 6)
    cache.clear()
    with CaptureQueriesContext(connection) as larger:
        assert client.get(url).status_code == 200
    assert len(small.captured_queries) == len(larger.captured_queries)
    # From the cache, the figures cost nothing: the page as served stays within the 20 queries.
    with CaptureQueriesContext(connection) as cached:
        client.get(url)
    assert len(cached.captured_queries) < len(larger.captured_queries) - 10
    assert len(cached.captured_queries) <= QUERIES


def test_charts_are_drawn_once_while_their_figures_are_cached(client, departments, monkeypatch):
    drawn = []
    original = Chart._svg

    def counting(self, element_id):
        drawn.append(self.title)
        return original(self, element_id)

    monkeypatch.setattr(Chart, "_svg", counting)
    coordinator = coordinator_of(departments[0])
    assert dashboard(client, coordinator).status_code == 200
    assert "Relationships by stage" in drawn
    count = len(drawn)
    assert "Relationships by stage" in dashboard(client, coordinator).content.decode()
    assert len(drawn) == count
    # Another language is another chart.
    coordinator.preferred_language = "cs"
    coordinator.save()
    assert "Vztahy podle fáze" in dashboard(client, coordinator).content.decode()
    assert "Vztahy podle fáze" in drawn[count:]


def test_the_period_filter_and_a_period_that_ends_before_it_starts(client, departments):
    coordinator = coordinator_of(departments[0])
    response = dashboard(client, coordinator, "period_from=2024-01-01&period_to=2024-03-31")
    figures = response.context["view"].figures()
    assert (figures.filters.start, figures.filters.end) == (datetime.date(2024, 1, 1), datetime.date(2024, 3, 31))
    assert figures.relationships["by_stage"][2] == 0
    assert [month for month, *_counts in figures.relationships["months"]] == ["2024-01", "2024-02", "2024-03"]
    response = dashboard(client, coordinator, "period_from=2026-05-01&period_to=2026-01-01")
    assert response.status_code == 200
    assert "The period must start before it ends." in response.content.decode()
    # The report's page offers Wagtail's own exports.
    page = client.get(reverse("programme_figure_report", args=["stall"]) + "?" + QUERY).content.decode()
    assert "export=csv" in page and "export=xlsx" in page
