"""What follows a change, whichever way in it came (the site, the Wagtail admin, a command): the person's
language kept in step with the admin's, the approval task's reviewers with the departments, and a stage
output's access, progress and e-mail with its review. Connected in MentoringConfig.ready.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from wagtail.log_actions import log
from wagtail.signals import published, task_approved, task_rejected, task_submitted, unpublished
from wagtail.users.models import UserProfile

from home import fragments
from home.programme import TIME_ZONES

from . import audit, notifications, permissions, progress, reviews, workflows
from .models import Department, DepartmentApprovalTask, DepartmentName, MentorReviewTask, StageOutput, StageRequirement

# The User field is what notifications read; Wagtail's admin reads its own UserProfile. Either side may
# be edited (the account settings in the admin write the profile), so each save copies to the other
# with a queryset update, which sends no further signal.


# The person's fields and the admin profile's that mean the same.
PROFILE_FIELDS = {"preferred_language": "preferred_language", "time_zone": "current_time_zone"}


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def copy_language_to_admin_profile(sender, instance, **kwargs):
    # A new profile starts with the user's language and zone: created empty, its own post_save would copy
    # the empty values back to the user.
    values = {profile_field: getattr(instance, user_field) for user_field, profile_field in PROFILE_FIELDS.items()}
    profile, _created = UserProfile.objects.get_or_create(user=instance, defaults=values)
    changed = {field: value for field, value in values.items() if getattr(profile, field) != value}
    if changed:
        UserProfile.objects.filter(pk=profile.pk).update(**changed)


@receiver(post_save, sender=UserProfile)
def copy_admin_language_to_user(sender, instance, **kwargs):
    user_model = instance.user.__class__
    values = {user_field: getattr(instance, profile_field) for user_field, profile_field in PROFILE_FIELDS.items()}
    user_model.objects.filter(pk=instance.user_id).exclude(**values).update(**values)


@receiver(m2m_changed, sender=get_user_model().groups.through)
def give_new_department_members_its_time_zone(sender, instance, action, reverse, pk_set, **kwargs):
    """A person who has not chosen a time zone gets the zone of the country of the department they join."""
    if action != "post_add" or not pk_set:
        return
    group_ids, user_ids = (pk_set, [instance.pk]) if not reverse else ([instance.pk], pk_set)
    department = Department.objects.filter(Q(members_group__in=group_ids) | Q(reviewers_group__in=group_ids)).first()
    if department is None:
        return
    zone = TIME_ZONES[department.country]
    people = get_user_model().objects.filter(pk__in=user_ids, time_zone="")
    UserProfile.objects.filter(user__in=people).update(current_time_zone=zone)
    people.update(time_zone=zone)
    if not reverse and not instance.time_zone:
        instance.time_zone = zone


@receiver(post_save, sender=Department)
def keep_department_reviewers_in_approval_task(sender, instance, raw=False, **kwargs):
    if not raw:  # loaddata (a restore) brings the task's groups with it
        workflows.sync_department_reviewers()


# Stage outputs: release on publication, progress, and who to tell. Publication is the workflow's
# finishing action (WAGTAIL_FINISH_WORKFLOW_ACTION publishes the latest revision), so access is granted
# where Wagtail publishes, never in a view.


def _stage_output(task_state):
    obj = task_state.workflow_state.content_object
    return obj if isinstance(obj, StageOutput) else None


@receiver(published)
def release_published_output(sender, instance, user=None, **kwargs):
    if not isinstance(instance, StageOutput):
        return
    permissions.publish_to_departments(instance)
    audit.log_sharing(instance)
    progress.advance(instance.relationship)
    notifications.notify("published", instance, [instance.author], actor=None)


@receiver(unpublished)
def withdraw_unpublished_output(sender, instance, user=None, **kwargs):
    if isinstance(instance, StageOutput):
        permissions.withdraw_from_departments(instance)
        log(instance, audit.WITHDRAWN)


@receiver(task_submitted)
def tell_reviewers(sender, instance, user=None, **kwargs):
    output = _stage_output(instance)
    if output is None:
        return
    task = instance.task.specific
    if not isinstance(task, MentorReviewTask | DepartmentApprovalTask):
        return
    reviewers = task.reviewers(output)
    notifications.notify("review_requested", output, reviewers, actor=user)


@receiver(task_approved)
def tell_author_of_approval(sender, instance, user=None, **kwargs):
    output = _stage_output(instance)
    # The last approval publishes the output, which sends its own message.
    if output is not None and instance.workflow_state.status == instance.workflow_state.STATUS_IN_PROGRESS:
        notifications.notify("approved_step", output, [output.author], actor=user, comment=instance.get_comment())


@receiver(task_rejected)
def reopen_and_tell_author_of_requested_changes(sender, instance, user=None, **kwargs):
    output = _stage_output(instance)
    if output is not None:
        reviews.reopen_for_changes(output)
        notifications.notify("changes_requested", output, [output.author], actor=user, comment=instance.get_comment())


# Department names in each language and the stage requirements are kept under the cache's generation
# (mentoring_tags.department_name, progress._stage_requirements).
def _renew_parts(sender, **kwargs):
    fragments.renew()


for _signal in (post_save, post_delete):
    _signal.connect(_renew_parts, sender=DepartmentName, dispatch_uid=f"qser-part-{_signal}-names")
    # The stage requirements of each model, read by what waits for each person (progress._stage_requirements).
    _signal.connect(_renew_parts, sender=StageRequirement, dispatch_uid=f"qser-part-{_signal}-required")
m2m_changed.connect(
    _renew_parts, sender=StageRequirement.templates.through, dispatch_uid="qser-part-required-templates"
)
