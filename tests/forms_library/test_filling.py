import pytest
from bs4 import BeautifulSoup
from django.utils import translation
from django.utils.translation import pgettext
from guardian.shortcuts import assign_perm

from forms_library.models import FilledForm, FormTemplatePage
from tests.conftest import LANGUAGE_CODES, translated
from tests.factories import MemberFactory
from tests.forms_library.helpers import docx_text, sample_post

pytestmark = pytest.mark.django_db


def template(code, slug):
    return FormTemplatePage.objects.get(locale__language_code=code, slug=slug, alias_of__isnull=True)


@pytest.fixture
def staff(client):
    staff = MemberFactory()
    client.force_login(staff)
    return staff


def test_filling_needs_a_signed_in_user(client):
    response = client.get("/en/forms/swot-analysis/fill/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/en/forms/swot-analysis/fill/"
    assert client.get("/en/forms/mine/").status_code == 302


def test_a_draft_may_leave_required_fields_empty_and_comes_back(client, staff):
    response = client.post("/cs/forms/swot-analysis/fill/", {"action": "save_draft", "subject": "Přepážka bydlení"})
    assert response.status_code == 302
    filled = FilledForm.objects.get(owner=staff)
    assert filled.status == FilledForm.Status.DRAFT
    assert filled.language == "cs"
    assert filled.answers == {"subject": "Přepážka bydlení"}
    html = BeautifulSoup(client.get(response["Location"]).content, "html.parser")
    assert html.select_one('input[name="subject"]')["value"] == "Přepážka bydlení"


def test_completing_with_errors_stores_nothing_and_marks_each_field_in_the_readers_language(client, staff):
    response = client.post(
        "/el/forms/session-record/fill/",
        {"action": "complete", "session_date": "31/02/2026", "duration_minutes": "ninety", "usefulness": "9"},
    )
    assert response.status_code == 400
    assert not FilledForm.objects.filter(owner=staff).exists()
    html = BeautifulSoup(response.content, "html.parser")
    errors = {fieldset_or_div_name(e): e.get_text(" ", strip=True) for e in html.select(".field--error")}
    assert len(errors) == 5  # date, duration, participants (required), topics (required), usefulness
    # Each invalid input, or the fieldset around a group of inputs, points at its error message.
    for element in html.select('[aria-invalid="true"]'):
        described = element.get("aria-describedby") or element.find_parent("fieldset").get("aria-describedby")
        assert "_error" in described
    assert (
        translated("The form has errors. Nothing was saved: correct the fields marked below.", "el")
        in response.content.decode()
    )
    assert "Εισάγετε" in html.select_one(".field--error").get_text()  # Django's own Greek message


def fieldset_or_div_name(element):
    field = element.select_one("[name]")
    return field["name"] if field else element.get("id")


def test_complete_form_is_read_only_afterwards(client, staff):
    page = template("en", "mutual-understanding")
    data, _expected = sample_post(page.definitions)
    response = client.post(f"{page.url}fill/", {**data, "action": "complete"})
    assert response.status_code == 302
    filled = FilledForm.objects.get(owner=staff)
    assert filled.status == FilledForm.Status.COMPLETE
    response = client.post(response["Location"], {"action": "save_draft", "session_date": "2027-01-01"})
    assert response.status_code == 403
    filled.refresh_from_db()
    assert filled.answers["session_date"] == data["session_date"]


def test_my_forms_lists_the_users_forms_with_their_state(client, staff):
    other = MemberFactory()
    FilledForm.start(template("de", "swot-analysis"), staff).save()
    FilledForm.start(template("en", "evaluation"), other).save()
    html = BeautifulSoup(client.get("/de/forms/mine/").content, "html.parser")
    rows = html.select("table.listing tbody tr")
    assert len(rows) == 1
    assert "SWOT" in rows[0].get_text()
    assert translated("Draft", "de") in rows[0].get_text()


def test_add_row_offers_another_empty_row_without_saving(client, staff):
    response = client.post(
        "/en/forms/calendar-of-sessions/fill/",
        {"relationship": "Maria & Jan", "sessions-rows": "8", "add_row": "sessions"},
    )
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    assert len(html.select('input[name^="sessions-"][name$="-0"]')) == 9
    assert html.select_one('input[name="relationship"]')["value"] == "Maria & Jan"
    assert not FilledForm.objects.filter(owner=staff).exists()


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_filled_word_file_holds_every_answer(client, staff, code):
    for page in FormTemplatePage.objects.live().filter(locale__language_code=code, alias_of__isnull=True):
        data, expected = sample_post(page.definitions, text=f"{code}-{page.slug}")
        response = client.post(f"{page.url}fill/", {**data, "action": "complete"})
        assert response.status_code == 302, (page.slug, response.content.decode()[:2000])
        download = client.get(response["Location"] + "docx/")
        assert download.status_code == 200
        text = docx_text(download.content)
        for answer in expected:
            assert answer in text, (page.slug, answer)


def test_filled_form_survives_later_edits_of_its_template(client, staff):
    page = template("en", "swot-analysis")
    data, _expected = sample_post(page.definitions)
    location = client.post(f"{page.url}fill/", {**data, "action": "save_draft"})["Location"]
    # An editor renames and removes fields afterwards.
    page.fields = [block for block in page.fields.raw_data if block["value"].get("name") != "next_steps"]
    for block in page.fields.raw_data:
        if block["value"].get("name") == "subject":
            block["value"]["label"] = "Renamed label"
    page.save_revision().publish()
    html = client.get(location).content.decode()
    assert "Practice or scenario analysed" in html and "Renamed label" not in html
    text = docx_text(client.get(location + "docx/").content)
    assert "Practice or scenario analysed" in text
    assert data["next_steps"] in text


def test_filled_form_downloads_follow_the_permission_rules(client, staff):
    page = template("en", "evaluation")
    data, _expected = sample_post(page.definitions)
    location = client.post(f"{page.url}fill/", {**data, "action": "complete"})["Location"]
    filled = FilledForm.objects.get(owner=staff)
    docx_url = location + "docx/"
    assert client.get(docx_url).status_code == 200
    client.logout()
    assert client.get(docx_url).status_code == 302
    mentor = MemberFactory()
    client.force_login(mentor)
    assert client.get(docx_url).status_code == 404
    assert client.get(location).status_code == 404
    assign_perm("forms_library.view_filledform", mentor, filled)
    assert client.get(docx_url).status_code == 200
    assert client.post(location, {"action": "save_draft"}).status_code == 403
    assert client.get("/en/forms/mine/999999/docx/").status_code == 404


@pytest.mark.parametrize("count", [1, 30])
def test_my_forms_query_count_does_not_grow(client, staff, django_assert_max_num_queries, count):
    for _n in range(count):
        FilledForm.start(template("en", "swot-analysis"), staff).save()
    # Read in German: each English form's title is its template's German one, found in the list's own query.
    client.get("/de/forms/mine/")
    with django_assert_max_num_queries(15):
        assert client.get("/de/forms/mine/").status_code == 200


def test_language_switcher_keeps_the_filled_forms_address(client, staff):
    html = BeautifulSoup(client.get("/el/forms/mine/").content, "html.parser")
    switcher = {a["hreflang"]: a["href"] for a in html.select("nav.language-switcher a[hreflang]")}
    assert switcher["cs"] == "/cs/forms/mine/"


def test_my_forms_marks_the_example_forms_only(client, staff):
    example = FilledForm.start(template("de", "swot-analysis"), staff)
    example.is_example = True
    example.save()
    FilledForm.start(template("de", "evaluation"), staff).save()
    html = BeautifulSoup(client.get("/de/forms/mine/").content, "html.parser")
    badged = [bool(row.select_one(".badge--example")) for row in html.select("table.listing tbody tr")]
    assert sorted(badged) == [False, True]
    with translation.override("de"):
        word = pgettext("a demo record", "Example")
    assert html.select_one(".badge--example").get_text(strip=True) == word != "Example"
