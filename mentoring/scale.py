"""Filled forms and stage outputs at scale for measuring (`seed_scale`): mentoring pairs of Social Services
filling the nine forms in every language, one output in ten sent through the real review workflow."""

from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from forms_library.models import FilledForm, FormTemplatePage

from . import reviews
from .demo import CHANGES_REQUESTED, demo_answers
from .models import (
    Department,
    MentoringModel,
    MentoringRelationship,
    MentoringSession,
    SessionAttendance,
    StageOutput,
)

FORMS_PER_PAIR = 100
OUTPUT_EVERY = 10
# Every state of the review, in turn (the demo's own outputs are where its story needs them).
STATES = ["published", "department_approval", "mentor_review", "changes_requested", "draft"]


def add_filled_forms(count):
    """Filled forms up to `count` in all; returns how many were added."""
    existing = FilledForm.objects.filter(owner__username__startswith="scale-").count()
    if existing >= count:
        return 0
    templates = list(FormTemplatePage.objects.live().filter(alias_of__isnull=True).select_related("locale"))
    pairs = _pairs((count + FORMS_PER_PAIR - 1) // FORMS_PER_PAIR)
    today = timezone.localdate()
    forms = []
    for number in range(existing, count):
        template = templates[number % len(templates)]
        _relationship, mentee = pairs[number // FORMS_PER_PAIR]
        filled = FilledForm.start(template, mentee)
        filled.answers = demo_answers(template.definitions, today)
        filled.status = FilledForm.Status.COMPLETE if number % 2 else FilledForm.Status.DRAFT
        filled.is_example = True
        forms.append(filled)
    FilledForm.objects.bulk_create(forms)
    reviewer = get_user_model().objects.get(username="reviewer")
    for number, filled in enumerate(forms, start=existing):
        if number % OUTPUT_EVERY == 0:
            relationship, mentee = pairs[number // FORMS_PER_PAIR]
            _output(relationship, mentee, filled, STATES[(number // OUTPUT_EVERY) % len(STATES)], reviewer)
    return len(forms)


def _pairs(count):
    """(relationship, mentee) pairs of Social Services, made as needed."""
    User = get_user_model()
    social = Department.objects.get(name="Social Services")
    languages = ["el", "cs", "de", "es", "en"]
    pairs = []
    for number in range(count):
        mentor, created = User.objects.get_or_create(
            username=f"scale-mentor-{number}", defaults={"preferred_language": languages[number % 5]}
        )
        mentee, _created = User.objects.get_or_create(
            username=f"scale-mentee-{number}", defaults={"preferred_language": languages[(number + 1) % 5]}
        )
        if created:
            mentor.set_unusable_password()
            mentor.save()
            mentee.set_unusable_password()
            mentee.save()
            social.members_group.user_set.add(mentor, mentee)
        relationship, created = MentoringRelationship.objects.get_or_create(
            mentor=mentor,
            defaults={
                "mentoring_model": MentoringModel.ONE_ON_ONE,
                "department": social,
                "start_date": timezone.localdate(),
                "is_example": True,
            },
        )
        if created:
            relationship.mentees.set([mentee])
        pairs.append((relationship, mentee))
    return pairs


def _output(relationship, mentee, filled, state, reviewer):
    FilledForm.objects.filter(pk=filled.pk).update(status=FilledForm.Status.COMPLETE)
    output = StageOutput(
        relationship=relationship, stage=filled.stage, filled_form=filled, author=mentee, live=False, is_example=True
    )
    output.copy_from_filled_form()
    output.save()
    output.target_departments.set(Department.objects.exclude(pk=relationship.department_id))
    if state == "draft":
        output.save_revision(user=mentee)
        return
    reviews.submit_for_review(user=mentee, output=output)
    if state == "mentor_review":
        return
    if state == "changes_requested":
        reviews.decide(user=relationship.mentor, output=output, action="reject", comment=CHANGES_REQUESTED)
    else:
        reviews.decide(user=relationship.mentor, output=output, action="approve")
    if state == "published":
        reviews.decide(user=reviewer, output=output, action="approve")


# Relationships and sessions at scale (`seed_scale --relationships N --sessions M`), for measuring the dashboard:
# written with bulk_create in a few statements per thousand rows. Saving each through the model would run its
# signals and the user's password hashing ten thousand times; the data is the demo's (examples, unusable
# passwords), spread over the departments, models, stages, statuses and the last two years.
BULK = 2_000
SCALE_MENTOR = "scale-rel-mentor-"


def add_relationships(count):
    """Relationships up to `count` of the scale's own (each with a new mentor and a new mentee); returns how
    many were added."""
    existing = MentoringRelationship.objects.filter(mentor__username__startswith=SCALE_MENTOR).count()
    if existing >= count:
        return 0
    User = get_user_model()
    departments = list(Department.objects.order_by("pk"))
    numbers = range(existing, count)
    unusable = make_password(None)
    languages = ["el", "cs", "de", "es", "en"]
    people = []
    for number in numbers:
        for role in ("mentor", "mentee"):
            people.append(
                User(
                    username=f"scale-rel-{role}-{number}",
                    first_name=f"{role.capitalize()} {number}",
                    last_name="(example)",
                    password=unusable,
                    preferred_language=languages[number % len(languages)],
                )
            )
    User.objects.bulk_create(people, batch_size=BULK)
    users = dict(
        User.objects.filter(username__startswith="scale-rel-")
        .filter(username__in=[person.username for person in people])
        .values_list("username", "pk")
    )
    memberships = []
    today = timezone.localdate()
    models = [choice for choice, _label in MentoringModel.choices]
    statuses = [MentoringRelationship.Status.ACTIVE] * 6 + [
        MentoringRelationship.Status.COMPLETED,
        MentoringRelationship.Status.COMPLETED,
        MentoringRelationship.Status.COMPLETED,
        MentoringRelationship.Status.ENDED,
    ]
    relationships = []
    for number in numbers:
        department = departments[number % len(departments)]
        mentor, mentee = users[f"scale-rel-mentor-{number}"], users[f"scale-rel-mentee-{number}"]
        memberships += [(mentor, department.members_group_id), (mentee, department.members_group_id)]
        relationships.append(
            MentoringRelationship(
                mentoring_model=models[number % len(models)],
                mentor_id=mentor,
                department=department,
                start_date=today - timedelta(days=number * 7 % 730),
                agreed_sessions={str(stage): 2 + stage % 2 for stage in range(1, 6)},
                current_stage=number % 5 + 1,
                status=statuses[number % len(statuses)],
                is_example=True,
            )
        )
    Membership = User.groups.through
    Membership.objects.bulk_create(
        [Membership(user_id=user, group_id=group) for user, group in memberships], batch_size=BULK
    )
    MentoringRelationship.objects.bulk_create(relationships, batch_size=BULK)
    created = MentoringRelationship.objects.filter(mentor__username__startswith=SCALE_MENTOR).values_list(
        "pk", "mentor__username"
    )
    Mentees = MentoringRelationship.mentees.through
    Mentees.objects.bulk_create(
        [
            Mentees(mentoringrelationship_id=pk, user_id=users[username.replace("mentor", "mentee")])
            for pk, username in created
            if username.replace("mentor", "mentee") in users
        ],
        batch_size=BULK,
    )
    return len(relationships)


def add_sessions(count):
    """Sessions up to `count` in the scale's relationships, round robin, each relationship's in stage order
    from its start; the past ones attended by the mentee. Returns how many were added."""
    relationships = list(
        MentoringRelationship.objects.filter(mentor__username__startswith=SCALE_MENTOR)
        .order_by("pk")
        .values_list("pk", "start_date", "mentees")
    )
    if not relationships:
        return 0
    existing = MentoringSession.objects.filter(relationship__mentor__username__startswith=SCALE_MENTOR).count()
    if existing >= count:
        return 0
    zone = timezone.get_current_timezone()
    now = timezone.now()
    added = 0
    for start in range(existing, count, BULK * 5):
        sessions, mentees = [], []
        for number in range(start, min(start + BULK * 5, count)):
            pk, start_date, mentee = relationships[number % len(relationships)]
            turn = number // len(relationships)
            moment = datetime.combine(start_date + timedelta(days=14 * turn), time(10), tzinfo=zone)
            sessions.append(
                MentoringSession(
                    relationship_id=pk,
                    stage=min(5, turn // 2 + 1),
                    date=moment,
                    last_occurrence=moment,
                    duration_minutes=60,
                    topic=f"Session {turn + 1}",
                    sort_order=turn,
                )
            )
            mentees.append(mentee)
        MentoringSession.objects.bulk_create(sessions, batch_size=BULK)
        # bulk_create returns primary keys on PostgreSQL and on SQLite 3.35+.
        SessionAttendance.objects.bulk_create(
            [
                SessionAttendance(session_id=session.pk, person_id=mentee, occurrence=session.date)
                for session, mentee in zip(sessions, mentees, strict=True)
                if mentee and session.date < now and session.pk
            ],
            batch_size=BULK,
        )
        added += len(sessions)
    return added
