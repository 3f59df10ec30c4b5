"""The contract of `setup_demo`, the one module that reads the demo: it is idempotent, it gives the demo users of
the README their roles, every page it builds answers, and every record it creates is an example that names no real
organisation and says so on the site, in the admin, the API and its Word file. Every other test reads the session's cast
(tests/cast.py) or builds its own data (tests/factories.py)."""

import json
import re
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.utils import timezone, translation
from wagtail.models import Page, Revision, WorkflowState
from wagtail.permission_policies.pages import PagePermissionPolicy

from forms_library.models import FilledForm
from home.models import GuideIndexPage, HomePage
from mentoring import demo as mentoring_demo
from mentoring import permissions, pool
from mentoring.models import (
    Department,
    GroupProposal,
    MatchProposal,
    MentoringRelationship,
    MentoringSession,
    MentorOffer,
    MentorRequest,
    MentorTraining,
    StageOutput,
)
from practices.models import PracticePage
from tests.conftest import LANGUAGE_CODES, for_the_module, sign_in
from tests.factories import site_page
from tests.forms_library.helpers import docx_text
from tests.home.test_demo_fictional import real_bodies_in

pytestmark = pytest.mark.django_db

# The users of the README's table.
DEMO_USERNAMES = {"admin", "editor", "reviewer", "mentor", "mentee", "staff", "translator_el"}


def remove_the_cast():
    """The session's cast (tests/cast.py) has the demo's names: without it, setup_demo must build them itself."""
    StageOutput.objects.all().delete()
    MentoringRelationship.objects.all().delete()
    FilledForm.objects.all().delete()
    get_user_model().objects.all().delete()
    for department in Department.objects.all():
        department.delete()
        Group.objects.filter(pk__in=[department.members_group_id, department.reviewers_group_id]).delete()


@pytest.fixture(scope="module", autouse=True)
def demo(django_db_setup, django_db_blocker):
    """The demo built once for the module on the site's content alone, in a transaction rolled back after it."""
    with for_the_module(django_db_blocker):
        remove_the_cast()
        call_command("setup_demo", stdout=StringIO())
        yield


def counts():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "users": get_user_model().objects.count(),
        "groups": Group.objects.count(),
        "departments": Department.objects.count(),
        "group proposals": GroupProposal.objects.count(),
    }


def test_setup_demo_twice_changes_nothing():
    before = counts()
    call_command("setup_demo", stdout=StringIO())
    assert counts() == before


def test_the_demo_replaces_wagtails_placeholder_page_in_every_language():
    """Only the home pages of the site's languages sit below the root: not Wagtail's "Welcome" page, nor
    the copies that synchronising the locales made of it."""
    top_level = Page.get_first_root_node().get_children().specific()
    assert sorted(page.locale.language_code for page in top_level) == sorted(LANGUAGE_CODES)
    assert {type(page).__name__ for page in top_level} == {"HomePage"}


def test_demo_users_and_departments_exist():
    users = set(get_user_model().objects.values_list("username", flat=True))
    assert {"admin", "editor", "reviewer", "mentor", "mentee", "staff", "translator_el"} <= users
    assert set(Department.objects.values_list("name", flat=True)) == {"Social Services", "Housing"}
    assert get_user_model().objects.get(username="admin").is_superuser


def test_each_demo_user_has_the_time_zone_of_their_own_country():
    zones = dict(get_user_model().objects.filter(username__in=DEMO_USERNAMES).values_list("username", "time_zone"))
    assert zones["mentee"] == "Europe/Prague"  # Jan Novák, Czech
    assert zones["staff"] == "Europe/Berlin"  # Sabine Schmidt, German
    assert zones["reviewer"] == "Europe/Madrid"
    assert zones["mentor"] == "Europe/Athens"
    assert all(zones.values())


def review_state(output):
    if output.live:
        return "published"
    state = output.current_workflow_state
    return state.status if state else "draft"


def test_the_demo_users_of_the_readme_have_their_roles():
    people = {user.username: user for user in get_user_model().objects.filter(username__in=DEMO_USERNAMES)}
    assert set(people) == DEMO_USERNAMES
    assert all(person.check_password("qser-demo") for person in people.values())
    assert {group.name for group in people["editor"].groups.all()} == {"Editors", "Moderators"}
    assert [department.name for department in people["reviewer"].departments] == ["Social Services"]
    assert people["reviewer"].groups.filter(name="Social Services: reviewers").exists()
    assert [department.name for department in people["staff"].departments] == ["Housing"]
    relationship = MentoringRelationship.objects.get(mentor=people["mentor"])
    assert relationship.department.name == "Social Services"
    assert list(relationship.mentees.all()) == [people["mentee"]]
    states = {review_state(output) for output in relationship.outputs.all()}
    assert states == {"draft", "published", WorkflowState.STATUS_IN_PROGRESS, WorkflowState.STATUS_NEEDS_CHANGES}
    pending = {
        page.current_workflow_state.status for page in PracticePage.objects.filter(owner=people["staff"], live=False)
    }
    assert pending == {WorkflowState.STATUS_IN_PROGRESS, WorkflowState.STATUS_NEEDS_CHANGES}
    policy = PagePermissionPolicy()
    assert policy.user_has_permission_for_instance(people["translator_el"], "change", site_page(GuideIndexPage, "el"))
    assert not policy.user_has_permission_for_instance(people["translator_el"], "change", site_page(HomePage, "el"))
    assert not policy.user_has_permission_for_instance(people["translator_el"], "change", site_page(GuideIndexPage))


def test_every_page_the_demo_builds_answers(client):
    for page in Page.objects.live().public().filter(depth__gt=1).specific():
        assert client.get(page.url).status_code == 200, page.url


def test_home_pages_are_translations_of_one_page_not_unrelated_pages(home_en):
    translations = home_en.get_translations(inclusive=True).filter(alias_of__isnull=True)
    assert sorted(translations.values_list("locale__language_code", flat=True)) == sorted(LANGUAGE_CODES)


def test_setup_demo_refuses_to_run_without_a_development_password(settings):
    del settings.DEMO_PASSWORD
    with pytest.raises(CommandError):
        call_command("setup_demo", stdout=StringIO())


# Examples: every record the demo creates is flagged, names no real body, and says so wherever it is shown.

BADGE = 'class="badge badge--example"'


def demo_records():
    """Everything the demo creates of the kinds that carry the flag (the session's cast was removed)."""
    return {
        "practices": PracticePage.objects.all(),
        "departments": Department.objects.all(),
        "relationships": MentoringRelationship.objects.all(),
        "filled forms": FilledForm.objects.all(),
        "stage outputs": StageOutput.objects.all(),
    }


def in_language(language_code, message, context="a demo record"):
    with translation.override(language_code):
        return translation.pgettext(context, message) if context else translation.gettext(message)


def notice(language_code):
    return in_language(language_code, "Example record created for demonstration: fictional", context=None)


def test_every_record_the_demo_creates_is_an_example():
    for kind, records in demo_records().items():
        assert records.exists(), kind
        assert list(records.filter(is_example=False)) == [], kind


def demo_texts():
    """(record, its texts) for every text the demo wrote, in every language it wrote in."""
    for page in PracticePage.objects.all():
        fields = ["title", "summary", "municipality", "department", "contact", *PracticePage.RICH_TEXT_FIELDS]
        yield page.url_path, [getattr(page, name) for name in fields] + list(page.tags.names())
    for department in Department.objects.all():
        yield department.name, [department.name, department.municipality]
    for relationship in MentoringRelationship.objects.all():
        sessions = [text for session in relationship.sessions.all() for text in (session.topic, session.place)]
        yield str(relationship), [str(relationship), *sessions]
    for filled in FilledForm.objects.all():
        yield filled.title, [filled.title, json.dumps(filled.answers, ensure_ascii=False)]
    for output in StageOutput.objects.all():
        comments = [task.comment for state in output.workflow_states.all() for task in state.task_states.all()]
        yield output.title, [output.title, json.dumps(output.answers, ensure_ascii=False), *comments]
    for person in get_user_model().objects.all():
        yield person.username, [person.first_name, person.last_name, person.email]


def test_no_demo_record_names_a_real_organisation():
    found = [(record, text[:80], real_bodies_in(text)) for record, texts in demo_texts() for text in texts]
    assert [finding for finding in found if finding[2]] == []
    assert {department.municipality for department in Department.objects.all()} == {"Elaiopoli (fictional)"}


def test_the_demos_practices_show_the_example_badge_in_their_language(client):
    published = PracticePage.objects.live().select_related("locale")
    assert published.count() == 8
    for practice in published:
        language = practice.locale.language_code
        page = client.get(practice.url).content.decode()
        assert BADGE in page and in_language(language, "Example") in page, practice.url
        listing = client.get(practice.get_parent().url).content.decode()
        assert listing.count(BADGE) == published.filter(locale=practice.locale).count()
    sign_in(client, "staff")
    mine = client.get("/de/practices/mine/").content.decode()
    submitted = PracticePage.objects.filter(owner__username="staff", submission_token__isnull=False)
    assert mine.count(BADGE) == submitted.count() == 2


def test_the_demos_relationship_outputs_and_forms_show_the_example_badge(client):
    relationship = MentoringRelationship.objects.get(mentor__username="mentor")
    sign_in(client, "mentee")
    assert BADGE in client.get(f"/cs/mentoring/{relationship.pk}/").content.decode()
    assert BADGE in client.get("/cs/mentoring/").content.decode()
    for output in relationship.outputs.all():
        page = client.get(f"/cs/mentoring/outputs/{output.pk}/").content.decode()
        assert BADGE in page and in_language("cs", "Example") in page
    my_forms = client.get("/cs/forms/mine/").content.decode()
    assert my_forms.count(BADGE) == FilledForm.objects.filter(owner__username="mentee").count() == 5
    sign_in(client, "staff")
    assert BADGE in client.get("/de/mentoring/shared/").content.decode()


def test_the_api_says_which_records_are_examples(client):
    practices = client.get("/api/v2/pages/", {"type": "practices.PracticePage", "fields": "is_example"}).json()
    assert practices["meta"]["total_count"] == 8
    assert all(item["is_example"] is True for item in practices["items"])
    detail = client.get(f"/api/v2/pages/{practices['items'][0]['id']}/").json()
    assert detail["is_example"] is True
    sign_in(client, "mentee")
    forms = client.get("/api/forms/mine/").json()["items"]
    assert len(forms) == 5 and all(item["is_example"] is True for item in forms)
    sign_in(client, "staff")
    shared = client.get("/api/outputs/shared/").json()["items"]
    assert shared and all(item["is_example"] is True for item in shared)


def test_the_word_files_of_demo_records_say_they_are_examples(client):
    for practice in PracticePage.objects.live().select_related("locale"):
        text = docx_text(client.get(f"{practice.url}docx/").content)
        assert notice(practice.locale.language_code) in text, practice.url
    sign_in(client, "mentee")
    for output in StageOutput.objects.filter(relationship__mentees__username="mentee"):
        assert notice("cs") in docx_text(client.get(f"/cs/mentoring/outputs/{output.pk}/docx/").content)
    for filled in FilledForm.objects.filter(owner__username="mentee"):
        assert notice("cs") in docx_text(client.get(f"/api/forms/mine/{filled.pk}/docx/").content)
    assert notice("cs") != notice("en") and notice("el") != notice("en")


def test_the_admin_marks_the_demos_records_as_examples(client):
    """A status tag in the listings of the snippets, the label after a practice's title in the page explorer and
    its edit view, and the flag as a read-only field of the edit views."""
    sign_in(client, "admin")
    label = in_language("en", "Example")
    for model, records in [
        ("department", Department.objects),
        ("mentoringrelationship", MentoringRelationship.objects),
        ("stageoutput", StageOutput.objects),
    ]:
        listing = client.get(f"/admin/snippets/mentoring/{model}/").content.decode()
        tags = re.findall(rf'class="w-status w-status--primary"[^>]*>\s*{label}\s*<', listing)
        assert len(tags) == records.count(), model
        edit = client.get(f"/admin/snippets/mentoring/{model}/edit/{records.first().pk}/").content.decode()
        assert "Created for demonstration by the demo data: fictional." in edit, model
        assert 'name="is_example"' not in edit, model
    practice = PracticePage.objects.live().first()
    assert f"{practice.title} ({label})" in client.get(f"/admin/pages/{practice.get_parent().pk}/").content.decode()
    edit = client.get(f"/admin/pages/{practice.pk}/edit/").content.decode()
    assert f"{practice.title} ({label})" in edit
    assert "Created for demonstration by the demo data: fictional." in edit and 'name="is_example"' not in edit


def test_the_demo_operator_is_fictional_and_shown_on_the_privacy_notice(client):
    text = client.get("/en/privacy/").content.decode()
    assert "Example Municipality of Elmstead (fictional demo operator)" in text
    assert "dpo@example.org" in text


def test_the_demo_departments_have_their_names_in_el_cs_de_es():
    from mentoring.demo import DEPARTMENT_NAMES

    for name, names in DEPARTMENT_NAMES.items():
        department = Department.objects.get(name=name)
        assert set(names) == {"el", "cs", "de", "es"}
        for language, translated in names.items():
            assert department.name_in(language) == translated != name
        assert department.name_in("en") == name


def test_the_demo_shows_the_programme_at_every_point_of_the_pool(client):
    """The coordinator of Social Services and Housing, a request waiting, a match proposed and a candidate mentor."""
    coordinator = get_user_model().objects.get(username="coordinator")
    assert coordinator.check_password("qser-demo") and coordinator.time_zone == "Europe/Athens"
    coordinated = permissions.coordinated_departments(coordinator)
    assert sorted(department.name for department in coordinated) == ["Housing", "Social Services"]
    assert MentorRequest.objects.filter(state=MentorRequest.State.OPEN, is_example=True).exists()
    assert MatchProposal.objects.filter(state=MatchProposal.State.PROPOSED, is_example=True).exists()
    candidate = MentorOffer.objects.get(status=MentorOffer.Status.CANDIDATE)
    assert candidate.came_from.status == MentoringRelationship.Status.COMPLETED
    sign_in(client, "coordinator")
    page = client.get("/el/mentoring/pool/requests/").content.decode()
    assert "data-request=" in page and "data-mentor=" in page
    assert f'data-candidate="{candidate.mentor.username}"' in client.get("/el/mentoring/pool/").content.decode()


def test_the_demo_shows_the_programme_from_a_request_to_the_lineage(client):
    """Relationships at several stages, sessions planned and held, a calendar of sessions in step with its session,
    a candidate mentor, and a former mentee confirmed after training who now mentors someone (the lineage); built
    again, nothing more."""
    active = MentoringRelationship.objects.filter(status=MentoringRelationship.Status.ACTIVE)
    assert {relationship.current_stage for relationship in active} >= {1, 2, 3}
    assert MentoringRelationship.objects.filter(status=MentoringRelationship.Status.COMPLETED).count() >= 2
    now = timezone.now()
    assert MentoringSession.objects.filter(date__lt=now, attendance__isnull=False).exists()
    assert MentoringSession.objects.filter(date__gt=now).exists()
    started = MentoringRelationship.objects.get(mentor__username="pool_housing_mentor", current_stage=1)
    session = started.sessions.get()
    assert started.calendar.answers["sessions"][session.calendar_row][1] == session.topic
    assert started.calendar.is_example

    former = MentorOffer.objects.get(mentor__username="pool_former_mentee")
    assert former.status == MentorOffer.Status.CONFIRMED and former.came_from.mentor.username == "pool_housing_mentor"
    assert MentorTraining.objects.filter(person=former.mentor, is_example=True).exists()
    mentoring = MentoringRelationship.objects.get(mentor=former.mentor)
    assert pool.lineage(mentoring).username == "pool_housing_mentor"
    assert MentorOffer.objects.filter(status=MentorOffer.Status.CANDIDATE).exists()
    for model in (MentorOffer, MentorRequest, MatchProposal, MentorTraining):
        assert not model.objects.filter(is_example=False).exists(), model
    client.force_login(mentoring.mentor)
    page = client.get(f"/en/mentoring/{mentoring.pk}/").content.decode()
    assert "data-lineage" in page and "Thomas Weber" in page

    def numbers():
        return [
            model.objects.count()
            for model in (MentoringRelationship, MentoringSession, MentorOffer, MentorRequest, MatchProposal)
        ]

    before = numbers()
    mentoring_demo.build_pool()
    mentoring_demo.build_programme()
    assert numbers() == before


def test_the_demo_has_a_group_waiting_for_its_answers():
    """Four requests of Social Services proposed as a group with the demo mentor (one group place), marked as an
    example; the demo's second run (test_setup_demo_twice_changes_nothing) proposes nothing more."""
    proposal = GroupProposal.objects.get()
    assert proposal.is_example
    assert proposal.state == GroupProposal.State.PROPOSED
    assert proposal.offer.mentor.username == "mentor"
    assert proposal.language == "en"
    assert proposal.members.count() == 4
