"""What our OpenAPI document (`/api/schema/`) says beyond what django-ninja reads from the endpoints' types.

- Operation ids are the endpoints' function names (`create_filled_form`), so that a generated client's functions
  have the names the README uses, not ninja's module-prefixed ones.
- Links between operations (OpenAPI `links`): which operation a response's ids lead to (a created form to reading,
  changing, completing and downloading it). Clients follow them, and schemathesis's stateful tests do
  (tests/api/test_stateful.py). They name operations by id, so they are declared here, where every router is
  mounted, rather than in one app that would have to know another's operations.
"""

from ninja import NinjaAPI

FORM = {"pk": "$response.body#/id"}
FIRST_FORM = {"pk": "$response.body#/items/0/id"}
FIRST_OUTPUT = {"pk": "$response.body#/items/0/id"}


def link(operation_id, description, parameters=None, body=None):
    definition = {"operationId": operation_id, "description": description}
    if parameters:
        definition["parameters"] = parameters
    if body is not None:
        definition["requestBody"] = body
    return definition


def form_links(parameters):
    """From a response holding a filled form: read it, change it, complete it, download it."""
    return {
        "ReadFilledForm": link("filled_form", "Read the filled form again.", parameters),
        "UpdateFilledForm": link("update_filled_form", "Change the draft's answers.", parameters),
        "CompleteFilledForm": link(
            "update_filled_form",
            "Complete the form with the answers it holds.",
            parameters,
            body={"answers": "$response.body#/answers", "complete": True},
        ),
        "DownloadFilledForm": link("filled_form_docx", "Download the form as a Word document.", parameters),
    }


# operationId → status → links of that response.
LINKS = {
    "template_schema": {
        200: {
            "FillTemplate": link(
                "create_filled_form",
                "Fill this template.",
                body={"template_id": "$response.body#/id", "answers": {}, "complete": False},
            )
        }
    },
    "create_filled_form": {201: form_links(FORM)},
    "filled_form": {200: form_links(FORM)},
    "update_filled_form": {200: form_links(FORM)},
    "my_filled_forms": {
        200: {
            "ReadFirstFilledForm": link("filled_form", "Read the first form of the page.", FIRST_FORM),
            "DownloadFirstFilledForm": link("filled_form_docx", "Download the first form of the page.", FIRST_FORM),
        }
    },
    "shared_outputs": {
        200: {
            "DownloadFirstOutput": link("output_docx", "Download the first output of the page.", FIRST_OUTPUT),
        }
    },
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
        return schema
