"""What our OpenAPI document (`/api/schema/`) says beyond what django-ninja reads from the endpoints' types.

- Operation ids are the endpoints' function names (`create_filled_form`), so that a generated client's functions
  have the names the README uses, not ninja's module-prefixed ones.
- `If-Match` on the writes that check it, and the `ETag` header on the answers that carry one.
- Links between operations (OpenAPI `links`): which operation a response's ids lead to (a created form to reading,
  changing, completing and downloading it). Clients follow them, and schemathesis's stateful tests do
  (tests/api/test_stateful.py). They name operations by id, so they are declared here, where every router is
  mounted, rather than in one app that would have to know another's operations.
"""

from ninja import NinjaAPI

FORM = {"pk": "$response.body#/id"}
# A write to the version just read: its ETag as If-Match, so the write is refused (412) if it changed meanwhile.
FORM_VERSION = {"pk": "$response.body#/id", "header.If-Match": "$response.header.ETag"}
FIRST_ITEM = {"pk": "$response.body#/items/0/id"}


def link(operation_id, description, parameters=None, body=None):
    definition = {"operationId": operation_id, "description": description}
    if parameters:
        definition["parameters"] = parameters
    if body is not None:
        definition["requestBody"] = body
    return definition


def form_links():
    """From an answer holding a filled form: read it, replace or patch it, complete it, download it."""
    return {
        "ReadFilledForm": link("filled_form", "Read the filled form again.", FORM),
        "ReplaceFilledForm": link(
            "replace_filled_form",
            "Replace the draft's answers, keeping it a draft.",
            FORM_VERSION,
            body={"answers": "$response.body#/answers", "complete": False},
        ),
        "PatchFilledForm": link("patch_filled_form", "Change some answers of the draft.", FORM_VERSION),
        "CompleteFilledForm": link(
            "patch_filled_form", "Complete the draft with the answers it holds.", FORM_VERSION, body={"complete": True}
        ),
        "DownloadFilledForm": link("filled_form_docx", "Download the form as a Word document.", FORM),
    }


def submission_links(parameters):
    """From an answer holding one's practice submission: read it, change it."""
    return {
        "ReadSubmission": link("my_submission", "Read the submission again.", FORM),
        "PatchSubmission": link("change_submission", "Change some members of the submission.", parameters),
    }


def draft_links():
    """From an answer holding one's draft of a practice: read it, change it, send it, delete it."""
    return {
        "ReadDraft": link("practice_draft", "Read the draft again.", FORM),
        "PatchDraft": link("change_draft", "Change some members of the draft.", FORM_VERSION),
        "SubmitDraft": link("submit_draft", "Send the draft to the moderators.", FORM_VERSION),
        "DeleteDraft": link("delete_draft", "Delete the draft.", FORM_VERSION),
    }


# A submission's first attachment, in a representation that lists them.
FIRST_ATTACHMENT = {"pk": "$response.body#/id", "attachment_id": "$response.body#/attachments/0/id"}


def attachment_links():
    """From a submission's representation: download, replace or remove its first attachment, add others."""
    return {
        "DownloadFirstAttachment": link("practice_attachment", "Download its first attachment.", FIRST_ATTACHMENT),
        "AddAttachments": link("add_attachments", "Add attachments (while changes are asked).", FORM_VERSION),
        "RemoveFirstAttachment": link(
            "remove_attachment",
            "Remove its first attachment (while changes are asked).",
            {**FIRST_ATTACHMENT, "header.If-Match": "$response.header.ETag"},
        ),
    }


# operationId → status → links of that response.
LINKS = {
    "form_templates": {
        200: {
            "ReadFirstTemplate": link(
                "template_schema",
                "The fields of the first template of the page.",
                {"page_id": "$response.body#/items/0/id"},
            ),
            "FillFirstTemplate": link(
                "create_filled_form",
                "Fill the first template of the page.",
                body={"template_id": "$response.body#/items/0/id", "answers": {}, "complete": False},
            ),
        }
    },
    "template_schema": {
        200: {
            "FillTemplate": link(
                "create_filled_form",
                "Fill this template.",
                body={"template_id": "$response.body#/id", "answers": {}, "complete": False},
            )
        }
    },
    "create_filled_form": {201: form_links()},
    "filled_form": {200: form_links()},
    "replace_filled_form": {200: form_links()},
    "patch_filled_form": {200: form_links()},
    "my_filled_forms": {
        200: {
            "ReadFirstFilledForm": link("filled_form", "Read the first form of the page.", FIRST_ITEM),
            "DownloadFirstFilledForm": link("filled_form_docx", "Download the first form of the page.", FIRST_ITEM),
        }
    },
    "submit_practice": {201: submission_links(FORM), 200: submission_links(FORM)},
    "my_submissions": {200: {"ReadFirstSubmission": link("my_submission", "Read the first one.", FIRST_ITEM)}},
    "my_submission": {200: {**submission_links(FORM_VERSION), **attachment_links()}},
    "change_submission": {200: attachment_links()},
    "add_attachments": {200: attachment_links()},
    "my_drafts": {200: {"ReadFirstDraft": link("practice_draft", "Read the first one.", FIRST_ITEM)}},
    "create_draft": {201: draft_links()},
    "practice_draft": {200: draft_links()},
    "replace_draft": {200: draft_links()},
    "change_draft": {200: draft_links()},
    "submit_draft": {201: submission_links(FORM), 200: submission_links(FORM)},
    "shared_outputs": {
        200: {"DownloadFirstOutput": link("output_docx", "Download the first output of the page.", FIRST_ITEM)}
    },
}

ETAG = {
    "description": "The version of what the answer holds; send it back as `If-Match` to change that version only.",
    "schema": {"type": "string"},
}
IF_MATCH = {
    "name": "If-Match",
    "in": "header",
    "required": False,
    "description": "The `ETag` of the version read: if it changed since, the write is refused (412) and changes "
    "nothing. Without it the write is accepted.",
    "schema": {"type": "string"},
}


class DescribedAPI(NinjaAPI):
    """ninja's API, whose OpenAPI document has the operation ids and links above."""

    def get_openapi_operation_id(self, operation):
        return operation.view_func.__name__

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        for operations in schema["paths"].values():
            for operation in operations.values():
                for status, links in LINKS.get(operation["operationId"], {}).items():
                    operation["responses"][status]["links"] = links
                describe_versions(operation)
        return schema


def describe_versions(operation):
    """A write that may answer 412 takes If-Match; what it and the reads of the same record answer carries an ETag
    (home/writes.py)."""
    responses = operation["responses"]
    if 412 in responses:
        operation["parameters"].append(IF_MATCH)
    if 412 in responses or operation["operationId"] in VERSIONED_READS:
        for status in (200, 201):
            if status in responses:
                responses[status].setdefault("headers", {})["ETag"] = ETAG


# Reads and creations that answer the ETag of what they give (the writes answer it too).
VERSIONED_READS = {"filled_form", "create_filled_form", "my_submission", "practice_draft", "create_draft"}
