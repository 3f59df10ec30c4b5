import datetime

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable

from home.examples import ExampleRecord
from home.mail import display_name
from home.programme import TIME_ZONES, Stage

from .. import recurrence
from .people import Department


class MentoringModel(models.TextChoices):
    """The seven models of the guide; Q-SER uses one-on-one with group and reverse mentoring."""

    ONE_ON_ONE = "one_on_one", _("One-on-one mentoring")
    GROUP = "group", _("Group mentoring")
    PEER = "peer", _("Peer mentoring")
    TRAINING = "training", _("Training-based mentoring")
    REVERSE = "reverse", _("Reverse mentoring")
    EXECUTIVE = "executive", _("Executive mentoring")
    E_MENTORING = "e_mentoring", _("E-mentoring")


# How many mentees a model allows, where the guide says so.
MENTEE_COUNTS = {MentoringModel.ONE_ON_ONE: (1, 1), MentoringModel.GROUP: (4, 6)}


def validate_mentees(mentoring_model, mentor, mentees):
    """The mentee count the model requires, and no mentor mentoring themselves."""
    low, high = MENTEE_COUNTS.get(mentoring_model, (1, 50))
    count = len(mentees)
    if not low <= count <= high:
        if low == high:
            message = _("One-on-one mentoring has exactly one mentee.")
        elif mentoring_model == MentoringModel.GROUP:
            message = ngettext(
                "Group mentoring has four to six mentees; %(count)d was chosen.",
                "Group mentoring has four to six mentees; %(count)d were chosen.",
                count,
            ) % {"count": count}
        else:
            message = _("Choose at least one mentee.")
        raise ValidationError({"mentees": message})
    if mentor is not None and mentor in mentees:
        raise ValidationError({"mentees": _("The mentor cannot also be a mentee.")})


def involvement(user, *, as_reviewer=True, prefix=""):
    """The relationships the user mentors or is mentored in, and (as_reviewer) those of the departments
    whose outputs they review; `prefix` reaches them from a related model ("relationship__")."""
    condition = Q(**{f"{prefix}mentor": user}) | Q(**{f"{prefix}mentees": user})
    if as_reviewer:
        condition |= Q(**{f"{prefix}department__reviewers_group__in": user.groups.all()})
    return condition


class MentoringRelationshipQuerySet(models.QuerySet):
    def involving(self, user, *, as_reviewer=True):
        return self.filter(involvement(user, as_reviewer=as_reviewer)).distinct()


class MentoringRelationship(ClusterableModel, ExampleRecord):
    """A mentor and their mentees going through the five stages of the Circular Cycle of Mentoring."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        COMPLETED = "completed", _("Completed")
        ENDED = "ended", _("Ended early")

    mentoring_model = models.CharField(_("mentoring model"), max_length=20, choices=MentoringModel.choices)
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="mentoring_as_mentor", verbose_name=_("mentor")
    )
    mentees = ParentalManyToManyField(
        settings.AUTH_USER_MODEL, related_name="mentoring_as_mentee", verbose_name=_("mentees")
    )
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="relationships", verbose_name=_("department")
    )
    start_date = models.DateField(_("start date"))
    planned_end_date = models.DateField(_("planned end"), null=True, blank=True)
    # Stage 1's "calendar of mentoring sessions": how many sessions mentor and mentees agreed for each stage,
    # {"1": 2, "2": 3, ...}; the report leaves the number to them.
    agreed_sessions = models.JSONField(_("sessions agreed per stage"), default=dict, blank=True)
    current_stage = models.PositiveSmallIntegerField(_("current stage"), choices=Stage.choices, default=1)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.ACTIVE, db_index=True)
    ready_to_mentor = ParentalManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="+",
        verbose_name=_("mentees ready to mentor others"),
        help_text=_("After stage 5: the circular cycle goes on when a mentee becomes a mentor."),
    )
    # The mentor's filled "Suggested calendar of mentoring sessions" kept in step with the sessions
    # (mentoring/sessions.py): its rows are the planned meetings, each single session linked to its row.
    calendar = models.OneToOneField(
        "forms_library.FilledForm",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="calendar_of",
        verbose_name=_("calendar of sessions"),
    )

    objects = MentoringRelationshipQuerySet.as_manager()

    panels = [
        FieldPanel("mentoring_model"),
        FieldPanel("department"),
        FieldPanel("mentor"),
        FieldPanel("mentees", widget=forms.CheckboxSelectMultiple),
        FieldPanel("start_date"),
        FieldPanel("planned_end_date"),
        FieldPanel("current_stage"),
        FieldPanel("status"),
        FieldPanel("ready_to_mentor", widget=forms.CheckboxSelectMultiple),
        InlinePanel("sessions", label=_("Calendar of sessions")),
        FieldPanel("is_example", read_only=True),
    ]

    class Meta:
        ordering = ["-start_date"]
        verbose_name = _("mentoring relationship")
        verbose_name_plural = _("mentoring relationships")

    def __str__(self):
        # In the order they were added (by id), whatever order the database returns them in: the same name on every
        # page (PostgreSQL gives an unordered many-to-many in no fixed order).
        mentees = ", ".join(display_name(user) for user in sorted(self.mentees.all(), key=lambda user: user.pk or 0))
        return f"{display_name(self.mentor)} → {mentees}"

    def is_participant(self, user):
        # From the mentees read with the relationship when they were (a handful at most).
        return user.pk == self.mentor_id or any(mentee.pk == user.pk for mentee in self.mentees.all())

    @property
    def time_zone(self):
        """The zone its sessions are planned in: that of its department's country."""
        return TIME_ZONES.get(self.department.country, settings.TIME_ZONE)

    def agreed_sessions_for(self, stage):
        return self.agreed_sessions.get(str(stage))


class MentoringSession(Orderable):
    """One meeting of a relationship, or a series of them (a group meeting once or twice a month): its repetition
    is stored as RFC 5545 has it, an RRULE and the EXDATEs of cancelled meetings (mentoring/recurrence.py expands
    them). The mentor's private note on it is one of their diary's entries (a private filled form, linked here)."""

    relationship = ParentalKey(MentoringRelationship, on_delete=models.CASCADE, related_name="sessions")
    stage = models.PositiveSmallIntegerField(_("stage"), choices=Stage.choices, default=1)
    date = models.DateTimeField(_("date and time"), db_index=True)
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"), default=60, validators=[MinValueValidator(5), MaxValueValidator(600)]
    )
    topic = models.CharField(_("topic"), max_length=255)
    agreed_topics = models.TextField(_("agreed topics"), blank=True, max_length=5000)
    place = models.CharField(_("place"), max_length=255, blank=True)
    online_link = models.URLField(_("online link"), blank=True, max_length=500)
    session_format = models.CharField(
        _("format"),
        max_length=16,
        choices=[("in_person", _("In person")), ("online", _("Online"))],
        default="in_person",
    )
    rrule = models.CharField(
        _("repetition (RFC 5545 RRULE)"),
        max_length=255,
        blank=True,
        help_text=_("Empty for a single meeting; for example FREQ=MONTHLY;INTERVAL=1;COUNT=6."),
    )
    exdates = models.JSONField(_("cancelled meetings"), default=list, blank=True)
    # The start of the last meeting, kept on save: the reminders and the feed find sessions by it.
    last_occurrence = models.DateTimeField(_("last meeting"), null=True, editable=False, db_index=True)
    # The row of the relationship's calendar form that lists this (single) session, counted from 0.
    calendar_row = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    record = models.OneToOneField(
        "forms_library.FilledForm",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="session_recorded",
        verbose_name=_("session record"),
    )
    private_note = models.OneToOneField(
        "forms_library.FilledForm",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="session_noted",
        verbose_name=_("mentor's private note"),
    )
    attendees = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="SessionAttendance", related_name="+", verbose_name=_("attended")
    )

    panels = [
        FieldPanel("stage"),
        FieldPanel("date"),
        FieldPanel("duration_minutes"),
        FieldPanel("topic"),
        FieldPanel("agreed_topics"),
        FieldPanel("place"),
        FieldPanel("online_link"),
        FieldPanel("session_format"),
        FieldPanel("rrule"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("mentoring session")
        verbose_name_plural = _("mentoring sessions")

    def __str__(self):
        return self.topic

    @property
    def is_recurring(self):
        return bool(self.rrule)

    def occurrences(self, after=None, before=None):
        return recurrence.occurrences(self.date, self.rrule, self.exdates, self.relationship.time_zone, after, before)

    def end_of(self, start):
        return start + datetime.timedelta(minutes=self.duration_minutes)

    def clean(self):
        """A repetition rule of RFC 5545 that ends, checked wherever a session is saved (the site, the API, the
        admin's calendar of a relationship)."""
        if self.rrule and self.date:
            zone = self.relationship.time_zone if self.relationship_id else settings.TIME_ZONE
            try:
                recurrence.validate_rule(self.date, self.rrule, zone)
            except ValidationError as error:
                raise ValidationError({"rrule": error.messages}) from error

    def save(self, *args, **kwargs):
        starts = self.occurrences() if self.date else []
        self.last_occurrence = starts[-1] if starts else self.date
        super().save(*args, **kwargs)


class SessionAttendance(models.Model):
    """Who came to one meeting of a session (each mentee of a group separately)."""

    session = models.ForeignKey(MentoringSession, on_delete=models.CASCADE, related_name="attendance")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    occurrence = models.DateTimeField(_("meeting"))

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["session", "person", "occurrence"], name="one_attendance_per_meeting")
        ]

    def __str__(self):
        return f"{self.session_id}/{self.person_id}/{self.occurrence:%Y-%m-%dT%H:%M}"


class StageForm(models.Model):
    """A filled form started for one stage of a relationship ("fill this form for this relationship"): the form
    knows what it is for before it is submitted, so the person is led from filling it to submitting it, and
    their list of forms says which relationship each one belongs to. Kept here, not on the filled form: the
    forms library knows nothing of mentoring (it asks through its hooks, mentoring/wagtail_hooks.py)."""

    filled_form = models.OneToOneField(
        "forms_library.FilledForm",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="stage_form",
        verbose_name=_("filled form"),
    )
    relationship = models.ForeignKey(
        MentoringRelationship, on_delete=models.CASCADE, related_name="stage_forms", verbose_name=_("relationship")
    )
    stage = models.PositiveSmallIntegerField(_("stage"), choices=Stage.choices)

    class Meta:
        verbose_name = _("form filled for a stage")
        verbose_name_plural = _("forms filled for a stage")
        indexes = [models.Index(fields=["relationship", "stage"])]

    def __str__(self):
        return str(self.filled_form_id)
