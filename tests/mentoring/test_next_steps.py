"""What is waiting for each person (mentoring/next_steps.py): on the landing page, on a relationship's page and in
the API; and the way from a stage's missing form to submitting it for review."""

import zoneinfo

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.utils import translation

from forms_library.models import FilledForm
from mentoring import next_steps
from mentoring.models import MentoringRelationship, StageForm, StageOutput
from tests.conftest import sign_in
from tests.factories import MentoringSessionFactory, RelationshipFactory, form_template
from tests.forms_library.helpers import sample_post

pytestmark = pytest.mark.django_db

CAST_COMMENT = "Doplňte prosím měřitelné ukazatele ke každému cíli."


def person(username):
    return get_user_model().objects.get(username=username)


def cast_relationship():
    return MentoringRelationship.objects.filter(mentor__username="mentor").order_by("pk").first()


def kinds(steps):
    return [(step.kind, step.title) for step in steps]


def html(response):
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def new_relationship():
    """Maria mentors Jan in a second relationship, just started: stage 1 has no output yet."""
    social = cast_relationship().department
    return RelationshipFactory(mentor=person("mentor"), mentees=[person("mentee")], department=social)


def test_the_mentee_is_told_what_to_fix_with_the_reviewers_comment_and_the_next_session():
    steps = next_steps.for_user(person("mentee"))
    sent_back = StageOutput.objects.get(filled_form__template__slug="expectations-and-goals")
    fix = [step for step in steps if step.kind == "fix"]
    # Written in Czech, read in English: the title of the template's English original (forms_library.reading).
    english = form_template("expectations-and-goals", "en").title
    assert sent_back.title != english
    assert [(step.title, step.url) for step in fix] == [(english, f"/en/mentoring/outputs/{sent_back.pk}/")]
    assert fix[0].comment == CAST_COMMENT
    sessions = [step for step in steps if step.kind == "session"]
    assert len(sessions) == 1 and sessions[0].when == cast_relationship().sessions.order_by("date").first().date
    # Stage 1 has an output of each of its three forms: nothing is missing; the mentee reviews nothing.
    assert not [step for step in steps if step.kind in ("fill", "continue", "submit", "review")]


def test_the_mentor_and_the_departments_reviewer_each_see_the_output_at_their_own_step():
    mentor_reviews = [step for step in next_steps.for_user(person("mentor")) if step.kind == "review"]
    reviewer_steps = next_steps.for_user(person("reviewer"))
    reviewer_reviews = [step for step in reviewer_steps if step.kind == "review"]
    at_mentor = StageOutput.objects.get(filled_form__template__slug="calendar-of-sessions")
    at_department = StageOutput.objects.get(filled_form__template__slug="mutual-understanding")
    assert [step.url for step in mentor_reviews] == [f"/en/mentoring/outputs/{at_mentor.pk}/"]
    assert [step.url for step in reviewer_reviews] == [f"/en/mentoring/outputs/{at_department.pk}/"]
    # The reviewer takes no part in the relationship: no forms, no sessions for them.
    assert {step.kind for step in reviewer_steps} == {"review"}
    assert next_steps.for_user(person("staff")) == []


def test_a_new_relationship_lists_the_forms_of_its_stage_in_the_readers_language(client, new_relationship):
    sign_in(client, "mentee")
    page = html(client.get("/cs/mentoring/"))
    links = {a.get_text(strip=True): a["href"] for a in page.select(".next-steps a")}
    for slug in ("partnership-agreement", "mutual-understanding", "calendar-of-sessions"):
        template = form_template(slug, "cs")
        url = f"{template.url}fill/?relationship={new_relationship.pk}&stage=1"
        assert url in links.values(), (slug, links)
    # The diary (the mentor's private notes) is never required; stage 2's forms are not yet due.
    assert not any("/cs/forms/mentors-diary/" in href or "expectations" in href for href in links.values())
    assert "Vyplňte" in " ".join(links)


def fill_for_stage(client, relationship, slug="partnership-agreement", action="complete", language="en"):
    template = form_template(slug, language)
    data, _expected = sample_post(template.definitions)
    url = f"{template.url}fill/?relationship={relationship.pk}&stage=1"
    return client.post(url, {**data, "action": action})


def test_a_form_filled_from_the_stage_is_tied_to_it_and_leads_to_its_submission(client, new_relationship):
    sign_in(client, "mentee")
    template = form_template("partnership-agreement")
    page = html(client.get(f"{template.url}fill/?relationship={new_relationship.pk}&stage=1"))
    assert str(new_relationship) in page.select_one(".form-purpose").get_text()
    # The form posts back to its own address, which says what it is for.
    assert page.select_one("form.answer-form").get("action") is None

    response = fill_for_stage(client, new_relationship)
    filled = FilledForm.objects.filter(owner__username="mentee").latest("pk")
    assert StageForm.objects.get(filled_form=filled).relationship == new_relationship
    assert response["Location"] == f"/en/mentoring/{new_relationship.pk}/outputs/new/?filled_form={filled.pk}"

    # The submission page has the form chosen (its stage is the form's own).
    page = html(client.get(response["Location"]))
    assert page.select_one("#id_filled_form option[selected]")["value"] == str(filled.pk)
    assert page.select_one("#id_stage") is None
    steps = next_steps.for_user(person("mentee"), relationship=new_relationship)
    assert ("submit", template.title) in kinds(steps)

    social = new_relationship.department
    client.post(response["Location"], {"filled_form": filled.pk, "stage": 1, "target_departments": [social.pk]})
    assert filled.stage_output.relationship == new_relationship
    steps = next_steps.for_user(person("mentee"), relationship=new_relationship)
    assert template.title not in [step.title for step in steps]
    # The mentor is now asked to review it.
    mentor_steps = next_steps.for_user(person("mentor"), relationship=new_relationship)
    assert [step.kind for step in mentor_steps if step.title == template.title] == ["review"]


def test_a_draft_for_the_stage_is_offered_to_be_finished_and_says_what_it_is_for(client, new_relationship):
    sign_in(client, "mentee")
    response = fill_for_stage(client, new_relationship, action="save_draft")
    draft = FilledForm.objects.filter(owner__username="mentee").latest("pk")
    assert response["Location"] == f"/en/forms/mine/{draft.pk}/"
    step = next(step for step in next_steps.for_user(person("mentee")) if step.kind == "continue")
    assert step.url == f"/en/forms/mine/{draft.pk}/"
    page = html(client.get(step.url))
    assert str(new_relationship) in page.select_one(".form-purpose").get_text()
    # Completing the draft leads to its submission too.
    data, _expected = sample_post(draft.definitions)
    response = client.post(step.url, {**data, "action": "complete"})
    assert response["Location"].endswith(f"/outputs/new/?filled_form={draft.pk}")


def test_a_relationship_the_reader_takes_no_part_in_ties_nothing(client, new_relationship):
    sign_in(client, "staff")
    page = html(
        client.get(f"{form_template('partnership-agreement').url}fill/?relationship={new_relationship.pk}&stage=1")
    )
    assert page.select_one(".form-purpose") is None
    response = fill_for_stage(client, new_relationship)
    assert response["Location"].startswith("/en/forms/mine/")
    assert not StageForm.objects.filter(filled_form__owner__username="staff").exists()


def test_a_stage_not_yet_reached_ties_nothing(client, new_relationship):
    sign_in(client, "mentee")
    template = form_template("expectations-and-goals")
    data, _expected = sample_post(template.definitions)
    client.post(f"{template.url}fill/?relationship={new_relationship.pk}&stage=2", {**data, "action": "complete"})
    assert not StageForm.objects.filter(relationship=new_relationship).exists()


def test_my_forms_says_which_relationship_and_stage_each_form_is_for(client, new_relationship):
    sign_in(client, "mentee")
    fill_for_stage(client, new_relationship)
    rows = html(client.get("/cs/forms/mine/")).select("table.listing tbody tr")
    described = [row.select("td")[1].get_text(strip=True) for row in rows]
    assert any(str(new_relationship) in text and "Fáze 1" in text for text in described), described
    # The cast's outputs say their relationship too, before any tie existed.
    assert sum(str(cast_relationship()) in text for text in described) >= 5


def test_the_header_links_my_forms_for_signed_in_readers_only(client):
    assert "/de/forms/mine/" not in client.get("/de/").content.decode()
    sign_in(client, "staff")
    link = html(client.get("/de/")).select_one(".site-header__account a[href='/de/forms/mine/']")
    assert link is not None and link.get_text(strip=True) == "Meine Formulare"


def test_only_a_department_member_is_offered_to_start_a_relationship_and_others_are_refused(client):
    sign_in(client, "editor")
    assert html(client.get("/en/mentoring/")).select_one("a[href='/en/mentoring/new/']") is None
    assert client.get("/en/mentoring/new/").status_code == 403
    assert client.post("/en/mentoring/new/", {}).status_code == 403
    sign_in(client, "mentor")
    assert html(client.get("/en/mentoring/")).select_one("a[href='/en/mentoring/new/']") is not None
    assert client.get("/en/mentoring/new/").status_code == 200


def test_with_no_completed_form_the_submission_page_explains_what_to_do(client, new_relationship):
    sign_in(client, "mentor")  # the cast's completed forms are the mentee's
    page = html(client.get(f"/en/mentoring/{new_relationship.pk}/outputs/new/"))
    assert page.select_one("#id_filled_form") is None
    link = page.select_one(".nothing-to-submit a")
    assert link["href"] == f"/en/mentoring/{new_relationship.pk}/#stage-1"
    stage = html(client.get(link["href"])).select_one("#stage-1")
    assert len(stage.select(".stage-forms a[href*='/fill/?relationship=']")) == 3


def test_the_relationship_page_shows_what_is_waiting_in_it(client):
    sign_in(client, "mentor")
    page = html(client.get(f"/el/mentoring/{cast_relationship().pk}/"))
    texts = [a.get_text(strip=True) for a in page.select(".next-steps a")]
    # The mentee's output, filled in Czech, is named by its template's Greek translation, here and in the list of
    # the relationship's outputs; its answers stay as written (tests/mentoring/test_reader_language.py).
    greek = form_template("calendar-of-sessions", "el").title
    assert f"Ελέγξτε το «{greek}»" in texts
    listed = {a.get_text(strip=True): a["lang"] for a in page.select(".stage-progress a[href*='/mentoring/outputs/']")}
    assert listed[greek] == "el"
    assert "Doporučený harmonogram mentoringových setkání" not in page.get_text()
    assert page.select_one(".next-step--session time") is not None


def test_the_landing_page_after_signing_in_is_what_is_waiting(client):
    response = client.post(
        "/accounts/login/", {"username": "mentee", "password": "qser-demo"}, HTTP_ACCEPT_LANGUAGE="cs"
    )
    assert response["Location"] == "/cs/mentoring/"
    page = html(client.get("/cs/mentoring/"))
    comment = page.select_one(".next-step--fix .next-step__comment").get_text(" ", strip=True)
    assert CAST_COMMENT in comment


def test_the_session_time_is_shown_in_the_readers_time_zone(client):
    mentee = person("mentee")
    mentee.time_zone = "Europe/Prague"
    mentee.save()
    relationship = RelationshipFactory(mentees=[mentee])
    session = MentoringSessionFactory(relationship=relationship)
    sign_in(client, "mentee")
    times = [t["datetime"] for t in html(client.get("/en/mentoring/")).select(".next-step--session time")]
    local = session.date.astimezone(zoneinfo.ZoneInfo("Europe/Prague")).isoformat()
    assert local in times


def test_the_api_gives_the_same_items_with_absolute_links(client):
    sign_in(client, "reviewer")
    answer = client.get("/api/me/next-steps/").json()
    assert answer["count"] == 1
    item = answer["items"][0]
    assert item["type"] == "review" and item["url"].startswith("http://testserver/en/mentoring/outputs/")


def test_the_api_needs_a_signed_in_caller(client):
    assert client.get("/api/me/next-steps/").status_code == 401


def test_a_form_with_its_own_relationship_field_is_tied_all_the_same(client, new_relationship):
    """The calendar asks for the relationship in words: its answer is not taken for what the form is for."""
    sign_in(client, "mentee")
    response = fill_for_stage(client, new_relationship, slug="calendar-of-sessions")
    filled = FilledForm.objects.filter(owner__username="mentee").latest("pk")
    assert response["Location"].endswith(f"/outputs/new/?filled_form={filled.pk}")
    assert filled.answers["relationship"].startswith("Answer")
    assert filled.stage_form.relationship == new_relationship


def test_the_forms_waiting_follow_the_stage_requirement_of_the_relationships_model():
    """Editors require only the partnership agreement at stage 1 of reverse mentoring: a reverse relationship is
    asked for that form, a one-on-one one for every form of stage 1."""
    from mentoring.models import StageRequirement

    social = cast_relationship().department
    requirement = StageRequirement.objects.create(mentoring_model="reverse", stage=1)
    requirement.templates.set([form_template("partnership-agreement")])
    requirement.save()
    reverse = RelationshipFactory(
        mentor=person("mentor"), mentees=[person("mentee")], department=social, mentoring_model="reverse"
    )
    one_on_one = RelationshipFactory(mentor=person("mentor"), mentees=[person("mentee")], department=social)
    with translation.override("cs"):
        steps = [step for step in next_steps.for_user(person("mentee")) if step.kind == "fill"]
    by_relationship = {}
    for step in steps:
        by_relationship.setdefault(step.relationship_id, []).append(step.url.split("/fill/")[0])
    assert by_relationship[reverse.pk] == [form_template("partnership-agreement", "cs").url.rstrip("/")]
    assert len(by_relationship[one_on_one.pk]) == 3


def test_a_changed_stage_requirement_is_followed_at_once():
    """The requirements are kept under the cache's generation (progress._stage_requirements): adding one, changing
    its templates and deleting it each show in the next read."""
    from mentoring.models import StageRequirement

    social = cast_relationship().department
    reverse = RelationshipFactory(
        mentor=person("mentor"), mentees=[person("mentee")], department=social, mentoring_model="reverse"
    )

    def forms_waiting():
        steps = next_steps.for_user(person("mentee"))
        return len([step for step in steps if step.kind == "fill" and step.relationship_id == reverse.pk])

    assert forms_waiting() == 3
    requirement = StageRequirement.objects.create(mentoring_model="reverse", stage=1)
    requirement.templates.set([form_template("partnership-agreement")])
    requirement.save()
    assert forms_waiting() == 1
    requirement.templates.set([form_template("partnership-agreement"), form_template("mutual-understanding")])
    requirement.save()  # as the snippet's edit view does: the cluster writes its templates on save
    assert forms_waiting() == 2
    requirement.delete()
    assert forms_waiting() == 3
