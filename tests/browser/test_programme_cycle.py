"""The programme's circle in a real browser, from a waiting request to a new mentor: the coordinator matches
Sabine's request, the proposed mentor (Rafael) and Sabine accept, Rafael plans a session and records who came, the
stage 1 calendar is filled from it, both confirm stage 1; its required outputs are submitted and approved through
the review operations (the review pages have their own journeys, test_review_journeys.py), and stage 1 is done. At
the end (the stages after it passed), stage 5's evaluation says Sabine is ready to mentor: she enters the pool as a
candidate, and the coordinator confirms her once her training is recorded."""

import datetime
import os
import re
import subprocess
import sys

from tests.browser.conftest import PROJECT

REQUEST_TEXT = "den Antrag auf Wohngeld"  # Sabine's request in the demo (mentoring/demo.py)

# Run by `manage.py shell` against the live site's database: the outputs stage 1 requires, written by the mentee,
# submitted and approved at each step by the people who decide it (an administrator where the department has no
# reviewer yet). Then the stages after it are passed, and at stage 5 the mentee's evaluation says they are ready to
# mentor others.
REVIEW_SCRIPT = """
from django.contrib.auth import get_user_model
from django.utils import timezone
from forms_library.models import FilledForm, FormTemplatePage
from mentoring import progress, reviews
from mentoring.demo import demo_answers
from mentoring.models import Department, MentoringRelationship, MentorOffer

relationship = MentoringRelationship.objects.get(pk={pk})
mentee = relationship.mentees.get()
admin = get_user_model().objects.get(username="admin")
# Shared with Social Services: Housing's own readers of what is shared with them (test_reader_language.py) see
# the demo's outputs as they were.
receivers = [Department.objects.get(name="Social Services")]
for template in progress.required_templates(relationship.mentoring_model, 1):
    filled = FilledForm.start(template, mentee)
    filled.answers = demo_answers(template.definitions, timezone.localdate())
    filled.status = FilledForm.Status.COMPLETE
    filled.save()
    output = reviews.submit_output(
        user=mentee, relationship=relationship, filled_form=filled, target_departments=receivers
    )
    for _step in range(3):
        output.refresh_from_db()
        step = reviews.current_step(output)
        if step is None or step.status != "in_progress":
            break
        deciders = step.task.specific.reviewers(output) or [admin]
        reviews.decide(user=deciders[0], output=output, action="approve")
relationship.refresh_from_db()
print("after stage 1:", relationship.current_stage)
MentoringRelationship.objects.filter(pk=relationship.pk).update(current_stage=5)
relationship.refresh_from_db()
evaluation = FormTemplatePage.objects.get(slug="evaluation", locale__language_code="en", alias_of__isnull=True)
filled = FilledForm.start(evaluation, mentee)
filled.answers = {{**demo_answers(evaluation.definitions, timezone.localdate()), "ready_to_mentor": "yes"}}
filled.status = FilledForm.Status.COMPLETE
filled.save()
reviews.submit_output(
    user=mentee, relationship=relationship, filled_form=filled, target_departments=receivers
)
print("offer:", MentorOffer.objects.get(mentor=mentee).status)
"""


def live_database(tmp_path_factory):
    """The live site's SQLite file (tests/browser/conftest.py builds it in a `live-site` folder)."""
    found = sorted(tmp_path_factory.getbasetemp().glob("live-site*/site.sqlite3"), key=os.path.getmtime)
    assert found, "the live site's database is not where conftest.py builds it"
    return found[-1]


def run_on_live_site(tmp_path_factory, script):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "qser_site.settings.dev",
        "DATABASE_URL": f"sqlite:///{live_database(tmp_path_factory)}",
    }
    done = subprocess.run(
        [sys.executable, "-c", f"import django\ndjango.setup()\n{script}"],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def sign_in_to(page, username, path):
    """Signed in, straight to `path` (conftest's sign_in opens the home page first)."""
    page.goto(f"/accounts/login/?next={path}")
    page.fill("#id_username", username)
    page.fill("#id_password", "qser-demo")
    page.click("main form button[type=submit]")
    page.wait_for_url(f"**{path}")


def path_of(page):
    return re.sub(r"^https?://[^/]+", "", page.url)


def test_a_request_becomes_a_relationship_whose_mentee_becomes_a_mentor(new_page, tmp_path_factory):
    # The coordinator matches the waiting request with a suggested mentor.
    coordinator = new_page()
    sign_in_to(coordinator, "coordinator", "/en/mentoring/pool/requests/")
    request = coordinator.locator("section.card", has_text=REQUEST_TEXT)
    suggestion = request.locator("li[data-mentor=reviewer]")
    assert "score" in suggestion.inner_text()
    suggestion.locator("button", has_text="Propose this match").click()
    coordinator.wait_for_url(re.compile(r".*/en/mentoring/pool/proposals/\d+/$"))
    proposal = path_of(coordinator)

    # The mentor and the mentee accept; the second acceptance starts the relationship.
    mentor = new_page()
    sign_in_to(mentor, "reviewer", proposal)
    mentor.click("button[value=accept]")
    assert "Your answer is recorded." in mentor.inner_text("main")
    mentee = new_page()
    sign_in_to(mentee, "staff", proposal)
    mentee.click("button[value=accept]")
    mentee.click("a:has-text('Open the mentoring relationship')")
    mentee.wait_for_url(re.compile(r".*/en/mentoring/\d+/$"))
    relationship = int(path_of(mentee).strip("/").rsplit("/", 1)[1])

    # They hold a session: the mentor plans it (yesterday, online) and records who came.
    mentor.goto(f"/en/mentoring/{relationship}/")
    yesterday = datetime.date.today() - datetime.timedelta(days=1)
    mentor.fill("#id_date", f"{yesterday:%Y-%m-%d}T10:00")
    mentor.fill("#id_topic", "Relationship and contract")
    mentor.select_option("#id_session_format", "online")
    mentor.fill("#id_online_link", "https://meet.example.org/q-ser-cycle")
    mentor.click("button:has-text('Add to the calendar')")
    assert "The session is in the calendar." in mentor.inner_text("main")
    mentor.click(".relationship-sessions a:has-text('Relationship and contract')")
    mentor.wait_for_url(re.compile(rf".*/en/mentoring/{relationship}/sessions/\d+/$"))
    meeting = mentor.locator(".session-meetings tbody tr").first
    for box in meeting.locator("input[name=people]").all():
        box.check()
    meeting.locator("button:has-text('Record attendance')").click()
    assert "Attendance is recorded." in mentor.inner_text("main")
    attended = mentor.inner_text(".session-meetings tbody tr:first-child td:nth-child(2)")
    assert "Rafael" in attended and "Sabine" in attended

    # Stage 1: the calendar of sessions is filled from the planned session, and both confirm the stage.
    mentor.goto(f"/en/mentoring/{relationship}/stage/1/")
    mentor.click("button:has-text('Fill the calendar of sessions')")
    mentor.wait_for_url(re.compile(r".*/en/forms/mine/\d+/$"))
    assert mentor.input_value("[name=sessions-0-1]") == "Relationship and contract"
    for page in (mentor, mentee):
        page.goto(f"/en/mentoring/{relationship}/stage/1/")
        page.click("button:has-text('I confirm this stage is done')")
        assert "Your confirmation is recorded." in page.inner_text("main")
    assert "still missing" in mentee.inner_text("main")

    # The required outputs, reviewed and approved: stage 1 is done. At the end, stage 5's evaluation says Sabine
    # is ready to mentor: she is a candidate of the pool.
    said = run_on_live_site(tmp_path_factory, REVIEW_SCRIPT.format(pk=relationship))
    assert "after stage 1: 2" in said and "offer: candidate" in said
    mentee.goto(f"/en/mentoring/{relationship}/stage/1/")
    assert "This stage is done." in mentee.inner_text("main")

    # The coordinator records her training and confirms her; the lineage names her mentor.
    coordinator.goto("/en/mentoring/pool/")
    candidate = coordinator.locator("[data-candidate=staff]")
    assert "Mentored by" in candidate.inner_text()
    candidate.locator("[name=name]").fill("Q-SER mentor training")
    candidate.locator("[name=date]").fill(f"{yesterday:%Y-%m-%d}")
    candidate.locator("[name=hours]").fill("12")
    candidate.locator("button:has-text('Record the training')").click()
    assert "The mentor training is recorded." in coordinator.inner_text("main")
    coordinator.locator("[data-candidate=staff] button:has-text('Confirm as a mentor')").click()
    assert "Confirmed: a new mentor in the pool." in coordinator.inner_text("main")
    assert coordinator.locator("[data-candidate=staff]").count() == 0
