"""Contract tests through a client generated from our OpenAPI document, against a live server.

openapi-python-client generates a Python package from `/api/schema/` once per session, and the tests do what a
municipality's system does with it, with a Wagtail API token: read templates, fill a form, read it, change it,
complete it, download it as Word, submit a practice and read the outputs shared with the department. If the
document lies, they fail twice over: the generated models refuse an answer that lacks what they expect (or has a
code outside an enum), and every answer the client receives is checked against the document by schemathesis
(its status documented, its content type, headers and body as the document says).
"""

import importlib
import io
import json
import subprocess
import sys
import uuid
import zipfile

import pytest
import schemathesis
from ninja.responses import NinjaJSONEncoder
from wagtail.models import APIToken

from forms_library.pages import FormTemplatePage
from home.docx import DOCX_TYPE
from practices.api import ATTACHMENT_TYPES
from qser_site.api import api
from tests.factories import DepartmentFactory, MemberFactory, StageOutputFactory

PACKAGE = "qser_client"
# No formatter run on the generated code (nothing to install, nothing to wait for); a Word document and a
# practice's attachments read as the bytes of a file (the generator knows only application/octet-stream as such:
# docs/api.md says so).
CONFIG = "post_hooks: []\ncontent_type_overrides:\n" + "".join(
    f"  {media_type}: application/octet-stream\n" for media_type in sorted({DOCX_TYPE, *ATTACHMENT_TYPES})
)


@pytest.fixture(scope="session")
def document():
    """The document /api/schema/ serves, as JSON, built once for the session. It is taken from the API object
    rather than over HTTP: a session fixture runs before a test's database is shared with the live server's thread."""
    return json.loads(json.dumps(api.get_openapi_schema(path_prefix="/api/"), cls=NinjaJSONEncoder))


@pytest.fixture(scope="session")
def generated(document, tmp_path_factory):
    """The generated package, imported (the same document and package for the whole session)."""
    folder = tmp_path_factory.mktemp("generated")
    (folder / "schema.json").write_text(json.dumps(document))
    (folder / "config.yaml").write_text(CONFIG)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "openapi_python_client",
            "generate",
            "--path",
            str(folder / "schema.json"),
            "--config",
            str(folder / "config.yaml"),
            "--output-path",
            str(folder / PACKAGE),
            "--meta",
            "none",
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    sys.path.insert(0, str(folder))
    try:
        client = importlib.import_module(PACKAGE)
        importlib.import_module(f"{PACKAGE}.models")
    finally:
        sys.path.remove(str(folder))
    return client


@pytest.fixture(scope="session")
def examples(document):
    return {name: schema.get("examples", []) for name, schema in document["components"]["schemas"].items()}


@pytest.fixture(scope="session")
def checked_against(document):
    """An httpx response hook that checks each answer against the document (schemathesis's checks)."""
    schema = schemathesis.openapi.from_dict(document)

    def check(response):
        response.read()
        response.request.read()  # a multipart request is a stream: read, so the check can see what was sent
        operation = schema.find_operation_by_path(response.request.method, response.request.url.path)
        assert operation is not None, f"{response.request.method} {response.request.url.path} is not documented"
        operation.validate_response(response)

    return check


@pytest.fixture
def department(committed_world):
    return DepartmentFactory(name="Housing (contract tests)")


@pytest.fixture
def person(department):
    return MemberFactory(department=department)


@pytest.fixture
def hub(generated, checked_against, live_server, person):
    """The generated client, authenticated with the person's Wagtail API token."""
    _token, plaintext = APIToken.create_token(user=person, name="generated client")
    return generated.AuthenticatedClient(
        base_url=live_server.url,
        token=plaintext,
        raise_on_unexpected_status=True,
        httpx_args={"event_hooks": {"response": [checked_against]}},
    )


def operation(generated, tag, name):
    return importlib.import_module(f"{PACKAGE}.api.{tag}.{name}")


def answer_for(field, day="2026-12-07"):
    """A valid answer to a template's field, made from what the API says of the field (docs/api.md)."""
    kind = field["kind"]
    answers = {
        "short_text": "A short answer",
        "long_text": "A longer answer, in a sentence or two.",
        "date": day,
        "number": 60,
        "yes_no": "yes",
        "rating_scale": 4,
        "swot_grid": dict.fromkeys(["strengths", "weaknesses", "opportunities", "threats"], "A point."),
    }
    if kind in answers:
        return answers[kind]
    if kind == "single_choice":
        return field["choices"][0]["id"]
    if kind == "multiple_choice":
        return [choice["id"] for choice in field["choices"][:2]]
    if kind == "repeating_table":
        return [[f"{column} {row}" for column in field["columns"]] for row in (1, 2)]
    if kind == "signatures":
        return [[f"Signatory {number}", role, day] for number, role in enumerate(field["signatories"], 1)]
    return None


def template_page(slug, language="en"):
    return FormTemplatePage.objects.live().get(slug=slug, locale__language_code=language)


def test_a_system_lists_fills_reads_changes_completes_and_downloads_a_form(generated, hub):
    models = generated.models
    greek = models.FormTemplatesLocaleType0("el")
    listed = operation(generated, "forms", "form_templates").sync(client=hub, locale=greek)
    assert listed.count == len(listed.items) > 0
    assert {item.language for item in listed.items} == {"el"}
    [swot] = [item for item in listed.items if item.slug == "swot-analysis"]
    assert swot.detail_url.startswith("http") and swot.detail_url.endswith(f"/api/forms/templates/{swot.id}/")

    template = operation(generated, "forms", "template_schema").sync(client=hub, page_id=swot.id)
    assert (template.id, template.language, template.stage) == (swot.id, "el", 4)
    assert {field.kind for field in template.fields} >= {"short_text", "swot_grid"}
    answers = {
        field.name: answer_for(field.to_dict()) for field in template.fields if field.kind != "section_heading"
    } | {"subject": "Rent arrears"}

    created = operation(generated, "forms", "create_filled_form").sync_detailed(
        client=hub,
        body=models.FilledFormIn(
            template_id=template.id, answers=models.FilledFormInAnswers.from_dict({"subject": "Rent arrears"})
        ),
        idempotency_key=str(uuid.uuid4()),
    )
    assert created.status_code == 201
    form = created.parsed
    assert (form.status, form.language, form.stage) == ("draft", "el", 4)
    assert form.answers.to_dict() == {"subject": "Rent arrears"}
    first_version = created.headers["etag"]

    read = operation(generated, "forms", "filled_form").sync_detailed(client=hub, pk=form.id)
    assert read.parsed.to_dict() == form.to_dict()
    assert read.headers["etag"] == first_version

    replaced = operation(generated, "forms", "replace_filled_form").sync_detailed(
        client=hub,
        pk=form.id,
        body=models.FilledFormReplace(answers=models.FilledFormReplaceAnswers.from_dict(answers), complete=False),
        if_match=first_version,
    )
    assert replaced.status_code == 200
    assert replaced.parsed.answers.to_dict() == answers
    assert replaced.parsed.status == "draft"

    stale = operation(generated, "forms", "patch_filled_form").sync_detailed(
        client=hub, pk=form.id, body=models.FilledFormPatch(complete=True), if_match=first_version
    )
    assert stale.status_code == 412
    assert stale.parsed.status == 412

    completed = operation(generated, "forms", "patch_filled_form").sync_detailed(
        client=hub, pk=form.id, body=models.FilledFormPatch(complete=True), if_match=replaced.headers["etag"]
    )
    assert completed.status_code == 200
    assert completed.parsed.status == "complete"
    assert completed.parsed.answers.to_dict() == answers

    download = operation(generated, "forms", "filled_form_docx").sync_detailed(client=hub, pk=form.id)
    assert download.status_code == 200
    assert download.headers["content-type"] == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    with zipfile.ZipFile(io.BytesIO(download.content)) as docx:
        assert "Rent arrears" in docx.read("word/document.xml").decode()


def test_a_form_of_another_person_is_not_found_and_wrong_answers_are_refused(generated, hub):
    missing = operation(generated, "forms", "filled_form").sync_detailed(client=hub, pk=2**31 - 1)
    assert missing.status_code == 404
    assert missing.parsed.status == 404

    models = generated.models
    refused = operation(generated, "forms", "create_filled_form").sync_detailed(
        client=hub,
        body=models.FilledFormIn(
            template_id=template_page("swot-analysis").pk,
            answers=models.FilledFormInAnswers.from_dict({"analysis_date": "07/12/2026"}),
        ),
    )
    assert refused.status_code == 422
    [error] = refused.parsed.errors
    assert error.to_dict()["loc"] == ["body", "answers", "analysis_date"]


def test_a_system_submits_the_schemas_example_practice_and_follows_it(generated, hub, examples):
    models = generated.models
    example = models.PracticeIn.from_dict(examples["PracticeIn"][0])
    key = str(uuid.uuid4())
    submitted = operation(generated, "good_practices", "submit_practice").sync_detailed(
        client=hub, body=example, idempotency_key=key
    )
    assert submitted.status_code == 201
    assert (submitted.parsed.state, submitted.parsed.language) == ("awaiting_moderation", "en")

    again = operation(generated, "good_practices", "submit_practice").sync_detailed(
        client=hub, body=example, idempotency_key=key
    )
    assert again.parsed.id == submitted.parsed.id

    mine = operation(generated, "good_practices", "my_submissions").sync(client=hub)
    assert [(item.id, item.state) for item in mine.items] == [(submitted.parsed.id, "awaiting_moderation")]
    practice = operation(generated, "good_practices", "my_submission").sync(client=hub, pk=submitted.parsed.id)
    assert (practice.service_area, practice.country, practice.stage) == ("housing", "GR", 5)


def test_a_system_reads_the_outputs_shared_with_its_department(generated, hub, department):
    output = StageOutputFactory(state="published", target_departments=[department])
    page = operation(generated, "stage_outputs", "shared_outputs").sync(client=hub)
    assert [item.id for item in page.items] == [output.pk]
    assert page.items[0].department == output.relationship.department.name

    download = operation(generated, "stage_outputs", "output_docx").sync_detailed(client=hub, pk=output.pk)
    assert download.status_code == 200
    assert zipfile.is_zipfile(io.BytesIO(download.content))


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_a_system_submits_a_practice_with_an_attachment_and_downloads_it(generated, hub, examples):
    models = generated.models
    File = importlib.import_module(f"{PACKAGE}.types").File  # imported with the package's models  # noqa: N806

    body = models.SubmitPracticeFilesBody(
        practice=models.PracticeIn.from_dict(examples["PracticeIn"][0]),
        attachments=[File(payload=io.BytesIO(PDF), file_name="checklist.pdf", mime_type="application/pdf")],
    )
    submitted = operation(generated, "good_practices", "submit_practice").sync_detailed(client=hub, body=body)
    assert submitted.status_code == 201, submitted.content[:300]
    practice = operation(generated, "good_practices", "my_submission").sync(client=hub, pk=submitted.parsed.id)
    [attachment] = practice.attachments
    assert (attachment.media_type, attachment.size) == ("application/pdf", len(PDF))
    download = operation(generated, "good_practices", "practice_attachment").sync_detailed(
        client=hub, pk=practice.id, attachment_id=attachment.id
    )
    assert download.status_code == 200
    assert download.content == PDF


def test_a_system_drafts_a_practice_finishes_it_and_sends_it(generated, hub, examples):
    models = generated.models
    drafts = "good_practice_drafts"
    created = operation(generated, drafts, "create_draft").sync_detailed(
        client=hub, body=models.DraftIn.from_dict(examples["DraftIn"][0]), idempotency_key=str(uuid.uuid4())
    )
    assert created.status_code == 201
    draft = created.parsed
    assert (draft.title, draft.summary, draft.stage) == (examples["DraftIn"][0]["title"], "", None)

    replaced = operation(generated, drafts, "replace_draft").sync_detailed(
        client=hub,
        pk=draft.id,
        body=models.DraftContent.from_dict(examples["DraftContent"][0]),
        if_match=created.headers["etag"],
    )
    assert replaced.status_code == 200
    stale = operation(generated, drafts, "change_draft").sync_detailed(
        client=hub, pk=draft.id, body=models.DraftChange(results="Half the visits."), if_match=created.headers["etag"]
    )
    assert stale.status_code == 412
    mine = operation(generated, drafts, "my_drafts").sync(client=hub)
    assert [item.id for item in mine.items] == [draft.id]

    sent = operation(generated, drafts, "submit_draft").sync_detailed(
        client=hub, pk=draft.id, if_match=replaced.headers["etag"]
    )
    assert sent.status_code == 201
    assert sent.parsed.state == "awaiting_moderation"
    assert operation(generated, drafts, "practice_draft").sync_detailed(client=hub, pk=draft.id).status_code == 404
