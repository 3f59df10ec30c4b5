"""The Greek translator's journey, at 1280 and 360 px: the admin in Greek, a guide's Greek translation with the
other translations in its side panel, and no way to a practice in moderation nor to publishing a practice."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import screenshot, sign_in

WIDE = {"width": 1280, "height": 900}
NARROW = {"width": 360, "height": 740}
# The demo's Greek practice sent back to its submitter (in moderation), and a published Greek one.
PENDING_EL = "Πολύγλωσσο φυλλάδιο για την εγγραφή στους παιδικούς σταθμούς"
PUBLISHED_EL = "Τηλεφωνική γραμμή διερμηνείας στο γραφείο στέγασης"


def admin_id(page, title):
    """The page's id, as the moderator finds it in the admin's search."""
    page.goto(f"/admin/pages/search/?q={title}")
    page.click(f"a:has-text('{title}')")
    page.wait_for_url(re.compile(r".*/admin/pages/\d+/edit/$"))
    return int(re.search(r"/pages/(\d+)/edit/", page.url).group(1))


def refused(page, path):
    """Wagtail's admin refuses with a redirect to the dashboard and a message, or a 403/404."""
    response = page.goto(path)
    return response.status in (403, 404) or not page.url.endswith(path)


@pytest.mark.parametrize("viewport", [WIDE, NARROW], ids=["1280", "360"])
def test_the_greek_translator_translates_guides_and_not_practices(new_page, viewport):
    editor = new_page()
    sign_in(editor, "editor")
    pending_id, published_id = admin_id(editor, PENDING_EL), admin_id(editor, PUBLISHED_EL)

    page = new_page(language="el", viewport=viewport)
    sign_in(page, "translator_el", language="el")
    page.goto("/admin/")
    assert page.locator("html").get_attribute("lang") == "el"

    guide = page.request.get("/api/v2/pages/?locale=el&slug=mentoring-models").json()["items"][0]
    page.goto(f"/admin/pages/{guide['id']}/edit/")
    page.locator("[data-side-panel-toggle='status']").first.click()
    # Wagtail renders the status panel's locale list twice (one copy hidden): the one shown is read.
    panel = page.locator("[data-qser-translations]:visible").first
    for code in ("en", "cs", "de", "es"):
        expect(panel.locator(f"a[hreflang='{code}']")).to_be_visible()
    expect(panel.locator("a[hreflang='en']")).to_have_attribute("href", re.compile(r"/en/guides/mentoring-models/$"))
    screenshot(page, f"translator_{viewport['width']}", "01-guide-translation")

    # The practice in moderation: not reachable, not found, its title nowhere.
    assert refused(page, f"/admin/pages/{pending_id}/edit/")
    assert PENDING_EL not in page.content()
    page.goto(f"/admin/pages/search/?q={PENDING_EL}")
    # The search box and the results' heading repeat the query: no result names the practice.
    assert page.locator(f"main a:has-text('{PENDING_EL}')").count() == 0
    assert page.goto("/el/practices/multilingual-leaflet-nurseries-anemopoli/").status == 404
    # A published practice: neither edited nor taken offline by the translator.
    for action in ("edit", "unpublish", "move", "delete"):
        assert refused(page, f"/admin/pages/{published_id}/{action}/"), action
    screenshot(page, f"translator_{viewport['width']}", "02-practice-refused")
