"""WCAG 2.1 AA checks with axe-core on every kind of public page and form, in two languages; keyboard
use, visible focus, and layouts that hold at 320 px and at 200 % zoom."""

import re

import pytest

from tests.browser.conftest import axe_violations, horizontal_overflow, screenshot, sign_in

PUBLIC_PAGES = [
    "/{lang}/",
    "/{lang}/guides/",
    "/{lang}/guides/the-q-ser-mentoring-process/",
    "/{lang}/forms/",
    "/{lang}/forms/swot-analysis/",
    "/{lang}/practices/?area=housing&lang=all",
    "/{lang}/search/?q=mentor",
    "/accounts/login/",
]


@pytest.mark.parametrize("language", ["en", "el"])
def test_public_pages_have_no_serious_axe_violations(new_page, axe_source, language):
    page = new_page(language=language, bypass_csp=True)
    problems = {}
    for template in PUBLIC_PAGES:
        page.goto(template.format(lang=language))
        problems[page.url] = axe_violations(page, axe_source)
    # A practice, reached from the listing.
    page.goto(f"/{language}/practices/?lang=all")
    page.click(".practice-list h2 a >> nth=0")
    problems[page.url] = axe_violations(page, axe_source)
    assert {url: found for url, found in problems.items() if found} == {}


@pytest.mark.parametrize("language", ["en", "cs"])
def test_form_with_validation_errors_is_accessible(new_page, axe_source, language):
    page = new_page(language=language, bypass_csp=True)
    sign_in(page, "staff", language=language)
    page.goto(f"/{language}/forms/session-record/fill/")
    page.fill("#id_participants", "Maria, Jan")
    page.click("button[value=complete]")  # the required date, duration and topics are missing
    page.wait_for_selector("#form-errors")
    assert page.get_attribute("#id_duration_minutes", "aria-invalid") == "true"
    assert "id_duration_minutes_error" in page.get_attribute("#id_duration_minutes", "aria-describedby")
    assert page.get_attribute("#id_participants", "aria-invalid") is None
    assert page.get_attribute("#form-errors", "role") == "alert"
    screenshot(page, f"form_errors_{language}", "01-errors")
    assert axe_violations(page, axe_source) == []


def test_skip_link_is_the_first_stop_and_shows_when_focused(new_page):
    page = new_page()
    page.goto("/en/guides/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    assert page.evaluate("document.activeElement.getBoundingClientRect().top") >= 0
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_sign_in_with_the_keyboard_alone_with_visible_focus(new_page):
    page = new_page()
    page.goto("/accounts/login/?next=/en/")
    # Django's sign-in form puts the focus on the username.
    assert page.evaluate("document.activeElement.id") == "id_username"
    page.keyboard.type("staff")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_password"
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.type("qser-demo")
    page.keyboard.press("Tab")
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.press("Enter")
    page.wait_for_url("**/en/")
    assert "Sabine" in page.inner_text("header")


def test_practice_form_is_submitted_with_the_keyboard_and_errors_are_announced(new_page):
    page = new_page(language="de")
    sign_in(page, "staff", language="de")
    page.goto("/de/practices/submit/")
    page.focus("#id_title")
    page.keyboard.type("Nur ein Titel")
    page.keyboard.press("Enter")  # submits the form from the keyboard, with required fields empty
    page.wait_for_selector(".form-errors")
    assert page.get_attribute(".form-errors", "role") == "alert"
    assert page.get_attribute("#id_summary", "aria-invalid") == "true"
    assert page.input_value("#id_title") == "Nur ein Titel"


LANGUAGES = ["en", "el", "cs", "de", "es"]
REFLOW_PUBLIC_PAGES = [
    *PUBLIC_PAGES,
    "/{lang}/guides/mentoring-models/",
    "/{lang}/practices/",
    "/accounts/login/?next=/{lang}/",
    "/accounts/password/reset/?next=/{lang}/",
]
REFLOW_SIGNED_IN_PAGES = [
    "/{lang}/forms/session-record/fill/",
    "/{lang}/forms/mine/",
    "/{lang}/practices/mine/",
    "/{lang}/practices/submit/",
    "/{lang}/mentoring/",
    "/{lang}/mentoring/shared/",
    "/{lang}/mentoring/my-data/",
    "/accounts/password/",
]


def _links(page, selector, pattern):
    hrefs = page.eval_on_selector_all(selector, "links => links.map(link => link.getAttribute('href'))")
    return [href for href in hrefs if re.search(pattern, href)]


def _practice_pages(page):
    """Every published practice, from each language's own repository (the demo's Leipzig and
    Thessaloniki practices, which scrolled sideways at 360 px, among them)."""
    urls = {}
    for language in LANGUAGES:
        page.goto(f"/{language}/practices/")
        urls[language] = _links(page, ".practice-list h2 a", rf"^/{language}/practices/[^/?]+/$")
    assert all(urls.values()), f"a language without a published practice to check: {urls}"
    return [url for found in urls.values() for url in found]


def _pages_of_a_mentor(page, language):
    """The mentoring pages the demo mentor sees, and a filled form saved for the purpose ("My forms")."""
    page.goto(f"/{language}/mentoring/")
    relationship = _links(page, "main a", rf"^/{language}/mentoring/\d+/$")[0]
    page.goto(relationship)
    outputs = _links(page, "main a", rf"^/{language}/mentoring/outputs/\d+/$")
    assert outputs, f"the demo relationship {relationship} has no stage output to check"
    page.goto(f"/{language}/forms/swot-analysis/fill/")
    page.fill("#id_subject", "Reception desk")
    page.press("#id_subject", "Enter")  # saves the draft and opens it
    page.wait_for_url(re.compile(rf".*/{language}/forms/mine/\d+/$"))
    return [relationship, f"{relationship}outputs/new/", *outputs, page.url]


def _overflowing(page, urls):
    """{url: what sticks out} for each of the urls that does not fit the screen, or is not served."""
    found = {}
    for url in urls:
        response = page.goto(url)
        problem = horizontal_overflow(page) if response.ok else f"HTTP {response.status}"
        if problem:
            found[page.url] = problem
    return found


@pytest.mark.parametrize("width", [320, 640])
def test_layout_holds_on_narrow_screens_and_at_200_percent_zoom(new_page, width):
    """Every page type reflows without scrolling sideways (WCAG 1.4.10): 320 CSS px is a small phone;
    640 CSS px is a 1280 px screen at 200 % zoom. German and Greek bring the longest words and labels;
    practices are checked in every language."""
    viewport = {"width": width, "height": 800}
    visitor = new_page(viewport=viewport)
    overflowing = _overflowing(visitor, _practice_pages(visitor))
    for language in ["de", "el"]:
        visitor = new_page(language=language, viewport=viewport)
        overflowing |= _overflowing(visitor, [url.format(lang=language) for url in REFLOW_PUBLIC_PAGES])
        mentor = new_page(language=language, viewport=viewport)
        sign_in(mentor, "mentor", language=language)
        signed_in_pages = [url.format(lang=language) for url in REFLOW_SIGNED_IN_PAGES]
        overflowing |= _overflowing(mentor, [*signed_in_pages, *_pages_of_a_mentor(mentor, language)])
        submitter = new_page(language=language, viewport=viewport)
        sign_in(submitter, "staff", language=language)
        submitter.goto(f"/{language}/practices/mine/")
        submission_forms = _links(submitter, "main a", rf"^/{language}/practices/mine/\d+/$")
        assert submission_forms, "the demo submitter has no submission to open"
        overflowing |= _overflowing(submitter, submission_forms)
    assert overflowing == {}


def test_a_mentoring_form_is_filled_and_saved_with_the_keyboard(new_page):
    page = new_page()
    sign_in(page, "staff")
    page.goto("/en/forms/swot-analysis/fill/")
    page.focus("#id_subject")
    page.keyboard.type("Reception desk")
    for _press in range(3):
        page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.id")
    assert focused.startswith("id_swot_") or focused == "id_analysis_date"
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.focus("#id_subject")
    page.keyboard.press("Enter")  # the first button of the form: save the draft
    page.wait_for_url(re.compile(r".*/en/forms/mine/\d+/$"))
    assert page.input_value("#id_subject") == "Reception desk"
