from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel
from wagtail.models import DraftStateMixin, LockableMixin, RevisionMixin, WorkflowMixin

from forms_library import reading
from home.examples import ExampleRecord
from home.programme import Stage

from .people import Department
from .relationships import MentoringRelationship


class StageOutput(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, ClusterableModel, ExampleRecord):
    """A filled form that a mentoring relationship produced in one stage, reviewed with Wagtail's
    workflow engine before it is published to other departments.

    "Live" means published to the target departments. The answers are copied from the filled form at
    each submission, so that the revisions of an output show how its answers changed between reviews.
    """

    relationship = models.ForeignKey(
        MentoringRelationship, on_delete=models.CASCADE, related_name="outputs", verbose_name=_("relationship")
    )
    stage = models.PositiveSmallIntegerField(_("stage"), choices=Stage.choices)
    filled_form = models.OneToOneField(
        "forms_library.FilledForm", on_delete=models.PROTECT, related_name="stage_output", verbose_name=_("filled form")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="stage_outputs", verbose_name=_("author")
    )
    title = models.CharField(_("title"), max_length=255)
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    share_with_all = models.BooleanField(_("share with every department"), default=False)
    target_departments = ParentalManyToManyField(
        Department, blank=True, related_name="+", verbose_name=_("share with these departments")
    )

    panels = [
        FieldPanel("title", read_only=True),
        FieldPanel("share_with_all"),
        FieldPanel("target_departments"),
        FieldPanel("is_example", read_only=True),
    ]

    class Meta:
        ordering = ["relationship", "stage", "pk"]
        verbose_name = _("stage output")
        verbose_name_plural = _("stage outputs")
        indexes = [models.Index(fields=["relationship", "stage"])]
        # Wagtail's "audit" action: the output's history in the admin, without seeing or editing its answers.
        permissions = [("audit_stageoutput", _("Can read the audit log of stage outputs"))]

    def __str__(self):
        return self.title

    def receiving_departments(self):
        return Department.objects.all() if self.share_with_all else self.target_departments.all()

    def copy_from_filled_form(self):
        self.title = self.filled_form.title
        self.answers = self.filled_form.answers


def with_read_titles(outputs, language):
    """Outputs with `read_title` and `read_language`: the title of their form's template in `language` where it
    has a translation in it, else the title as written (forms_library.reading), in the list's own query."""
    return reading.with_read_titles(
        outputs, language, template="filled_form__template", written_in="filled_form__language"
    )


class StageOutputUserObjectPermission(UserObjectPermissionBase):
    """django-guardian's direct foreign key, which stays fast as outputs grow (no generic lookup)."""

    content_object = models.ForeignKey(StageOutput, on_delete=models.CASCADE)


class StageOutputGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(StageOutput, on_delete=models.CASCADE)
