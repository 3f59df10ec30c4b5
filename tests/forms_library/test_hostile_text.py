"""Text pasted from anywhere never breaks a stored form or its Word file."""

import io

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forms_library import docx_export
from forms_library.forms import AnswerForm
from forms_library.models import FilledForm, FormTemplatePage
from tests.factories import MemberFactory
from tests.forms_library.helpers import docx_text

pytestmark = pytest.mark.django_db

WILD = (
    "Smart “quotes” ‘single’ – dash\ttab\x0bvertical tab\x00null\x1fcontrol\u200fRTL mark\u202eoverride "
    "emoji 🧑‍🤝‍🧑 <b>bold?</b> <script>alert(1)</script> &amp; Ελληνικά Čeština ß ñ"
)


@pytest.fixture
def staff(client):
    staff = MemberFactory()
    client.force_login(staff)
    return staff


def test_wild_text_is_stored_and_exported_literally(client, staff):
    text = WILD.replace("\x00", "")  # a NUL is refused by the form, see below
    page = FormTemplatePage.objects.get(locale__language_code="en", slug="working-scenarios")
    response = client.post(
        f"{page.url}fill/",
        {"action": "save_draft", "scenario_title": text[:400], "real_case": text * 3, "people_involved": "x" * 100_000},
    )
    assert response.status_code == 302
    content = client.get(response["Location"] + "docx/").content
    exported = docx_text(content)
    assert "<script>alert(1)</script>" in exported
    assert "🧑‍🤝‍🧑" in exported and "Ελληνικά Čeština" in exported
    assert "\x0b" not in exported and "\x1f" not in exported
    assert "x" * 100_000 in exported


def test_nul_character_gets_a_clear_error(client, staff):
    response = client.post("/en/forms/swot-analysis/fill/", {"action": "save_draft", "subject": "bad\x00value"})
    assert response.status_code == 400
    assert not FilledForm.objects.filter(owner=staff).exists()


def test_too_long_answer_gets_a_clear_error(client, staff):
    response = client.post("/en/forms/swot-analysis/fill/", {"action": "save_draft", "subject": "x" * 501})
    assert response.status_code == 400
    assert "500" in response.content.decode()


def test_unknown_choice_is_refused(client, staff):
    response = client.post(
        "/en/forms/working-scenarios/fill/", {"action": "save_draft", "service_area": "not-a-choice"}
    )
    assert response.status_code == 400


def _post_for(definition, text):
    if definition.kind == "repeating_table":
        return {f"{definition.name}-rows": "1", f"{definition.name}-0-0": text}
    if definition.kind == "signatures":
        return {f"{definition.name}-0-0": text}
    if definition.kind == "swot_grid":
        return {f"{definition.name}_0": text}
    if definition.kind == "multiple_choice":
        return {definition.name: [text]}
    return {definition.name: text}


def _all_field_kinds():
    """One definition of every field kind, taken from the seeded templates."""
    kinds = {}
    for page in FormTemplatePage.objects.filter(locale__language_code="en"):
        for definition in page.definitions:
            if definition.is_input:
                kinds.setdefault(definition.kind, definition)
    return kinds


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=300))
def test_any_unicode_in_any_field_is_stored_and_exported_or_refused(staff, text):
    for definition in _all_field_kinds().values():
        form = AnswerForm([definition], _post_for(definition, text), draft=True)
        if not form.is_valid():
            assert form.errors[definition.name]  # refused with a message at the field, nothing stored
            continue
        filled = FilledForm.objects.create(
            owner=staff,
            language="el",
            title="Hypothesis",
            stage=1,
            field_definitions=[{"type": definition.kind, "id": definition.block_id, "value": definition.value}],
            answers=form.answers(),
        )
        filled.refresh_from_db()
        document = docx.Document(io.BytesIO(docx_export.render(docx_export.FormDocument.for_filled_form(filled))))
        assert document.paragraphs[0].text == "Hypothesis"
