"""Every action on a good practice, on the site and in the admin, leaves an entry in Wagtail's audit log with
the acting user; editors read them in the page's history, Site history and the Workflows report."""

import pytest
from wagtail.models import Locale

from practices.models import PracticePage
from tests.mentoring.test_audit_log import has_entry, listing_rows
from tests.practices.conftest import practice_data

pytestmark = pytest.mark.django_db


def moderate_in_admin(client, editor, page, action, comment=""):
    client.force_login(editor)
    task_state = page.current_workflow_state.current_task_state
    response = client.post(f"/admin/pages/workflow/action/{page.pk}/{action}/{task_state.pk}/", {"comment": comment})
    assert response.status_code in (200, 302)


def submit(client, staff, **overrides):
    client.force_login(staff)
    assert client.post("/es/practices/submit/", practice_data(**overrides)).status_code == 302
    return PracticePage.objects.filter(submitted_by=staff).latest("pk")


def test_every_action_on_a_practice_is_in_the_audit_log_for_editors(client, staff, editor):
    page = submit(client, staff)
    moderate_in_admin(client, editor, page, "reject", "Añada cifras.")
    client.force_login(staff)
    edited = practice_data(results="Las citas repetidas bajaron de 50 a 30 al mes.")
    assert client.post(f"/es/practices/mine/{page.pk}/", edited).status_code == 302
    moderate_in_admin(client, editor, page, "approve", "Muy útil.")
    english = Locale.objects.get(language_code="en")
    response = client.post(f"/admin/localize/submit/page/{page.pk}/", {"locales": [english.pk]})
    assert response.status_code == 302
    declined = submit(client, staff, title="Otra línea de intérpretes", token="8b4cbb0e-0e6f-4f84-9b59-0d1e0a6f1a02")
    moderate_in_admin(client, editor, declined, "decline", "Ya existe una práctica igual.")

    client.force_login(editor)
    history = client.get(f"/admin/pages/{page.pk}/history/")
    assert history.status_code == 200
    rows = listing_rows(history.content)
    for user, message in [
        ("Sabine Schmidt", "Created"),
        ("Sabine Schmidt", "'Practice moderation' started. Next step 'Moderation'"),
        ("Eleni Editor", "Rejected at 'Moderation'. Changes requested"),
        ("Eleni Editor", "Añada cifras."),
        ("Sabine Schmidt", "Draft saved"),
        ("Sabine Schmidt", "Resubmitted 'Moderation'. Workflow resumed"),
        ("Eleni Editor", "Approved at 'Moderation'. 'Practice moderation' complete"),
        ("Eleni Editor", "Published"),
    ]:
        assert has_entry(rows, user, message), (user, message, "\n".join(map(str, rows)))
    declined_rows = listing_rows(client.get(f"/admin/pages/{declined.pk}/history/").content)
    assert has_entry(declined_rows, "Eleni Editor", "Rejected: the practice will not be published")
    assert has_entry(declined_rows, "Eleni Editor", "Ya existe una práctica igual.")

    report = listing_rows(client.get("/admin/reports/site-history/").content)
    translation = PracticePage.objects.get(translation_key=page.translation_key, locale=english)
    assert has_entry(report, translation.title, "Eleni Editor", "Copied for translation")
    assert has_entry(report, page.title, "Sabine Schmidt", "Created")
    workflows = listing_rows(client.get("/admin/reports/workflow/").content)
    assert has_entry(workflows, page.title, "Practice moderation", "Approved")
    assert has_entry(workflows, declined.title, "Practice moderation")


def test_the_practice_audit_log_is_refused_to_staff(client, staff):
    page = submit(client, staff)
    for url in ["/admin/reports/site-history/", "/admin/reports/workflow/", f"/admin/pages/{page.pk}/history/"]:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/admin/login/"), url
