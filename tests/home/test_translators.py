import pytest
from wagtail.models import Page

from home.models import HomePage
from tests.factories import EditorFactory, TranslatorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def translator_el():
    return TranslatorFactory(language="el")


def edit_status(client, language_code, slug="mentoring-models"):
    page = Page.objects.get(slug=slug, locale__language_code=language_code)
    return client.get(f"/admin/pages/{page.pk}/edit/").status_code


def home_edit_status(client, language_code):
    page = HomePage.objects.get(locale__language_code=language_code)
    return client.get(f"/admin/pages/{page.pk}/edit/").status_code


def test_greek_translator_edits_greek_pages_only(client, translator_el):
    client.force_login(translator_el)
    assert edit_status(client, "el") == 200
    # The Greek home page is the editors': its subtree holds the practices in moderation.
    assert home_edit_status(client, "el") in (302, 403)
    assert home_edit_status(client, "en") in (302, 403)
    assert edit_status(client, "en") in (302, 403)
    assert edit_status(client, "cs") in (302, 403)


def test_greek_translator_cannot_publish_english_source(client, translator_el):
    client.force_login(translator_el)
    page = Page.objects.get(slug="mentoring-models", locale__language_code="en")
    response = client.post(f"/admin/pages/{page.pk}/edit/", {"title": "Hijacked", "action-publish": "1"})
    assert response.status_code in (302, 403)
    page.refresh_from_db()
    assert page.title == "Mentoring models"


def test_editor_edits_every_language(client):
    client.force_login(EditorFactory())
    assert edit_status(client, "en") == 200
    assert edit_status(client, "es") == 200


def test_the_side_panel_lists_the_other_translations(client, translator_el):
    """The translator may edit only the Greek page: the others are listed as their published pages."""
    client.force_login(translator_el)
    page = Page.objects.get(slug="mentoring-models", locale__language_code="el")
    response = client.get(f"/admin/pages/{page.pk}/edit/")
    html = response.content.decode()
    assert response.status_code == 200 and "data-qser-translations" in html
    panel = html[html.index("data-qser-translations") :]
    panel = panel[: panel.index("</ul>")]
    for code in ("en", "cs", "de", "es"):
        assert f'hreflang="{code}"' in panel
        assert f"/{code}/guides/mentoring-models/" in panel
    assert 'hreflang="el"' not in panel


def test_the_editor_side_panel_links_to_the_other_editors(client):
    client.force_login(EditorFactory())
    page = Page.objects.get(slug="mentoring-models", locale__language_code="en")
    html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    panel = html[html.index("data-qser-translations") :]
    panel = panel[: panel.index("</ul>")]
    greek = Page.objects.get(slug="mentoring-models", locale__language_code="el")
    assert f"/admin/pages/{greek.pk}/edit/" in panel
