"""The world of the permission matrix: the session's cast (tests/cast.py) and what it does not have, built once
per module with the factories (tests/factories.py).

Every object the matrix asks for belongs to someone: the cast's relationship with its outputs in every review
state, filled forms of different owners, practices published and pending, and, added here, a third department
("Education") with a member who shares nothing with anyone, a relationship of that department with an output
awaiting its own reviewers, a page restricted to a group, and attachments of a published and of a pending
practice. Texts that only some roles may read carry a marker (`Secret`), so that any answer can be searched
for data its reader should not see.
"""

import dataclasses
import datetime
import uuid

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client, override_settings
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import (
    APIToken,
    Collection,
    CollectionViewRestriction,
    Locale,
    Page,
    PageViewRestriction,
    Site,
    TaskState,
    WorkflowState,
)
from wagtail_headless_preview.models import PagePreview
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.synctree import create_aliases_for_new_page

from forms_library.models import (
    FilledForm,
    FilledFormGroupObjectPermission,
    FilledFormUserObjectPermission,
    FormTemplatePage,
)
from home.models import GuideIndexPage, GuidePage, HomePage, InformationPage, TaskFailure
from mentoring import permissions as mentoring_permissions
from mentoring.feeds import feed_of
from mentoring.models import (
    CalendarFeed,
    Department,
    GroupMember,
    GroupProposal,
    MatchProposal,
    MentoringModel,
    MentoringRelationship,
    MentoringSession,
    MentorOffer,
    MentorRequest,
    MentorTraining,
    SessionAttendance,
    StageConfirmation,
    StageOutput,
    StageOutputGroupObjectPermission,
    StageRequirement,
)
from practices.models import PracticeAttachment, PracticeDraft, PracticeIndexPage, PracticePage
from qser_site import privacy_exports
from qser_site.models import PersonalDataExport
from tests.factories import FilledFormFactory, PracticePageFactory, decide, form_template, site_page, submit_output
from tests.practices.conftest import pdf_file, practice_data

# The columns of the matrix, in the order of the README's roles, and the user each role signs in as.
ROLES = ("anonymous", "staff", "mentee", "mentor", "reviewer", "outsider", "translator", "editor", "admin")
USERNAMES = {
    "staff": "staff",
    "mentee": "mentee",
    "mentor": "mentor",
    "reviewer": "reviewer",
    "outsider": "outsider",
    "translator": "translator_el",
    "editor": "editor",
    "admin": "admin",
}
PASSWORD = "qser-demo"
DAY = datetime.date(2026, 1, 12)
# Sessions are made without the login throttle in the way; the matrix is about what a session may do.
SESSION_BACKEND = "django.contrib.auth.backends.ModelBackend"


@dataclasses.dataclass(frozen=True)
class Secret:
    """A text that must appear in no answer to a role outside `seen_by`."""

    text: str
    seen_by: frozenset


@dataclasses.dataclass
class World:
    ids: dict  # placeholder name → the value it stands for in a URL (ids, slugs)
    sessions: dict  # role → session key
    tokens: dict  # role → Wagtail API token (plaintext)
    secrets: list
    snapshot: list  # world_snapshot() of the world as built: every test starts from it

    def url(self, template):
        return template.format(**self.ids)

    def client(self, role):
        client = Client()
        if role in self.sessions:
            client.cookies[settings.SESSION_COOKIE_NAME] = self.sessions[role]
        return client

    def bearer(self, role):
        return {"HTTP_AUTHORIZATION": f"Bearer {self.tokens[role]}"} if role in self.tokens else {}

    def leaks(self, role, text):
        return [secret.text for secret in self.secrets if role not in secret.seen_by and secret.text in text]


def _user(username, *groups):
    user = get_user_model().objects.create_user(username, f"{username}@example.org", PASSWORD)
    user.groups.add(*groups)
    return user


def _completed_form(slug, owner, title=None, answer=None, language="cs"):
    """A filled form of `owner` completed with an answer to every field; `answer` replaces its first text."""
    template = form_template(slug, language)
    filled = FilledFormFactory(template=template, owner=owner, status=FilledForm.Status.COMPLETE)
    filled.title = title or filled.title
    if answer:
        first_text = next(d.name for d in template.definitions if d.kind in ("short_text", "long_text"))
        filled.answers[first_text] = answer
    filled.save()
    return filled


def _output(relationship, author, slug, **form):
    """A completed filled form of `author` made a stage output, not yet in review."""
    filled = _completed_form(slug, author, **form)
    output = StageOutput(relationship=relationship, stage=filled.stage, filled_form=filled, author=author)
    output.copy_from_filled_form()
    output.live = False
    output.save()
    return output


def _other_department(ids, secrets):
    """Education: the outsider shares nothing with anyone; its own relationship awaits its own reviewers."""
    education = Department(name="Education", municipality="Zaragoza", country="ES")
    education.save()
    outsider = _user("outsider", education.members_group)
    ids["outsider_user"] = outsider.pk
    edu_mentor = _user("edu_mentor", education.members_group)
    edu_mentee = _user("edu_mentee", education.members_group)
    relationship = MentoringRelationship.objects.create(
        mentoring_model=MentoringModel.ONE_ON_ONE, mentor=edu_mentor, department=education, start_date=DAY
    )
    relationship.mentees.set([edu_mentee])
    relationship.save()
    title, answer = "zq-education-output", "zq-education-answer"
    output = _output(relationship, edu_mentee, "mutual-understanding", title=title, answer=answer, language="es")
    submit_output(output, edu_mentee)
    decide(output, edu_mentor, "approve")
    output.refresh_from_db()
    ids.update(
        other_relationship=relationship.pk,
        other_department=output.pk,
        other_department_form=output.filled_form_id,
        other_department_task=output.current_workflow_task_state.pk,
        other_department_workflow=output.current_workflow_state.pk,
    )
    # Its answers are Education's; its title and history are also the auditors' (editor).
    secrets += [Secret(answer, frozenset({"admin"})), Secret(title, frozenset({"editor", "admin"}))]


def _cast_relationship(ids, secrets):
    """The cast's outputs by state, and one more: changes requested and the form completed again."""
    relationship = MentoringRelationship.objects.get(mentor__username="mentor")
    mentee = get_user_model().objects.get(username="mentee")
    ids.update(relationship=relationship.pk, mentee_user=mentee.pk)
    session = relationship.sessions.order_by("date", "pk").first()
    ids.update(session=session.pk, session_start=session.date.isoformat(), feed_token=feed_of(mentee).token)
    ids["stage_requirement"] = StageRequirement.objects.create(mentoring_model="group", stage=3).pk
    ids["task_failure"] = TaskFailure.objects.create(
        task_path="home.mail.send_localized_mail", arguments={"args": [[], "x", {}, "x", {}], "kwargs": {}}, attempts=5
    ).pk
    for output in relationship.outputs.select_related("filled_form"):
        state = output.current_workflow_state
        if output.live:
            name = "published"
        elif state is None:
            name = "unsubmitted"
        elif state.status == state.STATUS_NEEDS_CHANGES:
            name = "changes_requested"
        elif output.current_workflow_task.name == "Mentor review":
            name = "in_mentor_review"
        else:
            name = "in_department_approval"
        ids[name] = output.pk
        ids[f"{name}_form"] = output.filled_form_id
        ids[f"{name}_revision"] = output.latest_revision_id
        if state is not None:
            ids[f"{name}_workflow"] = state.pk
        if output.current_workflow_task_state is not None:
            ids[f"{name}_task"] = output.current_workflow_task_state.pk
    # The mentor has the output in review open in the admin's editor: locked.
    StageOutput.objects.filter(pk=ids["in_mentor_review"]).update(locked=True, locked_by=relationship.mentor)
    resubmittable = _output(relationship, mentee, "swot-analysis")
    submit_output(resubmittable, mentee)
    decide(resubmittable, relationship.mentor, "reject", "Add one threat, please.")
    # Edited and completed again since the review: ready to resubmit.
    filled = FilledForm.objects.get(pk=resubmittable.filled_form_id)
    FilledForm.objects.filter(pk=filled.pk).update(
        status=FilledForm.Status.COMPLETE, answers={**filled.answers, "subject": "Edited after the review"}
    )
    ids["resubmittable"] = resubmittable.pk
    # Completed and never submitted: what the mentee may turn into a new output.
    ids["mentee_new_form"] = _completed_form("calendar-of-sessions", mentee).pk
    # A stage 5 evaluation the mentee has not submitted yet: what a practice may be drafted from (by whoever may
    # see it).
    ids["evaluation_output"] = _output(relationship, mentee, "evaluation", language="en").pk
    # The mentee's own text that only the mentee (and the superuser) may read: a form never submitted.
    unsubmitted = FilledForm.objects.get(pk=ids["unsubmitted_form"])
    unsubmitted.title = "zq-mentee-unsubmitted"
    unsubmitted.save(update_fields=["title"])
    secrets.append(Secret(unsubmitted.title, frozenset({"mentee", "admin"})))


def _staff_form(ids, secrets):
    template = FormTemplatePage.objects.get(slug="swot-analysis", locale__language_code="en")
    filled = FilledForm.start(template, get_user_model().objects.get(username="staff"))
    filled.title = "zq-staff-notes"
    filled.answers = {"subject": "Waiting times at the housing desk"}
    filled.save()
    ids.update(staff_form=filled.pk, swot=template.slug, swot_id=template.pk)
    secrets.append(Secret(filled.title, frozenset({"staff", "admin"})))


def _practices(ids, secrets):
    """A published practice with an attachment, staff's two pending ones (awaiting moderation in Spanish, changes
    requested in Greek), and a pending one with an attachment."""
    staff = get_user_model().objects.get(username="staff")
    published = PracticePageFactory(owner=staff, state="published")
    PracticePageFactory(owner=staff, state="in_moderation", parent=site_page(PracticeIndexPage, "es"))
    PracticePageFactory(owner=staff, state="changes_requested", parent=site_page(PracticeIndexPage, "el"))
    public_document = get_document_model().objects.create(title="Reminder template")
    public_document.file.save("reminder-template.txt", ContentFile(b"Your appointment is on"), save=True)
    PracticeAttachment.objects.create(page=published, document=public_document)
    ids.update(practice=published.slug, practice_id=published.pk, public_document=public_document.pk)
    ids["public_document_file"] = public_document.filename

    for page in PracticePage.objects.filter(owner=staff, live=False):
        state = page.current_workflow_state
        name = "changes_practice" if state.status == state.STATUS_NEEDS_CHANGES else "moderated_practice"
        ids[name] = page.pk
        ids[f"{name}_lang"] = page.locale.language_code

    # Staff's draft of a practice, ready to be sent: nobody else's to see, administrators included.
    draft = PracticeDraft.objects.create(
        owner=staff, language="en", data={**practice_data(title="zq-staff-draft"), "licence": ""}
    )
    ids["staff_draft"] = draft.pk
    secrets.append(Secret(draft.title, frozenset({"staff"})))

    client = Client()
    client.force_login(staff, backend=SESSION_BACKEND)
    title = "zq-pending-practice"
    response = client.post(
        "/en/practices/submit/", {**practice_data(title=title, token=uuid.uuid4()), "attachments": [pdf_file()]}
    )
    assert response.status_code == 302, response.content
    pending = PracticePage.objects.get(title=title)
    document = pending.attachments.get().document
    ids.update(
        pending_practice=pending.pk,
        pending_slug=pending.slug,
        pending_task=pending.current_workflow_task_state.pk,
        pending_document=document.pk,
        pending_document_file=document.filename,
    )
    secrets.append(Secret(title, frozenset({"staff", "editor", "admin"})))


def _pages(ids, secrets):
    """A guide in two languages, and a guide only Social Services may read."""
    guide = GuidePage.objects.live().filter(locale__language_code="en").order_by("path").first()
    guide_el = GuidePage.objects.get(translation_key=guide.translation_key, locale__language_code="el")
    ids.update(
        guide=guide.slug,
        guide_id=guide.pk,
        guide_revision=guide.latest_revision_id,
        guide_el_id=guide_el.pk,
        guide_index_id=guide.get_parent().pk,
    )
    index = GuideIndexPage.objects.get(locale__language_code="en")
    private = GuidePage(
        title="zq-private-guide", slug="zq-private-guide", summary="Case notes on zebrafinch housing", body=[]
    )
    index.add_child(instance=private)
    private.save_revision().publish()
    restriction = PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.set([Group.objects.get(name="Social Services: members")])
    # What the admin does after creating a page: the other languages' trees get an alias of it.
    create_aliases_for_new_page(private)
    private_el = GuidePage.objects.get(translation_key=private.translation_key, locale__language_code="el")
    # The translator sees the Greek alias, title included, in the admin's Greek tree.
    ids.update(
        private_guide=private.slug,
        private_guide_id=private.pk,
        private_guide_el_id=private_el.pk,
        private_restriction=restriction.pk,
    )
    secrets.append(Secret(private.title, frozenset({"mentee", "mentor", "reviewer", "translator", "editor", "admin"})))
    # A draft an editor previews in a front end: the token is the capability wagtail-headless-preview hands out.
    draft = guide.get_latest_revision_as_object()
    draft.title = "Draft title under review"
    preview = PagePreview.objects.create(
        token=str(uuid.uuid4()), content_type=ContentType.objects.get_for_model(GuidePage), content_json=draft.to_json()
    )
    ids["preview_token"] = preview.token


def _translated_pages(ids):
    """One page of each kind in the Greek tree (the translator's language), and their parents: its home and an
    information page (the editors'), a guide and a form template (the translator's), a practice published in
    Greek, and the Greek translation of the published English practice, made by wagtail-localize and not yet
    published (the translator's to translate; its moderation publishes it)."""
    greek = Locale.objects.get(language_code="el")
    home_el = HomePage.objects.get(locale=greek)
    pages = {
        "home_el": home_el,
        "information_el": InformationPage.objects.filter(locale=greek).order_by("path").first(),
        "guide_el": GuidePage.objects.get(pk=ids["guide_el_id"]),
        "form_el": form_template("swot-analysis", "el"),
        "practice_en": PracticePage.objects.get(pk=ids["practice_id"]),
        # Not one of staff's submissions this hour (no submission token): the matrix's own submit them.
        "practice_el": PracticePageFactory(
            owner=get_user_model().objects.get(username="staff"),
            parent=site_page(PracticeIndexPage, "el"),
            submission_token=None,
        ),
        "pending_el": PracticePage.objects.get(pk=ids["changes_practice"]),
        "pending_en": PracticePage.objects.get(pk=ids["pending_practice"]),
    }
    source, _created = TranslationSource.get_or_create_from_instance(pages["practice_en"])
    translation = Translation.objects.create(source=source, target_locale=greek)
    translation.save_target(publish=False)
    pages["translation_el"] = PracticePage.objects.get(
        translation_key=pages["practice_en"].translation_key, locale=greek
    )
    for kind, page in pages.items():
        ids[f"{kind}_page"] = page.pk
        ids[f"{kind}_parent"] = page.get_parent().pk
        ids[f"{kind}_revision"] = page.latest_revision_id


def _media(ids):
    image = get_image_model().objects.create(title="Leaflet", file=get_test_image_file())
    collection = Collection.get_first_root_node().add_child(name="Signed agreements")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.PASSWORD, password="zq-collection"
    )
    redirect = Redirect.objects.create(old_path="/old-guides", redirect_link="/en/guides/")
    ids.update(
        image=image.pk,
        collection_restriction=restriction.pk,
        redirect=redirect.pk,
        site=Site.objects.get(is_default_site=True).pk,
        root_collection=Collection.get_first_root_node().pk,
    )


def _pool(ids):
    """The mentor pool of Social Services, whose coordinator is the reviewer (the matrix has no coordinator column:
    the reviewer's cells on the pool's rows are the coordinator's). The mentor offers three places; the mentee has
    a request waiting and another with a match proposed to the mentor; a colleague is a candidate mentor."""
    social = Department.objects.get(name="Social Services")
    users = get_user_model().objects
    mentor, mentee = users.get(username="mentor"), users.get(username="mentee")
    mentoring_permissions.make_coordinator(users.get(username="reviewer"), [social])
    offer = MentorOffer.objects.create(
        mentor=mentor, department=social, languages=["cs", "en"], one_on_one_capacity=3, mentoring_models=["one_on_one"]
    )
    waiting = MentorRequest.objects.create(
        mentee=mentee, department=social, wants_to_learn="Interpreters", languages=["cs"]
    )
    proposed = MentorRequest.objects.create(
        mentee=mentee, department=social, wants_to_learn="Letters", languages=["cs"], state=MentorRequest.State.PROPOSED
    )
    proposal = MatchProposal.objects.create(request=proposed, offer=offer, mentoring_model=MentoringModel.ONE_ON_ONE)
    candidate = MentorOffer.objects.create(
        mentor=_user("pool_candidate", social.members_group),
        department=social,
        languages=["en"],
        status=MentorOffer.Status.CANDIDATE,
    )
    ids.update(pool_offer=offer.pk, open_request=waiting.pk, pool_proposal=proposal.pk, candidate_offer=candidate.pk)
    # A group of four colleagues proposed to the mentor, who has a group place.
    offer.group_capacity = 1
    offer.save(update_fields=["group_capacity"])
    group = GroupProposal.objects.create(offer=offer, department=social, language="cs")
    for number in range(4):
        member = MentorRequest.objects.create(
            mentee=_user(f"group_mentee{number}", social.members_group),
            department=social,
            wants_to_learn="Groups",
            languages=["cs"],
            state=MentorRequest.State.PROPOSED,
        )
        GroupMember.objects.create(proposal=group, request=member)
        ids[f"group_request{number}"] = member.pk
    ids["group_proposal"] = group.pk


def _personal_data_exports(ids):
    """A ready export of the mentee's data asked for by the mentee, and one asked for by the administrator."""
    mentee = get_user_model().objects.get(username="mentee")
    admin = get_user_model().objects.get(username="admin")
    for name, asker in (("mentee_export", mentee), ("admin_export", admin)):
        export = privacy_exports.request_export(person=mentee, actor=asker, file_format="json")
        privacy_exports.build_export.enqueue(export.pk)
        ids[name] = export.pk


def build_world():
    ids, secrets = {}, []
    for department in Department.objects.filter(name__in=["Social Services", "Housing"]):
        ids[department.name.lower().replace(" ", "_")] = department.pk
    _other_department(ids, secrets)
    _cast_relationship(ids, secrets)
    _pool(ids)
    _staff_form(ids, secrets)
    _practices(ids, secrets)
    _pages(ids, secrets)
    _translated_pages(ids)
    _media(ids)
    _personal_data_exports(ids)
    ids["nonexistent"] = 2**31 - 2
    sessions, tokens = {}, {}
    for role, username in USERNAMES.items():
        user = get_user_model().objects.get(username=username)
        client = Client()
        client.force_login(user, backend=SESSION_BACKEND)
        sessions[role] = client.cookies[settings.SESSION_COOKIE_NAME].value
        tokens[role] = APIToken.create_token(user=user, name="permission matrix")[1]
    return World(ids=ids, sessions=sessions, tokens=tokens, secrets=secrets, snapshot=world_snapshot())


def world_snapshot():
    """What a write could change, in one comparable value: records, review states, pages, accounts, media."""
    tables = [
        FilledForm.objects.values_list("pk", "status", "answers", "title"),
        StageOutput.objects.values_list("pk", "live", "latest_revision_id", "locked", "target_departments"),
        TaskState.objects.values_list("pk", "status"),
        WorkflowState.objects.values_list("pk", "status"),
        MentoringRelationship.objects.values_list("pk", "status", "current_stage", "ready_to_mentor"),
        MentoringSession.objects.values_list("pk", "topic", "date", "exdates", "record", "private_note"),
        MentoringRelationship.objects.values_list("pk", "planned_end_date", "agreed_sessions"),
        StageConfirmation.objects.values_list("pk"),
        SessionAttendance.objects.values_list("pk"),
        CalendarFeed.objects.values_list("pk", "token"),
        TaskFailure.objects.values_list("pk"),
        Page.objects.values_list("pk", "live", "latest_revision_id", "title", "locked", "path"),
        get_user_model().objects.values_list("pk", "password", "is_active", "email"),
        get_document_model().objects.values_list("pk", "title", "collection"),
        get_image_model().objects.values_list("pk", "title"),
        Redirect.objects.values_list("pk", "old_path", "redirect_link"),
        Site.objects.values_list("pk", "hostname", "root_page"),
        StageOutputGroupObjectPermission.objects.values_list("pk"),
        FilledFormGroupObjectPermission.objects.values_list("pk"),
        FilledFormUserObjectPermission.objects.values_list("pk"),
        MentorOffer.objects.values_list("pk", "status", "languages"),
        MentorRequest.objects.values_list("pk", "state"),
        MatchProposal.objects.values_list("pk", "state", "mentor_answer", "mentee_answer"),
        MentorTraining.objects.values_list("pk"),
        PracticeDraft.objects.values_list("pk", "language", "data"),
        GroupProposal.objects.values_list("pk", "state", "mentor_answer", "relationship"),
        GroupMember.objects.values_list("pk", "answer"),
        PersonalDataExport.objects.values_list("pk", "state"),
    ]
    return [list(table.order_by("pk")) for table in tables]


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """Built once in a transaction that is rolled back after the module; each test runs in a savepoint."""
    storages = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}
    media = tmp_path_factory.mktemp("media")
    with (
        override_settings(STORAGES=storages, MEDIA_ROOT=media),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        yield build_world()
        transaction.set_rollback(True)
