"""The pages work in Chromium under the site's Content-Security-Policy: nothing is blocked, and the API's
interactive documentation runs. Without `bypass_csp`, unlike the axe-core checks."""

import re

from tests.browser.conftest import sign_in
from tests.conftest import PUBLIC_PAGES

SIGNED_IN_PAGES = ["/en/forms/swot-analysis/fill/", "/en/forms/mine/", "/en/mentoring/", "/accounts/password/"]


def watch_for_violations(page):
    """The console messages in which Chromium reports what the policy refused."""
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(f"{page.url}: {message.text}") if "Content Security Policy" in message.text else None
        ),
    )
    return violations


def test_public_and_signed_in_pages_load_with_nothing_refused(new_page):
    page = new_page()
    violations = watch_for_violations(page)
    for path in PUBLIC_PAGES:
        page.goto(path)
    page.goto("/en/practices/?lang=all")
    page.click(".practice-list h2 a >> nth=0")
    sign_in(page, "mentee")
    for path in SIGNED_IN_PAGES:
        page.goto(path)
    page.goto("/en/forms/mine/")
    links = page.eval_on_selector_all("main a", "links => links.map(link => link.getAttribute('href'))")
    page.goto(next(link for link in links if re.search(r"/forms/mine/\d+/$", link)))
    assert violations == []


def test_the_api_docs_run_under_the_policy(new_page):
    page = new_page()
    violations = watch_for_violations(page)
    page.goto("/api/docs/")
    page.wait_for_selector(".opblock")
    assert page.locator(".opblock").count() >= 5
    assert violations == []


def test_the_policy_is_enforced_and_reported(new_page):
    page = new_page()
    violations = watch_for_violations(page)
    page.goto("/en/")
    page.evaluate(
        "() => { const script = document.createElement('script');"
        " script.textContent = 'window.injected = true'; document.body.append(script); }"
    )
    page.wait_for_timeout(200)
    assert page.evaluate("window.injected") is None
    assert len(violations) == 1 and "script-src" in violations[0]
