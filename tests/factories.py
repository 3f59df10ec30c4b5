"""Factories for what the tests need: pages, people in their roles, departments, relationships, filled forms,
stage outputs and practices in every review state.

Objects under review go through Wagtail's real workflow (`workflow.start` and the task's own actions), as the
site's operations do, so a test sees the same workflow and task states, revisions and log entries.

The site's content (locales, the home page of each language, the guides and the nine form templates with their
translations) is built once per session by `build_site_content` (tests/conftest.py); the page factories hang
their pages below it unless given a `parent`.
"""

import datetime
import uuid

import factory
import wagtail_factories
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.utils import timezone
from django.utils.text import slugify
from factory.django import DjangoModelFactory, Password
from wagtail.models import Locale, Page

from forms_library.models import FilledForm, FormIndexPage, FormTemplatePage
from home.models import GuideIndexPage, GuidePage, HomePage
from mentoring import demo as mentoring_demo
from mentoring import permissions as mentoring_permissions
from mentoring import reviews
from mentoring.models import (
    Department,
    MentoringModel,
    MentoringRelationship,
    MentoringSession,
    MentorOffer,
    MentorRequest,
    StageOutput,
)
from practices import translators
from practices.content.demo_practices import DEMO_PRACTICES
from practices.models import PracticeIndexPage, PracticePage
from practices.texts import paragraphs

PASSWORD = settings.DEMO_PASSWORD
DAY = datetime.date(2026, 1, 12)


def site_page(model, language_code="en"):
    """The site's own page of a type in a language: its home page, guide index, forms library, repository."""
    home = HomePage.objects.filter(depth=2, locale__language_code=language_code).order_by("pk").first()
    return home if model is HomePage else model.objects.child_of(home).order_by("pk").first()


def form_template(slug, language_code="en"):
    """One of the nine form templates of the site's content, in a language."""
    return FormTemplatePage.objects.get(slug=slug, locale__language_code=language_code, alias_of__isnull=True)


# Pages


class LocaleFactory(DjangoModelFactory):
    class Meta:
        model = Locale
        django_get_or_create = ("language_code",)

    language_code = settings.LANGUAGE_CODE


class SitePageFactory(wagtail_factories.PageFactory):
    """A page below `parent`, in its parent's locale, published with a revision unless `live=False`."""

    class Meta:
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Page {n}")
    slug = factory.LazyAttribute(lambda page: slugify(page.title))
    locale = factory.LazyAttribute(lambda page: page.parent.locale if page.parent else LocaleFactory())

    @factory.post_generation
    def publish(page, create, extracted, **kwargs):
        if create and page.live and extracted is not False:
            page.save_revision().publish()
            page.refresh_from_db()


class HomePageFactory(SitePageFactory):
    """A home page of its own below the tree's root (the site's own is `site_page(HomePage)`)."""

    class Meta:
        model = HomePage

    parent = factory.LazyFunction(Page.get_first_root_node)
    locale = factory.SubFactory(LocaleFactory)
    title = factory.Sequence(lambda n: f"Home {n}")
    introduction = "<p>Welcome.</p>"


class GuideIndexPageFactory(SitePageFactory):
    class Meta:
        model = GuideIndexPage

    parent = factory.LazyFunction(lambda: site_page(HomePage))
    title = factory.Sequence(lambda n: f"Guides {n}")
    introduction = "Guides."


class GuidePageFactory(SitePageFactory):
    class Meta:
        model = GuidePage

    parent = factory.LazyFunction(lambda: site_page(GuideIndexPage))
    title = factory.Sequence(lambda n: f"Guide {n}")
    summary = "What the guide is about."
    body = factory.LazyFunction(lambda: [("section", {"heading": "A section", "body": "<p>Its text.</p>"})])


class FormIndexPageFactory(SitePageFactory):
    class Meta:
        model = FormIndexPage

    parent = factory.LazyFunction(lambda: site_page(HomePage))
    title = factory.Sequence(lambda n: f"Forms {n}")
    introduction = "Forms."


def form_field(label, name, required=False, **extra):
    return {"label": label, "name": name, "help_text": "", "required": required, **extra}


FORM_FIELDS = [
    ("section_heading", {"heading": "About you", "text": ""}),
    ("short_text", form_field("Your name", "name", required=True)),
    ("long_text", form_field("What you want to learn", "goals")),
    ("date", form_field("Date", "date")),
    ("single_choice", form_field("Mentoring model", "model", choices=["One-on-one", "Group"])),
]


class FormTemplatePageFactory(SitePageFactory):
    """A form template with a field of the common kinds; `fields` takes (block type, value) pairs."""

    class Meta:
        model = FormTemplatePage

    parent = factory.LazyFunction(lambda: site_page(FormIndexPage))
    title = factory.Sequence(lambda n: f"Form {n}")
    stage = 1
    purpose = "<p>What the form is for.</p>"
    instructions = "<p>How to fill it in.</p>"
    fields = factory.LazyFunction(lambda: list(FORM_FIELDS))


class PracticeIndexPageFactory(SitePageFactory):
    class Meta:
        model = PracticeIndexPage

    parent = factory.LazyFunction(lambda: site_page(HomePage))
    title = factory.Sequence(lambda n: f"Practices {n}")
    introduction = "Practices."


# People and departments


def wagtail_admin_access():
    return Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")


class DepartmentFactory(DjangoModelFactory):
    """A department with its members and reviewers groups; its reviewers act in the Wagtail admin."""

    class Meta:
        model = Department
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Department {n}")
    municipality = "Elmstead (fictional)"
    country = "GR"

    @factory.post_generation
    def reviewers_reach_the_admin(department, create, extracted, **kwargs):
        if create:
            department.reviewers_group.permissions.add(wagtail_admin_access())


class UserFactory(DjangoModelFactory):
    """A person with the demo's password; `groups` lists the groups they belong to."""

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Sequence(lambda n: f"Person{n}")
    last_name = "Tester"
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    preferred_language = "en"
    password = Password(PASSWORD)
    groups = factory.LazyFunction(list)

    @classmethod
    def _create(cls, model_class, *args, groups=(), **kwargs):
        user = super()._create(model_class, *args, **kwargs)
        user.groups.add(*groups)
        return user

    @classmethod
    def _build(cls, model_class, *args, groups=(), **kwargs):
        return super()._build(model_class, *args, **kwargs)


class SuperuserFactory(UserFactory):
    username = factory.Sequence(lambda n: f"admin{n}")
    is_staff = True
    is_superuser = True


class EditorFactory(UserFactory):
    """Wagtail's editors and moderators: they edit and publish pages and moderate practices."""

    username = factory.Sequence(lambda n: f"editor{n}")
    groups = factory.LazyFunction(lambda: list(Group.objects.filter(name__in=["Editors", "Moderators"])))


class ModeratorFactory(UserFactory):
    username = factory.Sequence(lambda n: f"moderator{n}")
    groups = factory.LazyFunction(lambda: list(Group.objects.filter(name="Moderators")))


class MemberFactory(UserFactory):
    """Staff of a department (a mentor, a mentee, or neither): a member of its members group."""

    class Params:
        department = factory.SubFactory(DepartmentFactory)

    username = factory.Sequence(lambda n: f"member{n}")
    groups = factory.LazyAttribute(lambda user: [user.department.members_group])


class ReviewerFactory(MemberFactory):
    """A department's reviewer, who approves the outputs shared with it: a member and a reviewer."""

    username = factory.Sequence(lambda n: f"reviewer{n}")
    groups = factory.LazyAttribute(lambda user: [user.department.members_group, user.department.reviewers_group])


def translator_group(language_code):
    """The group that translates one language's sections, as the demo builds it for every language."""
    translators.build_translator_groups(site_page(HomePage))
    return Group.objects.get(name=mentoring_demo.translator_group_name(language_code))


class TranslatorFactory(UserFactory):
    class Params:
        language = "el"

    username = factory.Sequence(lambda n: f"translator{n}")
    preferred_language = factory.SelfAttribute("language")
    groups = factory.LazyAttribute(lambda user: [translator_group(user.language)])


# Mentoring


class RelationshipFactory(DjangoModelFactory):
    """One-on-one mentoring in a department: a mentor and one mentee (four in group mentoring), all members
    of it, unless `mentees` names them. The mentor and mentee roles are this: there are no groups for them."""

    class Meta:
        model = MentoringRelationship
        skip_postgeneration_save = True

    mentoring_model = MentoringModel.ONE_ON_ONE
    department = factory.SubFactory(DepartmentFactory)
    mentor = factory.SubFactory(
        MemberFactory,
        username=factory.Sequence(lambda n: f"mentor{n}"),
        department=factory.SelfAttribute("..department"),
    )
    start_date = factory.LazyFunction(timezone.localdate)

    @factory.post_generation
    def mentees(relationship, create, extracted, **kwargs):
        if not create:
            return
        mentees = extracted
        if mentees is None:
            count = 4 if relationship.mentoring_model == MentoringModel.GROUP else 1
            mentees = [
                MemberFactory(username=f"mentee{relationship.pk}-{number}", department=relationship.department)
                for number in range(count)
            ]
        relationship.mentees.set(mentees)
        relationship.save()


class GroupRelationshipFactory(RelationshipFactory):
    """Group mentoring: four mentees."""

    mentoring_model = MentoringModel.GROUP


class MentoringSessionFactory(DjangoModelFactory):
    class Meta:
        model = MentoringSession

    relationship = factory.SubFactory(RelationshipFactory)
    date = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(weeks=1))
    topic = factory.Sequence(lambda n: f"Session {n}")
    place = "Town hall"


def mentee_of(relationship):
    return relationship.mentees.order_by("pk").first()


class FilledFormFactory(DjangoModelFactory):
    """A filled form of `owner`, started from `template` as the site starts one, with an answer to every
    field (the demo's answers); a draft unless `status` says complete."""

    class Meta:
        model = FilledForm

    template = factory.SubFactory(FormTemplatePageFactory)
    owner = factory.SubFactory(UserFactory)
    language = factory.LazyAttribute(lambda filled: filled.template.locale.language_code)
    title = factory.LazyAttribute(lambda filled: filled.template.title)
    stage = factory.LazyAttribute(lambda filled: filled.template.stage)
    field_definitions = factory.LazyAttribute(lambda filled: filled.template.fields.get_prep_value())
    answers = factory.LazyAttribute(lambda filled: mentoring_demo.demo_answers(filled.template.definitions, DAY))
    status = FilledForm.Status.DRAFT


REVIEW_STATES = ["draft", "mentor_review", "changes_requested", "department_approval", "published"]


def submit_output(output, user):
    """Submitting an output for review, as the site does (mentoring.reviews)."""
    reviews.submit_for_review(user=user, output=output, log_action="wagtail.create")


def decide(output, user, action, comment=""):
    """A reviewer's decision at the output's current step, as the site takes it (mentoring.reviews)."""
    output.refresh_from_db()
    reviews.decide(user=user, output=output, action=action, comment=comment)
    output.refresh_from_db()


def department_reviewer(department):
    return department.reviewers_group.user_set.order_by("pk").first() or ReviewerFactory(department=department)


class StageOutputFactory(DjangoModelFactory):
    """A mentee's stage output of a relationship, taken to `state` (one of REVIEW_STATES) through the review:
    submitted by its author, decided by the relationship's mentor, then by a reviewer of its department
    (`state__comment` is the last decision's comment)."""

    class Meta:
        model = StageOutput
        skip_postgeneration_save = True

    relationship = factory.SubFactory(RelationshipFactory)
    author = factory.LazyAttribute(lambda output: mentee_of(output.relationship))
    filled_form = factory.SubFactory(
        FilledFormFactory, owner=factory.SelfAttribute("..author"), status=FilledForm.Status.COMPLETE
    )
    stage = factory.LazyAttribute(lambda output: output.filled_form.stage)
    title = factory.LazyAttribute(lambda output: output.filled_form.title)
    answers = factory.LazyAttribute(lambda output: output.filled_form.answers)
    live = False

    @factory.post_generation
    def target_departments(output, create, extracted, **kwargs):
        if create and extracted:
            output.target_departments.set(extracted)
            output.save()

    @factory.post_generation
    def state(output, create, extracted, **kwargs):
        state = extracted or "draft"
        assert state in REVIEW_STATES, state
        if not create:
            return
        if state == "draft":
            output.save_revision(user=output.author)
            return
        submit_output(output, output.author)
        if state == "mentor_review":
            return
        mentor = output.relationship.mentor
        if state == "changes_requested":
            decide(output, mentor, "reject", kwargs.get("comment", "Add measurable goals, please."))
            return
        decide(output, mentor, "approve")
        if state == "published":
            reviewer = department_reviewer(output.relationship.department)
            decide(output, reviewer, "approve", kwargs.get("comment", "Approved."))


# Practices

PRACTICE_STATES = ["published", "in_moderation", "changes_requested"]


class PracticePageFactory(SitePageFactory):
    """A practice in a repository (the English one unless `parent` says), submitted by `owner`, in `state`:
    approved by a moderator (so published), in moderation, or with changes requested by a moderator."""

    class Meta:
        model = PracticePage

    parent = factory.LazyFunction(lambda: site_page(PracticeIndexPage))
    title = factory.Sequence(lambda n: f"Practice {n}")
    summary = "An interpreter line at the housing desk."
    service_area = "housing"
    country = "GR"
    municipality = "Elmstead (fictional)"
    department = "Housing"
    stage = 5
    challenge = "<p>Families did not understand the requirements.</p>"
    what_was_done = "<p>An interpreter line by phone.</p>"
    results = "<p>Fewer repeated appointments.</p>"
    reuse = "<p>Any desk can use the same line.</p>"
    contact = "housing@example.org"
    owner = factory.SubFactory(MemberFactory)
    submitted_by = factory.SelfAttribute("owner")
    submission_token = factory.LazyFunction(uuid.uuid4)
    live = False

    @factory.post_generation
    def tags(page, create, extracted, **kwargs):
        if create and extracted:
            page.tags.add(*extracted)
            page.save()

    @factory.post_generation
    def state(page, create, extracted, **kwargs):
        state = extracted or "published"
        assert state in PRACTICE_STATES, state
        if not create:
            return
        page.save_revision(user=page.owner)
        workflow_state = page.get_workflow().start(page, page.owner)
        if state == "published":
            # The only way a practice is published: its moderation approves it (practices/permissions.py).
            task_state = workflow_state.current_task_state
            task_state.task.specific.on_action(task_state.specific, ModeratorFactory(), "approve")
            page.refresh_from_db()
            return
        if state == "changes_requested":
            task_state = workflow_state.current_task_state
            task_state.task.specific.on_action(
                task_state.specific, ModeratorFactory(), "reject", comment="Please add how many people were served."
            )
        page.refresh_from_db()


def practice_written_as(spec, **overrides):
    """A practice with the text of one in practices/content/demo_practices.py (real prose in its language, as
    the scale data uses), in its language's repository and in its state."""
    text = {name: paragraphs(spec[name]) for name in ("challenge", "what_was_done", "results", "reuse")}
    fields = {name: spec[name] for name in ("title", "summary", "service_area", "country", "municipality")}
    fields.update(department=spec["department"], stage=spec["stage"], contact=spec["contact"], **text)
    return PracticePageFactory(
        parent=site_page(PracticeIndexPage, spec["language"]),
        slug=slugify(spec["slug"]),
        tags=spec["tags"],
        state=spec["state"],
        **{**fields, **overrides},
    )


def practices_in_every_language(**overrides):
    """A repository with practices in every language: published ones, one in moderation, one sent back."""
    return [practice_written_as(spec, **overrides) for spec in DEMO_PRACTICES]


# The mentor pool


def coordinator_of(*departments, username=None):
    """A coordinator of the given departments (a member of the first)."""
    user = MemberFactory(
        username=username or f"coordinator{Department.objects.count()}-{get_user_model().objects.count()}",
        department=departments[0],
    )
    mentoring_permissions.make_coordinator(user, departments)
    return user


class MentorOfferFactory(DjangoModelFactory):
    """A confirmed offer of one one-on-one place, in English, online or in person."""

    class Meta:
        model = MentorOffer

    department = factory.SubFactory(DepartmentFactory)
    mentor = factory.SubFactory(
        MemberFactory,
        username=factory.Sequence(lambda n: f"poolmentor{n}"),
        department=factory.SelfAttribute("..department"),
    )
    languages = factory.LazyFunction(lambda: ["en"])
    service_areas = factory.LazyFunction(lambda: ["housing"])
    mentoring_models = factory.LazyFunction(lambda: ["one_on_one"])
    one_on_one_capacity = 1
    group_capacity = 0


class MentorRequestFactory(DjangoModelFactory):
    class Meta:
        model = MentorRequest

    department = factory.SubFactory(DepartmentFactory)
    mentee = factory.SubFactory(
        MemberFactory,
        username=factory.Sequence(lambda n: f"asker{n}"),
        department=factory.SelfAttribute("..department"),
    )
    wants_to_learn = "How to explain the housing benefit to a family that has just arrived."
    languages = factory.LazyFunction(lambda: ["en"])
    service_areas = factory.LazyFunction(lambda: ["housing"])
