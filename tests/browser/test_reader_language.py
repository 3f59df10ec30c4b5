"""German staff reading, at desktop and phone width: a German guide, the same results for a compound written two
ways, department names in German and dates as Germans write them; no page scrolls sideways."""

import re

import pytest

from tests.browser.conftest import DESKTOP, horizontal_overflow, screenshot, sign_in

NARROW_PHONE = {"width": 360, "height": 740}
GERMAN_DATE_TIME = re.compile(r"\b\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}\b")


def result_links(page):
    return page.eval_on_selector_all(".search-results h2 a", "links => links.map(link => link.getAttribute('href'))")


@pytest.mark.parametrize("viewport", [DESKTOP, NARROW_PHONE], ids=["1280", "360"])
def test_german_staff_read_a_guide_search_both_spellings_and_see_german_names_and_dates(new_page, viewport):
    name = f"german_staff_{viewport['width']}"
    page = new_page(language="de", viewport=viewport)
    sign_in(page, "staff", language="de")
    assert page.get_attribute("html", "lang") == "de"

    page.goto("/de/guides/mentoring-models/")
    assert page.get_attribute("html", "lang") == "de"
    assert "Gruppenmentoring" in page.inner_text("main")
    assert horizontal_overflow(page) is None
    screenshot(page, name, "01-guide")

    page.goto("/de/search/")
    page.fill("#search-q", "Gruppen-Mentoring")
    page.click("form.search-form button[type=submit]")
    page.wait_for_url("**/de/search/?q=Gruppen-Mentoring")
    hyphenated = result_links(page)
    assert hyphenated and all(link.startswith("/de/") for link in hyphenated)
    assert horizontal_overflow(page) is None
    page.fill("#search-q", "Gruppenmentoring")
    page.click("form.search-form button[type=submit]")
    page.wait_for_url("**/de/search/?q=Gruppenmentoring")
    assert result_links(page) == hyphenated
    screenshot(page, name, "02-search")

    # What the mentoring relationship of Social Services published to Housing: its department in German.
    page.goto("/de/mentoring/shared/")
    assert "Soziale Dienste" in page.inner_text("table.listing")
    assert "Social Services" not in page.inner_text("main")
    assert horizontal_overflow(page) is None
    page.click("table.listing tbody tr:first-child td:first-child a")
    page.wait_for_url(re.compile(r".*/de/mentoring/outputs/\d+/$"))
    history = page.inner_text(".review-history")
    assert "Prüfung durch den Mentor" in history and "Freigabe durch die Abteilung" in history
    assert GERMAN_DATE_TIME.search(history), history
    assert horizontal_overflow(page) is None
    screenshot(page, name, "03-output")
