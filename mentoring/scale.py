"""Filled forms and stage outputs at scale for measuring (`seed_scale`): mentoring pairs of Social Services
filling the nine forms in every language, one output in ten sent through the real review workflow."""

from django.contrib.auth import get_user_model
from django.utils import timezone

from forms_library.models import FilledForm, FormTemplatePage

from . import reviews
from .demo import CHANGES_REQUESTED, demo_answers
from .models import Department, MentoringModel, MentoringRelationship, StageOutput

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
