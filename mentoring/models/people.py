from django.conf import settings
from django.contrib.auth.models import AbstractUser, Group
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from home.examples import ExampleRecord
from home.programme import Country


class User(AbstractUser):
    """A municipal employee. Custom from the first migration so that what the site needs to know of a
    person (the language we write to them in) lives on the person, not in a side table."""

    preferred_language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("Used for notifications and the administration interface."),
    )
    # Kept in step with Wagtail's UserProfile.current_time_zone (mentoring/signals.py), like the language:
    # the user row is read on every request anyway, so the site shows times in the reader's zone at no cost.
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        blank=True,
        help_text=_("Dates and times are shown in this zone. Empty: the zone of your department's country."),
    )

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
        # For a data protection officer: act on anyone's request without being a superuser.
        permissions = [
            ("export_personal_data", _("Can export anyone's personal data")),
            ("erase_personal_data", _("Can erase a person's data on request")),
        ]

    @property
    def departments(self):
        """The departments this person belongs to, as a member or as a reviewer."""
        return Department.objects.filter(
            Q(members_group__in=self.groups.all()) | Q(reviewers_group__in=self.groups.all())
        ).distinct()

    def department_names_in(self, language):
        """The names of this person's departments in `language` (for documents written in it)."""
        return [department.name_in(language) for department in self.departments.prefetch_related("translated_names")]


class Organisation(ExampleRecord):
    """A municipality or other public body running the programme: its departments share one mentor pool
    policy and its coordinators may run several departments' programmes."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    country = models.CharField(_("country"), max_length=2, choices=Country.choices)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.name


class Department(ClusterableModel, ExampleRecord):
    """A department of a municipality. Membership is held in auth groups, so that Wagtail's and
    guardian's permission machinery can be granted to a department as a whole. Its name is written in the
    source language; its names in the other languages are DepartmentName rows (see there why)."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    municipality = models.CharField(_("municipality"), max_length=120)
    country = models.CharField(
        _("country"),
        max_length=2,
        choices=Country.choices,
    )
    # Empty only until save(): the organisation named by the municipality is found or created then.
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="departments",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
    )
    # Created with the department (see save()); editors never pick them by hand.
    members_group = models.OneToOneField(
        Group, on_delete=models.PROTECT, related_name="department_as_members", editable=False
    )
    reviewers_group = models.OneToOneField(
        Group, on_delete=models.PROTECT, related_name="department_as_reviewers", editable=False
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        permissions = [("coordinate_department", _("Can coordinate the department's mentoring programme"))]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if self.members_group_id is None:
            self.members_group, _created = Group.objects.get_or_create(name=f"{self.name}: members")
        if self.reviewers_group_id is None:
            self.reviewers_group, _created = Group.objects.get_or_create(name=f"{self.name}: reviewers")
        if self.organisation_id is None:
            self.organisation, _created = Organisation.objects.get_or_create(
                name=self.municipality, defaults={"country": self.country, "is_example": self.is_example}
            )
        # The approval task's reviewer groups follow (mentoring.signals, on post_save).
        super().save(*args, **kwargs)

    def has_reviewer(self, user):
        return user.groups.filter(pk=self.reviewers_group_id).exists()

    def name_in(self, language):
        """The department's name in `language`, its own name where none is given (reads prefetched names)."""
        names = {name.language: name.name for name in self.translated_names.all()}
        return names.get(language) or self.name


class DepartmentName(models.Model):
    """A department's name in another language, shown to readers of that language; every foreign key keeps
    pointing at the one department.

    Not wagtail-localize's translatable snippet (TranslatableMixin): that makes each translation a department
    row of its own, and a department is more than its name. It owns its members' and reviewers' groups (one
    pair per department, made in save()), object permissions are granted to those groups, and relationships,
    outputs and people point at it; wagtail-localize does not move foreign keys to translations (#648, #710).
    Every listing of departments would have to leave the translations out. A name per language, edited on the
    department's own admin page, is all a reader needs."""

    department = ParentalKey(Department, on_delete=models.CASCADE, related_name="translated_names")
    language = models.CharField(
        _("language"), max_length=8, choices=[(code, name) for code, name in settings.LANGUAGES if code != "en"]
    )
    name = models.CharField(_("name"), max_length=120)

    class Meta:
        ordering = ["language"]
        verbose_name = _("name in another language")
        verbose_name_plural = _("names in other languages")
        constraints = [
            models.UniqueConstraint(fields=["department", "language"], name="one_department_name_per_language")
        ]

    def __str__(self):
        return self.name


def department_names(language):
    """{department id: name} in `language`, in one query: for pages that list many departments."""
    return dict(DepartmentName.objects.filter(language=language).values_list("department_id", "name"))


class DepartmentUserObjectPermission(UserObjectPermissionBase):
    """guardian's direct table for department permissions (the coordinator's, permissions.py)."""

    content_object = models.ForeignKey(Department, on_delete=models.CASCADE)


class DepartmentGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Department, on_delete=models.CASCADE)
