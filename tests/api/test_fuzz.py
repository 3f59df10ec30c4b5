"""Generated requests at every endpoint: never a server error, and what is invalid is refused with nothing stored.

Schemathesis draws each operation's query parameters, path parameters and bodies from our OpenAPI schema
(/api/schema/, django-ninja's), both data the schema allows and data it does not (negative mode), with a
Wagtail API token of a person the test builds. Every answer must be no server error and match what the schema
says of it; data the schema does not allow must be refused (4xx), and a refusal stores nothing. Hypothesis
fuzzes the query of Wagtail's API v2 (`/api/v2/pages/`), whose parameters no schema describes.

Examples are derandomized and bounded (SCHEMA_EXAMPLES per operation and generation mode, plus schemathesis's
coverage cases), so CI tests the same inputs each run and stays fast; each example runs in a savepoint rolled back
after it, so none depends on another.
"""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from django.utils.datastructures import MultiValueDict
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from wagtail.models import APIToken

from forms_library.models import FilledForm
from home.search import MAX_QUERY_LENGTH, MAX_QUERY_WORDS
from practices import submitted_attachments
from practices.models import PracticeDraft
from tests.factories import (
    DepartmentFactory,
    FilledFormFactory,
    MemberFactory,
    PracticePageFactory,
    RelationshipFactory,
    StageOutputFactory,
    form_template,
)
from tests.practices.conftest import pdf_file, practice_data
from tests.security.test_hostile_input import rolled_back, stored

SCHEMA_EXAMPLES = 25

schema = schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application())
# A null character is refused before any view, by RefuseNullCharactersMiddleware, with a plain-text 400 that
# no operation documents (tests/security/test_hostile_input.py sends them); the error-format work will document it.
schema.config.generation.update(modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE], allow_x00=False)

bounded = settings(
    max_examples=SCHEMA_EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture
def world(db, keep_test_connection):
    """A person with a draft, an output shared with their department and a token; the ids of what they may reach."""
    department = DepartmentFactory()
    person = MemberFactory(department=department)
    draft = FilledFormFactory(owner=person)
    output = StageOutputFactory(state="published", target_departments=[department])
    sent_back = PracticePageFactory(owner=person, state="changes_requested")
    published = PracticePageFactory(state="published")
    attached = submitted_attachments.AttachmentsForm(files=MultiValueDict({"attachments": [pdf_file()]}))
    submitted_attachments.add(user=person, page=sent_back, form=attached)
    sent_back.refresh_from_db()
    [document] = submitted_attachments.documents_of(sent_back.get_latest_revision_as_object())
    attachment = {"pk": sent_back.pk, "attachment_id": document.pk}
    practice_draft = PracticeDraft.objects.create(owner=person, language="en", data=practice_data())
    evaluation = FilledFormFactory(
        template=form_template("evaluation"), owner=person, status=FilledForm.Status.COMPLETE
    )
    evaluation_output = StageOutputFactory(
        author=person, filled_form=evaluation, relationship=RelationshipFactory(mentees=[person])
    )
    _token, plaintext = APIToken.create_token(user=person, name="fuzz")
    return {
        "headers": {"Authorization": f"Bearer {plaintext}"},
        "/api/forms/templates/{page_id}/": {"page_id": draft.template_id},
        "/api/forms/templates/{page_id}/docx/": {"page_id": draft.template_id},
        "/api/practices/{pk}/docx/": {"pk": published.pk},
        "/api/forms/mine/{pk}/": {"pk": draft.pk},
        "/api/forms/mine/{pk}/docx/": {"pk": draft.pk},
        "/api/outputs/{pk}/docx/": {"pk": output.pk},
        "/api/outputs/{pk}/review/": {"pk": output.pk},
        "/api/practices/mine/{pk}/": {"pk": sent_back.pk},
        "/api/practices/mine/{pk}/attachments/": {"pk": sent_back.pk},
        "/api/practices/mine/{pk}/attachments/{attachment_id}/": attachment,
        "/api/practices/{pk}/attachments/{attachment_id}/": attachment,
        "/api/practices/drafts/{pk}/": {"pk": practice_draft.pk},
        "/api/practices/drafts/{pk}/submit/": {"pk": practice_draft.pk},
        "from_output": evaluation_output.pk,
        "template_id": draft.template_id,
        "language": "en",
    }


def aimed_at_real_objects(case, world):
    """About half of the valid examples (by the parity of what was drawn) name the person's own objects and a
    real language instead of drawn ones, so that they get past the lookups to the validation and the work."""
    if not case.meta.generation.mode.is_positive:
        return
    for name, real in world.get(case.operation.path, {}).items():
        if len(str(case.path_parameters[name])) % 2 == 0:
            case.path_parameters[name] = real
    if case.query and "from_output" in case.query and len(str(case.query["from_output"])) % 2 == 0:
        case.query["from_output"] = world["from_output"]
    if isinstance(case.body, dict):
        for name in ("template_id", "language"):
            if name in case.body and len(str(case.body[name])) % 2 == 0:
                case.body[name] = world[name]


@pytest.mark.django_db
@schema.parametrize()
@bounded
def test_every_operation_refuses_what_it_cannot_take_and_never_fails(case, world):
    aimed_at_real_objects(case, world)
    with rolled_back():
        before = stored()
        response = case.call(headers=world["headers"])
        if response.status_code >= 400:
            assert stored() == before, response.text[:500]
    case.validate_response(
        response,
        headers=world["headers"],
        additional_checks=[schemathesis.checks.negative_data_rejection],
        excluded_checks=[schemathesis.checks.ignored_auth, schemathesis.checks.positive_data_acceptance],
    )


# Wagtail's API v2

V2_VALUES = ["", "0", "-1", "3", "100", "101", "1000001", "99999999999999999999", "1e999", "NaN", "x"]
page_types = st.sampled_from(
    ["home.GuidePage", "forms_library.FormTemplatePage", "practices.PracticePage", "wagtailcore.Page", "home.Nope"]
)
field_lists = st.lists(
    st.sampled_from(["*", "_", "title", "-title", "body", "fields", "service_area", "tags", "body(title)", "nope"]),
    max_size=4,
).map(",".join)
searches = st.builds(
    lambda word, count, sep: sep.join([word] * count),
    st.sampled_from(["swot", "μέντορας", '"', "a", "*", "-", "OR", ""]),
    st.integers(min_value=0, max_value=600),
    st.sampled_from([" ", "  ", ",", "\t"]),
) | st.text(max_size=MAX_QUERY_LENGTH + 10)
v2_parameters = st.fixed_dictionaries(
    {},
    optional={
        "search": searches,
        "limit": st.sampled_from(V2_VALUES) | st.integers().map(str),
        "offset": st.sampled_from(V2_VALUES) | st.integers().map(str),
        "fields": field_lists,
        "type": page_types | st.text(max_size=20),
        "locale": st.sampled_from(["en", "el", "cs", "de", "es", "fr", "", "EN"]) | st.text(max_size=8),
    },
)


def too_big(query):
    query = query.strip()
    return len(query) > MAX_QUERY_LENGTH or len(query.split()) > MAX_QUERY_WORDS


@pytest.mark.django_db
@settings(max_examples=60, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck))
@given(parameters=v2_parameters)
@example(parameters={"search": " ".join(["mentor"] * 500)})
@example(parameters={"search": " ".join(["mentor"] * 500), "type": "practices.PracticePage", "fields": "*"})
@example(parameters={"search": "swot", "limit": "1000001", "offset": "99999999999999999999"})
@example(parameters={"search": "a," * (MAX_QUERY_LENGTH // 2)})  # one word to count, a hundred terms to search
@example(parameters={"search": "a-" * (MAX_QUERY_LENGTH // 2), "search_operator": "or"})
def test_api_v2_pages_answer_every_query_without_failing(client, parameters):
    response = client.get("/api/v2/pages/", parameters)
    # 400: a parameter v2 does not know or cannot read; 422: a value out of range or an unknown locale.
    assert response.status_code in (200, 400, 422), (parameters, response.content[:500])
    if response.status_code != 200:
        assert response["Content-Type"] == "application/problem+json"
        problem = response.json()
        assert problem["status"] == response.status_code
        assert isinstance(problem["detail"], str) and problem["detail"]
    if any("\x00" in value for value in parameters.values()):
        return  # refused (400) before any view, by RefuseNullCharactersMiddleware
    if too_big(parameters.get("search", "")):
        assert response.status_code != 200  # 400, or the 422 of an unknown locale or limit, checked first
