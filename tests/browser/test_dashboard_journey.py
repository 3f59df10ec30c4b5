"""Issue 22's "Done when", in a real browser: a Czech coordinator of one department opens the programme dashboard in
Czech, filters it to her department and the last quarter with the admin's own filters, reads where relationships
stall, exports that table to XLSX and downloads the programme report as Word; a staff member downloads the whole
Czech guide as one Word file from the guides index. Each file is opened back (openpyxl, python-docx)."""

import datetime
import io

import openpyxl
from docx import Document
from docx.oxml.ns import qn

from tests.browser.conftest import sign_in
from tests.browser.test_programme_cycle import run_on_live_site

# A Czech coordinator of Social Services only (the demo's own coordinator is Greek and has two departments).
CZECH_COORDINATOR = """
from django.contrib.auth import get_user_model
from mentoring.models import Department
from mentoring.permissions import make_coordinator
social = Department.objects.get(name="Social Services")
user, created = get_user_model().objects.get_or_create(
    username="koordinatorka", defaults={"first_name": "Věra", "last_name": "Dvořáková", "preferred_language": "cs"}
)
user.set_password("qser-demo")
user.save()
social.members_group.user_set.add(user)
make_coordinator(user, [social])
"""
SOCIAL_SERVICES_CS = "Odbor sociálních služeb"
STALL_CS = "Kde vztahy váznou: dny v každé fázi"


def last_quarter(today):
    first_of_quarter = today.replace(month=(today.month - 1) // 3 * 3 + 1, day=1)
    end = first_of_quarter - datetime.timedelta(days=1)
    return end.replace(month=end.month - 2, day=1), end


def word_language(document):
    defaults = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    return defaults.find(qn("w:lang")).get(qn("w:val"))


def headings(document):
    return [p.text for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))]


def test_a_czech_coordinator_reads_exports_and_reports_and_staff_take_the_guide(new_page, tmp_path_factory):
    run_on_live_site(tmp_path_factory, CZECH_COORDINATOR)
    page = new_page(language="cs")
    sign_in(page, "koordinatorka", language="cs")
    page.goto("/admin/programme/")
    assert page.locator("h1").first.inner_text().strip() == "Přehled programu"

    # The admin's own filters: her department, then the last quarter; the results follow without a reload.
    start, end = last_quarter(datetime.date.today())
    page.click("#filters-drilldown .w-dropdown__toggle")
    page.click("button[aria-controls='drilldown-id_department']")
    page.select_option("#id_department", label=SOCIAL_SERVICES_CS)
    page.wait_for_url("**department=*")
    page.click("#drilldown-id_department .w-drilldown__back")
    page.click("button[aria-controls='drilldown-id_period']")
    page.fill("#id_period_0", start.isoformat())
    page.fill("#id_period_1", end.isoformat())
    page.keyboard.press("Escape")
    page.wait_for_url(f"**period_to={end.isoformat()}*")
    assert f"period_from={start.isoformat()}" in page.url

    # Where relationships stall, in Czech: the heading, the stages and the table's columns.
    stall = page.locator("section.dashboard-figure", has=page.get_by_role("heading", name=STALL_CS))
    stall.wait_for()
    assert stall.locator("svg.dashboard-chart").count() == 1
    assert stall.locator("th[scope=col]").all_inner_texts()[:3] == ["Fáze", "Mentorské vztahy", "Medián (dny)"]
    assert stall.locator("th[scope=row]").all_inner_texts() == [f"Fáze {stage}" for stage in range(1, 6)]
    period_text = page.locator(".help-block.help-info").first.inner_text()
    assert "minut" in period_text  # how old the figures are

    # The stall table as a Wagtail report, exported to XLSX with the same filters.
    stall.get_by_role("link", name="Tabulka jako sestava k exportu do CSV nebo XLSX").click()
    page.wait_for_url("**/admin/programme/stall/**")
    assert f"period_from={start.isoformat()}" in page.url and "department=" in page.url
    page.click("#w-slim-header-buttons .w-dropdown__toggle")
    with page.expect_download() as download:
        page.click("#w-slim-header-buttons a[href*='export=xlsx']")
    assert download.value.suggested_filename.endswith(".xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(download.value.path().read_bytes())).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0][:3] == ["Fáze", "Mentorské vztahy", "Medián (dny)"]
    assert [row[0] for row in rows[1:]] == [f"Fáze {stage}" for stage in range(1, 6)]

    # The programme report in Word, in Czech, for the same filters.
    page.go_back()
    page.wait_for_url("**/admin/programme/?*")
    with page.expect_download() as download:
        page.get_by_role("link", name="Zpráva o programu (Word)").click()
    assert download.value.suggested_filename.endswith(".docx")
    report = Document(download.value.path())
    titles = headings(report)
    assert titles[0] == "Zpráva o programu"
    assert titles.index("Vztahy podle fáze") < titles.index(STALL_CS)
    assert word_language(report) == "cs-CZ"
    assert report.inline_shapes, "the charts are pictures"

    # A staff member takes the whole Czech guide as one Word file from the guides index.
    staff = new_page(language="cs")
    sign_in(staff, "mentee", language="cs")
    staff.goto("/cs/guides/")
    guide_titles = staff.locator("ol.guide-list h2").all_inner_texts()
    offline = staff.locator("section.offline-files")
    assert offline.get_by_role("heading").inner_text() == "Ke čtení offline"
    with staff.expect_download() as download:
        offline.get_by_role("link", name="Celá příručka jako jeden dokument Word").click()
    assert download.value.suggested_filename.startswith("q-ser-guide-cs-")
    guide = Document(download.value.path())
    chapters = [p.text for p in guide.paragraphs if p.style.name == "Heading 1"]
    assert chapters[: len(guide_titles)] == [title.strip() for title in guide_titles]
    assert word_language(guide) == "cs-CZ"
