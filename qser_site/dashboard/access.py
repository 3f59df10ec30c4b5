"""Who sees the programme dashboard, and how much of it.

- Administrators and Wagtail's "Editors" see every department, its counts under 5 withheld ("fewer than 5"):
  they may not see a department's individual records.
- A coordinator (guardian's `coordinate_department`, mentoring/permissions.py) sees only the departments they
  coordinate, in full: they see those departments' requests, pool and relationships anyway.
- A superuser sees everything in full.
Free-text evaluation answers are shown only for relationships whose records the reader may see."""

from mentoring.models import Department
from mentoring.permissions import coordinated_departments

# Wagtail's own group of editors (made by wagtailcore's migrations), as the demo and the site use it.
EDITORS = "Editors"


def is_editor(user):
    return user.is_authenticated and user.groups.filter(name=EDITORS).exists()


def can_view_dashboard(user):
    return bool(
        user.is_authenticated
        and user.is_active
        and (user.is_superuser or is_editor(user) or coordinated_departments(user).exists())
    )


def dashboard_departments(user):
    """The departments whose figures the reader sees."""
    if user.is_superuser or is_editor(user):
        return Department.objects.all()
    return coordinated_departments(user)


def record_department_ids(user):
    """The departments whose individual records the reader may see: their counts are not withheld."""
    return set(coordinated_departments(user).values_list("pk", flat=True))
