from django.db import models


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
