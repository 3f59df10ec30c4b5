import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group

from mentoring.models import Department, MentoringRelationship, StageConfirmation, StageOutput
from mentoring.progress import advance
from tests.mentoring.conftest import complete_filled_form

pytestmark = pytest.mark.django_db


def member(users, django_user_model, name):
    user = django_user_model.objects.create_user(name, f"{name}@example.org", "qser-demo")
    user.groups.add(Group.objects.get(name="Social Services: members"))
    return user


def test_group_mentoring_needs_four_to_six_mentees(client, users, django_user_model):
    mentees = [member(users, django_user_model, f"m{n}") for n in range(3)]
    client.force_login(users["mentor"])
    department = Department.objects.get(name="Social Services")
    data = {
        "mentoring_model": "group",
        "department": department.pk,
        "start_date": "2026-12-01",
        "mentees": [u.pk for u in mentees],
    }
    response = client.post("/en/mentoring/new/", data)
    assert response.status_code == 400
    error = BeautifulSoup(response.content, "html.parser").select_one(".field__errors").get_text()
    assert "four to six" in error and "3" in error
    assert not MentoringRelationship.objects.filter(mentoring_model="group").exists()
    mentees.append(member(users, django_user_model, "m3"))
    data["mentees"] = [u.pk for u in mentees]
    assert client.post("/en/mentoring/new/", data).status_code == 302
    assert MentoringRelationship.objects.get(mentoring_model="group").mentees.count() == 4


def test_one_on_one_has_exactly_one_mentee(client, users, django_user_model):
    client.force_login(users["mentor"])
    department = Department.objects.get(name="Social Services")
    two = [users["mentee"].pk, users["other_mentor"].pk]
    response = client.post(
        "/en/mentoring/new/",
        {"mentoring_model": "one_on_one", "department": department.pk, "start_date": "2026-12-01", "mentees": two},
    )
    assert response.status_code == 400


def test_mentees_come_from_the_mentors_own_departments(client, users):
    client.force_login(users["mentor"])
    department = Department.objects.get(name="Social Services")
    response = client.post(
        "/en/mentoring/new/",
        {
            "mentoring_model": "one_on_one",
            "department": department.pk,
            "start_date": "2026-12-01",
            "mentees": [users["staff"].pk],
        },
    )
    assert response.status_code == 400


def test_outputs_cannot_be_submitted_for_a_future_stage(client, users):
    relationship = MentoringRelationship.objects.get(mentor=users["mentor"])
    filled = complete_filled_form(client, users["mentee"], "evaluation")
    response = client.post(
        f"/en/mentoring/{relationship.pk}/outputs/new/", {"filled_form": filled.pk, "stage": 5, "share_with_all": "on"}
    )
    assert response.status_code == 400
    assert not StageOutput.objects.filter(filled_form=filled).exists()


def test_relationship_moves_on_when_the_stage_forms_are_approved_and_everyone_confirmed(client, users):
    relationship = MentoringRelationship.objects.get(mentor=users["mentor"])
    assert relationship.current_stage == 1
    for person in (users["mentor"], users["mentee"]):
        StageConfirmation.objects.create(relationship=relationship, stage=1, person=person)
    for output in relationship.outputs.filter(stage=1):
        output.save_revision().publish()
    relationship.refresh_from_db()
    assert relationship.current_stage == 2


def test_after_stage_five_a_mentee_can_be_recorded_ready_to_mentor(client, users):
    relationship = MentoringRelationship.objects.get(mentor=users["mentor"])
    relationship.current_stage = 5
    relationship.save()
    advance(relationship)
    assert relationship.status == MentoringRelationship.Status.ACTIVE  # the evaluation is not approved yet
    relationship.status = MentoringRelationship.Status.COMPLETED
    relationship.save()
    client.force_login(users["mentee"])
    url = f"/en/mentoring/{relationship.pk}/ready/{users['mentee'].pk}/"
    assert client.post(url).status_code == 403
    client.force_login(users["mentor"])
    assert client.post(url).status_code == 302
    assert list(relationship.ready_to_mentor.all()) == [users["mentee"]]


def test_relationship_page_shows_five_stages_with_output_states(client, users):
    relationship = MentoringRelationship.objects.get(mentor=users["mentor"])
    client.force_login(users["mentee"])
    html = BeautifulSoup(client.get(f"/en/mentoring/{relationship.pk}/").content, "html.parser")
    assert len(html.select("ol.stage-progress > li")) == 5
    badges = [badge.get_text(strip=True) for badge in html.select(".stage-progress .badge")]
    assert "Published" in badges and "Changes requested" in badges and "Draft" in badges
    assert any(badge.startswith("In review") for badge in badges)
    client.force_login(users["staff"])
    assert client.get(f"/en/mentoring/{relationship.pk}/").status_code == 404


def test_mentor_plans_sessions_and_mentees_do_not(client, users):
    relationship = MentoringRelationship.objects.get(mentor=users["mentor"])
    data = {"date": "2026-12-10T10:00", "topic": "SWOT", "place": "Room 2", "session_format": "online"}
    client.force_login(users["mentee"])
    assert client.post(f"/en/mentoring/{relationship.pk}/", data).status_code == 403
    client.force_login(users["mentor"])
    assert client.post(f"/en/mentoring/{relationship.pk}/", data).status_code == 302
    assert relationship.sessions.filter(topic="SWOT").exists()


def test_demo_has_outputs_in_every_state(users):
    relationship = MentoringRelationship.objects.get(mentor=users["mentor"])
    states = set()
    for output in relationship.outputs.all():
        state = output.current_workflow_state
        task = state.current_task_state.task.name if state and state.current_task_state else None
        states.add("published" if output.live else (state.status, task) if state else "draft")
    assert states == {
        "published",
        "draft",
        ("in_progress", "Mentor review"),
        ("in_progress", "Department approval"),
        ("needs_changes", "Mentor review"),
    }
    published = relationship.outputs.get(live=True)
    assert list(published.receiving_departments().values_list("name", flat=True)) == ["Housing"]


def test_reviewer_dashboard_lists_what_awaits_them(client, users):
    """Wagtail's own "Awaiting your review" panel, linking each output to the site's page where it is reviewed."""
    waiting = StageOutput.objects.get(
        relationship__mentor=users["mentor"], filled_form__template__slug="mutual-understanding"
    )
    client.force_login(users["reviewer"])
    html = BeautifulSoup(client.get("/admin/").content, "html.parser")
    panels = html.select("#awaiting-review-heading")
    assert len(panels) == 1
    rows = panels[0].find_parent("section").select("tbody tr")
    assert len(rows) == 1
    assert rows[0].select_one("td.title a")["href"] == f"/es/mentoring/outputs/{waiting.pk}/"
    client.force_login(users["housing_reviewer"])
    html = BeautifulSoup(client.get("/admin/").content, "html.parser")
    assert html.select_one("#awaiting-review-heading") is None


def test_admin_snippet_listing_shows_only_visible_outputs(client, users):
    from django.contrib.auth.models import Permission

    # Even with Wagtail's model-wide view permission, the listing keeps to the outputs one may see.
    users["housing_reviewer"].user_permissions.add(Permission.objects.get(codename="view_stageoutput"))
    client.force_login(users["housing_reviewer"])
    response = client.get("/admin/snippets/mentoring/stageoutput/")
    assert response.status_code == 200
    body = response.content.decode()
    assert StageOutput.objects.get(live=True).title in body
    for output in StageOutput.objects.filter(live=False):
        assert output.title not in body


@pytest.mark.parametrize("extra_outputs", [0, 20])
def test_relationship_and_shared_pages_cost_fixed_queries(client, users, django_assert_max_num_queries, extra_outputs):
    from forms_library.models import FilledForm, FormTemplatePage

    relationship = MentoringRelationship.objects.get(mentor=users["mentor"])
    template = FormTemplatePage.objects.get(slug="session-record", locale__language_code="en")
    housing = Department.objects.get(name="Housing")
    for _n in range(extra_outputs):
        filled = FilledForm.start(template, users["mentee"])
        filled.save()
        output = StageOutput(
            relationship=relationship, stage=2, filled_form=filled, author=users["mentee"], title="Extra"
        )
        output.save()
        output.target_departments.set([housing])
        output.save_revision().publish()
    client.force_login(users["mentee"])
    client.get(f"/en/mentoring/{relationship.pk}/")
    # With what is waiting in the relationship (mentoring/next_steps.py, which reads the model's stage
    # requirements): a fixed number more.
    with django_assert_max_num_queries(30):
        assert client.get(f"/en/mentoring/{relationship.pk}/").status_code == 200
    client.force_login(users["staff"])
    client.get("/en/mentoring/shared/")
    with django_assert_max_num_queries(15):
        assert client.get("/en/mentoring/shared/").status_code == 200
