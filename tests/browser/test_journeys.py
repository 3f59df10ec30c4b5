"""The four journeys of the programme, in a real browser."""

import re

import docx

from tests.browser.conftest import screenshot, sign_in


def test_greek_reader_lands_in_greek_and_switches_to_czech_on_the_same_guide(new_page):
    page = new_page(language="el")
    page.goto("/")
    page.wait_for_url("**/el/")
    assert page.get_attribute("html", "lang") == "el"
    screenshot(page, "greek_reader", "01-home")
    page.click("nav.site-nav a[href='/el/guides/']")
    page.click(".guide-list li:nth-child(3) h2 a")
    page.wait_for_url("**/el/guides/mentoring-models/")
    assert re.search(r"[α-ω]", page.inner_text("h1"))
    screenshot(page, "greek_reader", "02-guide")
    page.click("nav.language-switcher a[hreflang='cs']")
    page.wait_for_url("**/cs/guides/mentoring-models/")
    assert page.get_attribute("html", "lang") == "cs"
    screenshot(page, "greek_reader", "03-guide-in-czech")


def test_staff_fills_the_swot_form_over_two_visits_and_downloads_it(new_page):
    page = new_page()
    sign_in(page, "staff")
    page.goto("/en/forms/swot-analysis/fill/")
    page.fill("#id_subject", "Housing desk, Tuesdays")
    page.fill("#id_swot_0", "Patient staff who explain the steps")
    page.click("button[value=save_draft]")
    page.wait_for_url(re.compile(r".*/en/forms/mine/\d+/$"))
    draft_url = page.url
    screenshot(page, "swot_form", "01-draft-saved")
    page.click(".site-header__account button")  # sign out

    sign_in(page, "staff")
    page.goto("/en/forms/mine/")
    page.click("table.listing a[href$='/']:has-text('SWOT')")
    page.wait_for_url(draft_url)
    assert page.input_value("#id_swot_0") == "Patient staff who explain the steps"
    page.fill("#id_swot_1", "Queues on Monday mornings")
    page.fill("#id_swot_2", "A phone interpreter line")
    page.fill("#id_swot_3", "Rules that change without notice")
    page.fill("#id_next_steps", "Try the interpreter line for a month")
    page.click("button[value=complete]")
    page.wait_for_url(draft_url)
    screenshot(page, "swot_form", "02-complete")
    with page.expect_download() as download_info:
        page.click("a:has-text('Download (Word)')")
    document = docx.Document(download_info.value.path())
    text = "\n".join(
        [p.text for p in document.paragraphs]
        + [p.text for table in document.tables for row in table.rows for cell in row.cells for p in cell.paragraphs]
    )
    for answer in [
        "Housing desk, Tuesdays",
        "Patient staff who explain the steps",
        "Queues on Monday mornings",
        "A phone interpreter line",
        "Rules that change without notice",
        "Try the interpreter line for a month",
    ]:
        assert answer in text


def test_staff_submits_a_practice_and_the_editor_approves_it_in_the_admin(new_page):
    title = "Cita previa con intérprete por vídeo"
    page = new_page(language="es")
    sign_in(page, "staff", language="es")
    page.goto("/es/practices/submit/")
    page.fill("#id_title", title)
    page.fill("#id_summary", "Una videollamada con intérprete en la primera cita de vivienda.")
    page.select_option("#id_service_area", "housing")
    page.select_option("#id_country", "ES")
    page.fill("#id_municipality", "Villaluz (municipio ficticio)")
    page.select_option("#id_department", "Housing")  # chosen from the list
    page.fill("#id_challenge", "Las familias no entendían los requisitos.")
    page.fill("#id_what_was_done", "Reservamos intérpretes por vídeo para la primera cita.")
    page.fill("#id_results", "Las citas repetidas bajaron a la mitad.")
    page.fill("#id_reuse", "Cualquier ventanilla puede reservar la misma línea.")
    page.fill("#id_tags", "intérpretes, vivienda")
    screenshot(page, "practice_moderation", "01-submission-form")
    page.click("form.answer-form button[type=submit]")
    page.wait_for_url("**/es/practices/mine/")
    assert title in page.inner_text(".submission-list")
    screenshot(page, "practice_moderation", "02-my-submissions")

    moderator = new_page()
    sign_in(moderator, "editor")
    moderator.goto(f"/admin/pages/search/?q={title}")
    moderator.click(f"a:has-text('{title}')")
    moderator.wait_for_url(re.compile(r".*/admin/pages/\d+/edit/$"))
    screenshot(moderator, "practice_moderation", "03-admin-edit")
    moderator.locator("footer .dropdown-toggle, footer [data-w-dropdown-target='toggle']").first.click()
    moderator.click("button:has-text('Approve')")
    moderator.wait_for_load_state("networkidle")

    reader = new_page(language="es")
    reader.goto("/es/practices/?area=housing")
    assert title in reader.inner_text(".practice-list")
    screenshot(reader, "practice_moderation", "04-in-the-repository")
    reader.goto("/es/search/?q=interprete por video")
    assert title in reader.inner_text(".search-results")


def test_a_stage_output_travels_from_mentee_to_housing(new_page):
    mentee = new_page()
    sign_in(mentee, "mentee")
    mentee.goto("/en/forms/calendar-of-sessions/fill/")
    mentee.fill("#id_relationship", "Maria Papadopoulou and Jan Novák")
    mentee.fill("input[name='sessions-0-0']", "2026-12-01")
    mentee.fill("input[name='sessions-0-1']", "Getting to know each other")
    mentee.click("button[value=complete]")
    mentee.wait_for_url(re.compile(r".*/en/forms/mine/\d+/$"))
    mentee.goto("/en/mentoring/")
    mentee.click(".cards h2 a")
    mentee.click("a:has-text('Submit a stage output')")
    option = mentee.locator("#id_filled_form option", has_text="Suggested calendar of mentoring sessions").first
    mentee.select_option("#id_filled_form", option.get_attribute("value"))
    mentee.check("input[name=target_departments] >> nth=0")
    housing = mentee.locator("label:has-text('Housing') input")
    if not housing.is_checked():
        housing.check()
    screenshot(mentee, "stage_output", "01-submit")
    mentee.click("form.answer-form button[type=submit]")
    mentee.wait_for_url(re.compile(r".*/en/mentoring/outputs/\d+/$"))
    output_url = mentee.url

    for reviewer in ("mentor", "reviewer"):
        page = new_page()
        sign_in(page, reviewer)
        page.goto(output_url)
        page.check("input[name=action][value=approve]")
        page.click("form.answer-form button[type=submit]")
        page.wait_for_url(output_url)
        screenshot(page, "stage_output", f"02-approved-by-{reviewer}")

    staff = new_page()
    sign_in(staff, "staff")
    staff.goto("/en/mentoring/shared/")
    assert "Suggested calendar of mentoring sessions" in staff.inner_text("main")
    screenshot(staff, "stage_output", "03-shared-with-housing")
    with staff.expect_download() as download_info:
        # The row of this output: other calendars are listed under the same title, read in the reader's language.
        output_path = output_url.split("://", 1)[1].split("/", 1)[1]
        staff.locator(f"table.listing tr:has(a[href='/{output_path}']) a:has-text('Download')").click()
    document = docx.Document(download_info.value.path())
    assert "Getting to know each other" in "\n".join(
        p.text for table in document.tables for row in table.rows for cell in row.cells for p in cell.paragraphs
    )
