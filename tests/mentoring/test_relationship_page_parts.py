"""The relationship page keeps parts rendered (mentoring/page_parts.py): the mentor's unbound forms per language
(and the programme's initial values), the stages' list under a digest of all it shows. The page never shows an old
state: each change below shows on the next request, after the page was requested (and its parts kept) before it;
and the CSRF token in a kept form is always the request's own."""

import datetime
import re

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.test import Client

from mentoring import page_parts, sessions
from mentoring.models import MentoringRelationship, StageRequirement
from tests.factories import (
    MemberFactory,
    RelationshipFactory,
    StageOutputFactory,
    decide,
    department_reviewer,
    form_template,
)

pytestmark = pytest.mark.django_db

START = datetime.datetime(2027, 3, 4, 13, 0, tzinfo=datetime.UTC)


def person(username):
    return get_user_model().objects.get(username=username)


@pytest.fixture
def relationship():
    return MentoringRelationship.objects.filter(mentor__username="mentor").order_by("pk").first()


def page(client, relationship, language="en"):
    response = client.get(f"/{language}/mentoring/{relationship.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert page_parts.CSRF_PLACEHOLDER not in html
    return BeautifulSoup(html, "html.parser")


def output_line(soup, output):
    link = soup.select_one(f'.stage-progress a[href$="/outputs/{output.pk}/"]') or soup.find(
        "a", href=re.compile(rf"/{output.pk}/?$")
    )
    assert link is not None, f"output {output.pk} not listed"
    return link.find_parent("li").get_text(" ", strip=True)


def test_an_output_submitted_approved_and_sent_back_shows_at_once(client, relationship):
    client.force_login(person("mentor"))
    page(client, relationship)
    page(client, relationship)  # the parts are kept now
    output = StageOutputFactory(relationship=relationship, state="mentor_review")
    assert "In review" in output_line(page(client, relationship), output)
    decide(output, relationship.mentor, "approve")
    after_mentor = output_line(page(client, relationship), output)
    assert "In review" in after_mentor
    decide(output, department_reviewer(relationship.department), "reject", "More detail, please.")
    assert "Changes requested" in output_line(page(client, relationship), output)
    published = StageOutputFactory(relationship=relationship, state="published")
    assert "Published" in output_line(page(client, relationship), published)


def test_each_review_step_shows_its_own_task(client, relationship):
    client.force_login(person("mentor"))
    output = StageOutputFactory(relationship=relationship, state="mentor_review")
    at_mentor = output_line(page(client, relationship), output)
    decide(output, relationship.mentor, "approve")
    at_department = output_line(page(client, relationship), output)
    assert at_mentor != at_department  # the task's name changed, the rest did not


def test_a_session_planned_and_edited_shows_at_once(client, relationship):
    client.force_login(person("mentor"))
    page(client, relationship)
    session = sessions.plan(user=relationship.mentor, relationship=relationship, date=START, topic="First talk")
    assert "First talk" in page(client, relationship).select_one("#sessions").get_text()
    sessions.change(user=relationship.mentor, session=session, topic="A better topic")
    text = page(client, relationship).select_one("#sessions").get_text()
    assert "A better topic" in text and "First talk" not in text


def test_the_programme_form_shows_the_agreed_values_at_once(client, relationship):
    client.force_login(person("mentor"))

    def programme_values():
        form = page(client, relationship).select_one(f'form[action$="/mentoring/{relationship.pk}/programme/"]')
        return form.select_one("[name=planned_end_date]").get("value"), form.select_one("[name=stage_2]").get("value")

    before = programme_values()
    sessions.agree_programme(
        user=relationship.mentor,
        relationship=relationship,
        planned_end_date=datetime.date(2027, 6, 30),
        agreed_sessions={2: 4},
    )
    after = programme_values()
    assert after == ("2027-06-30", "4") != before


def test_a_member_added_sees_the_page_as_a_participant(client, relationship):
    newcomer = MemberFactory(department=relationship.department)
    client.force_login(person("mentor"))
    page(client, relationship)
    relationship.mentees.add(newcomer)
    relationship.save()  # a cluster's members are written on save, as the admin and the operations do
    client.force_login(newcomer)
    assert page(client, relationship).find("a", href=f"/en/mentoring/{relationship.pk}/outputs/new/") is not None


def test_a_changed_stage_requirement_shows_at_once(client, relationship):
    relationship = RelationshipFactory(
        mentor=person("mentor"),
        mentees=[person("mentee")],
        department=relationship.department,
        mentoring_model="reverse",
    )
    client.force_login(person("mentee"))

    def needed():
        return len(page(client, relationship).select(".stage-forms a"))

    everything = needed()
    assert everything == 3  # every form of stage 1
    requirement = StageRequirement.objects.create(mentoring_model="reverse", stage=1)
    requirement.templates.set([form_template("partnership-agreement")])
    requirement.save()
    assert needed() == 1 < everything
    requirement.delete()
    assert needed() == everything


def test_each_language_has_its_own_parts(client, relationship):
    client.force_login(person("mentor"))
    english, czech = page(client, relationship, "en"), page(client, relationship, "cs")
    assert "Stage 1" in english.select_one(".stage-progress").get_text()
    assert "Stage 1" not in czech.select_one(".stage-progress").get_text()
    assert english.select_one("#sessions form").get_text() != czech.select_one("#sessions form").get_text()
    assert "Stage 1" in page(client, relationship, "en").select_one(".stage-progress").get_text()


def test_a_kept_form_carries_each_requests_own_csrf_token(relationship):
    tokens = []
    for _ in range(2):
        client = Client(enforce_csrf_checks=True)
        client.force_login(person("mentor"))
        soup = page(client, relationship)
        forms = soup.select("#sessions form")
        assert len(forms) == 2  # the programme's and a new session's
        # Django masks the request's secret anew each time it is asked: each form's token is a valid one.
        token = forms[-1].select_one("[name=csrfmiddlewaretoken]")["value"]
        assert re.fullmatch(r"[A-Za-z0-9]{64}", token)
        tokens.append(token)
        response = client.post(
            f"/en/mentoring/{relationship.pk}/",
            {
                "csrfmiddlewaretoken": token,
                "stage": 1,
                "date": "2027-03-04T15:00",
                "duration_minutes": 60,
                "topic": "Planned with the kept form",
                "session_format": "in_person",
            },
        )
        assert response.status_code == 302
    assert tokens[0] != tokens[1]  # two sessions, two tokens: none kept in the part
    assert relationship.sessions.filter(topic="Planned with the kept form").count() == 2


def test_a_session_form_with_errors_is_shown_with_them_and_then_empty_again(client, relationship):
    client.force_login(person("mentor"))
    page(client, relationship)
    response = client.post(f"/en/mentoring/{relationship.pk}/", {"stage": 1, "date": "", "topic": "Half"})
    assert response.status_code == 400
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select("#sessions .field__errors, #sessions .form-errors")
    assert soup.select_one("#sessions [name=topic]")["value"] == "Half"
    again = page(client, relationship)
    assert not again.select("#sessions .field__errors, #sessions .form-errors")
    assert again.select_one("#sessions [name=topic]").get("value") is None
