"""Every action on a stage output, taken on the site, leaves an entry in Wagtail's audit log with the acting
user; the editor role reads them in the admin, and people without it do not."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.contenttypes.models import ContentType

from forms_library.models import FormTemplatePage
from mentoring.models import MentoringRelationship, StageOutput
from tests.forms_library.helpers import sample_post
from tests.mentoring.conftest import complete_filled_form
from tests.mentoring.test_stage_outputs import decide, submit

pytestmark = pytest.mark.django_db


def listing_rows(html):
    """The rows of an admin listing table, each as the text of its cells."""
    soup = BeautifulSoup(html, "html.parser")
    return [
        [" ".join(cell.get_text(" ", strip=True).split()) for cell in row.select("td")]
        for row in soup.select("table.listing tbody tr")
    ]


def has_entry(rows, *texts):
    return any(all(any(text in cell for cell in row) for text in texts) for row in rows)


@pytest.fixture
def output_through_every_action(client, users):
    """A stage output that went through every action a person takes on the site."""
    mentee, mentor, reviewer = users["mentee"], users["mentor"], users["reviewer"]
    relationship = MentoringRelationship.objects.get(mentor=mentor)
    filled = complete_filled_form(client, mentee, "mutual-understanding", text="Audit")
    output = submit(client, relationship, filled)
    assert decide(client, mentor, output, "reject", "Say who you met.").status_code == 302

    client.force_login(mentee)
    template = FormTemplatePage.objects.get(slug="mutual-understanding", locale__language_code="en", alias_of=None)
    data, _expected = sample_post(template.definitions, text="Audit again")
    assert client.post(f"/en/forms/mine/{filled.pk}/", {**data, "action": "complete"}).status_code == 302
    assert client.post(f"/en/mentoring/outputs/{output.pk}/resubmit/").status_code == 302

    assert decide(client, mentor, output, "approve").status_code == 302
    assert decide(client, reviewer, output, "approve", "Fine for Housing.").status_code == 302
    client.force_login(mentee)
    assert client.post(f"/en/mentoring/outputs/{output.pk}/withdraw/").status_code == 302
    output.refresh_from_db()
    assert not output.live
    return output


# (acting user, the message Wagtail shows for the action)
EXPECTED_ENTRIES = [
    ("Jan Novák", "Created"),
    ("Jan Novák", "'Stage output review' started. Next step 'Mentor review'"),
    ("Maria Papadopoulou", "Rejected at 'Mentor review'. Changes requested"),
    ("Jan Novák", "Cancelled 'Stage output review' at 'Mentor review'"),
    ("Jan Novák", "Edited"),
    ("Maria Papadopoulou", "Approved at 'Mentor review'. Next step 'Department approval'"),
    ("Rafael Reviewer", "Approved at 'Department approval'. 'Stage output review' complete"),
    ("Rafael Reviewer", "Published"),
    ("Rafael Reviewer", "Shared with Housing"),
    ("Jan Novák", "Unpublished"),
    ("Jan Novák", "No longer shared with other departments"),
]


def test_every_action_on_an_output_is_in_its_history_for_editors(client, users, output_through_every_action):
    output = output_through_every_action
    client.force_login(users["editor"])
    response = client.get(f"/admin/snippets/mentoring/stageoutput/history/{output.pk}/")
    assert response.status_code == 200
    rows = listing_rows(response.content)
    for user, message in EXPECTED_ENTRIES:
        assert has_entry(rows, user, message), (user, message, rows)
    # The reviewers' comments are part of the record.
    assert has_entry(rows, "Maria Papadopoulou", "Say who you met.")
    assert has_entry(rows, "Rafael Reviewer", "Fine for Housing.")
    # An auditor is not offered an edit they may not make.
    assert f"/admin/snippets/mentoring/stageoutput/edit/{output.pk}/" not in response.content.decode()

    workflow = client.get(f"/admin/snippets/mentoring/stageoutput/workflow_history/{output.pk}/")
    assert workflow.status_code == 200
    assert "Stage output review" in workflow.content.decode()


def test_site_history_shows_the_entries_to_editors_and_links_to_the_output_history(
    client, users, output_through_every_action
):
    output = output_through_every_action
    client.force_login(users["editor"])
    content_type = ContentType.objects.get_for_model(StageOutput)
    response = client.get("/admin/reports/site-history/", {"object_type": content_type.pk})
    assert response.status_code == 200
    rows = listing_rows(response.content)
    for user, message in EXPECTED_ENTRIES:
        assert has_entry(rows, output.title, user, message), (user, message)
    links = BeautifulSoup(response.content, "html.parser").select("table.listing td.title a")
    assert f"/admin/snippets/mentoring/stageoutput/history/{output.pk}/" in {link["href"] for link in links}


def test_the_audit_log_is_refused_to_everyone_else(client, users, output_through_every_action):
    output = output_through_every_action
    urls = [
        "/admin/reports/site-history/",
        f"/admin/snippets/mentoring/stageoutput/history/{output.pk}/",
        f"/admin/snippets/mentoring/stageoutput/workflow_history/{output.pk}/",
    ]
    for username in ["staff", "mentee"]:
        client.force_login(users[username])
        for url in urls:
            response = client.get(url)
            assert response.status_code == 302 and response["Location"].startswith("/admin/login/"), (username, url)
    # The department reviewer uses the admin to review, but auditing is the editor role's.
    client.force_login(users["reviewer"])
    for url in urls[1:]:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == "/admin/", url
    report = client.get(urls[0])
    assert report.status_code == 200
    assert not has_entry(listing_rows(report.content), output.title)
