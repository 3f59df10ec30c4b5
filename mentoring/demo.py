"""Departments, role groups and the demo users of the README, built by `setup_demo`: examples of a fictional
municipality (home/examples.py), with fictional people."""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.utils import timezone
from wagtail.models import GroupPagePermission, Locale, Page

from forms_library.fields import example_answers
from forms_library.kinds import Sample
from forms_library.models import FilledForm, FormTemplatePage
from home.examples import fictional_municipality
from home.programme import TIME_ZONES, Country

from . import permissions, pool, reviews
from .models import (
    Department,
    MatchProposal,
    MentoringModel,
    MentoringRelationship,
    MentoringSession,
    MentorOffer,
    MentorRequest,
    StageOutput,
)

# The departments of the README keep their names; their municipality is fictional.
DEPARTMENTS = [
    # name, municipality, country
    ("Social Services", fictional_municipality("GR", 0, "en"), "GR"),
    ("Housing", fictional_municipality("GR", 0, "en"), "GR"),
]

EDITORS = "Editors"
MODERATORS = "Moderators"

# username: (first name, last name, preferred language, groups, superuser)
DEMO_USERS = {
    "admin": ("Alexandra", "Admin", "en", [], True),
    "editor": ("Eleni", "Editor", "en", [EDITORS, MODERATORS], False),
    "reviewer": ("Rafael", "Reviewer", "es", ["Social Services: members", "Social Services: reviewers"], False),
    "mentor": ("Maria", "Papadopoulou", "el", ["Social Services: members"], False),
    "mentee": ("Jan", "Novák", "cs", ["Social Services: members"], False),
    "staff": ("Sabine", "Schmidt", "de", ["Housing: members"], False),
    "translator_el": ("Giorgos", "Translator", "el", ["Translators: el"], False),
    # Coordinator of Social Services and Housing (build_pool grants the departments).
    "coordinator": ("Eleftheria", "Nikolaou", "el", ["Social Services: members"], False),
}


def translator_group_name(language_code):
    return f"Translators: {language_code}"


def build_departments():
    departments = []
    for name, municipality, country in DEPARTMENTS:
        # update_or_create: a database built by an earlier demo gets the fictional municipality and the flag too.
        department, _created = Department.objects.update_or_create(
            name=name, defaults={"municipality": municipality, "country": country, "is_example": True}
        )
        departments.append(department)
    access_admin = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    for department in departments:
        # Reviewers act on workflow tasks in the Wagtail admin.
        department.reviewers_group.permissions.add(access_admin)
    return departments


def build_translator_groups(home):
    """One group per target language, whose members edit only that locale's page tree."""
    access_admin = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    page_permissions = Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=["add_page", "change_page", "publish_page"]
    )
    for code, _name in settings.LANGUAGES:
        if code == settings.LANGUAGE_CODE:
            continue
        group, _created = Group.objects.get_or_create(name=translator_group_name(code))
        group.permissions.add(access_admin)
        locale_home = Page.objects.get(
            translation_key=home.translation_key, locale=Locale.objects.get(language_code=code)
        )
        for permission in page_permissions:
            GroupPagePermission.objects.get_or_create(group=group, page=locale_home, permission=permission)


# The demo's fiction: each person works in the country of their language (so sees its time), the English-speaking
# ones in the departments' country.
DEMO_COUNTRIES = {"el": Country.GREECE, "cs": Country.CZECHIA, "de": Country.GERMANY, "es": Country.SPAIN}


def build_users(password):
    User = get_user_model()
    for username, (first_name, last_name, language, groups, superuser) in DEMO_USERS.items():
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first_name,
                "last_name": last_name,
                "email": f"{username}@example.org",
                "preferred_language": language,
                "time_zone": TIME_ZONES[DEMO_COUNTRIES.get(language, Country.GREECE)],
                "is_staff": superuser,
                "is_superuser": superuser,
            },
        )
        if created:
            user.set_password(password)
            user.save()
        user.groups.add(*Group.objects.filter(name__in=groups))


# Demo answers, in Czech: the mentee Jan Novák fills the forms in his language.
DEMO_TEXT = {
    "short_text": "Jan Novák, odbor sociálních služeb",
    "long_text": "Na přepážce se často setkávám s rodinami, které nerozumějí postupu žádosti o dávky. "
    "Chci se naučit vysvětlovat kroky jednoduše a ověřit si, že mi klient rozumí.",
    "swot": "Trpělivé vysvětlování a tlumočník po telefonu.",
}


def demo_answers(definitions, day):
    return example_answers(
        definitions,
        Sample(
            day=day, short_text=DEMO_TEXT["short_text"], long_text=DEMO_TEXT["long_text"], swot_text=DEMO_TEXT["swot"]
        ),
    )


CHANGES_REQUESTED = "Doplňte prosím měřitelné ukazatele ke každému cíli."

# (form template, what happens to its output)
DEMO_OUTPUTS = [
    ("partnership-agreement", "published"),
    ("mutual-understanding", "department_approval"),
    ("calendar-of-sessions", "mentor_review"),
    ("expectations-and-goals", "changes_requested"),
    ("session-record", "draft"),
]


def build_relationship():
    """Maria mentors Jan (Social Services), with outputs in every state of the review."""
    User = get_user_model()
    mentor, mentee = User.objects.get(username="mentor"), User.objects.get(username="mentee")
    reviewer = User.objects.get(username="reviewer")
    social = Department.objects.get(name="Social Services")
    today = timezone.localdate()
    relationship, created = MentoringRelationship.objects.get_or_create(
        mentor=mentor,
        department=social,
        defaults={"mentoring_model": MentoringModel.ONE_ON_ONE, "start_date": today, "is_example": True},
    )
    if not created:
        return
    relationship.mentees.set([mentee])
    relationship.save()
    for week, topic in enumerate(["Seznámení a pravidla", "Cíle a plán", "Pracovní scénáře"], start=1):
        MentoringSession.objects.create(
            relationship=relationship,
            date=timezone.now() + datetime.timedelta(weeks=week),
            topic=topic,
            place="Radnice, zasedací místnost 2",
        )
    housing = Department.objects.get(name="Housing")
    for slug, state in DEMO_OUTPUTS:
        template = FormTemplatePage.objects.get(slug=slug, locale__language_code="cs", alias_of__isnull=True)
        filled = FilledForm.start(template, mentee)
        filled.answers = demo_answers(template.definitions, today)
        filled.status = FilledForm.Status.COMPLETE
        filled.is_example = True
        filled.save()
        output = StageOutput(
            relationship=relationship,
            stage=template.stage,
            filled_form=filled,
            author=mentee,
            live=False,
            is_example=True,
        )
        output.copy_from_filled_form()
        output.save()
        output.target_departments.set([housing])
        output.save()
        if state == "draft":
            output.save_revision(user=mentee)
            continue
        reviews.submit_for_review(user=mentee, output=output)
        if state == "mentor_review":
            continue
        if state == "changes_requested":
            reviews.decide(user=mentor, output=output, action="reject", comment=CHANGES_REQUESTED)
        else:
            reviews.decide(user=mentor, output=output, action="approve")
        if state == "published":
            reviews.decide(user=reviewer, output=output, action="approve", comment="Schváleno pro odbor bydlení.")


# The mentor pool: colleagues of the fictional municipality who appear only in it (no password: nobody signs in
# as them), in the demo's examples.
POOL_PEOPLE = {
    # username: (first name, last name, language, department)
    "pool_newcomer": ("Lukas", "Becker", "de", "Housing"),
    "pool_graduate": ("Nikos", "Alexiou", "el", "Social Services"),
}

DEMO_REQUESTS = {
    "staff": "Wie ich Familien, die gerade angekommen sind, den Antrag auf Wohngeld Schritt für Schritt erkläre.",
    "pool_newcomer": "Wie ich mit Dolmetschern am Telefon arbeite, ohne das Gespräch zu verlieren.",
}


def _pool_person(username):
    User = get_user_model()
    first_name, last_name, language, department = POOL_PEOPLE[username]
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "first_name": first_name,
            "last_name": last_name,
            "email": f"{username}@example.org",
            "preferred_language": language,
            "time_zone": TIME_ZONES[DEMO_COUNTRIES[language]],
        },
    )
    if created:
        user.set_unusable_password()
        user.save()
    user.groups.add(Department.objects.get(name=department).members_group)
    return user


def build_pool():
    """The programme at every point of its path: the coordinator, two mentors in the pool, a request waiting, a
    match proposed and waiting for the mentor's answer, and a mentee of a completed relationship who is a
    candidate mentor."""
    User = get_user_model()
    social, housing = Department.objects.get(name="Social Services"), Department.objects.get(name="Housing")
    coordinator = User.objects.get(username="coordinator")
    permissions.make_coordinator(coordinator, [social, housing])
    mentor, reviewer = User.objects.get(username="mentor"), User.objects.get(username="reviewer")
    offers = {
        mentor: {
            "department": social,
            "languages": ["el", "en", "de"],
            "service_areas": ["social_care", "housing"],
            "mentoring_models": ["one_on_one", "group", "reverse"],
            "one_on_one_capacity": 2,
            "group_capacity": 1,
            "sessions_per_month": 2,
            "hours_per_month": 4,
            "years_of_service": 18,
        },
        reviewer: {
            "department": social,
            "languages": ["es", "en"],
            "service_areas": ["permits"],
            "mentoring_models": ["one_on_one", "e_mentoring"],
            "one_on_one_capacity": 1,
            "mode": "online",
            "sessions_per_month": 3,
            "hours_per_month": 3,
            "years_of_service": 9,
        },
    }
    for person, fields in offers.items():
        MentorOffer.objects.get_or_create(mentor=person, defaults={**fields, "is_example": True})
    newcomer, graduate = _pool_person("pool_newcomer"), _pool_person("pool_graduate")
    for username, text in DEMO_REQUESTS.items():
        MentorRequest.objects.get_or_create(
            mentee=User.objects.get(username=username),
            defaults={
                "department": housing,
                "wants_to_learn": text,
                "languages": ["de", "en"],
                "service_areas": ["housing"],
                "is_example": True,
            },
        )
    waiting = MentorRequest.objects.get(mentee=newcomer)
    if waiting.state == MentorRequest.State.OPEN and not MatchProposal.objects.filter(request=waiting).exists():
        pool.propose_match(user=coordinator, mentor_request=waiting, offer=MentorOffer.objects.get(mentor=mentor))
    # Rafael mentored Nikos, who was found ready to mentor at stage 5: the lineage the circle records.
    completed, created = MentoringRelationship.objects.get_or_create(
        mentor=reviewer,
        department=social,
        status=MentoringRelationship.Status.COMPLETED,
        defaults={
            "mentoring_model": MentoringModel.ONE_ON_ONE,
            "current_stage": 5,
            "is_example": True,
            "start_date": timezone.localdate() - datetime.timedelta(days=240),
        },
    )
    if created:
        completed.mentees.set([graduate])
        completed.ready_to_mentor.set([graduate])
        completed.save()
    pool.enter_as_candidate(relationship=completed, mentee=graduate)
