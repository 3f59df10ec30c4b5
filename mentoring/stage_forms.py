"""Filling a form for a relationship's stage: what the forms library's pages ask through their hooks
(forms_library/views.py; registered in wagtail_hooks.py). A form opened from a stage ("fill this form for this
relationship") says what it is for, is tied to the relationship and stage when it is started, and completing
it leads to submitting it for review (or, once submitted, back to its output)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Value
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from forms_library import filling
from home.mail import name_from
from home.prepared import PreparedQuery
from home.programme import Stage

from . import permissions, sessions
from .models import MentoringRelationship, StageForm, StageOutput


def describe(relationship, stage):
    return f"{relationship} · {Stage(stage).label}"


class StagePurpose:
    def __init__(self, user, relationship, stage, output=None):
        self.user, self.relationship, self.stage, self.output = user, relationship, stage, output

    @property
    def label(self):
        return _("For the mentoring relationship %(what)s") % {"what": describe(self.relationship, self.stage)}

    def record(self, filled_form):
        tie(user=self.user, filled_form=filled_form, relationship=self.relationship, stage=self.stage)

    def next_url(self, filled_form):
        if self.output is not None:
            return reverse("mentoring:output", args=[self.output.pk])
        if not permissions.can_submit_output(self.user, self.relationship):
            return None
        query = urlencode({"filled_form": filled_form.pk})
        return f"{reverse('mentoring:new_output', args=[self.relationship.pk])}?{query}"


def tie(*, user, filled_form, relationship, stage):
    """The user's new filled form is for this stage of a relationship they take part in."""
    if not (filled_form.owner_id == user.pk and can_fill_for(user, relationship, stage)):
        raise PermissionDenied(_("Only the mentor and the mentees submit outputs."))
    StageForm.objects.create(filled_form=filled_form, relationship=relationship, stage=stage)
    template = filled_form.template
    if (
        template is not None
        and template.source_name == sessions.CALENDAR_NAME
        and sessions.can_plan(user, relationship)
    ):
        # The mentor's calendar, started from the stage's forms, becomes the relationship's: its rows plan sessions.
        try:
            sessions.adopt_calendar(user=user, relationship=relationship, calendar=filled_form)
        except ValidationError as error:
            raise filling.refused(filled_form, error) from error


def can_fill_for(user, relationship, stage):
    return (
        permissions.can_submit_output(user, relationship)
        and relationship.status == MentoringRelationship.Status.ACTIVE
        and 1 <= stage <= relationship.current_stage
    )


def _number(value):
    return int(value) if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) < 10 else None


def purpose(request, template=None, filled_form=None):
    """The hook `filled_form_purpose`: the stage a form is filled for, or None."""
    user = request.user
    if filled_form is not None:
        return _purpose_of(user, filled_form)
    # From the address (`?relationship=&stage=`), which the form posts back to: never from the posted answers,
    # whose field names are the template's (a calendar has a field named "relationship").
    relationship_id, stage = _number(request.GET.get("relationship")), _number(request.GET.get("stage"))
    if relationship_id is None or stage is None:
        return None
    # A link to a relationship the reader takes no part in, or to a stage not reached: an ordinary form.
    relationship = MentoringRelationship.objects.involving(user, as_reviewer=False).filter(pk=relationship_id).first()
    if relationship is None or not can_fill_for(user, relationship, stage):
        return None
    return StagePurpose(user, relationship, stage)


def _purpose_of(user, filled_form):
    if filled_form.owner_id != user.pk:
        return None
    output = StageOutput.objects.filter(filled_form=filled_form).select_related("relationship").first()
    if output is not None:
        return StagePurpose(user, output.relationship, output.stage, output)
    tied = StageForm.objects.filter(filled_form=filled_form).select_related("relationship").first()
    return tied and StagePurpose(user, tied.relationship, tied.stage)


# The columns of a relationship's people that `describe` names (`home.mail.name_from`).
_MENTOR = ("relationship__mentor__first_name", "relationship__mentor__last_name", "relationship__mentor__username")
_MENTEE = (
    "relationship__mentees__id",
    "relationship__mentees__first_name",
    "relationship__mentees__last_name",
    "relationship__mentees__username",
)


def _stage_ties(owner_id):
    """The forms started for a stage (rank 0) and those submitted as an output (rank 1), with the names of their
    relationships' people: a row per mentee."""
    fields = ("filled_form_id", "stage", "rank", *_MENTOR, *_MENTEE)
    started = StageForm.objects.filter(filled_form__owner_id=owner_id).annotate(rank=Value(0))
    submitted = StageOutput.objects.filter(filled_form__owner_id=owner_id).annotate(rank=Value(1))
    return started.order_by().values_list(*fields).union(submitted.order_by().values_list(*fields), all=True)


# Its SQL is built once (home/prepared.py): building it cost three times as much as running it.
_STAGE_TIES = PreparedQuery(_stage_ties, -987654321)


def descriptions(user):
    """The hook `describe_filled_forms`: which relationship and stage each of the user's forms is for, as
    `describe` says it; an output's stage wins over the stage its form was started for. One query of the columns
    the text needs, its SQL built once; no model instance built."""
    people = {}
    # By kind (an output last), then the mentees in the order `MentoringRelationship.__str__` reads them (by id).
    for form, stage, rank, *names in sorted(_STAGE_TIES.rows(user.pk), key=lambda row: (row[2], row[6] or 0)):
        if people.get(form, (None,))[0] != rank:
            people[form] = (rank, stage, name_from(*names[:3]), [])
        if names[3] is not None:
            people[form][3].append(name_from(*names[4:]))
    return {
        form: f"{mentor} → {', '.join(mentees)} · {Stage(stage).label}"
        for form, (_rank, stage, mentor, mentees) in people.items()
    }


def calendar_notice(user, filled_form):
    """A line on top of a relationship's calendar of sessions, for its mentor: its rows and the sessions are one."""
    relationship = MentoringRelationship.objects.filter(calendar=filled_form).only("mentor_id").first()
    if relationship is None or not sessions.can_plan(user, relationship):
        return ""
    text = _(
        "This is the calendar of the relationship's sessions: saving it plans, moves or removes the sessions of "
        "its rows, and while it is a draft a session planned, moved or cancelled changes its rows. Write each date "
        "like %(example)s."
    ) % {"example": "2027-03-15 14:00"}
    return format_html('<p class="notice calendar-in-step">{}</p>', text)
