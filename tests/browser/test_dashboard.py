"""The programme dashboard in the admin, read by the demo's coordinator in her language (Greek): axe-core finds no serious
violation at 1280 px or at 360 px, and its charts and tables fit the phone's width."""

from tests.browser.conftest import DESKTOP, axe_violations, horizontal_overflow, screenshot, sign_in

NARROW = {"width": 360, "height": 800}


def test_the_dashboard_is_accessible_at_1280_and_360_px(new_page, axe_source):
    for label, viewport in (("desktop", DESKTOP), ("phone", NARROW)):
        page = new_page(language="el", viewport=viewport, bypass_csp=True)
        sign_in(page, "coordinator", language="el")
        page.goto("/admin/programme/")
        page.wait_for_selector("svg.dashboard-chart")
        assert page.locator("svg.dashboard-chart title").count() >= 5
        screenshot(page, "programme_dashboard", label)
        assert axe_violations(page, axe_source) == [], label
        if viewport is NARROW:
            # Each figure's table scrolls in its own region; the chart scales down.
            box = page.locator("svg.dashboard-chart").first.bounding_box()
            assert box["width"] <= NARROW["width"]
    assert horizontal_overflow(page) is None or "dashboard" not in horizontal_overflow(page)
