"""The practices' own vocabulary, at the bottom of the app: every module may import it, it imports none of them."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# The service areas are the programme's (home/programme.py): the mentor pool (mentoring) uses them too.
from home.programme import ServiceArea  # noqa: F401


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


class Licence(models.TextChoices):
    """The licence a submitter may choose for their practice. A practice is its submitting organisation's:
    without a choice no licence is stated, and the site claims none (neither the Q-SER Consortium's nor CC BY)."""

    NONE = "", _("No licence stated")
    CC_BY = "cc-by-4.0", _("Creative Commons Attribution 4.0 (CC BY 4.0)")
    CC_BY_SA = "cc-by-sa-4.0", _("Creative Commons Attribution-ShareAlike 4.0 (CC BY-SA 4.0)")
    CC0 = "cc0-1.0", _("Public domain dedication (CC0 1.0)")


LICENCE_URLS = {
    Licence.CC_BY: "https://creativecommons.org/licenses/by/4.0/",
    Licence.CC_BY_SA: "https://creativecommons.org/licenses/by-sa/4.0/",
    Licence.CC0: "https://creativecommons.org/publicdomain/zero/1.0/",
}
