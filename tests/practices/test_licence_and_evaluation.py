"""A practice is its submitting organisation's: the licence is the submitter's choice (none by default), said on
its page, in its Word file and in the API; a stage 5 evaluation drafts a practice answer by answer, and the
moderators see which answer went where."""

import io

import docx
import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model

from forms_library.models import FormTemplatePage
from mentoring.models import MentoringRelationship, StageOutput
from practices import evaluation
from practices.models import PracticePage
from tests.factories import PracticePageFactory
from tests.forms_library.helpers import sample_post
from tests.practices.conftest import practice_data
from tests.test_api import bearer

pytestmark = pytest.mark.django_db


def submitted(staff):
    return PracticePage.objects.filter(submitted_by=staff).latest("pk")


def test_no_licence_is_stated_unless_the_submitter_chooses_one(client, staff):
    client.force_login(staff)
    form = BeautifulSoup(client.get("/en/practices/submit/").content, "html.parser")
    assert form.select_one('input[name="licence"][value=""]').has_attr("checked")
    assert client.post("/es/practices/submit/", practice_data()).status_code == 302
    assert submitted(staff).licence == ""


def test_the_submitter_may_choose_a_licence(client, staff):
    client.force_login(staff)
    data = practice_data(licence="cc-by-sa-4.0", token="9b4cbb0e-0e6f-4f84-9b59-0d1e0a6f1a02")
    assert client.post("/es/practices/submit/", data).status_code == 302
    assert submitted(staff).licence == "cc-by-sa-4.0"


def test_an_unknown_licence_is_refused_and_nothing_stored(client, staff):
    client.force_login(staff)
    before = PracticePage.objects.count()
    response = client.post("/es/practices/submit/", practice_data(licence="all-rights-to-everyone"))
    assert response.status_code == 400
    assert BeautifulSoup(response.content, "html.parser").select_one("#form-errors")
    assert PracticePage.objects.count() == before


def test_the_api_takes_the_licence_and_refuses_an_unknown_one(client):
    payload = {
        "language": "de",
        "title": "Terminerinnerung per SMS",
        "summary": "Kurz.",
        "service_area": "health",
        "country": "DE",
        "municipality": "Musterstadt",
        "department": "Gesundheitsamt",
        "challenge": "Vergessene Termine.",
        "what_was_done": "SMS in fünf Sprachen.",
        "results": "Weniger Ausfälle.",
        "reuse": "Jede Abteilung mit Terminen.",
    }
    headers = bearer("staff")
    bad = client.post("/api/practices/", {**payload, "licence": "gpl"}, content_type="application/json", **headers)
    assert bad.status_code in (400, 422)
    good = client.post("/api/practices/", {**payload, "licence": "cc0-1.0"}, content_type="application/json", **headers)
    assert good.status_code == 201, good.content
    assert PracticePage.objects.get(pk=good.json()["id"]).licence == "cc0-1.0"


@pytest.mark.parametrize("licence", ["", "cc-by-4.0"])
def test_page_word_file_and_api_say_whose_practice_it_is(client, licence):
    page = PracticePageFactory(licence=licence)
    html = BeautifulSoup(client.get(page.url).content, "html.parser")
    credit = html.select_one(".practice-credit")
    assert "Housing, Elmstead (fictional)" in credit.get_text()
    footer = " ".join(
        p.text for p in docx.Document(io.BytesIO(client.get(f"{page.url}docx/").content)).sections[0].footer.paragraphs
    )
    api = client.get(f"/api/v2/pages/{page.pk}/").json()
    assert api["licence"] == licence
    for text in (credit.get_text(), footer):
        assert "Q-SER Consortium" not in text
        assert "Housing, Elmstead (fictional)" in text
    if licence:
        assert credit.select_one('a[rel="license"]')["href"] == "https://creativecommons.org/licenses/by/4.0/"
        assert "CC BY 4.0" in footer
        assert api["licence_url"] == "https://creativecommons.org/licenses/by/4.0/"
    else:
        assert "No licence stated" in credit.get_text() and "No licence stated" in footer
        assert "CC BY" not in credit.get_text() + footer
        assert api["licence_url"] == ""


def test_each_evaluation_answer_goes_to_the_field_that_means_the_same():
    mapping = dict(evaluation.EVALUATION_TO_PRACTICE)
    assert mapping.get("should_change") != "challenge"
    assert "challenge" not in {field for _answer, field in evaluation.EVALUATION_TO_PRACTICE}
    assert mapping["proposals"] == "reuse"
    evaluation_template = FormTemplatePage.objects.get(slug="evaluation", locale__language_code="en")
    answers = {definition.name for definition in evaluation_template.definitions}
    fields = {field.name for field in PracticePage._meta.get_fields()}
    for answer, field in evaluation.EVALUATION_TO_PRACTICE:
        assert answer in answers and field in fields


def test_the_moderators_see_which_answer_went_where(client, staff):
    mentee = get_user_model().objects.get(username="mentee")
    relationship = MentoringRelationship.objects.get(mentor__username="mentor")
    relationship.current_stage = 5
    relationship.save()
    page = FormTemplatePage.objects.get(slug="evaluation", locale__language_code="en")
    data, _expected = sample_post(page.definitions, text="Evaluation")
    client.force_login(mentee)
    filled_url = client.post(f"{page.url}fill/", {**data, "action": "complete"})["Location"]
    filled_id = int(filled_url.rstrip("/").split("/")[-1])
    client.post(
        f"/en/mentoring/{relationship.pk}/outputs/new/", {"filled_form": filled_id, "stage": 5, "share_with_all": "on"}
    )
    output = StageOutput.objects.get(filled_form_id=filled_id)
    url = f"/en/practices/submit/?from_output={output.pk}"

    form = BeautifulSoup(client.get(url).content, "html.parser")
    assert "What should change" in form.select_one("#id_reuse").find_parent().get_text()

    posted = {
        **practice_data(token="7b4cbb0e-0e6f-4f84-9b59-0d1e0a6f1a03"),
        "what_was_done": data["worked_best"],
        "reuse": data["proposals"],
    }
    assert client.post(url, posted).status_code == 302
    note = PracticePage.objects.filter(submitted_by=mentee).latest("pk").drafted_from
    assert f"stage output {output.pk}" in note
    lines = note.splitlines()
    assert "“What worked best” → what was done" in lines
    reuse_line = next(line for line in lines if line.endswith("→ how another department could reuse it"))
    assert "“What should change”" in reuse_line and "“Proposals for other departments”" in reuse_line
    assert not any("challenge" in line for line in lines)
