"""Reviews in a real browser, at desktop and phone width: the Greek mentor submits an output and is not offered
its review; the Spanish reviewer requests changes with a comment (no decision preselected); the mentor finds
the comment on top of the output and of the form, edits, and resubmits once something changed. The review's
labels are read in Greek and Spanish ("changes requested", never "rejected"), and no page scrolls sideways."""

import re

import pytest

from tests.browser.conftest import DESKTOP, horizontal_overflow, screenshot, sign_in

NARROW = {"width": 360, "height": 740}
COMMENT = "Añada la fecha de la segunda sesión a las expectativas, por favor."


def fits(page):
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), horizontal_overflow(page)


def top(page, selector):
    return page.locator(selector).first.bounding_box()["y"]


@pytest.mark.parametrize("viewport", [DESKTOP, NARROW], ids=["1280", "360"])
def test_the_mentor_cannot_review_their_own_output_and_the_reviewers_comment_leads_the_changes(new_page, viewport):
    width = viewport["width"]
    topic = f"Πρώτη γνωριμία ({width})"

    # The Greek mentor fills a form of stage 1 and submits it.
    mentor = new_page(language="el", viewport=viewport)
    sign_in(mentor, "mentor", language="el")
    mentor.goto("/el/forms/mutual-understanding/fill/")
    mentor.fill("#id_session_date", "2026-12-01")
    mentor.fill("#id_mentee_role", "Υποδοχή νεοαφιχθέντων οικογενειών στο γραφείο στέγασης.")
    mentor.fill("#id_mentor_experience", "Δώδεκα χρόνια στις κοινωνικές υπηρεσίες.")
    mentor.fill("#id_expectations", topic)
    mentor.click("button[value=complete]")
    mentor.wait_for_url(re.compile(r".*/el/forms/mine/\d+/$"))
    filled_id = re.search(r"/mine/(\d+)/$", mentor.url).group(1)
    mentor.goto("/el/mentoring/")
    mentor.click(".cards h2 a")
    mentor.click("a[href$='/outputs/new/']")
    assert mentor.locator("[name=stage]").count() == 0  # the stage is the form's
    mentor.select_option("#id_filled_form", filled_id)
    mentor.check("input[name=target_departments] >> nth=0")
    fits(mentor)
    mentor.click("form.answer-form button[type=submit]")
    mentor.wait_for_url(re.compile(r".*/el/mentoring/outputs/\d+/$"))
    output_path = re.sub(r"^https?://[^/]+", "", mentor.url)
    output_id = re.search(r"/outputs/(\d+)/$", output_path).group(1)

    # Not offered the review of their own output: the mentor's step is skipped, in Greek words.
    assert mentor.locator("input[name=action]").count() == 0
    history = mentor.inner_text(".review-history")
    assert "Παραλείφθηκε: κανείς δεν ελέγχει τη δική του εργασία" in history
    assert mentor.locator(".output-departments").is_visible()
    fits(mentor)
    screenshot(mentor, f"review_journey_{width}", "01-mentor-submitted")

    # The Spanish reviewer: nothing preselected; requests changes with a comment.
    reviewer = new_page(language="es", viewport=viewport)
    sign_in(reviewer, "reviewer", language="es")
    reviewer.goto(f"/es/mentoring/outputs/{output_id}/")
    assert reviewer.locator("input[name=action]").count() == 2
    assert reviewer.locator("input[name=action]:checked").count() == 0
    fits(reviewer)
    reviewer.click("form.answer-form button[type=submit]")  # no decision: refused, in Spanish
    reviewer.wait_for_url(f"**/es/mentoring/outputs/{output_id}/review/")
    assert "Elija su decisión: aprobar o solicitar cambios." in reviewer.inner_text("main")
    reviewer.check("input[name=action][value=reject]")
    reviewer.fill("#id_comment", COMMENT)
    reviewer.click("form.answer-form button[type=submit]")
    reviewer.wait_for_url(f"**/es/mentoring/outputs/{output_id}/")
    reviewer.wait_for_selector(".review-history")
    main = reviewer.inner_text("main")
    assert "Cambios solicitados" in main
    assert "Rechaz" not in main
    fits(reviewer)
    screenshot(reviewer, f"review_journey_{width}", "02-reviewer-requested-changes")

    # The mentor, the author: the comment on top, "Resubmit" waiting for a change.
    mentor.goto(f"/el/mentoring/outputs/{output_id}/")
    assert COMMENT in mentor.inner_text("#review-comment")
    assert "Ζητήθηκαν αλλαγές" in mentor.inner_text("#review-comment")
    assert "Απορρίφθηκε" not in mentor.inner_text("main")
    assert top(mentor, "#review-comment") < top(mentor, "dl.answers")
    assert mentor.locator("form[action$='/resubmit/'] button").is_disabled()
    fits(mentor)
    screenshot(mentor, f"review_journey_{width}", "03-author-sees-the-comment")

    # The form it reopened: the comment on top too, and a way back.
    mentor.click(f"a[href$='/forms/mine/{filled_id}/']")
    assert COMMENT in mentor.inner_text("#review-comment")
    assert top(mentor, "#review-comment") < top(mentor, "form.answer-form")
    assert mentor.locator(f"#review-comment a[href$='/mentoring/outputs/{output_id}/']").count() == 1
    fits(mentor)
    mentor.fill("#id_expectations", f"{topic} — 2026-12-15")
    # Completing the reopened form leads back to its output.
    mentor.click("button[value=complete]")
    mentor.wait_for_url(f"**/el/mentoring/outputs/{output_id}/")
    assert "2026-12-15" in mentor.inner_text(".answers--edited")
    button = mentor.locator("form[action$='/resubmit/'] button")
    assert button.is_enabled()
    fits(mentor)
    screenshot(mentor, f"review_journey_{width}", "04-edits-before-resubmitting")
    with mentor.expect_navigation():
        button.click()
    assert mentor.locator("#review-comment").count() == 0
    assert mentor.locator("input[name=action]").count() == 0
    fits(mentor)
