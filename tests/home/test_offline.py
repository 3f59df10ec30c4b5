"""The guide offline: each language's whole guide as one Word file and its blank forms as one ZIP, built once per
published state, stored, and public."""

import io
import zipfile

import pytest
from django.core.cache import cache
from django_tasks_db.models import DBTaskResult
from docx import Document
from docx.oxml.ns import qn
from wagtail.models import PageViewRestriction

from forms_library.models import FormTemplatePage
from home import offline
from home.guide_docx import GuideWriter
from home.models import GuideIndexPage, GuidePage
from home.tree import children
from tests.factories import GuidePageFactory, site_page

pytestmark = pytest.mark.django_db


def guides(language):
    return list(children(GuidePage, site_page(GuideIndexPage, language).path).live())


def republish(page):
    page.summary += " "
    page.save_revision().publish()


@pytest.fixture
def builds(monkeypatch):
    """How many times a whole guide was written."""
    calls = []
    original = GuideWriter.render

    def counting(self):
        calls.append(self.language)
        return original(self)

    monkeypatch.setattr(GuideWriter, "render", counting)
    return calls


def test_the_whole_guide_is_one_word_document_in_reading_order(client):
    response = client.get("/cs/offline/guide/")
    assert response.status_code == 200
    assert response["Content-Type"] == offline.DOCX_TYPE
    assert 'filename="q-ser-guide-cs-' in response["Content-Disposition"]
    document = Document(io.BytesIO(response.content))

    titles = [page.title for page in guides("cs")]
    assert len(titles) >= 5
    chapters = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert chapters[:-1] == titles  # every page, in reading order, then the attribution
    assert chapters[-1] == "Uvedení zdroje a licence"
    assert document.paragraphs[0].text == site_page(GuideIndexPage, "cs").title
    text = "\n".join(p.text for p in document.paragraphs)
    assert "CC BY 4.0" in text and "https://creativecommons.org/licenses/by/4.0/" in text
    assert any(p.style.name == "Heading 2" for p in document.paragraphs)  # the sections of each page
    # Word's language: the document's defaults and every style it writes with are Czech.
    defaults = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert defaults.find(qn("w:lang")).get(qn("w:val")) == "cs-CZ"
    assert document.core_properties.language == "cs-CZ"
    assert "TOC" in document.element.xml  # Word's table of contents field


def test_every_blank_form_of_the_language_is_in_one_zip(client):
    response = client.get("/de/offline/forms/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    forms = FormTemplatePage.objects.live().filter(locale__language_code="de", alias_of__isnull=True)
    names = archive.namelist()
    assert len(names) == forms.count() == 9
    titles = set()
    for name in names:
        document = Document(io.BytesIO(archive.read(name)))
        titles.add(document.paragraphs[0].text or document.core_properties.title)
        assert document.core_properties.language == "de-DE"
    assert {form.title for form in forms} <= {
        Document(io.BytesIO(archive.read(n))).core_properties.title for n in names
    }


def test_built_once_per_published_state(client, builds, django_capture_on_commit_callbacks):
    page = guides("el")[1]
    offline.default_storage.delete(offline.stored_file("guide", "el").name)  # not built yet
    first = client.get("/el/offline/guide/")
    second = client.get("/el/offline/guide/")
    assert first.status_code == second.status_code == 200
    assert first.content == second.content
    assert builds == ["el"]
    before = offline.stored_file("guide", "el")
    assert before.exists

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        republish(page)
        republish(guides("el")[0])
    # One task for the language, however many pages the transaction published.
    assert [callback.offline_file for callback in callbacks if hasattr(callback, "offline_file")] == [("guide", "el")]
    assert builds == ["el", "el"]  # the task built the new state
    after = offline.stored_file("guide", "el")
    assert after.exists and after.name != before.name
    assert not offline.default_storage.exists(before.name)  # the old file is removed
    client.get("/el/offline/guide/")
    assert builds == ["el", "el"]


def test_the_guides_index_links_each_file_with_its_size_and_date(client):
    offline.ensure_built("guide", "es")
    stored = offline.stored_file("guide", "es")
    response = client.get("/es/guides/")
    html = response.content.decode()
    assert 'href="/es/offline/guide/"' in html
    assert 'href="/es/offline/forms/"' in html
    assert "Leer sin conexión" in html
    assert f"{stored.size // 1024}" in html  # the size, in KB
    assert str(stored.content_date.year) in html


def test_public_to_anyone_and_unknown_kinds_are_not_found(client, django_user_model):
    assert client.get("/en/offline/guide/").status_code == 200
    assert client.get("/en/offline/nothing/").status_code == 404


def test_a_restricted_guide_page_is_left_out(client):
    private = GuidePageFactory(title="Only for members", slug="only-for-members")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    cache.clear()  # the restriction's new cache generation waits for a commit the test never makes
    document = Document(io.BytesIO(client.get("/en/offline/guide/").content))
    chapters = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert "Only for members" not in chapters
    assert chapters[:-1] == [page.title for page in guides("en") if page.pk != private.pk]


def test_nothing_is_built_for_a_language_without_pages():
    assert offline.ensure_built("guide", "fr") is None
    assert offline.offline_files("fr") == []


def test_with_a_worker_the_request_queues_the_build_once_and_says_it_is_being_prepared(
    client, builds, settings, django_capture_on_commit_callbacks
):

    settings.TASKS = {**settings.TASKS, "qser": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    cache.clear()
    offline.default_storage.delete(offline.stored_file("guide", "el").name)  # not built yet

    first = client.get("/el/offline/guide/")
    second = client.get("/el/offline/guide/")
    for response in (first, second):
        assert response.status_code == 202
        assert "Content-Disposition" not in response
        html = response.content.decode()
        assert "Το αρχείο σας ετοιμάζεται" in html
        assert '<meta http-equiv="refresh" content="15">' in html
        assert "private" in response["Cache-Control"]
    assert builds == []  # nothing built in the request
    queued = DBTaskResult.objects.filter(task_path="home.offline.build_offline_file")
    assert queued.count() == 1  # one task however many readers asked
    assert queued.get().args_kwargs["args"] == ["guide", "el"]

    # The worker runs the task's body (the worker itself is tested with committed transactions in
    # tests/operations/test_tasks.py; it closes the connection, which this test's transaction cannot survive).
    offline.ensure_built(*queued.get().args_kwargs["args"])
    assert builds == ["el"]
    ready = client.get("/el/offline/guide/")
    assert ready.status_code == 200
    assert ready["Content-Type"] == offline.DOCX_TYPE
