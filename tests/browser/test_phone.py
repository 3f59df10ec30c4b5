"""Pages that fit a phone (WCAG 1.4.10 at 320 and 360 CSS px): no page scrolls sideways, the header takes at
most a fifth of a 740 px tall screen and folds its navigation, the repeating tables of the forms become stacked
rows whose cells show their column's label; axe finds nothing serious. And a practice submitted on a phone and
on a desktop without losing its attachment: an error first, a draft, resumed, sent, approved, published."""

import re
import uuid

import pytest

from tests.browser.conftest import DESKTOP, axe_violations, horizontal_overflow, screenshot, sign_in

PHONE_TALL = {"width": 360, "height": 740}
SMALL_PHONE = {"width": 320, "height": 740}
HEADER_LIMIT = 740 / 5  # 148 px

PUBLIC = [
    "/en/",
    "/en/guides/",
    "/en/guides/the-q-ser-mentoring-process/",
    "/en/guides/mentoring-models/",
    "/en/forms/",
    "/en/forms/partnership-agreement/",
    "/en/practices/",
    "/de/practices/",
    "/en/search/?q=mentor",
    "/en/about/",
    "/en/privacy/",
    "/en/accessibility/",
    "/accounts/login/?next=/en/",
]
# The nine form templates: the four with repeating tables first.
TEMPLATES = [
    "partnership-agreement",
    "calendar-of-sessions",
    "expectations-and-goals",
    "mentors-diary",
    "mutual-understanding",
    "session-record",
    "working-scenarios",
    "swot-analysis",
    "evaluation",
]
SIGNED_IN = [
    *(f"/en/forms/{slug}/fill/" for slug in TEMPLATES),
    "/en/practices/submit/",
    "/en/practices/mine/",
    "/en/forms/mine/",
    "/en/mentoring/",
]


def _links(page, selector, pattern):
    hrefs = page.eval_on_selector_all(selector, "links => links.map(link => link.getAttribute('href'))")
    return [href for href in hrefs if re.search(pattern, href)]


def _mentor_pages(page):
    """The demo relationship's page and one of its stage outputs."""
    page.goto("/en/mentoring/")
    # Other journeys may have started relationships with no output yet: the first one with an output.
    for relationship in dict.fromkeys(_links(page, "main a", r"^/en/mentoring/\d+/$")):
        page.goto(relationship)
        outputs = _links(page, "main a", r"^/en/mentoring/outputs/\d+/$")
        if outputs:
            return [relationship, outputs[0]]
    raise AssertionError("no relationship of the demo mentor has a stage output")


def _practice(page):
    page.goto("/en/practices/?lang=all")
    return _links(page, ".practice-list h2 a", r"^/\w\w/practices/[^/?]+/$")[0]


def _header_height(page):
    return page.evaluate("document.querySelector('.site-header').getBoundingClientRect().height")


@pytest.mark.parametrize("viewport", [SMALL_PHONE, PHONE_TALL], ids=["320", "360"])
def test_no_page_scrolls_sideways_on_a_phone_and_the_header_stays_small(new_page, viewport):
    page = new_page(viewport=viewport)
    sign_in(page, "mentor")
    urls = [*PUBLIC, _practice(page), *SIGNED_IN, *_mentor_pages(page)]
    overflowing, tall = {}, {}
    for url in urls:
        response = page.goto(url)
        assert response.ok, url
        problem = horizontal_overflow(page)
        if problem:
            overflowing[url] = problem
        if viewport == PHONE_TALL and _header_height(page) > HEADER_LIMIT:
            tall[url] = _header_height(page)
    assert overflowing == {}
    assert tall == {}


def test_the_header_folds_its_navigation_on_a_phone_and_opens_with_the_keyboard(new_page):
    page = new_page(viewport=PHONE_TALL)
    sign_in(page, "mentor")
    page.goto("/en/guides/")
    assert not page.is_visible(".site-nav")
    assert not page.is_visible(".site-header__account")
    assert page.is_visible(".language-switcher")
    page.focus(".site-menu__toggle")
    page.keyboard.press("Enter")
    assert page.is_visible(".site-nav a[href='/en/forms/']")
    assert page.is_visible("#site-search-q")
    assert page.is_visible(".site-header__account button[type=submit]")
    screenshot(page, "phone_header", "01-menu-open")
    page.focus(".site-menu__toggle")
    page.keyboard.press("Enter")
    assert not page.is_visible(".site-nav")
    # On a desktop the same header shows everything, with no toggle.
    desktop = new_page(viewport=DESKTOP)
    desktop.goto("/en/guides/")
    assert desktop.is_visible(".site-nav") and not desktop.is_visible(".site-menu__toggle")


@pytest.mark.parametrize("slug", ["partnership-agreement", "calendar-of-sessions", "expectations-and-goals"])
def test_repeating_tables_stack_into_labelled_cells_on_a_phone(new_page, slug):
    page = new_page(viewport=SMALL_PHONE)
    sign_in(page, "mentor")
    page.goto(f"/en/forms/{slug}/fill/")
    columns = page.eval_on_selector_all(
        ".table-field thead th[scope=col]:not(.row-number)", "cells => cells.map(c => c.textContent.trim())"
    )
    labels = page.eval_on_selector_all(
        ".table-field tbody tr:first-child .table-field__label",
        "labels => labels.map(l => l.offsetHeight > 0 ? l.textContent.trim() : '')",
    )
    assert labels and set(labels) <= set(columns) and all(labels)
    first = page.eval_on_selector_all(
        ".table-field tbody tr:first-child td", "cells => cells.map(c => getComputedStyle(c).display)"
    )
    assert set(first) == {"block"}
    # Each input still says which column and row it is.
    assert page.get_attribute(".table-field tbody tr:first-child td input >> nth=0", "aria-label")
    assert horizontal_overflow(page) is None
    # On a desktop it is a table again, the labels in its column headings only.
    page.set_viewport_size(DESKTOP)
    assert not page.is_visible(".table-field__label >> nth=0")


def test_phone_pages_have_no_serious_axe_violations(new_page, axe_source):
    page = new_page(viewport=PHONE_TALL, bypass_csp=True)
    sign_in(page, "mentor")
    problems = {}
    for url in ["/en/", "/de/practices/", *(f"/en/forms/{slug}/fill/" for slug in TEMPLATES[:4])]:
        page.goto(url)
        problems[url] = axe_violations(page, axe_source)
    page.click(".site-menu__toggle")
    problems["menu open"] = axe_violations(page, axe_source)
    assert {url: found for url, found in problems.items() if found} == {}


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE_TALL], ids=["1280", "360"])
def test_a_practice_keeps_its_attachment_through_an_error_and_a_draft(new_page, viewport, tmp_path):
    """Staff of Housing: an error first (the attachment kept), a draft, resumed from "My submissions", sent;
    the editor approves it; the practice shows its attachment's name, type and size."""
    width = viewport["width"]
    title = f"Housing letters explained in person ({width})"
    # A name of its own per run: the storage renames a file whose name an earlier run left in the media folder.
    name = f"letter-{width}-{uuid.uuid4().hex[:8]}.pdf"
    attachment = tmp_path / name
    attachment.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    page = new_page(viewport=viewport)
    sign_in(page, "staff")
    page.goto("/en/practices/submit/")
    # Where the submitter works, filled in from their department; the department is chosen from a list.
    assert page.eval_on_selector("#id_department", "select => select.value") == "Housing"
    assert page.input_value("#id_municipality")
    page.fill("#id_title", title)
    page.fill("#id_summary", "Staff read the housing authority's letters with the family.")
    page.select_option("#id_service_area", "housing")
    page.set_input_files("#id_attachments", str(attachment))
    page.click("form.answer-form button[type=submit]:not([value=draft])")  # the long texts are missing
    page.wait_for_selector("#form-errors")
    # The banner says what happened: not sent, the file kept, the form to correct and send again.
    banner = page.inner_text("#form-errors p")
    assert "file you attached is kept" in banner and "send the form again" in banner
    assert name in page.inner_text("#id_kept_attachments")
    assert page.is_checked("#id_kept_attachments input >> nth=0")
    assert horizontal_overflow(page) is None
    screenshot(page, f"practice_draft_{width}", "01-error-attachment-kept")

    page.click("button[value=draft]")
    page.wait_for_url(re.compile(r".*/en/practices/submit/\?draft=\d+$"))
    page.goto("/en/practices/mine/")
    drafts = page.inner_text(".draft-list")
    assert title in drafts and name in drafts and "PDF" in drafts
    assert horizontal_overflow(page) is None
    page.click(f".draft-list a:has-text('{title}')")
    assert page.input_value("#id_title") == title
    page.fill("#id_challenge", "Families did not understand the letters.")
    page.fill("#id_what_was_done", "A member of staff reads each letter with the family.")
    page.fill("#id_results", "Fewer missed deadlines.")
    page.fill("#id_reuse", "Any office that sends letters can do the same.")
    page.click("form.answer-form button[type=submit]:not([value=draft])")
    page.wait_for_url("**/en/practices/mine/")
    assert not page.query_selector(".draft-list")
    sent = page.locator(".submission-list li", has_text=title)
    sent.locator("summary").click()
    assert name in sent.inner_text() and "Families did not understand" in sent.inner_text()
    assert horizontal_overflow(page) is None
    screenshot(page, f"practice_draft_{width}", "02-sent")

    moderator = new_page()
    sign_in(moderator, "editor")
    moderator.goto(f"/admin/pages/search/?q={title}")
    moderator.click(f"a:has-text('{title}')")
    moderator.wait_for_url(re.compile(r".*/admin/pages/\d+/edit/$"))
    moderator.locator("footer .dropdown-toggle, footer [data-w-dropdown-target='toggle']").first.click()
    moderator.click("button:has-text('Approve')")
    moderator.wait_for_load_state("networkidle")

    reader = new_page(viewport=viewport)
    reader.goto("/en/practices/")
    reader.click(f".practice-list a:has-text('{title}')")
    attachments = reader.inner_text(".attachment-list")
    assert name in attachments and "PDF" in attachments and "bytes" in attachments
    assert horizontal_overflow(reader) is None
    screenshot(reader, f"practice_draft_{width}", "03-published")
