"""Schemathesis's stateful run over our schema: sequences of calls that follow the schema's links.

A scenario starts at any operation and goes on where the answer's links lead (qser_site/openapi.py): the template
list to a template and to filling it, a created form to reading, replacing, patching, completing (with its ETag
as If-Match) and downloading it, a submitted practice to reading and changing it, a list to its first item. Each
call carries a Wagtail API token of a person the test builds; each answer must be no server error, have a
documented status, content type and headers, match its schema, and data the schema does not allow must be
refused. A refused call stores nothing and changes none of the person's forms.

Bounded (STATEFUL_EXAMPLES scenarios of at most STATEFUL_STEPS calls, derandomized) so CI stays fast; every call
runs through WSGI inside the test's transaction, rolled back at the end.
"""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from django.db import transaction
from hypothesis import HealthCheck, settings
from schemathesis import GenerationMode
from wagtail.models import APIToken

from forms_library.records import FilledForm
from tests.factories import DepartmentFactory, FilledFormFactory, MemberFactory, StageOutputFactory
from tests.security.test_hostile_input import stored

STATEFUL_EXAMPLES = 30
STATEFUL_STEPS = 6

schema = schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application())
schema.config.generation.update(modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE], allow_x00=False)


def forms_of(person):
    return list(FilledForm.objects.filter(owner=person).order_by("pk").values_list("pk", "status", "answers"))


class Workflow(schema.as_state_machine()):
    """The state machine schemathesis builds from the links, calling as the test's person."""

    world = None

    def setup(self):
        """Each scenario in a savepoint rolled back at its end, so a scenario replayed (to shrink a failure) meets
        the same database: nothing an earlier one stored (a form, an idempotency key) changes its answers."""
        self.before = None
        self.scenario = transaction.atomic()
        self.scenario.__enter__()

    def teardown(self):
        transaction.set_rollback(True)
        self.scenario.__exit__(None, None, None)

    def get_call_kwargs(self, case):
        return {"headers": self.world["headers"]}

    def before_call(self, case):
        body = case.body if isinstance(case.body, dict) else {}
        # Filling a form needs a real template: half of the valid bodies (by the parity of the id drawn) name
        # the person's, the others keep what was drawn (mostly unknown ids: a 404 or a 422).
        if case.meta.generation.mode.is_positive and "template_id" in body and len(str(body["template_id"])) % 2:
            body["template_id"] = self.world["template_id"]
        self.before = (stored(), forms_of(self.world["person"]))

    def after_call(self, response, case):
        if response.status_code >= 400:
            assert (stored(), forms_of(self.world["person"])) == self.before, (case.operation.label, response.text)

    def validate_response(self, response, case, additional_checks=None, **kwargs):
        case.validate_response(
            response,
            headers=self.world["headers"],
            additional_checks=[schemathesis.checks.negative_data_rejection],
            excluded_checks=[schemathesis.checks.ignored_auth, schemathesis.checks.positive_data_acceptance],
        )


@pytest.fixture
def world(db, keep_test_connection):
    """A person with a draft, an output shared with their department and a token."""
    department = DepartmentFactory()
    person = MemberFactory(department=department)
    draft = FilledFormFactory(owner=person)
    StageOutputFactory(state="published", target_departments=[department])
    _token, plaintext = APIToken.create_token(user=person, name="stateful")
    return {"person": person, "headers": {"Authorization": f"Bearer {plaintext}"}, "template_id": draft.template_id}


def test_the_schema_links_create_read_update_complete_and_download(client):
    links = {
        (operation["operationId"], link["operationId"])
        for operations in client.get("/api/schema/").json()["paths"].values()
        for operation in operations.values()
        for response in operation["responses"].values()
        for link in response.get("links", {}).values()
    }
    assert {
        ("form_templates", "template_schema"),
        ("form_templates", "create_filled_form"),
        ("template_schema", "create_filled_form"),
        ("create_filled_form", "filled_form"),
        ("create_filled_form", "patch_filled_form"),
        ("filled_form", "replace_filled_form"),
        ("filled_form", "filled_form_docx"),
        ("patch_filled_form", "filled_form_docx"),
        ("submit_practice", "my_submission"),
        ("my_submission", "change_submission"),
        ("shared_outputs", "output_docx"),
    } <= links


@pytest.mark.django_db
def test_sequences_of_calls_following_the_links_never_fail_and_match_the_schema(world):
    Workflow.world = world
    Workflow.run(
        settings=settings(
            max_examples=STATEFUL_EXAMPLES,
            stateful_step_count=STATEFUL_STEPS,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
    )
