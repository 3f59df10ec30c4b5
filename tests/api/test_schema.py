"""What our OpenAPI document (`/api/schema/`) must say for a client to be generated from it: every code list as an
enum from its one definition, every Word download with its media type, every error as problem+json, examples."""

import re
from pathlib import Path

import jsonschema_rs
import pytest
from django.conf import settings

from forms_library.kinds import KINDS, register
from forms_library.records import FilledForm
from home.docx import DOCX_TYPE
from home.programme import Country, Stage
from practices.constants import ServiceArea, SubmissionState
from tests.api import test_fuzz
from tests.forms_library.test_kinds import EmailBlock

# A property or parameter of this name holds a code of this list, wherever it appears.
CODE_LISTS = {
    "stage": Stage.values,
    "country": Country.values,
    "service_area": ServiceArea.values,
    "language": [code for code, _name in settings.LANGUAGES],
    "locale": [code for code, _name in settings.LANGUAGES],
    "lang": [code for code, _name in settings.LANGUAGES],
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
    assert {"stage", "country", "service_area", "language"} <= seen


def test_a_field_is_one_of_its_kinds_told_apart_by_kind(document):
    schemas = document["components"]["schemas"]
    field = schemas["FieldOut"]
    assert field["discriminator"]["propertyName"] == "kind"
    assert list(field["discriminator"]["mapping"]) == sorted(KINDS)
    variants = [variant["$ref"] for variant in field["oneOf"]]
    assert sorted(variants) == sorted(field["discriminator"]["mapping"].values())
    for kind, reference in field["discriminator"]["mapping"].items():
        variant = schemas[reference.rsplit("/", 1)[1]]
        assert variant["properties"]["kind"]["const"] == kind
        assert variant["properties"]["kind"]["enum"] == [kind]
        assert "kind" in variant["required"] and kind in variant["description"]
    items = schemas["FormTemplateOut"]["properties"]["fields"]["items"]
    assert items == {"$ref": "#/components/schemas/FieldOut"}


def test_answers_have_one_schema_per_kind(document):
    schemas = document["components"]["schemas"]
    inputs = [name for name, kind in KINDS.items() if kind.is_input]
    names = ["".join(part.title() for part in name.split("_")) + "Answer" for name in inputs]
    assert [variant["$ref"].rsplit("/", 1)[1] for variant in schemas["Answer"]["anyOf"]] == names
    assert schemas["NumberAnswer"]["anyOf"] == [{"type": "integer"}, {"type": "number"}]
    assert schemas["SwotGridAnswer"]["required"] == ["strengths", "weaknesses", "opportunities", "threats"]
    for component in ("FilledFormIn", "FilledFormReplace", "FilledFormOut"):
        answers = schemas[component]["properties"]["answers"]
        assert answers["additionalProperties"] == {"$ref": "#/components/schemas/Answer"}, component


@pytest.fixture
def email_kind():
    register("email")(EmailBlock)
    yield KINDS["email"]
    del KINDS["email"]


@pytest.mark.django_db
def test_a_kind_registered_at_run_time_is_in_the_document_built_after(client, email_kind):
    """The union is built when the document is generated, from the registry as it is then."""
    schemas = client.get("/api/schema/").json()["components"]["schemas"]
    assert schemas["FieldOut"]["discriminator"]["mapping"]["email"] == "#/components/schemas/EmailField"
    assert schemas["EmailField"]["properties"]["kind"]["enum"] == ["email"]
    assert {"$ref": "#/components/schemas/EmailAnswer"} in schemas["Answer"]["anyOf"]


def test_the_states_are_enums_of_their_definitions(document):
    schemas = document["components"]["schemas"]
    assert schemas["FilledFormOut"]["properties"]["status"]["enum"] == FilledForm.Status.values
    assert schemas["SubmissionOut"]["properties"]["state"]["enum"] == SubmissionState.values


def test_every_word_download_is_documented_as_a_docx_file(document):
    downloads = [(label, operation) for label, operation in operations(document) if label.endswith("/docx/")]
    assert len(downloads) == 4
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
            if media_type == "multipart/form-data":  # files, and JSON parts that are components with examples
                parts = content["schema"]["properties"].values()
                for part in parts:
                    if "$ref" in part:
                        assert component(part).get("examples"), f"{label} {media_type}"
                    else:
                        binary = part.get("items", part)
                        assert (binary["type"], binary["format"]) == ("string", "binary"), f"{label} {media_type}"
                continue
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
        "field kind": list(KINDS),
        "filled form status": FilledForm.Status.values,
        "practice state": SubmissionState.values,
    }
    for name, codes in documented.items():
        assert rows.get(name) == codes, name


def test_the_fuzz_test_draws_at_least_ten_examples_for_every_operation(document):
    assert test_fuzz.SCHEMA_EXAMPLES >= 10
    fuzzed = {result.ok().label for result in test_fuzz.schema.get_all_operations()}
    assert fuzzed == {label for label, _operation in operations(document)}
