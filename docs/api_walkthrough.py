#!/usr/bin/env python3
"""The API walkthrough of the README, runnable: what a municipality's system does with the hub's API.

It uses nothing but `requests`. Give it the hub's base URL and a Wagtail API token (created by an administrator
in the Wagtail admin, at /admin/api-tokens/):

    QSER_API_URL=http://127.0.0.1:8000 QSER_API_TOKEN=wagtail_… python docs/api_walkthrough.py
    python docs/api_walkthrough.py --url http://127.0.0.1:8000 --token wagtail_… --language el

Each step says what it does and checks the answer; the first answer that is not as docs/api.md describes stops
it with a message and exit status 1. It stores a filled form (completed) and a practice submission with an
attachment (awaiting moderation) as the token's owner. CI runs it against a live test server (tests/api/test_walkthrough.py).
"""

import argparse
import io
import json
import os
import sys
import uuid
import zipfile

import requests

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MERGE_PATCH = "application/merge-patch+json"
PROBLEM = "application/problem+json"
# A small PDF, sent as the practice's attachment.
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


class Hub:
    """The API at a base URL, as a person with a token."""

    def __init__(self, url, token):
        self.url = url.rstrip("/")
        self.session = requests.Session()
        self.session.headers["Authorization"] = f"Bearer {token}"

    def call(self, method, path, expected, **kwargs):
        url = path if path.startswith("http") else self.url + path  # answers give absolute URLs
        response = self.session.request(method, url, timeout=60, **kwargs)
        check(
            response.status_code == expected,
            f"{method} {path} answered {response.status_code}, not {expected}: {response.text[:500]}",
        )
        return response


def check(condition, message):
    if not condition:
        raise SystemExit(f"FAILED: {message}")


def step(message):
    print(f"- {message}", flush=True)


def answer_for(field, day="2026-12-07"):
    """An answer to a field, in the JSON shape of its kind (docs/api.md, "Answers by field kind")."""
    simple = {
        "short_text": "An answer from the walkthrough",
        "long_text": "A longer answer, from the walkthrough.",
        "date": day,
        "number": 60,
        "yes_no": "yes",
        "rating_scale": 4,
        "swot_grid": dict.fromkeys(["strengths", "weaknesses", "opportunities", "threats"], "A point."),
    }
    kind = field["kind"]
    if kind in simple:
        return simple[kind]
    if kind == "single_choice":
        return field["choices"][0]["id"]
    if kind == "multiple_choice":
        return [choice["id"] for choice in field["choices"][:2]]
    if kind == "repeating_table":
        return [[f"{column} 1" for column in field["columns"]]]
    if kind == "signatures":
        return [[f"Signatory {number}", role, day] for number, role in enumerate(field["signatories"], 1)]
    return None  # a section heading takes no answer


def walk(hub, language):
    step(f"List the form templates in {language}")
    templates = hub.call("GET", "/api/forms/templates/", 200, params={"locale": language, "limit": 100}).json()
    check(templates["count"] > 0, f"no form template in {language}")
    check({t["language"] for t in templates["items"]} == {language}, "templates of another language were listed")
    listed = templates["items"][0]

    step(f"Read the fields of {listed['title']!r} at its detail_url")
    template = hub.call("GET", listed["detail_url"], 200).json()
    check(template["language"] == language, f"the template came in {template['language']}")
    fields = [field for field in template["fields"] if field["kind"] != "section_heading"]
    answers = {field["name"]: answer_for(field) for field in fields}
    first = fields[0]["name"]

    step("Fill the form: a draft with the first answer (with an Idempotency-Key, safe to send again)")
    body = {"template_id": template["id"], "answers": {first: answers[first]}}
    key = {"Idempotency-Key": str(uuid.uuid4())}
    created = hub.call("POST", "/api/forms/mine/", 201, json=body, headers=key)
    form = created.json()
    check(form["status"] == "draft", f"a new form is {form['status']}")
    check(form["answers"] == {first: answers[first]}, f"the draft holds {form['answers']}")
    again = hub.call("POST", "/api/forms/mine/", 201, json=body, headers=key).json()
    check(again["id"] == form["id"], "the same Idempotency-Key made a second form")
    form_url = f"/api/forms/mine/{form['id']}/"

    step("Save the draft with every answer (PATCH, a JSON Merge Patch, If-Match its ETag)")
    saved = hub.call(
        "PATCH",
        form_url,
        200,
        json={"answers": answers},
        headers={"Content-Type": MERGE_PATCH, "If-Match": created.headers["ETag"]},
    )
    check(saved.json()["answers"] == answers, f"the draft holds {saved.json()['answers']}")
    read = hub.call("GET", form_url, 200)
    check(read.json()["answers"] == answers, "the saved answers read back differently")
    check(read.headers["ETag"] == saved.headers["ETag"], "reading gave another version than the save")

    step("A change sent with the old ETag is refused (412), as a problem, and changes nothing")
    stale = hub.call(
        "PATCH",
        form_url,
        412,
        json={"complete": True},
        headers={"Content-Type": MERGE_PATCH, "If-Match": created.headers["ETag"]},
    )
    check(stale.headers["Content-Type"] == PROBLEM, f"the refusal is {stale.headers['Content-Type']}")
    check(hub.call("GET", form_url, 200).json()["status"] == "draft", "a refused change completed the form")

    step("Complete the form")
    completed = hub.call(
        "PATCH",
        form_url,
        200,
        json={"complete": True},
        headers={"Content-Type": MERGE_PATCH, "If-Match": saved.headers["ETag"]},
    ).json()
    check(completed["status"] == "complete", f"the completed form is {completed['status']}")

    step("Download it as a Word document")
    download = hub.call("GET", form_url + "docx/", 200)
    check(download.headers["Content-Type"] == DOCX, f"the download is {download.headers['Content-Type']}")
    check(zipfile.is_zipfile(io.BytesIO(download.content)), "the download is not a Word (zip) file")

    step("Submit a good practice for moderation, with an attachment (multipart: the practice as JSON, the file)")
    submission = {
        "language": language,
        "title": f"Walkthrough practice {uuid.uuid4().hex[:8]}",
        "summary": "A practice submitted by the API walkthrough.",
        "service_area": "housing",
        "country": "GR",
        "municipality": "Elmstead (fictional)",
        "department": "Housing",
        "stage": 5,
        "challenge": "What the walkthrough needed.",
        "what_was_done": "It submitted this practice.",
        "results": "It awaits moderation.",
        "reuse": "Run the walkthrough.",
        "tags": ["walkthrough"],
    }
    practice = hub.call(
        "POST",
        "/api/practices/",
        201,
        headers={"Idempotency-Key": str(uuid.uuid4())},
        data={"practice": json.dumps(submission)},
        files=[("attachments", ("walkthrough.pdf", PDF_BYTES, "application/pdf"))],
    ).json()
    check(practice["state"] == "awaiting_moderation", f"the practice is {practice['state']}")
    mine = hub.call("GET", f"/api/practices/mine/{practice['id']}/", 200).json()
    check(mine["state"] == "awaiting_moderation", f"my submission is {mine['state']}")
    check(mine["title"] == submission["title"], "the practice's title came back changed")
    check(len(mine["attachments"]) == 1, f"the practice lists {mine['attachments']}")
    attachment = mine["attachments"][0]
    check(attachment["media_type"] == "application/pdf", f"the attachment is {attachment['media_type']}")

    step(f"Download its attachment {attachment['file_name']} at its download_url")
    download = hub.call("GET", attachment["download_url"], 200)
    check(download.content == PDF_BYTES, "the attachment came back changed")
    check(download.headers["Content-Type"] == "application/pdf", f"it is {download.headers['Content-Type']}")

    step("Read the stage outputs shared with my departments")
    shared = hub.call("GET", "/api/outputs/shared/", 200, params={"limit": 10}).json()
    check(isinstance(shared["items"], list) and shared["count"] >= len(shared["items"]), f"a list page: {shared}")
    for output in shared["items"][:1]:
        step(f"Download shared output {output['id']} ({output['title']}) as a Word document")
        download = hub.call("GET", f"/api/outputs/{output['id']}/docx/", 200)
        check(download.headers["Content-Type"] == DOCX, f"the download is {download.headers['Content-Type']}")
    return shared["count"]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default=os.environ.get("QSER_API_URL", "http://127.0.0.1:8000"))
    parser.add_argument("--token", default=os.environ.get("QSER_API_TOKEN"))
    parser.add_argument("--language", default=os.environ.get("QSER_API_LANGUAGE", "el"))
    arguments = parser.parse_args(argv)
    if not arguments.token:
        parser.error("give a Wagtail API token with --token or QSER_API_TOKEN")
    shared = walk(Hub(arguments.url, arguments.token), arguments.language)
    print(f"OK: the walkthrough passed ({shared} shared outputs)")


if __name__ == "__main__":
    sys.exit(main())
