"""Security headers on every kind of response, and public pages that need nothing inline, so the
Content-Security-Policy can forbid inline scripts and styles without exceptions."""

import re

import pytest
from bs4 import BeautifulSoup

from forms_library.models import FormTemplatePage
from mentoring.models import StageOutput
from practices.models import PracticePage
from tests.conftest import PUBLIC_PAGES, sign_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("practices_everywhere")]


POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
COMMON_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def policy(response):
    return dict(directive.strip().split(" ", 1) for directive in response["Content-Security-Policy"].split(";"))


def assert_common_headers(response):
    assert {name: response.get(name) for name in COMMON_HEADERS} == COMMON_HEADERS


def test_a_public_page_has_the_policy_and_the_headers(client):
    response = client.get("/en/")
    assert response.status_code == 200
    assert policy(response) == POLICY
    assert "unsafe" not in response["Content-Security-Policy"]
    assert_common_headers(response)


def test_the_policy_is_the_same_for_every_response_so_pages_can_be_cached_whole(client):
    first, second = client.get("/en/guides/"), client.get("/en/guides/")
    sign_in(client, "staff")
    signed_in = client.get("/en/guides/")
    assert first["Content-Security-Policy"] == second["Content-Security-Policy"] == signed_in["Content-Security-Policy"]
    assert "nonce" not in first["Content-Security-Policy"]


@pytest.mark.parametrize("path", ["/api/v2/pages/?locale=en", "/api/schema/", "/api/docs/"])
def test_api_responses_have_the_policy_and_the_headers(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert policy(response) == POLICY
    assert_common_headers(response)


def test_the_api_docs_page_runs_from_our_own_static_files(client):
    html = BeautifulSoup(client.get("/api/docs/").content, "html.parser")
    sources = [script["src"] for script in html.select("script[src]")]
    assert sources and all(src.startswith("/static/") for src in sources)
    assert [script.get("type") for script in html.select("script:not([src])")] == ["application/json"]


def test_the_wagtail_admin_has_the_headers_but_not_the_policy(client):
    sign_in(client, "editor")
    response = client.get("/admin/")
    assert response.status_code == 200
    assert "Content-Security-Policy" not in response
    assert_common_headers(response)


def test_the_admin_preview_may_still_be_framed_by_the_admin_itself(client):
    sign_in(client, "editor")
    page = PracticePage.objects.live().filter(locale__language_code="en").first()
    response = client.get(f"/admin/pages/{page.pk}/edit/preview/")
    assert response["X-Frame-Options"] == "SAMEORIGIN"


def inline_code(html):
    """Everything a policy without 'unsafe-inline' would block: inline scripts and styles, style
    attributes, event-handler attributes."""
    found = [f"<script> {script.get_text()[:60]!r}" for script in html.select("script:not([src])")]
    found += [f"<style> {style.get_text()[:60]!r}" for style in html.select("style")]
    for element in html.find_all(True):
        found += [f"<{element.name} {name}=…>" for name in element.attrs if name == "style" or name.startswith("on")]
    return found


def signed_in_pages(client):
    """The pages of a signed-in mentee: filling a form, their filled forms, a relationship and an output."""
    sign_in(client, "mentee")
    mine = BeautifulSoup(client.get("/en/forms/mine/").content, "html.parser")
    filled = mine.find("a", href=re.compile(r"/forms/mine/\d+/$"))["href"]
    output = StageOutput.objects.filter(filled_form__owner__username="mentee").first()
    form = FormTemplatePage.objects.get(slug="swot-analysis", locale__language_code="en", alias_of__isnull=True)
    return [
        f"{form.url}fill/",
        "/en/forms/mine/",
        filled,
        "/en/mentoring/",
        f"/en/mentoring/{output.relationship_id}/",
        f"/en/mentoring/outputs/{output.pk}/",
        "/en/practices/submit/",
        "/accounts/password/",
    ]


def test_pages_have_no_inline_scripts_styles_or_event_handlers(client):
    practice = PracticePage.objects.live().filter(locale__language_code="en").first()
    public = [*PUBLIC_PAGES, practice.url]
    pages = [(path, client.get(path)) for path in public]
    pages += [(path, client.get(path)) for path in signed_in_pages(client)]
    assert [(path, response.status_code) for path, response in pages if response.status_code != 200] == []
    found = {path: inline_code(BeautifulSoup(response.content, "html.parser")) for path, response in pages}
    assert {path: problems for path, problems in found.items() if problems} == {}


def test_the_lockout_page_has_no_inline_code_either(client):
    for _attempt in range(5):
        response = client.post("/accounts/login/", {"username": "staff", "password": "wrong"})
    assert response.status_code == 429
    assert policy(response) == POLICY
    assert inline_code(BeautifulSoup(response.content, "html.parser")) == []


def test_the_scan_finds_what_the_policy_would_block():
    html = BeautifulSoup(
        '<p style="color:red" onclick="go()">x</p><script>go()</script><script src="/static/a.js"></script>'
        "<style>p{}</style>",
        "html.parser",
    )
    assert inline_code(html) == ["<script> 'go()'", "<style> 'p{}'", "<p style=…>", "<p onclick=…>"]
