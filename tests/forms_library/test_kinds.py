"""The registry of field kinds: every kind gives every capability, and a kind registered here reaches the
template editor's block, the web form, the Word file and the API without any other module changing."""

import datetime
import io

import docx
import pytest
from django import forms
from django.template.loader import get_template
from django.utils.datastructures import MultiValueDict
from wagtail import blocks

from forms_library import docx_export
from forms_library.api import field_model
from forms_library.fields import definitions_from_raw, example_answers
from forms_library.forms import AnswerForm, answers_to_form_data
from forms_library.kinds import KINDS, FieldKind, FormFieldsBlock, InputKind, Sample, register
from forms_library.models import FilledForm, FormIndexPage, FormTemplatePage
from tests.conftest import sign_in
from tests.forms_library.helpers import docx_text, sample_post
from tests.test_api import bearer

pytestmark = pytest.mark.django_db


def default_definition(name, kind):
    """A field of this kind as an editor adds it: the block's defaults, with a label and a machine name."""
    raw = kind.get_prep_value(kind.get_default())
    for key, value in raw.items():
        if isinstance(value, list):  # a list of choices, columns or signatories: its items' texts
            raw[key] = [{**item, "value": f"{key} {i}"} for i, item in enumerate(value)]
    if kind.is_input:
        raw.update(label=f"The {name} field", name=f"the_{name}", required=True)
    else:
        raw.update(heading=f"The {name} section")
    return definitions_from_raw([{"type": name, "value": raw, "id": name}])[0]


@pytest.mark.parametrize("name", list(KINDS))
def test_every_kind_gives_every_capability(name):
    kind = KINDS[name]
    definition = default_definition(name, kind)
    assert isinstance(kind, FieldKind) and isinstance(kind, blocks.StructBlock)
    assert FormFieldsBlock().child_blocks[name] is kind
    assert get_template(kind.fill_template)
    assert set(kind.api_representation(definition)) <= set(field_model(name).model_fields)
    assert field_model(name)(**kind.api_representation(definition)).kind == name
    assert kind.display(definition, None) == ""
    assert isinstance(kind.note(definition), str)
    if kind.is_input:
        field = kind.form_field(definition, label=definition.label, help_text="", required=True)
        assert isinstance(field, forms.Field)
        assert str(kind.shape_message)
        assert not kind.accepts(object())
    for answers in (None, {}):
        document = docx_export.FormDocument(title="Kinds", stage=1, language="en", definitions=[definition])
        document.answers = answers
        assert definition.label in docx_text(docx_export.render(document))


def test_every_template_takes_the_example_answers_its_kinds_make():
    """Demo and scale data, the benchmarks and tests answer through `example`: what it makes is a valid,
    complete answer that is stored as it was given."""
    sample = Sample(day=datetime.date(2026, 12, 7))
    for page in FormTemplatePage.objects.filter(locale__language_code="en", alias_of__isnull=True):
        answers = example_answers(page.definitions, sample)
        assert set(answers) == {d.name for d in page.definitions if d.is_input}
        assert all(d.field_kind.accepts(answers[d.name]) for d in page.definitions if d.is_input)
        form = AnswerForm(page.definitions, answers_to_form_data(page.definitions, answers), draft=False)
        assert form.is_valid(), form.errors
        assert form.answers() == answers


def test_the_seeded_templates_use_every_kind():
    used = {d.kind for page in FormTemplatePage.objects.filter(locale__language_code="en") for d in page.definitions}
    assert used == set(KINDS)


def test_every_answer_given_as_json_is_stored_as_it_was_given():
    """The kinds' JSON shapes and stored forms agree: a stored answer, given back, validates to itself."""
    for page in FormTemplatePage.objects.filter(locale__language_code="en", alias_of__isnull=True):
        data, _expected = sample_post(page.definitions)
        posted = MultiValueDict({key: value if isinstance(value, list) else [value] for key, value in data.items()})
        form = AnswerForm(page.definitions, posted)
        assert form.is_valid(), form.errors
        answers = form.answers()
        again = AnswerForm(page.definitions, answers_to_form_data(page.definitions, answers))
        assert again.is_valid(), again.errors
        assert again.answers() == answers


class EmailBlock(InputKind):
    """A kind that exists only in this test."""

    shape_message = "Give an e-mail address."

    class Meta:
        icon = "mail"
        label = "E-mail"

    def form_field(self, definition, **common):
        return forms.EmailField(**common)

    def stored(self, value):
        return value.lower()

    def write_answer(self, writer, definition, answer):
        writer.line(f"✉ {answer}" if answer else None)


@pytest.fixture
def email_kind():
    """The e-mail kind registered, and known to the StreamField already built, as it would be had it been
    registered in kinds.py before the models were loaded."""
    register("email")(EmailBlock)
    kind = KINDS["email"]
    kind.set_name("email")
    stream_block = FormTemplatePage._meta.get_field("fields").stream_block
    stream_block.child_blocks["email"] = kind
    yield kind
    del KINDS["email"]
    del stream_block.child_blocks["email"]


@pytest.fixture
def email_template(email_kind):
    index = FormIndexPage.objects.get(locale__language_code="en")
    page = FormTemplatePage(
        title="Contact sheet",
        slug="contact-sheet",
        stage=1,
        purpose="<p>Who to write to.</p>",
        fields=[
            {"type": "section_heading", "value": {"heading": "Contact", "text": ""}, "id": "a"},
            {
                "type": "email",
                "value": {"label": "Mentor's e-mail", "name": "mentor_email", "help_text": "", "required": True},
                "id": "b",
            },
        ],
    )
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_a_kind_registered_in_one_place_appears_in_the_editor_form_word_and_api(client, email_kind, email_template):
    assert "email" in FormFieldsBlock().child_blocks

    sign_in(client, "staff")
    html = client.get(f"{email_template.url}fill/").content.decode()
    assert 'type="email"' in html and "Mentor&#x27;s e-mail" in html

    refused = client.post(f"{email_template.url}fill/", {"action": "complete", "mentor_email": "not an address"})
    assert refused.status_code == 400
    saved = client.post(f"{email_template.url}fill/", {"action": "complete", "mentor_email": "Maria@Example.org"})
    assert saved.status_code == 302
    filled = FilledForm.objects.filter(template=email_template).get()
    assert filled.answers == {"mentor_email": "maria@example.org"}
    assert "✉ maria@example.org" in docx_text(client.get(f"{saved['Location']}docx/").content)
    blank = docx.Document(io.BytesIO(client.get(f"{email_template.url}docx/").content))
    assert "Mentor's e-mail *" in [p.text for p in blank.paragraphs]

    schema = client.get(f"/api/forms/templates/{email_template.pk}/").json()
    assert schema["fields"][1] == {
        "kind": "email",
        "name": "mentor_email",
        "label": "Mentor's e-mail",
        "help_text": "",
        "required": True,
        "choices": [],
        "columns": [],
        "signatories": [],
        "answer_schema": {"type": "string", "title": "TextAnswer", "description": "`text`: a text."},
    }
    wrong = client.post(
        "/api/forms/mine/",
        {"template_id": email_template.pk, "answers": {"mentor_email": ["a"]}},
        content_type="application/json",
        **bearer("staff"),
    )
    assert wrong.status_code == 422
    assert wrong.json()["errors"][0]["msg"] == "Give an e-mail address."
