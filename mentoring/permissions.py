"""Who may see a stage output: the one place the views, downloads, listings and the API ask.

An output is seen by its author, the relationship's mentor and mentees, the reviewers of the
relationship's department, and, once published, the members of the departments it was published to
(through django-guardian object permissions granted on publication). Wagtail's permission policies
do not consult guardian for single objects, so every queryset is filtered here and every object
checked again.
"""

from django.db.models import Q
from guardian.shortcuts import assign_perm, get_objects_for_user, remove_perm

from .models import StageOutput

VIEW_OUTPUT = "mentoring.view_stageoutput"
VIEW_FILLED_FORM = "forms_library.view_filledform"


def _path_q(user):
    """Outputs the user sees because they are on the output's path."""
    return (
        Q(author=user)
        | Q(relationship__mentor=user)
        | Q(relationship__mentees=user)
        | Q(relationship__department__reviewers_group__in=user.groups.all())
    )


def stage_outputs_visible_to(user):
    if not user.is_authenticated:
        return StageOutput.objects.none()
    if user.is_superuser:
        return StageOutput.objects.all()
    shared = get_objects_for_user(user, VIEW_OUTPUT, klass=StageOutput, accept_global_perms=False).filter(live=True)
    return StageOutput.objects.filter(_path_q(user) | Q(pk__in=shared.values("pk"))).distinct()


def shared_with_departments_of(user):
    """The published outputs that reached the user through one of their departments."""
    if not user.is_authenticated:
        return StageOutput.objects.none()
    return get_objects_for_user(user, VIEW_OUTPUT, klass=StageOutput, accept_global_perms=False).filter(live=True)


def grant_review_access(output):
    """The mentor and the department's reviewers read the filled form while they review it."""
    assign_perm(VIEW_FILLED_FORM, output.relationship.mentor, output.filled_form)
    assign_perm(VIEW_FILLED_FORM, output.relationship.department.reviewers_group, output.filled_form)


def publish_to_departments(output):
    for department in output.receiving_departments():
        assign_perm(VIEW_OUTPUT, department.members_group, output)
        assign_perm(VIEW_FILLED_FORM, department.members_group, output.filled_form)


def withdraw_from_departments(output):
    from .models import Department

    for department in Department.objects.select_related("members_group"):
        remove_perm(VIEW_OUTPUT, department.members_group, output)
        remove_perm(VIEW_FILLED_FORM, department.members_group, output.filled_form)
