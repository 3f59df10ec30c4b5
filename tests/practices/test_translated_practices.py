"""A published practice translated through wagtail-localize: the translator of the language translates it, and
the translation is published through the practices' moderation, never directly (practices/permissions.py,
practices/wagtail_hooks.py, moderation.submit_translation)."""

import html
import json
import re
from urllib.parse import urlencode

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import APIToken, Locale, WorkflowState
from wagtail_localize.models import StringSegment, Translation

from practices import moderation
from practices.models import PracticeIndexPage, PracticePage
from tests.conftest import sign_in
from tests.factories import PracticePageFactory, site_page

pytestmark = pytest.mark.django_db

GREEK_TITLE = "Γραμμή διερμηνέων στο γκισέ στέγασης"


def user(username):
    return get_user_model().objects.get(username=username)


@pytest.fixture
def translation(client):
    """The admin submits the translation of a published English practice into Greek (wagtail-localize's view)."""
    practice = PracticePageFactory(owner=user("staff"), title="An interpreter line at the housing desk")
    greek = Locale.objects.get(language_code="el")
    sign_in(client, "admin")
    response = client.post(
        reverse("wagtail_localize:submit_page_translation", args=[practice.pk]), {"locales": [greek.pk]}
    )
    assert response.status_code == 302
    client.logout()
    return Translation.objects.get(source__object_id=practice.translation_key, target_locale=greek)


def greek_page(translation):
    return PracticePage.objects.get(translation_key=translation.source.object_id, locale=translation.target_locale)


def translate_title(client, translation):
    segment = StringSegment.objects.get(source=translation.source, context__path="title")
    url = reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk])
    return client.put(url, urlencode({"value": GREEK_TITLE}), content_type="application/x-www-form-urlencoded")


def editor_props(response):
    match = re.search(r'data-props="([^"]*)"', response.content.decode())
    return json.loads(html.unescape(match.group(1)))


def test_the_translator_translates_and_the_moderators_publish(client, translation):
    page = greek_page(translation)
    assert not page.live
    sign_in(client, "translator_el")
    response = client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    # wagtail-localize's editor, whose one button sends the translation to the moderators.
    assert editor_props(response)["perms"]["canPublish"] is True
    assert translate_title(client, translation).status_code in (200, 201)

    response = client.post(f"/admin/pages/{page.pk}/edit/", {"action": "publish"})
    assert response.status_code == 302
    page = PracticePage.objects.get(pk=page.pk)
    assert not page.live
    state = page.current_workflow_state
    assert state.status == WorkflowState.STATUS_IN_PROGRESS and state.requested_by == user("translator_el")
    assert page.get_latest_revision_as_object().title == GREEK_TITLE

    moderation.approve(task_state=state.current_task_state.specific, user=user("editor"))
    page.refresh_from_db()
    assert page.live and page.title == GREEK_TITLE


def test_the_translator_cannot_publish_the_translation_directly(client, translation):
    page = greek_page(translation)
    token = APIToken.create_token(user=user("translator_el"), name="test")[1]
    response = client.post(
        f"/api/v3/pages/{page.pk}/actions/publish/",
        {},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 403
    response = client.patch(
        f"/api/v3/pages/{page.pk}/",
        {"title": GREEK_TITLE, "meta": {"action": "publish"}},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code in (400, 403, 422)
    page.refresh_from_db()
    assert not page.live and page.current_workflow_state is None


def test_a_translation_in_moderation_is_sent_once(client, translation):
    page = greek_page(translation)
    sign_in(client, "translator_el")
    client.post(f"/admin/pages/{page.pk}/edit/", {"action": "publish"})
    client.post(f"/admin/pages/{page.pk}/edit/", {"action": "publish"})
    assert WorkflowState.objects.filter(object_id=str(page.pk)).count() == 1


def test_another_languages_translator_is_refused(client, translation):
    from tests.factories import TranslatorFactory

    page = greek_page(translation)
    client.force_login(TranslatorFactory(language="cs"))
    response = client.post(f"/admin/pages/{page.pk}/edit/", {"action": "publish"})
    assert response.status_code in (302, 403) and not PracticePage.objects.get(pk=page.pk).current_workflow_state


def test_the_translator_does_not_translate_a_practice_in_moderation(translation):
    pending = PracticePageFactory(owner=user("staff"), state="in_moderation")
    translator = user("translator_el")
    assert not pending.permissions_for_user(translator).can_edit()
    # The source is not published: its translation, had anyone made it, would not be the translator's.
    greek = greek_page(translation)
    PracticePage.objects.filter(translation_key=translation.source.object_id, locale__language_code="en").update(
        live=False
    )
    assert not greek.permissions_for_user(translator).can_edit()


def test_the_translators_admin_shows_no_practice_in_moderation(client):
    title = "Zebrafinch leaflet"
    pending = PracticePageFactory(
        owner=user("staff"), state="in_moderation", title=title, parent=site_page(PracticeIndexPage, "el")
    )
    searches = ("/admin/choose-page/search/?q=zebrafinch", "/admin/pages/search/?q=zebrafinch")
    sign_in(client, "translator_el")
    for url in (
        *searches,
        f"/admin/pages/{pending.get_parent().pk}/",
        f"/admin/api/main/pages/?child_of={pending.get_parent().pk}",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert title not in response.content.decode(), url
    sign_in(client, "editor")
    for url in searches:
        assert title in client.get(url).content.decode(), url
