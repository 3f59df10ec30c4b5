"""The mentor pool: staff who offer to mentor, staff who ask for a mentor, the coordinator's proposals that join
them, and the training a mentee records on the way to becoming a mentor (the circular cycle, seed section 1.2).
The rules that rank and join them are in matching.py (the ranking) and pool.py (the operations)."""

from django.conf import global_settings, settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from home.examples import ExampleRecord
from home.programme import ServiceArea

from .people import Department
from .relationships import MentoringModel, MentoringRelationship

# Working languages: any language Django names (and translates the name of), not only the site's five: staff
# serving migrants often share Arabic, Ukrainian or Farsi with a colleague.
WORKING_LANGUAGES = dict(global_settings.LANGUAGES)


@deconstructible
class CodeListValidator:
    """A JSON list whose every member is one of a code list's codes (named, so that migrations can refer to it)."""

    LISTS = {
        "languages": (lambda: WORKING_LANGUAGES, _("Choose languages from the list.")),
        "service_areas": (lambda: ServiceArea.values, _("Choose service areas from the list.")),
        "models": (lambda: MentoringModel.values, _("Choose mentoring models from the list.")),
    }

    def __init__(self, name):
        self.name = name

    def __call__(self, value):
        codes, message = self.LISTS[self.name]
        if not isinstance(value, list) or any(code not in codes() for code in value):
            raise ValidationError(message)

    def __eq__(self, other):
        return isinstance(other, CodeListValidator) and other.name == self.name


validate_languages = CodeListValidator("languages")
validate_service_areas = CodeListValidator("service_areas")
validate_models = CodeListValidator("models")


class Mode(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    BOTH = "both", _("Online or in person")


def small_count(verbose_name, default, high, help_text=""):
    return models.PositiveSmallIntegerField(
        verbose_name,
        default=default,
        validators=[MinValueValidator(0), MaxValueValidator(high)],
        help_text=help_text,
    )


class MentorOffer(ExampleRecord):
    """A colleague's offer to mentor: what they bring and how much of their time. A mentee found ready to mentor
    at stage 5 enters as a candidate; the coordinator confirms them once their mentor training is recorded."""

    class Status(models.TextChoices):
        CANDIDATE = "candidate", _("Candidate")
        CONFIRMED = "confirmed", _("In the pool")

    mentor = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentor_offer", verbose_name=_("mentor")
    )
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="mentor_offers", verbose_name=_("department")
    )
    languages = models.JSONField(_("working languages"), default=list, validators=[validate_languages])
    service_areas = models.JSONField(_("service areas"), default=list, blank=True, validators=[validate_service_areas])
    mentoring_models = models.JSONField(
        _("preferred mentoring models"), default=list, blank=True, validators=[validate_models]
    )
    sessions_per_month = small_count(_("sessions per month"), 2, 20)
    hours_per_month = small_count(_("hours per month"), 4, 80)
    one_on_one_capacity = small_count(
        _("one-on-one mentees at once"), 1, 10, _("Also counts reverse, peer and other one-mentee relationships.")
    )
    group_capacity = small_count(_("groups at once"), 0, 3, _("A group of four to six mentees takes one place."))
    mode = models.CharField(_("online or in person"), max_length=16, choices=Mode.choices, default=Mode.BOTH)
    years_of_service = small_count(_("years of service"), 0, 50)
    active = models.BooleanField(_("active"), default=True, help_text=_("Inactive offers are not suggested."))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.CONFIRMED, db_index=True
    )
    # The circle: the relationship in which this mentor was a mentee, when they came into the pool from it.
    came_from = models.ForeignKey(
        MentoringRelationship,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mentors_grown",
        verbose_name=_("mentored in"),
    )
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [
        FieldPanel("mentor", read_only=True),
        FieldPanel("department"),
        FieldPanel("sessions_per_month"),
        FieldPanel("hours_per_month"),
        FieldPanel("one_on_one_capacity"),
        FieldPanel("group_capacity"),
        FieldPanel("mode"),
        FieldPanel("years_of_service"),
        FieldPanel("active"),
        FieldPanel("status", read_only=True),
    ]

    class Meta:
        ordering = ["mentor_id"]
        verbose_name = _("mentor offer")
        verbose_name_plural = _("mentor pool")

    def __str__(self):
        return str(self.mentor)

    @property
    def is_matchable(self):
        return self.active and self.status == self.Status.CONFIRMED


class MentorTraining(ExampleRecord):
    """A mentor training someone attended, as the organisation asks before confirming a new mentor."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentor_trainings", verbose_name=_("person")
    )
    name = models.CharField(_("training"), max_length=200)
    date = models.DateField(_("date"))
    hours = models.DecimalField(
        _("hours"), max_digits=5, decimal_places=1, validators=[MinValueValidator(0.5), MaxValueValidator(999)]
    )

    class Meta:
        ordering = ["-date"]
        verbose_name = _("mentor training")
        verbose_name_plural = _("mentor trainings")

    def __str__(self):
        return self.name


class MentorRequest(ExampleRecord):
    """A colleague asking for a mentor. Seen by them, by the mentor proposed to them and by the coordinators of
    their department (permissions.py)."""

    class State(models.TextChoices):
        OPEN = "open", _("Waiting for a match")
        PROPOSED = "proposed", _("Match proposed")
        MATCHED = "matched", _("Matched")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    mentee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentor_requests", verbose_name=_("mentee")
    )
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="mentor_requests", verbose_name=_("department")
    )
    wants_to_learn = models.TextField(_("what I want to learn"), max_length=4000)
    languages = models.JSONField(_("working languages"), default=list, validators=[validate_languages])
    service_areas = models.JSONField(_("service areas"), default=list, blank=True, validators=[validate_service_areas])
    preferred_model = models.CharField(
        _("preferred mentoring model"), max_length=20, choices=MentoringModel.choices, blank=True
    )
    mode = models.CharField(_("online or in person"), max_length=16, choices=Mode.choices, default=Mode.BOTH)
    sessions_per_month = small_count(_("sessions per month"), 2, 20)
    years_of_service = small_count(_("years of service"), 0, 50)
    state = models.CharField(_("state"), max_length=16, choices=State.choices, default=State.OPEN, db_index=True)
    created_at = models.DateTimeField(_("asked"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("mentor request")
        verbose_name_plural = _("mentor requests")

    def __str__(self):
        return str(self.mentee)


class Proposal(ExampleRecord):
    """What a coordinator's proposal holds, of one mentee or of a group: who proposed it and when, its score, its
    state, and the answers' choices."""

    class State(models.TextChoices):
        PROPOSED = "proposed", _("Waiting for answers")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    class Answer(models.TextChoices):
        NONE = "", _("No answer yet")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("proposed by")
    )
    proposed_at = models.DateTimeField(_("proposed"), auto_now_add=True)
    score = models.FloatField(_("score"), default=0)
    mentor_answer = models.CharField(_("mentor's answer"), max_length=16, choices=Answer.choices, blank=True)
    state = models.CharField(_("state"), max_length=16, choices=State.choices, default=State.PROPOSED, db_index=True)

    class Meta:
        abstract = True
        ordering = ["-proposed_at", "-pk"]


class MatchProposal(Proposal):
    """The coordinator's proposal of a mentor for a request; the mentor and the mentee each accept or decline,
    and both acceptances start the relationship."""

    request = models.ForeignKey(
        MentorRequest, on_delete=models.CASCADE, related_name="proposals", verbose_name=_("request")
    )
    offer = models.ForeignKey(MentorOffer, on_delete=models.CASCADE, related_name="proposals", verbose_name=_("mentor"))
    mentoring_model = models.CharField(_("mentoring model"), max_length=20, choices=MentoringModel.choices)
    reasons = models.JSONField(_("reasons"), default=list, blank=True)
    mentee_answer = models.CharField(_("mentee's answer"), max_length=16, choices=Proposal.Answer.choices, blank=True)
    relationship = models.OneToOneField(
        MentoringRelationship,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="match",
        verbose_name=_("relationship"),
    )
    # The lineage, recorded when the relationship starts: who mentored this mentor (the circular cycle).
    mentors_mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("the mentor's own mentor"),
    )

    class Meta:
        ordering = ["-proposed_at", "-pk"]
        verbose_name = _("match proposal")
        verbose_name_plural = _("match proposals")

    def __str__(self):
        return f"{self.offer} → {self.request}"


@register_setting(icon="group")
class MatchingWeights(BaseSiteSetting):
    """How much each part of the score counts when mentors are ranked for a request (matching.py). The hub's
    own design: the report names no weights."""

    availability = small_count(
        _("availability"), 2, 10, _("The mentor offers at least as many sessions a month as the mentee asks.")
    )
    service_area = small_count(_("service area"), 2, 10, _("The mentor works in the service areas the mentee names."))
    wishes = small_count(_("the mentee's wishes"), 1, 10, _("The mentor offers the model the mentee prefers."))
    department_fit = small_count(
        _("department fit"),
        3,
        10,
        _(
            "One-on-one and group: the same department. Reverse: another department or a less experienced mentor. "
            "Peer: the same level of experience."
        ),
    )

    class Meta:
        verbose_name = _("matching weights")


class GroupProposal(Proposal):
    """The coordinator's proposal of a group (seed, chapter 2: group mentoring, four to six mentees with one
    mentor): waiting requests of one department and one mentor, who share a working language and can all meet
    the same way. It takes one group place of the mentor's while it waits. The mentor and each mentee accept or
    decline; once the mentor and four mentees have accepted, the group relationship starts, and a mentee who
    accepts later (up to six) joins it. The rules are in matching.py and pool.py."""

    class Rhythm(models.IntegerChoices):
        ONCE = 1, _("Once a month")
        TWICE = 2, _("Twice a month")

    offer = models.ForeignKey(
        MentorOffer, on_delete=models.CASCADE, related_name="group_proposals", verbose_name=_("mentor")
    )
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="group_proposals", verbose_name=_("department")
    )
    language = models.CharField(_("working language of the group"), max_length=16)
    meetings_per_month = models.PositiveSmallIntegerField(
        _("meetings a month"), choices=Rhythm.choices, default=Rhythm.ONCE
    )
    relationship = models.OneToOneField(
        MentoringRelationship,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="group_match",
        verbose_name=_("relationship"),
    )

    class Meta:
        ordering = ["-proposed_at", "-pk"]
        verbose_name = _("group proposal")
        verbose_name_plural = _("group proposals")

    def __str__(self):
        return str(self.offer)


class GroupMember(models.Model):
    """One mentee's place in a proposed group: their request and their answer."""

    proposal = models.ForeignKey(GroupProposal, on_delete=models.CASCADE, related_name="members")
    request = models.ForeignKey(
        MentorRequest, on_delete=models.CASCADE, related_name="group_places", verbose_name=_("request")
    )
    answer = models.CharField(_("mentee's answer"), max_length=16, choices=Proposal.Answer.choices, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("group member")
        verbose_name_plural = _("group members")
        constraints = [models.UniqueConstraint(fields=["proposal", "request"], name="one_place_per_request")]

    def __str__(self):
        return f"{self.proposal_id}/{self.request_id}"
