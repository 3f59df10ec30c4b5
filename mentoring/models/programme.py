"""What runs the programme beyond its relationships and sessions: which outputs a stage of each mentoring model
requires (the editors' choice), each participant's confirmation that a stage is done, a person's calendar feed,
and the reminders already sent."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel

from home.programme import Stage

from .relationships import MentoringModel, MentoringRelationship, MentoringSession


class StageRequirement(ClusterableModel):
    """The outputs a stage of a mentoring model requires, set by editors. Without one, a stage requires the
    form templates of that stage (the report's tools for it), the mentor's private notes never."""

    mentoring_model = models.CharField(_("mentoring model"), max_length=20, choices=MentoringModel.choices)
    stage = models.PositiveSmallIntegerField(_("stage"), choices=Stage.choices)
    templates = ParentalManyToManyField(
        "forms_library.FormTemplatePage",
        blank=True,
        related_name="+",
        verbose_name=_("required form templates"),
        help_text=_("An approved output of each of these completes the stage (with every participant's confirmation)."),
    )

    panels = [FieldPanel("mentoring_model"), FieldPanel("stage"), FieldPanel("templates")]

    class Meta:
        ordering = ["mentoring_model", "stage"]
        verbose_name = _("stage requirement")
        verbose_name_plural = _("stage requirements")
        constraints = [models.UniqueConstraint(fields=["mentoring_model", "stage"], name="one_requirement_per_stage")]

    def __str__(self):
        return f"{self.get_mentoring_model_display()}: {self.get_stage_display()}"


class StageConfirmation(models.Model):
    """A participant (the mentor or a mentee) says that a stage is done for them."""

    relationship = models.ForeignKey(MentoringRelationship, on_delete=models.CASCADE, related_name="confirmations")
    stage = models.PositiveSmallIntegerField(_("stage"), choices=Stage.choices)
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    confirmed_at = models.DateTimeField(_("confirmed"), auto_now_add=True)

    class Meta:
        verbose_name = _("stage confirmation")
        verbose_name_plural = _("stage confirmations")
        constraints = [
            models.UniqueConstraint(fields=["relationship", "stage", "person"], name="one_confirmation_per_person")
        ]

    def __str__(self):
        return f"{self.relationship_id}/{self.stage}/{self.person_id}"


def new_feed_token():
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """A person's secret calendar address. The token is kept as it is, not hashed: the person reads their address
    again on their page whenever they add it to another calendar program; regenerating it revokes the old one."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed")
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self):
        return str(self.user)


class SessionReminder(models.Model):
    """A reminder sent to one person for one meeting: the command sends each once."""

    session = models.ForeignKey(MentoringSession, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    occurrence = models.DateTimeField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "person", "occurrence"], name="one_reminder_per_meeting")
        ]

    def __str__(self):
        return f"{self.session_id}/{self.person_id}/{self.occurrence:%Y-%m-%dT%H:%M}"
