"""Reviews that mean what they say, as the author and the reviewer see them: no decision preselected; a request
for changes called so (never "Rejected") on the page, in the Word file and in the API, in every language; the
reviewer's comment on top of the output and of the form it reopened; "Resubmit" only once something changed;
the departments the output goes to; the stage taken from the form."""

import io

import docx
import pytest
from bs4 import BeautifulSoup
from django.utils import translation

from forms_library.models import FilledForm, FormTemplatePage
from mentoring.models import Department, MentoringRelationship, StageOutput
from tests.conftest import translated
from tests.forms_library.helpers import sample_post
from tests.mentoring.conftest import complete_filled_form
from tests.mentoring.test_stage_outputs import decide, submit
from tests.reliability.conftest import site_state
from tests.test_api import bearer

pytestmark = pytest.mark.django_db
COMMENT = "Name the partner organisation and the date of the first meeting."
LANGUAGES = ["el", "cs", "de", "es"]


@pytest.fixture
def relationship(users):
    return MentoringRelationship.objects.get(mentor=users["mentor"])


@pytest.fixture
def in_review(client, users, relationship):
    filled = complete_filled_form(client, users["mentee"], "calendar-of-sessions", language="cs")
    return submit(client, relationship, filled)


@pytest.fixture
def changes_requested(client, users, in_review):
    assert decide(client, users["mentor"], in_review, "reject", COMMENT).status_code == 302
    return StageOutput.objects.get(pk=in_review.pk)


def page(client, user, output, language="en"):
    client.force_login(user)
    response = client.get(f"/{language}/mentoring/outputs/{output.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def wagtails_rejected(language):
    """Wagtail's own word for a rejected task, in `language` (its catalogue)."""
    with translation.override(language):
        return translation.gettext("Rejected")


# No decision is preselected


def test_no_decision_is_preselected(client, users, in_review):
    soup = BeautifulSoup(page(client, users["mentor"], in_review, "es"), "html.parser")
    radios = soup.select('input[type="radio"][name="action"]')
    assert {radio["value"] for radio in radios} == {"approve", "reject"}
    assert not [radio for radio in radios if radio.has_attr("checked")]
    # The radios are one question with its legend.
    assert radios[0].find_parent("fieldset").legend.get_text(strip=True).startswith(translated("Decision", "es"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_empty_decision_is_refused_in_the_readers_language(client, users, in_review, language):
    client.force_login(users["mentor"])
    before = site_state()
    response = client.post(f"/{language}/mentoring/outputs/{in_review.pk}/review/", {"comment": ""})
    assert response.status_code == 400
    assert translated("Choose your decision: approve, or request changes.", language) in response.content.decode()
    assert site_state() == before


def test_the_api_refuses_an_empty_decision(client, users, in_review):
    before = site_state()
    response = client.post(
        f"/api/outputs/{in_review.pk}/review/", {}, content_type="application/json", **bearer("mentor")
    )
    assert response.status_code == 422
    assert [error["loc"] for error in response.json()["errors"]] == [["body", "action"]]
    assert site_state() == before


# "Changes requested", never "Rejected"


@pytest.mark.parametrize("language", LANGUAGES)
def test_changes_requested_is_called_so_on_the_page(client, users, changes_requested, language):
    for user in (users["mentee"], users["mentor"], users["reviewer"]):
        content = page(client, user, changes_requested, language)
        assert translated("Changes requested", language) in content
        assert wagtails_rejected(language) not in content
        assert "Rejected" not in content


def test_changes_requested_is_called_so_in_the_word_file(client, users, changes_requested):
    client.force_login(users["mentee"])
    response = client.get(f"/cs/mentoring/outputs/{changes_requested.pk}/docx/")
    assert response.status_code == 200
    text = "\n".join(paragraph.text for paragraph in docx.Document(io.BytesIO(response.content)).paragraphs)
    # Downloaded from a Czech page: the Word file is in Czech.
    assert translated("Changes requested", "cs") in text
    assert COMMENT in text
    assert wagtails_rejected("cs") not in text


def test_changes_requested_is_called_so_in_the_api(client, users, in_review):
    response = client.post(
        f"/api/outputs/{in_review.pk}/review/",
        {"action": "reject", "comment": COMMENT},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="es",
        **bearer("mentor"),
    )
    assert response.status_code == 200, response.content
    assert response.json()["review_status"] in {"Changes requested", translated("Changes requested", "es")}
    assert "Rechaz" not in response.content.decode()


# The comment on top; the edits readable; "Resubmit" once something changed


def test_the_comment_stands_at_the_top_of_the_output(client, users, changes_requested):
    content = page(client, users["mentee"], changes_requested)
    soup = BeautifulSoup(content, "html.parser")
    comment = soup.select_one("#review-comment")
    assert COMMENT in comment.get_text()
    assert "Maria Papadopoulou" in comment.get_text()
    assert content.index('id="review-comment"') < content.index('class="answers"')
    assert content.index('id="review-comment"') < content.index(translated("Download (Word)", "en"))


def test_the_comment_stands_at_the_top_of_the_form_it_reopened_and_links_back(client, users, changes_requested):
    client.force_login(users["mentee"])
    filled = changes_requested.filled_form
    response = client.get(f"/es/forms/mine/{filled.pk}/")
    content = response.content.decode()
    soup = BeautifulSoup(content, "html.parser")
    comment = soup.select_one("#review-comment")
    assert COMMENT in comment.get_text()
    assert translated("Changes requested", "es") in comment.get_text()
    assert comment.select_one(f'a[href="/es/mentoring/outputs/{changes_requested.pk}/"]')
    assert content.index('id="review-comment"') < content.index('class="answer-form"')
    # Nobody else's form shows it, and another reader of the form (the mentor) sees it too.
    client.force_login(users["mentor"])
    assert COMMENT in client.get(f"/es/forms/mine/{filled.pk}/").content.decode()


def resubmit_button(content):
    soup = BeautifulSoup(content, "html.parser")
    return soup.select_one('form[action$="/resubmit/"] button')


def test_resubmit_waits_until_something_changed(client, users, changes_requested):
    output, mentee = changes_requested, users["mentee"]
    content = page(client, mentee, output, "de")
    assert resubmit_button(content).has_attr("disabled")
    assert translated("“Resubmit for review” becomes available once you have changed your answers.", "de") in content

    # Completed again unchanged: still refused, with the reason; the form opens again to be changed.
    filled = FilledForm.objects.get(pk=output.filled_form_id)
    template = FormTemplatePage.objects.get(slug="calendar-of-sessions", locale__language_code="cs", alias_of=None)
    data, _expected = sample_post(template.definitions, text="Answer")
    assert client.post(f"/de/forms/mine/{filled.pk}/", {**data, "action": "complete"}).status_code == 302
    assert resubmit_button(page(client, mentee, output, "de")).has_attr("disabled")
    response = client.post(f"/de/mentoring/outputs/{output.pk}/resubmit/", follow=True)
    message = translated("Nothing has changed since the review: change your answers before you resubmit.", "de")
    assert message in response.content.decode()
    assert StageOutput.objects.get(pk=output.pk).current_workflow_state.status == "needs_changes"
    reopened = client.post(f"/de/mentoring/outputs/{output.pk}/reopen/")
    assert reopened.status_code == 302
    assert reopened["Location"] == f"/de/forms/mine/{filled.pk}/"
    assert FilledForm.objects.get(pk=filled.pk).status == FilledForm.Status.DRAFT

    # Edited: the edits are readable before resubmitting, and the button is there.
    data, _expected = sample_post(template.definitions, text="Answer edited after the review")
    assert client.post(f"/de/forms/mine/{filled.pk}/", {**data, "action": "complete"}).status_code == 302
    content = page(client, mentee, output, "de")
    assert not resubmit_button(content).has_attr("disabled")
    assert translated("Your edited answers, not yet resubmitted", "de") in content
    assert "Answer edited after the review" in content
    assert client.post(f"/de/mentoring/outputs/{output.pk}/resubmit/").status_code == 302
    output = StageOutput.objects.get(pk=output.pk)
    assert output.current_workflow_state.status == "in_progress"
    assert output.current_workflow_task_state.task.name == "Mentor review"


# Where it goes, and which stage it is


def test_the_output_page_shows_the_departments_it_will_be_published_to(client, users, in_review):
    content = page(client, users["mentee"], in_review, "es")
    soup = BeautifulSoup(content, "html.parser")
    line = soup.select_one(".output-departments").get_text(" ", strip=True)
    assert translated("Will be published to:", "es") in line
    assert "Housing" in line


def test_the_stage_is_the_forms_not_picked_by_hand(client, users, relationship):
    client.force_login(users["mentee"])
    form_page = client.get(f"/en/mentoring/{relationship.pk}/outputs/new/").content.decode()
    assert 'name="stage"' not in form_page
    filled = complete_filled_form(client, users["mentee"], "calendar-of-sessions")
    # A stage sent anyway is ignored: the form's own stage (1) is the output's.
    output = submit(client, relationship, filled, stage=4)
    assert output.stage == filled.stage == 1


def test_a_form_of_a_stage_not_yet_started_is_refused(client, users, relationship):
    filled = complete_filled_form(client, users["mentee"], "expectations-and-goals")  # stage 2
    housing = Department.objects.get(name="Housing")
    before = site_state()
    response = client.post(
        f"/en/mentoring/{relationship.pk}/outputs/new/", {"filled_form": filled.pk, "target_departments": [housing.pk]}
    )
    assert response.status_code == 400
    assert "Stage 2 has not started yet" in response.content.decode()
    assert site_state() == before


def test_the_api_takes_the_stage_from_the_form_and_refuses_a_contradicting_one(client, users, relationship):
    filled = complete_filled_form(client, users["mentee"], "calendar-of-sessions")
    housing = Department.objects.get(name="Housing")
    payload = {"relationship_id": relationship.pk, "filled_form_id": filled.pk, "target_department_ids": [housing.pk]}
    before = site_state()
    refused = client.post("/api/outputs/", {**payload, "stage": 3}, content_type="application/json", **bearer("mentee"))
    assert refused.status_code == 422
    assert refused["Content-Type"].startswith("application/problem+json")
    assert ["body", "stage"] in [error["loc"] for error in refused.json()["errors"]]
    assert site_state() == before
    created = client.post("/api/outputs/", payload, content_type="application/json", **bearer("mentee"))
    assert created.status_code == 201
    assert created.json()["stage"] == 1
    assert created.json()["review_step"] == "Mentor review"
