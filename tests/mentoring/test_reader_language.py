"""What is stored in one language reads in the reader's: the names of workflows and their steps and the steps'
states on our pages (the admin shows the stored names), department names; and the admin itself follows the
person's preferred language."""

import io

import pytest
from bs4 import BeautifulSoup
from django.utils import translation
from docx import Document
from wagtail.models import Task, Workflow

from home.workflow_states import TASK_STATE_WORDS, WORKFLOW_NAMES, workflow_label
from mentoring.models import Department, DepartmentName
from tests.factories import EditorFactory, RelationshipFactory, StageOutputFactory, form_template

pytestmark = pytest.mark.django_db

LANGUAGES = ["el", "cs", "de", "es"]


def test_every_workflow_and_step_the_site_creates_has_words_in_every_language():
    names = set(Workflow.objects.values_list("name", flat=True)) | set(Task.objects.values_list("name", flat=True))
    assert names and names <= set(WORKFLOW_NAMES)
    for language in LANGUAGES:
        with translation.override(language):
            for name in names:
                # German says "Moderation" too.
                assert workflow_label(name) != name or (language, name) == ("de", "Moderation"), (language, name)
            for status, words in TASK_STATE_WORDS.items():
                assert str(words) != status.replace("_", " ").capitalize(), (language, status)


def test_a_name_the_site_does_not_know_is_shown_as_it_was_written():
    with translation.override("de"):
        assert workflow_label("Legal check") == "Legal check"


@pytest.mark.parametrize(
    ("language", "step", "state"),
    [
        ("de", "Prüfung durch den Mentor", "Änderungen angefordert"),
        ("cs", "Posouzení mentorem", "Požadovány úpravy"),
        ("es", "Revisión del mentor", "Cambios solicitados"),
        ("el", "Έλεγχος από τον μέντορα", "Ζητήθηκαν αλλαγές"),
    ],
)
def test_the_review_history_names_steps_and_states_in_the_readers_language(client, language, step, state):
    output = StageOutputFactory(state="changes_requested")
    client.force_login(output.author)
    html = BeautifulSoup(client.get(f"/{language}/mentoring/outputs/{output.pk}/").content, "html.parser")
    history = " ".join(html.select_one(".review-history").get_text().split())
    assert f"{step}: {state}" in history
    assert "Mentor review" not in history and "Rejected" not in history


def test_the_state_of_an_output_in_review_names_its_step_in_the_readers_language(client):
    output = StageOutputFactory(state="department_approval")
    client.force_login(output.author)
    page = client.get(f"/de/mentoring/{output.relationship.pk}/").content.decode()
    assert "Freigabe durch die Abteilung" in page and "Department approval" not in page


def test_department_names_are_shown_in_the_readers_language_and_as_written_where_none_is_given(client):
    relationship = RelationshipFactory()
    department = relationship.department
    DepartmentName.objects.create(department=department, language="de", name="Abteilung für Wohnungswesen")
    client.force_login(relationship.mentor)
    assert "Abteilung für Wohnungswesen" in client.get(f"/de/mentoring/{relationship.pk}/").content.decode()
    assert "Abteilung für Wohnungswesen" in client.get("/de/mentoring/").content.decode()
    spanish = client.get(f"/es/mentoring/{relationship.pk}/").content.decode()
    assert department.name in spanish and "Wohnungswesen" not in spanish
    # The foreign keys keep pointing at the one department: there is no department row per language.
    assert Department.objects.filter(name__contains="Wohnungswesen").count() == 0


def test_an_editor_edits_a_departments_names_in_the_admin(client):
    department = RelationshipFactory().department
    DepartmentName.objects.create(department=department, language="de", name="Abteilung für Wohnungswesen")
    client.force_login(EditorFactory(is_superuser=True))
    page = client.get(f"/admin/snippets/mentoring/department/edit/{department.pk}/").content.decode()
    assert "Abteilung für Wohnungswesen" in page and "translated_names-TOTAL_FORMS" in page


def test_the_admin_dashboard_is_in_german_for_an_editor_who_prefers_german(client):
    editor = EditorFactory(preferred_language="de")
    client.force_login(editor)
    page = client.get("/admin/").content.decode()
    assert '<html lang="de"' in page
    assert "Dashboard" in page or "Seiten" in page
    assert "Seiten" in page  # Wagtail's own catalogue: "Pages"


def test_a_stage_outputs_word_file_is_in_the_readers_language_with_the_answers_as_written(client):
    output = StageOutputFactory(filled_form__template=form_template("swot-analysis", "en"), state="mentor_review")
    client.force_login(output.author)
    response = client.get(f"/de/mentoring/outputs/{output.pk}/docx/")
    paragraphs = [paragraph.text for paragraph in Document(io.BytesIO(response.content)).paragraphs]
    assert paragraphs[0] == form_template("swot-analysis", "de").title != output.title
    page = client.get(f"/de/mentoring/outputs/{output.pk}/").content.decode()
    assert form_template("swot-analysis", "de").title in page


def test_lists_of_outputs_and_of_forms_to_submit_name_each_by_its_templates_title_in_the_readers_language(client):
    """Filled in English, read in German: "Shared with my department", a stage's outputs and the forms offered
    for submission name it by the German translation of its template; the output keeps its own title."""
    from forms_library.models import FilledForm
    from tests.factories import FilledFormFactory, MemberFactory

    german = form_template("swot-analysis", "de").title
    reader = MemberFactory()
    output = StageOutputFactory(
        filled_form__template=form_template("swot-analysis", "en"),
        state="published",
        target_departments=[reader.departments.first()],
    )
    assert output.title != german
    client.force_login(reader)
    shared = BeautifulSoup(client.get("/de/mentoring/shared/").content, "html.parser")
    link = shared.select_one(f"a[href='/de/mentoring/outputs/{output.pk}/']")
    assert (link.get_text(strip=True), link["lang"]) == (german, "de")
    assert output.title not in shared.get_text()

    author = output.author
    client.force_login(author)
    relationship = output.relationship
    stage = BeautifulSoup(client.get(f"/de/mentoring/{relationship.pk}/stage/{output.stage}/").content, "html.parser")
    assert german in [a.get_text(strip=True) for a in stage.select(f"a[href='/de/mentoring/outputs/{output.pk}/']")]
    another = FilledFormFactory(
        template=form_template("swot-analysis", "en"), owner=author, status=FilledForm.Status.COMPLETE
    )
    offered = BeautifulSoup(client.get(f"/de/mentoring/{relationship.pk}/outputs/new/").content, "html.parser")
    option = offered.select_one(f"#id_filled_form option[value='{another.pk}']")
    assert option.get_text(strip=True).startswith(f"{german} · ")
