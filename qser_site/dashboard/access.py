"""Who sees the programme dashboard, and how much of it.

- Administrators and Wagtail's "Editors" see every department, its counts under 5 withheld ("fewer than 5"):
  they may not see a department's individual records.
- A coordinator (guardian's `coordinate_department`, mentoring/permissions.py) sees only the departments they
  coordinate, in full: they see those departments' requests, pool and relationships anyway.
- A superuser sees everything in full.
Free-text evaluation answers are shown only for relationships whose records the reader may see.

What a reader may do is looked up once per request (the page, its menu and its summary panel all ask): the
answers are kept on the request's user object, which lives as long as the request."""

from mentoring.models import Department
from mentoring.permissions import coordinated_departments

# Wagtail's own group of editors (made by wagtailcore's migrations), as the demo and the site use it.
EDITORS = "Editors"


def _once(user, name, answer):
    known = user.__dict__.setdefault("_dashboard_access", {})
    if name not in known:
        known[name] = answer()
    return known[name]


def is_editor(user):
    return user.is_authenticated and _once(user, "editor", lambda: user.groups.filter(name=EDITORS).exists())


def _coordinated_ids(user):
    return _once(user, "coordinated", lambda: frozenset(coordinated_departments(user).values_list("pk", flat=True)))


def can_view_dashboard(user):
    return bool(
        user.is_authenticated and user.is_active and (user.is_superuser or is_editor(user) or _coordinated_ids(user))
    )


def dashboard_departments(user):
    """The departments whose figures the reader sees."""
    if user.is_superuser or is_editor(user):
        return Department.objects.all()
    return Department.objects.filter(pk__in=_coordinated_ids(user))


def record_department_ids(user):
    """The departments whose individual records the reader may see: their counts are not withheld."""
    if not user.is_authenticated:
        return set()
    return set(_coordinated_ids(user))
