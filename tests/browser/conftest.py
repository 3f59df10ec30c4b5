"""Real-browser tests: Debian's Chromium driven by Playwright against a live server with the demo data.

The server runs in its own process on a fresh SQLite database built by `setup_demo`, exactly as
`make run` does. Without Chromium (or axe-core) on a developer's machine these tests are skipped with
a clear message; in CI (CI=true) a missing browser fails the run.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
AXE = PROJECT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = PROJECT / "test-artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def _missing(what, how):
    message = f"{what} is missing: {how}"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def pytest_collection_modifyitems(config, items):
    browser_items = [item for item in items if "tests/browser" in str(item.fspath)]
    # The browser journeys run once, against their own SQLite server; the PostgreSQL pass skips them.
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        skip = pytest.mark.skip(reason="browser tests run in the SQLite pass against their own server")
        for item in browser_items:
            item.add_marker(skip)
    # Under pytest-xdist (`make test` runs two workers, `--dist loadgroup`) they all go to one worker, so the
    # demo site is built and served once while the other worker runs the rest of the suite.
    for item in browser_items:
        item.add_marker(pytest.mark.xdist_group("browser"))


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def live_site(tmp_path_factory):
    """The demo site served by `manage.py runserver` on a free port, on its own database."""
    if not Path(CHROMIUM).exists():
        _missing("Chromium", f"install Debian's chromium (expected at {CHROMIUM}); .ci/run does it")
    folder = tmp_path_factory.mktemp("live-site")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "qser_site.settings.dev",
        "DATABASE_URL": f"sqlite:///{folder / 'site.sqlite3'}",
    }
    manage = [sys.executable, "manage.py"]
    for command in (["migrate", "--noinput"], ["setup_demo"]):
        subprocess.run(manage + command, cwd=PROJECT, env=env, check=True, capture_output=True, timeout=600)
    port = _free_port()
    log = open(folder / "server.log", "w")  # noqa: SIM115 (closed at teardown)
    server = subprocess.Popen(
        manage + ["runserver", f"127.0.0.1:{port}", "--noreload"], cwd=PROJECT, env=env, stdout=log, stderr=log
    )
    base_url = f"http://127.0.0.1:{port}"
    for _attempt in range(100):
        try:
            urllib.request.urlopen(f"{base_url}/robots.txt", timeout=2)  # noqa: S310 (our own server)
            break
        except OSError:
            time.sleep(0.2)
    else:
        server.kill()
        pytest.fail(f"the live server did not start; see {folder / 'server.log'}")
    yield base_url
    server.terminate()
    server.wait(timeout=10)
    log.close()


@pytest.fixture(scope="session")
def browser(live_site):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser, live_site, request):
    """A fresh browser page; `new_page(language="el", viewport=PHONE)`. `bypass_csp=True` for pages that
    axe-core is injected into: the site's Content-Security-Policy refuses inline scripts, axe's too."""
    contexts = []

    def make(language="en", viewport=DESKTOP, bypass_csp=False):
        context = browser.new_context(
            base_url=live_site,
            viewport=viewport,
            locale=language,
            extra_http_headers={"Accept-Language": f"{language},{language};q=0.9"},
            accept_downloads=True,
            bypass_csp=bypass_csp,
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def screenshot(page, test_name, name):
    """The screen as the test saw it, at desktop and phone width, in test-artifacts/ (git-ignored)."""
    folder = ARTIFACTS / test_name
    folder.mkdir(parents=True, exist_ok=True)
    original = page.viewport_size
    for label, size in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(size)
        page.screenshot(path=str(folder / f"{name}-{label}.png"), full_page=True)
    page.set_viewport_size(original)


def sign_in(page, username, password="qser-demo", language="en"):
    page.goto(f"/accounts/login/?next=/{language}/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("main form button[type=submit]")
    page.wait_for_url(f"**/{language}/")


@pytest.fixture(scope="session")
def axe_source():
    if not AXE.exists():
        _missing("axe-core", "run `npm ci` (make test does it when npm is installed)")
    return AXE.read_text()


def axe_violations(page, axe_source):
    """axe-core's WCAG 2.1 A/AA violations of impact serious or critical on the current page (opened with
    `new_page(bypass_csp=True)`)."""
    page.add_script_tag(content=axe_source)
    results = page.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
    )
    return [
        f"{violation['id']} ({violation['impact']}): {[node['target'] for node in violation['nodes']][:3]}"
        for violation in results["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


# The element that reaches furthest past the right edge of the screen; of several that reach as far, the
# narrowest, which is the innermost one and the one to fix.
_OVERFLOW_SCRIPT = """() => {
    const limit = document.documentElement.clientWidth;
    const scrollWidth = document.documentElement.scrollWidth;
    if (scrollWidth <= limit) return null;
    const describe = (element) => {
        const parts = [];
        for (let node = element; node && node.nodeType === 1 && parts.length < 4; node = node.parentElement) {
            if (node.id) { parts.unshift(`${node.localName}#${node.id}`); break; }
            parts.unshift([node.localName, ...node.classList].join("."));
        }
        return parts.join(" > ");
    };
    let widest = null, widestRight = limit + 0.5, widestWidth = Infinity;
    for (const element of document.body.querySelectorAll("*")) {
        const box = element.getBoundingClientRect();
        const right = box.right + window.scrollX;
        const further = right > widestRight + 0.5;
        const asFarButNarrower = Math.abs(right - widestRight) <= 0.5 && box.width < widestWidth;
        if (right > limit + 0.5 && (further || asFarButNarrower)) {
            widest = element; widestRight = right; widestWidth = box.width;
        }
    }
    const culprit = widest ? `${describe(widest)}, right edge at ${Math.round(widestRight)} px` : "no element";
    return `scroll width ${scrollWidth} px at ${limit} px; widest: ${culprit}`;
}"""


def horizontal_overflow(page):
    """None when the current page fits the screen's width (WCAG 1.4.10), else its scroll width and the
    selector of the element that sticks out furthest, so a failure says what to fix."""
    return page.evaluate(_OVERFLOW_SCRIPT)
