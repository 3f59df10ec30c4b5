"""What the top layer keeps of its own: the personal-data exports people ask for (qser_site/privacy_exports.py) and
the programme dashboard's roll-ups (qser_site/dashboard/rollups.py)."""

import secrets
from functools import partial

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

FOLDER = "personal-data-exports"


def export_file_name(export, filename):
    """A folder no one can guess: on the local disk the development server serves /media/ to anyone who
    knows a name (the S3 bucket is private and hands out signed URLs only)."""
    return f"{FOLDER}/{secrets.token_urlsafe(24)}/{filename}"


class ExportQuerySet(models.QuerySet):
    def delete_with_files(self):
        """The rows now, their files once the transaction commits (a rollback keeps both)."""
        names = [name for name in self.values_list("file", flat=True) if name]
        count, _per_model = self.delete()
        transaction.on_commit(partial(_delete_files, names))
        return count


def _delete_files(names):
    for name in names:
        default_storage.delete(name)


class PersonalDataExport(models.Model):
    """A person's personal data (GDPR articles 15 and 20), asked for by them or by an administrator, built by a
    task on the worker and kept, privately, for PERSONAL_DATA_EXPORT_DAYS days for the asker to download."""

    class Format(models.TextChoices):
        JSON = "json", "JSON"
        ZIP = "zip", pgettext_lazy("file format", "ZIP with the Word files")

    class State(models.TextChoices):
        WAITING = "waiting", pgettext_lazy("personal data export", "Being prepared")
        READY = "ready", pgettext_lazy("personal data export", "Ready")
        FAILED = "failed", pgettext_lazy("personal data export", "Failed")

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("person")
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=pgettext_lazy("personal data export", "asked by"),
    )
    file_format = models.CharField(pgettext_lazy("personal data export", "format"), max_length=4, choices=Format)
    state = models.CharField(
        pgettext_lazy("personal data export", "state"), max_length=8, choices=State, default=State.WAITING
    )
    file = models.FileField(pgettext_lazy("personal data export", "file"), upload_to=export_file_name, blank=True)
    size = models.PositiveBigIntegerField(pgettext_lazy("personal data export", "size"), null=True, blank=True)
    created_at = models.DateTimeField(pgettext_lazy("personal data export", "asked at"), auto_now_add=True)
    finished_at = models.DateTimeField(pgettext_lazy("personal data export", "finished at"), null=True, blank=True)
    expires_at = models.DateTimeField(pgettext_lazy("personal data export", "expires at"), db_index=True)

    objects = ExportQuerySet.as_manager()

    class Meta:
        verbose_name = _("personal data export")
        verbose_name_plural = _("personal data exports")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.get_file_format_display()} {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def is_downloadable(self):
        return self.state == self.State.READY and bool(self.file) and self.expires_at > timezone.now()


class DashboardRollup(models.Model):
    """The programme dashboard's figures for one selection (qser_site/dashboard/rollups.py), computed by a task
    and read by every web process: the page serves them while they are at most figures.MAX_AGE old."""

    # figures.selection_key: the period, the filters and the departments, hashed.
    key = models.CharField(max_length=64, unique=True)
    computed_at = models.DateTimeField()
    # The pickled figures.Figures (written and read by this site only, like its cache).
    figures = models.BinaryField()

    def __str__(self):
        return f"{self.key[:12]} ({self.computed_at:%Y-%m-%d %H:%M})"
