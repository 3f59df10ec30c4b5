"""What our OpenAPI document (`/api/schema/`) must say for a client to be generated from it: every code list as an
enum from its one definition, every Word download with its media type, every error as problem+json, examples."""

import re
from pathlib import Path

import jsonschema_rs
import pytest
from django.conf import settings

from forms_library.kinds import KINDS
from forms_library.records import FilledForm
from home.docx import DOCX_TYPE
from home.programme import Country, Stage
from practices.constants import ServiceArea, SubmissionState
from tests.api import test_fuzz

# A property or parameter of this name holds a code of this list, wherever it appears.
CODE_LISTS = {
    "stage": Stage.values,
    "country": Country.values,
    "service_area": ServiceArea.values,
    "language": [code for code, _name in settings.LANGUAGES],
    "locale": [code for code, _name in settings.LANGUAGES],
    "lang": [code for code, _name in settings.LANGUAGES],
    "kind": list(KINDS),
}


@pytest.fixture(scope="module")
def document():
    from django.test import Client

    return Client().get("/api/schema/").json()


def operations(document):
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            yield f"{method.upper()} {path}", operation


def properties(document):
    """Every property of every component schema, with the codes it may hold (the `anyOf` of an optional one)."""
    for name, component in document["components"]["schemas"].items():
        for prop, spec in component.get("properties", {}).items():
            variants = spec.get("anyOf", [spec])
            yield f"{name}.{prop}", prop, next((v for v in variants if "enum" in v), variants[0])


def test_every_code_list_is_an_enum_of_its_definition(document):
    seen = set()
    for label, name, spec in properties(document):
        if name in CODE_LISTS:
            assert spec.get("enum") == CODE_LISTS[name], label
            seen.add(name)
    for label, operation in operations(document):
        for parameter in operation.get("parameters", []):
            if parameter["name"] in CODE_LISTS:
                schema = parameter["schema"]
                variants = schema.get("anyOf", [schema])
                enum = next((v["enum"] for v in variants if "enum" in v), None)
                assert enum == CODE_LISTS[parameter["name"]], f"{label} ?{parameter['name']}"
                seen.add(parameter["name"])
    assert {"stage", "country", "service_area", "language", "kind"} <= seen


def test_the_states_are_enums_of_their_definitions(document):
    schemas = document["components"]["schemas"]
    assert schemas["FilledFormOut"]["properties"]["status"]["enum"] == FilledForm.Status.values
    assert schemas["SubmissionOut"]["properties"]["state"]["enum"] == SubmissionState.values


def test_every_word_download_is_documented_as_a_docx_file(document):
    downloads = [(label, operation) for label, operation in operations(document) if label.endswith("/docx/")]
    assert len(downloads) == 2
    for label, operation in downloads:
        ok = operation["responses"]["200"]
        assert ok["content"] == {DOCX_TYPE: {"schema": {"type": "string", "format": "binary"}}}, label
        assert "Content-Disposition" in ok["headers"], label


def test_requests_and_answers_have_examples(document):
    schemas = document["components"]["schemas"]

    def component(schema):
        name = schema["$ref"].rsplit("/", 1)[1]
        if name.startswith("Paged"):  # a page of a list: its items are what the examples show
            return component(schemas[name]["properties"]["items"]["items"])
        return schemas[name]

    for label, operation in operations(document):
        for media_type, content in operation.get("requestBody", {}).get("content", {}).items():
            assert component(content["schema"]).get("examples"), f"{label} {media_type}"
        for status, response in operation["responses"].items():
            for media_type, content in response.get("content", {}).items():
                if "$ref" in content["schema"]:
                    assert component(content["schema"]).get("examples"), f"{label} {status} {media_type}"


def test_every_example_is_valid_against_its_own_schema(document):
    components = document["components"]
    examples = 0
    for name, component in components["schemas"].items():
        validator = jsonschema_rs.validator_for({**component, "components": components})
        for example in component.get("examples", []):
            assert validator.is_valid(example), (name, [error.message for error in validator.iter_errors(example)])
            examples += 1
    assert examples >= 5


DOCS = Path(__file__).resolve().parents[2] / "docs" / "api.md"


def test_the_documentation_lists_the_codes_of_every_code_list():
    rows = {}
    for line in DOCS.read_text().splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 3 and "`" in cells[1]:
            rows[cells[0]] = re.findall(r"`([^`]+)`", cells[1])
    documented = {
        "stage": [str(stage) for stage in Stage.values],
        "country": Country.values,
        "service area": ServiceArea.values,
        "language": CODE_LISTS["language"],
        "field kind": CODE_LISTS["kind"],
        "filled form status": FilledForm.Status.values,
        "practice state": SubmissionState.values,
    }
    for name, codes in documented.items():
        assert rows.get(name) == codes, name


def test_the_fuzz_test_draws_at_least_ten_examples_for_every_operation(document):
    assert test_fuzz.SCHEMA_EXAMPLES >= 10
    fuzzed = {result.ok().label for result in test_fuzz.schema.get_all_operations()}
    assert fuzzed == {label for label, _operation in operations(document)}
