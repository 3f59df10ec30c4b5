"""The Czech mentee is led from what is waiting to a submitted stage output, on a desktop and on a phone."""

import re

import pytest

from tests.browser.conftest import DESKTOP, horizontal_overflow, screenshot, sign_in

NARROW_PHONE = {"width": 360, "height": 740}


def fits(page):
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), horizontal_overflow(page)


def start_relationship_with_jan(new_page):
    """Maria starts a second relationship with Jan: its stage 1 has no output yet."""
    mentor = new_page()
    sign_in(mentor, "mentor")
    mentor.goto("/en/mentoring/")
    mentor.click("a[href='/en/mentoring/new/']")
    mentor.select_option("#id_mentoring_model", "one_on_one")
    mentor.select_option("#id_department", label="Social Services")
    mentor.check("label:has-text('Jan Novák') input")
    mentor.fill("#id_start_date", "2026-12-07")
    mentor.click("form.answer-form button[type=submit]")
    mentor.wait_for_url(re.compile(r".*/en/mentoring/\d+/$"))
    return int(mentor.url.rstrip("/").rsplit("/", 1)[1])


@pytest.mark.parametrize("viewport", [DESKTOP, NARROW_PHONE], ids=["1280", "360"])
def test_the_czech_mentee_follows_what_is_waiting_to_a_submitted_output(new_page, viewport):
    relationship = start_relationship_with_jan(new_page)
    name = f"next_steps_{viewport['width']}"

    mentee = new_page(language="cs", viewport=viewport)
    mentee.goto("/accounts/login/")
    mentee.fill("#id_username", "mentee")
    mentee.fill("#id_password", "qser-demo")
    mentee.click("main form button[type=submit]")
    mentee.wait_for_url("**/cs/mentoring/")  # signed in: what is waiting
    assert "Co na vás čeká" in mentee.inner_text(".next-steps")
    assert mentee.is_visible(".site-header a[href='/cs/forms/mine/']") or viewport is NARROW_PHONE
    # Stage 1: Mutual understanding (a form without tables, which other work makes fit a phone).
    mutual = f".next-steps a[href*='/cs/forms/mutual-understanding/fill/?relationship={relationship}&stage=1']"
    assert mentee.locator(mutual).inner_text().startswith("Vyplňte")
    fits(mentee)
    screenshot(mentee, name, "01-waiting")

    mentee.click(mutual)
    mentee.wait_for_url(re.compile(r".*/cs/forms/mutual-understanding/fill/\?relationship=\d+&stage=1$"))
    assert "Pro mentorský vztah" in mentee.inner_text(".form-purpose")
    mentee.fill("#id_session_date", "2026-12-14")
    mentee.fill("#id_mentee_role", "Pracuji na přepážce sociálních dávek.")
    mentee.fill("#id_mentor_experience", "Dvacet let v sociálních službách.")
    mentee.fill("#id_expectations", "Pravidelná setkání a upřímná zpětná vazba.")
    fits(mentee)
    screenshot(mentee, name, "02-filling")
    mentee.click("button[value=complete]")

    # Completing the form leads to submitting it, with the form chosen.
    mentee.wait_for_url(re.compile(rf".*/cs/mentoring/{relationship}/outputs/new/\?filled_form=\d+$"))
    chosen = mentee.url.rsplit("=", 1)[1]
    assert mentee.input_value("#id_filled_form") == chosen
    mentee.check("label:has-text('Odbor bydlení') input")  # Housing, in the reader's language
    fits(mentee)
    screenshot(mentee, name, "03-submit")
    mentee.click("form.answer-form button[type=submit]")
    mentee.wait_for_url(re.compile(r".*/cs/mentoring/outputs/\d+/$"))

    # The panel no longer asks for this form of this relationship; the stage's two other forms remain.
    mentee.goto("/cs/mentoring/")
    assert mentee.locator(mutual).count() == 0
    remaining = mentee.locator(f".next-steps a[href*='/fill/?relationship={relationship}&stage=1']")
    assert remaining.count() == 2
    fits(mentee)
    screenshot(mentee, name, "04-updated")

    mentee.goto("/cs/forms/mine/")
    assert "Fáze 1" in mentee.inner_text("table.listing tbody tr:first-child")
    fits(mentee)
