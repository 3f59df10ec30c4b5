"""The practices' own vocabulary, at the bottom of the app: every module may import it, it imports none of them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ServiceArea(models.TextChoices):
    HOUSING = "housing", _("Housing")
    SOCIAL_CARE = "social_care", _("Social care and welfare")
    HEALTH = "health", _("Health")
    EDUCATION = "education", _("Education")
    PERMITS = "permits", _("Residence and work permits")
    OTHER = "other", _("Other")


class SubmissionState(models.TextChoices):
    """Where a submission stands, as the API names it (codes for systems, not shown to people)."""

    PUBLISHED = "published"
    AWAITING_MODERATION = "awaiting_moderation"
    CHANGES_REQUESTED = "changes_requested"
    DECLINED = "declined"
    NOT_PUBLISHED = "not_published"


# The editor's features in a practice's long texts.
TEXT_FEATURES = ["bold", "italic", "ul", "ol", "link"]

# Admin labels, not translated: the workflow, its group, and the private collection of attachments in moderation.
WORKFLOW_NAME = "Practice moderation"
MODERATORS = "Moderators"
SUBMISSIONS = "Practice submissions"
