"""A person's filled forms: the records below every other module of the app (views, operations, the API)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from home.programme import Stage
from home.writes import etag

from .fields import definitions_from_raw


class FilledForm(models.Model):
    """A person's answers to a form template. It keeps the language it was filled in and a copy of
    the field definitions it was filled against, so later edits of the template never garble it."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        COMPLETE = "complete", _("Complete")

    template = models.ForeignKey(
        "forms_library.FormTemplatePage",
        on_delete=models.SET_NULL,
        null=True,
        related_name="filled_forms",
        verbose_name=_("template"),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="filled_forms", verbose_name=_("owner")
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    title = models.CharField(_("title"), max_length=255)
    stage = models.PositiveSmallIntegerField(_("stage"), choices=Stage.choices)
    field_definitions = models.JSONField(_("field definitions"))
    answers = models.JSONField(_("answers"), default=dict)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("filled form")
        verbose_name_plural = _("filled forms")
        indexes = [models.Index(fields=["owner", "-updated_at"])]

    def __str__(self):
        return f"{self.title} ({self.owner})"

    @classmethod
    def start(cls, template, owner):
        """A new, empty filled form with a snapshot of the template in its own language."""
        return cls(
            template=template,
            owner=owner,
            language=template.locale.language_code,
            title=template.title,
            stage=template.stage,
            field_definitions=template.fields.get_prep_value(),
        )

    @property
    def definitions(self):
        return definitions_from_raw(self.field_definitions)

    @property
    def etag(self):
        """The version a client read (the API's `ETag`): it changes with every save, and with the status, which
        the review of a stage output changes without saving the form (mentoring/reviews.py)."""
        return etag("filled-form", self.pk, self.updated_at.isoformat(), self.status)


class FilledFormUserObjectPermission(UserObjectPermissionBase):
    """django-guardian's direct foreign keys: reading a shared form stays one indexed lookup."""

    content_object = models.ForeignKey(FilledForm, on_delete=models.CASCADE)


class FilledFormGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(FilledForm, on_delete=models.CASCADE)
