"""Who may see a stage output and who may act on it: the one place the views, downloads, listings, the API
and the review operations (reviews.py) ask.

An output is seen by its author, the relationship's mentor and mentees, the reviewers of the
relationship's department, and, once published, the members of the departments it was published to
(through django-guardian object permissions granted on publication). An output of private notes (the mentor's
diary, until its author chose to share it) is seen by its author alone, whatever else was granted. Wagtail's permission policies
do not consult guardian for single objects, so every queryset is filtered here and every object
checked again.
"""

from django.contrib.auth.models import Group, Permission
from django.db.models import Q
from guardian.shortcuts import assign_perm, get_objects_for_user, remove_perm

from .models import (
    Department,
    GroupMember,
    GroupProposal,
    MatchProposal,
    MentoringRelationship,
    MentorRequest,
    StageOutput,
)
from .models.relationships import involvement
from .models.tasks import MODERATORS, approved_by_moderators

VIEW_OUTPUT = "mentoring.view_stageoutput"
VIEW_FILLED_FORM = "forms_library.view_filledform"


def _path_q(user):
    """Outputs the user sees because they are on the output's path."""
    return Q(author=user) | involvement(user, prefix="relationship__")


def _not_private_q(user):
    return Q(author=user) | Q(filled_form__private=False)


def stage_outputs_visible_to(user):
    if not user.is_authenticated:
        return StageOutput.objects.none()
    if user.is_superuser:
        return StageOutput.objects.filter(_not_private_q(user))
    shared = get_objects_for_user(user, VIEW_OUTPUT, klass=StageOutput, accept_global_perms=False).filter(live=True)
    moderated = approved_by_moderators(user).values("pk")
    return (
        StageOutput.objects.filter(_path_q(user) | Q(pk__in=shared.values("pk")) | Q(pk__in=moderated))
        .filter(_not_private_q(user))
        .distinct()
    )


def shared_with_departments_of(user):
    """The published outputs that reached the user through one of their departments."""
    if not user.is_authenticated:
        return StageOutput.objects.none()
    return (
        get_objects_for_user(user, VIEW_OUTPUT, klass=StageOutput, accept_global_perms=False)
        .filter(live=True)
        .filter(_not_private_q(user))
    )


# Who acts on a relationship, and on an output (asked by reviews.py, and by the views to show what a person
# may do).


def can_start_relationship(user):
    """A member of a department starts a relationship as its mentor, with colleagues of their departments (the
    coordinator's matching comes with the programme's pages)."""
    return user.is_authenticated and user.departments.exists()


def can_plan_sessions(user, relationship):
    return relationship.mentor_id == user.pk


def can_record_ready_to_mentor(user, relationship):
    """The mentor, once the five stages are complete."""
    return relationship.mentor_id == user.pk and relationship.status == MentoringRelationship.Status.COMPLETED


def can_submit_output(user, relationship):
    return relationship.is_participant(user)


def can_submit_for_review(user, output):
    return output.author_id == user.pk


def review_actions(user, output, task_state):
    """The decisions the user may take at the output's current step: its task decides (as in the admin)."""
    return task_state.task.specific.get_actions(output, user) if task_state else []


def can_decide(user, output):
    return bool(review_actions(user, output, output.current_workflow_task_state))


def can_resubmit(user, output):
    state = output.current_workflow_state
    return output.author_id == user.pk and state is not None and state.status == state.STATUS_NEEDS_CHANGES


def can_withdraw(user, output):
    return output.live and (output.author_id == user.pk or output.relationship.department.has_reviewer(user))


def can_publish(user, output):
    """The last approval, by the reviewers of the output's own department, is the authority to publish."""
    return user is not None and (user.is_superuser or output.relationship.department.has_reviewer(user))


# What publication and review give access to.


def grant_review_access(output):
    """The mentor and the department's reviewers read the filled form while they review it."""
    assign_perm(VIEW_FILLED_FORM, output.relationship.mentor, output.filled_form)
    assign_perm(VIEW_FILLED_FORM, output.relationship.department.reviewers_group, output.filled_form)
    moderators = Group.objects.filter(name=MODERATORS).first()
    if moderators and approved_by_moderators().filter(pk=output.pk).exists():
        assign_perm(VIEW_FILLED_FORM, moderators, output.filled_form)


def publish_to_departments(output):
    for department in output.receiving_departments():
        assign_perm(VIEW_OUTPUT, department.members_group, output)
        assign_perm(VIEW_FILLED_FORM, department.members_group, output.filled_form)


def withdraw_from_departments(output):
    for department in Department.objects.select_related("members_group"):
        remove_perm(VIEW_OUTPUT, department.members_group, output)
        remove_perm(VIEW_FILLED_FORM, department.members_group, output.filled_form)


# The coordinator: a role (the group) and, per department, guardian's object permission to run its programme:
# see its requests and mentor pool, propose matches, confirm new mentors.

COORDINATE = "mentoring.coordinate_department"
COORDINATORS = "Coordinators"


def make_coordinator(user, departments):
    group, _created = Group.objects.get_or_create(name=COORDINATORS)
    # Coordinators read their programme's dashboard in the Wagtail admin (qser_site/dashboard).
    group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    user.groups.add(group)
    for department in departments:
        assign_perm(COORDINATE, user, department)


def coordinated_departments(user):
    if not user.is_authenticated:
        return Department.objects.none()
    if user.is_superuser:
        return Department.objects.all()
    return get_objects_for_user(user, COORDINATE, klass=Department, accept_global_perms=False)


def coordinates(user, department):
    return coordinated_departments(user).filter(pk=department.pk).exists()


def is_coordinator(user):
    return coordinated_departments(user).exists()


def requests_visible_to(user):
    """A request is seen by its mentee, by a mentor proposed for it (unless the proposal was declined) and by the
    coordinators of its department."""
    if not user.is_authenticated:
        return MentorRequest.objects.none()
    proposed_to = MatchProposal.objects.filter(offer__mentor=user).exclude(state=MatchProposal.State.DECLINED)
    in_group = GroupMember.objects.filter(proposal__offer__mentor=user).exclude(
        proposal__state=GroupProposal.State.DECLINED
    )
    return MentorRequest.objects.filter(
        Q(mentee=user)
        | Q(pk__in=proposed_to.values("request_id"))
        | Q(pk__in=in_group.values("request_id"))
        | Q(department__in=coordinated_departments(user).values("pk"))
    )


def proposals_visible_to(user):
    if not user.is_authenticated:
        return MatchProposal.objects.none()
    return MatchProposal.objects.filter(
        Q(offer__mentor=user)
        | Q(request__mentee=user)
        | Q(request__department__in=coordinated_departments(user).values("pk"))
    )


def can_propose(user, mentor_request):
    return coordinates(user, mentor_request.department)


def can_answer(user, proposal):
    """The proposed mentor and the mentee answer, each for themselves."""
    return user.pk in (proposal.offer.mentor_id, proposal.request.mentee_id)


def can_confirm_mentor(user, offer):
    return coordinates(user, offer.department)


def group_proposals_visible_to(user):
    """A group proposal is seen by its mentor, its mentees and the coordinators of its department."""
    if not user.is_authenticated:
        return GroupProposal.objects.none()
    return GroupProposal.objects.filter(
        Q(offer__mentor=user)
        | Q(pk__in=GroupMember.objects.filter(request__mentee=user).values("proposal_id"))
        | Q(department__in=coordinated_departments(user).values("pk"))
    )
