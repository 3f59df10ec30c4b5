"""A person asks for their data on "My data" on a phone, finds it ready in the list (the embedded default runs
the task at once) and downloads a ZIP that opens; the page, with its list, fits the phone and axe finds nothing
serious."""

import json
import zipfile

from tests.browser.conftest import axe_violations, horizontal_overflow, screenshot, sign_in

PHONE_TALL = {"width": 360, "height": 740}


def test_a_person_prepares_their_data_on_a_phone_and_downloads_it(new_page, axe_source):
    page = new_page(viewport=PHONE_TALL, bypass_csp=True)
    sign_in(page, "staff")
    page.goto("/en/mentoring/my-data/")
    page.get_by_role("button", name="Prepare my data with the Word files (ZIP)").click()
    page.wait_for_url("**/en/mentoring/my-data/")
    assert "Your export is ready: download it below." in page.locator(".messages").inner_text()
    row = page.locator(".export-list li").first
    assert "Ready" in row.inner_text()
    assert horizontal_overflow(page) is None
    assert axe_violations(page, axe_source) == []
    screenshot(page, "personal_data_export", "ready")

    with page.expect_download() as download_info:
        row.get_by_role("link", name="Download").click()
    archive = zipfile.ZipFile(download_info.value.path())
    assert json.loads(archive.read("personal-data.json"))["account"]["username"] == "staff"
