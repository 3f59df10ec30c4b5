"""Departments, role groups and the demo users of the README, built by `setup_demo`: examples of a fictional
municipality (home/examples.py), with fictional people."""

import datetime
import zoneinfo

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from forms_library.fields import example_answers
from forms_library.kinds import Sample
from forms_library.models import FilledForm, FormTemplatePage
from home.examples import fictional_municipality
from home.programme import TIME_ZONES, Country

from . import permissions, pool, reviews, sessions
from .models import (
    Department,
    DepartmentName,
    GroupProposal,
    MatchProposal,
    MentoringModel,
    MentoringRelationship,
    MentoringSession,
    MentorOffer,
    MentorRequest,
    StageConfirmation,
    StageOutput,
)

# The departments of the README keep their names; their municipality is fictional.
DEPARTMENTS = [
    # name, municipality, country
    ("Social Services", fictional_municipality("GR", 0, "en"), "GR"),
    ("Housing", fictional_municipality("GR", 0, "en"), "GR"),
]
# Their names in the other languages (mentoring.models.DepartmentName), as readers of each language see them.
DEPARTMENT_NAMES = {
    "Social Services": {
        "el": "Κοινωνικές Υπηρεσίες",
        "cs": "Odbor sociálních služeb",
        "de": "Soziale Dienste",
        "es": "Servicios Sociales",
    },
    "Housing": {"el": "Τμήμα Στέγασης", "cs": "Odbor bydlení", "de": "Wohnungsamt", "es": "Departamento de Vivienda"},
}

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
        for language, translated in DEPARTMENT_NAMES.get(name, {}).items():
            DepartmentName.objects.update_or_create(
                department=department, language=language, defaults={"name": translated}
            )
        departments.append(department)
    access_admin = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    for department in departments:
        # Reviewers act on workflow tasks in the Wagtail admin.
        department.reviewers_group.permissions.add(access_admin)
    return departments


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
# Stage 1 is done (its three outputs published, and mentor and mentee confirmed it); stage 2 is in progress, its
# outputs in review, and the mentor's record of a session still a draft (build_sessions).
DEMO_OUTPUTS = [
    ("partnership-agreement", "published"),
    ("mutual-understanding", "published"),
    ("calendar-of-sessions", "published"),
    ("expectations-and-goals", "changes_requested"),
    ("session-record", "department_approval"),
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
    relationship.start_date = today - datetime.timedelta(weeks=4)
    relationship.planned_end_date = today + datetime.timedelta(weeks=26)
    relationship.agreed_sessions = {"1": 1, "2": 4, "3": 2, "4": 4, "5": 1}
    relationship.save()
    # Both confirmed stage 1: the last approval of its outputs below completes it.
    for person in (mentor, mentee):
        StageConfirmation.objects.get_or_create(relationship=relationship, stage=1, person=person)
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
    build_sessions(relationship, housing)


def _at(day, hour, zone):
    """`hour` o'clock of `day` in `zone`, aware."""
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=zoneinfo.ZoneInfo(zone))


def build_sessions(relationship, housing):
    """The relationship's calendar: the stage 1 session held (both came; the mentor's private note on it), a stage 2
    session held and recorded (the record prefilled from it, a draft output of the mentor's), a fortnightly series
    of stage 2 with one meeting cancelled, and a stage 3 session to come."""
    mentor, mentee = relationship.mentor, relationship.mentees.get()
    zone, today = relationship.time_zone, timezone.localdate()
    place = "Radnice, zasedací místnost 2"
    first = MentoringSession.objects.create(
        relationship=relationship,
        stage=1,
        date=_at(today - datetime.timedelta(weeks=3), 15, zone),
        duration_minutes=90,
        topic="Seznámení a pravidla",
        agreed_topics="Role, pravidla spolupráce, dohoda o partnerství, logistika programu",
        place=place,
    )
    sessions.record_attendance(user=mentor, session=first, occurrence=first.date, people=[mentor, mentee])
    note = sessions.start_private_note(user=mentor, session=first, language="el")
    FilledForm.objects.filter(pk=note.pk).update(is_example=True)
    goals = MentoringSession.objects.create(
        relationship=relationship,
        stage=2,
        date=_at(today - datetime.timedelta(days=4), 10, zone),
        duration_minutes=60,
        topic="Cíle a plán",
        agreed_topics="Krátkodobé a dlouhodobé cíle, analýza potřeb, časový rámec",
        place=place,
    )
    record = sessions.start_record(user=mentor, session=goals, language="en")
    FilledForm.objects.filter(pk=record.pk).update(is_example=True, status=FilledForm.Status.COMPLETE)
    record.refresh_from_db()
    output = StageOutput(
        relationship=relationship, stage=2, filled_form=record, author=mentor, live=False, is_example=True
    )
    output.copy_from_filled_form()
    output.save()
    output.target_departments.set([housing])
    output.save_revision(user=mentor)
    series = MentoringSession.objects.create(
        relationship=relationship,
        stage=2,
        date=_at(today + datetime.timedelta(days=2), 10, zone),
        duration_minutes=60,
        topic="Pravidelné setkání",
        agreed_topics="Průběžná podpora, otázky z přepážky",
        session_format="online",
        online_link="https://meet.example.org/qser-demo",
        rrule="FREQ=WEEKLY;INTERVAL=2;COUNT=6",
    )
    sessions.cancel_meeting(user=mentor, session=series, occurrence=series.occurrences()[2])
    MentoringSession.objects.create(
        relationship=relationship,
        stage=3,
        date=_at(today + datetime.timedelta(weeks=6), 15, zone),
        duration_minutes=90,
        topic="Pracovní scénáře",
        place=place,
    )


def build_editor_permissions():
    """Editors set which outputs complete each stage of each model (the stage requirements)."""
    editors, _created = Group.objects.get_or_create(name=EDITORS)
    editors.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="mentoring",
            codename__in=["add_stagerequirement", "change_stagerequirement", "delete_stagerequirement"],
        )
    )


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


def _pool_person(username, people=POOL_PEOPLE):
    User = get_user_model()
    first_name, last_name, language, department = people[username]
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


# The circle closed, and relationships at more points of the path: colleagues of the fictional municipality who
# appear only in them (no password).
CIRCLE_PEOPLE = {
    # username: (first name, last name, language, department)
    "pool_former_mentee": ("Lucía", "Ortega", "es", "Housing"),
    "pool_new_mentee": ("Petra", "Dvořáková", "cs", "Housing"),
    "pool_housing_mentor": ("Thomas", "Weber", "de", "Housing"),
    "pool_trainee": ("Ana", "Ruiz", "es", "Housing"),
}


def _circle_person(username):
    return _pool_person(username, CIRCLE_PEOPLE)


def build_programme():
    """The rest of the path: Thomas once mentored Lucía, who was found ready to mentor, trained and confirmed by the
    coordinator, and now mentors Petra at stage 3 (the lineage: Petra's mentor's mentor is Thomas); Thomas has just
    started with Ana (stage 1: a session planned, the calendar of sessions filled from it and kept in step)."""
    User = get_user_model()
    housing = Department.objects.get(name="Housing")
    coordinator = User.objects.get(username="coordinator")
    lucia, petra = _circle_person("pool_former_mentee"), _circle_person("pool_new_mentee")
    thomas, ana = _circle_person("pool_housing_mentor"), _circle_person("pool_trainee")
    today = timezone.localdate()

    earlier = MentoringRelationship.objects.filter(mentor=thomas, mentees=lucia).first()
    if earlier is None:
        earlier = MentoringRelationship.objects.create(
            mentoring_model=MentoringModel.ONE_ON_ONE,
            mentor=thomas,
            department=housing,
            start_date=today - datetime.timedelta(days=600),
            planned_end_date=today - datetime.timedelta(days=400),
            current_stage=5,
            status=MentoringRelationship.Status.COMPLETED,
            is_example=True,
        )
        earlier.mentees.set([lucia])
        earlier.ready_to_mentor.set([lucia])
        earlier.save()
    offer = pool.enter_as_candidate(relationship=earlier, mentee=lucia)
    if offer.status == MentorOffer.Status.CANDIDATE:
        MentorOffer.objects.filter(pk=offer.pk).update(
            languages=["es", "en", "cs"],
            service_areas=["housing", "social_care"],
            mentoring_models=["one_on_one"],
            one_on_one_capacity=1,
            sessions_per_month=2,
            hours_per_month=3,
            years_of_service=6,
        )
        offer.refresh_from_db()
        pool.record_training(
            user=coordinator,
            offer=offer,
            name="Q-SER mentor training (example)",
            date=today - datetime.timedelta(days=380),
            hours=12,
        )
        pool.confirm_mentor(user=coordinator, offer=offer)
    _matched(
        coordinator,
        petra,
        housing,
        offer,
        ["cs", "en"],
        "Jak vysvětlit žádost o bydlení rodině, která mluví jen španělsky.",
    )
    _advance_to(MentoringRelationship.objects.get(mentor=lucia, mentees=petra), stage=3, weeks=14)

    offer, _created = MentorOffer.objects.get_or_create(
        mentor=thomas,
        defaults={
            "department": housing,
            "languages": ["de", "es", "en"],
            "service_areas": ["housing"],
            "mentoring_models": ["one_on_one"],
            "one_on_one_capacity": 1,
            "sessions_per_month": 2,
            "hours_per_month": 3,
            "years_of_service": 12,
            "is_example": True,
        },
    )
    _matched(
        coordinator,
        ana,
        housing,
        offer,
        ["es", "de"],
        "Cómo preparar una cita con intérprete en el servicio de vivienda.",
    )
    started = MentoringRelationship.objects.get(mentor=thomas, mentees=ana)
    if not started.sessions.exists():
        sessions.plan(
            user=thomas,
            relationship=started,
            stage=1,
            date=_at(today + datetime.timedelta(days=5), 9, started.time_zone),
            duration_minutes=60,
            topic="Kennenlernen und Vereinbarung",
            place="Wohnungsamt, Besprechungsraum 1",
        )
        calendar = sessions.start_calendar_form(user=thomas, relationship=started, language="de")
        FilledForm.objects.filter(pk=calendar.pk).update(is_example=True)


def _matched(coordinator, mentee, department, offer, languages, wants_to_learn):
    """The mentee's request, matched with `offer` and accepted by both (the relationship it starts)."""
    if MentorRequest.objects.filter(mentee=mentee).exists():
        return
    request = MentorRequest.objects.create(
        mentee=mentee,
        department=department,
        wants_to_learn=wants_to_learn,
        languages=languages,
        service_areas=["housing"],
        is_example=True,
    )
    proposal = pool.propose_match(user=coordinator, mentor_request=request, offer=offer)
    pool.answer(user=offer.mentor, proposal=proposal, accept=True)
    pool.answer(user=mentee, proposal=proposal, accept=True)


def _advance_to(relationship, *, stage, weeks):
    """A relationship started `weeks` ago whose earlier stages were confirmed by all."""
    if relationship.current_stage >= stage:
        return
    relationship.start_date = timezone.localdate() - datetime.timedelta(weeks=weeks)
    relationship.current_stage = stage
    relationship.save(update_fields=["start_date", "current_stage"])
    for done in range(1, stage):
        for person in (relationship.mentor, *relationship.mentees.all()):
            StageConfirmation.objects.get_or_create(relationship=relationship, stage=done, person=person)


# A group waiting for its answers (seed, chapter 2: group mentoring, four to six mentees with one mentor):
# colleagues of Social Services who appear only here (no password), with what they want to learn.
GROUP_PEOPLE = {
    # username: (first name, last name, language, department)
    "group_mentee_1": ("Eleni", "Georgiou", "el", "Social Services"),
    "group_mentee_2": ("Dimitris", "Kostas", "el", "Social Services"),
    "group_mentee_3": ("Klára", "Svobodová", "cs", "Social Services"),
    "group_mentee_4": ("Jonas", "Richter", "de", "Social Services"),
}

GROUP_WISH = "How to run the first interview with a newly arrived family, with or without an interpreter."


def build_group():
    """Four waiting requests of Social Services that share English with Maria, who has a group place: the
    coordinator's group proposal, waiting for the answers of the mentor and the mentees."""
    User = get_user_model()
    social = Department.objects.get(name="Social Services")
    coordinator, mentor = User.objects.get(username="coordinator"), User.objects.get(username="mentor")
    requests = []
    for username in GROUP_PEOPLE:
        person = _pool_person(username, GROUP_PEOPLE)
        mentor_request, _created = MentorRequest.objects.get_or_create(
            mentee=person,
            defaults={
                "department": social,
                "wants_to_learn": GROUP_WISH,
                "languages": [person.preferred_language, "en"],
                "service_areas": ["social_care"],
                "is_example": True,
            },
        )
        requests.append(mentor_request)
    if GroupProposal.objects.filter(members__request__in=requests).exists():
        return
    if all(mentor_request.state == MentorRequest.State.OPEN for mentor_request in requests):
        proposal = pool.propose_group(
            user=coordinator, offer=MentorOffer.objects.get(mentor=mentor), mentor_requests=requests, language="en"
        )
        GroupProposal.objects.filter(pk=proposal.pk).update(is_example=True)
