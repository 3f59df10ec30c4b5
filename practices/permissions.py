"""Who may do what to a good practice in Wagtail's admin and API v3: no role skips moderation.

Wagtail's page permissions (GroupPagePermission) hold for a whole subtree, and say nothing of a workflow: a group
with `change` on a repository could read every submission in it, and one with `publish` could publish it past
its moderation. Wagtail 8 lets a project register its own page permission policy (`wagtail.permissions.
policy_registry`, which the admin's explorer, search, choosers and API v3 ask for the pages a user may see) and
lets a page type give its own permission tester (`Page.permissions_for_user`, which the admin's views, Wagtail's
actions and API v3 ask for each page). Both are used here, with the rules below:

- a practice that is not published (a submission, in moderation or sent back) is seen only by its submitter
  (its owner) and the moderators (the groups of the "Practice moderation" task) and the superuser;
- the translation of a published practice (made by wagtail-localize) is seen and edited by the translators of
  its language (their group's `change` on their repository); the practice itself is edited by moderators only;
- a practice is published only by its workflow's last approval (mentoring/publishing.py): nobody publishes it
  directly, not the moderators, not the superuser; taking one offline, deleting, moving and copying are the
  moderators' (and the superuser's).

This module imports no model of the app (pages.py uses it): it finds the practice page type by its name.
"""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Q
from wagtail.models import GroupApprovalTask, Page
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail_localize.models import Translation

from home.page_permissions import SitePagePermissionTester

from .constants import WORKFLOW_NAME

_MODERATOR_CACHE = "_qser_moderates_practices"


def moderates_practices(user):
    """Whether the user decides in the practices' moderation: the superuser, or a member of a group of its task.
    Cached on the user object for the request, as Wagtail caches its page permissions."""
    if not user.is_active or user.is_anonymous:
        return False
    if user.is_superuser:
        return True
    if not hasattr(user, _MODERATOR_CACHE):
        moderates = GroupApprovalTask.objects.filter(
            workflow_tasks__workflow__name=WORKFLOW_NAME, active=True, groups__user=user
        ).exists()
        setattr(user, _MODERATOR_CACHE, moderates)
    return getattr(user, _MODERATOR_CACHE)


def _practice_content_type():
    return ContentType.objects.get_for_model(apps.get_model("practices", "PracticePage"))


def _translation_of_published():
    """A page that wagtail-localize made as the translation of a page published in another language."""
    translated = Translation.objects.filter(
        source__object_id=OuterRef("translation_key"), target_locale=OuterRef("locale")
    )
    published = Page.objects.filter(translation_key=OuterRef("translation_key"), live=True).exclude(
        locale=OuterRef("locale")
    )
    return Exists(translated) & Exists(published)


def private_practices(user):
    """The condition (on Page) of the practices the user may not see: unpublished, not theirs, not a translation
    of a published practice. None for those who see all of them."""
    if moderates_practices(user):
        return None
    mine = Q(owner=user) if user.is_authenticated else Q(pk__in=[])
    return Q(content_type=_practice_content_type(), live=False) & ~mine & ~_translation_of_published()


def without_private_practices(queryset, user):
    condition = private_practices(user)
    if condition is None:
        return queryset
    # As a subquery of ids: the admin's search hands the queryset's conditions to the search backend, which reads
    # `pk__in` (as Wagtail's own explorable pages are given) but not an `Exists`.
    return queryset.exclude(pk__in=Page.objects.filter(condition).values("pk"))


def is_private_practice(page, user):
    condition = private_practices(user)
    if condition is None or page.live or page.content_type_id != _practice_content_type().pk:
        return False
    return not Page.objects.filter(pk=page.pk).exclude(condition).exists()


def is_translation_of_published(page):
    return Page.objects.filter(pk=page.pk).filter(_translation_of_published()).exists()


class PracticePagePermissionPolicy(PagePermissionPolicy):
    """Wagtail's page policy, less the practices the user may not see (registered in apps.py for every page
    type: the explorer and API v3 list plain pages)."""

    def instances_user_has_any_permission_for(self, user, actions):
        return without_private_practices(super().instances_user_has_any_permission_for(user, actions), user)

    def explorable_instances(self, user):
        return without_private_practices(super().explorable_instances(user), user)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        if is_private_practice(instance, user):
            return False
        return super().user_has_any_permission_for_instance(user, actions, instance)


class PracticePermissionTester(SitePagePermissionTester):
    """What one user may do to one practice (the rules in the module's docstring)."""

    def __init__(self, user, page):
        super().__init__(user, page)
        self.moderates = moderates_practices(user)
        self.private = not self.moderates and is_private_practice(page, user)

    def _translates(self):
        """A translator on the translation of a published practice, with Wagtail's `change` there."""
        return not self.private and super().can_edit() and is_translation_of_published(self.page)

    def can_edit(self):
        return super().can_edit() if self.moderates else self._translates()

    def can_delete(self, ignore_bulk=False):
        return self.moderates and super().can_delete(ignore_bulk=ignore_bulk)

    def can_copy(self):
        return self.moderates and super().can_copy()

    def can_publish(self):
        # wagtail-localize's editor offers only "Publish"; for a practice's translation that button sends the
        # translation to the moderators instead (wagtail_hooks.py marks the page it renders).
        if getattr(self.page, "publish_sends_to_moderation", False):
            return self.can_submit_translation()
        return False

    def can_submit_translation(self):
        return self.can_edit() and not self.page_locked()

    def can_unpublish(self):
        return self.moderates and super().can_unpublish()

    def can_publish_subpage(self):
        return False

    def can_reorder_children(self):
        return False

    def can_lock(self):
        return not self.private and super().can_lock()

    def can_unlock(self):
        return not self.private and super().can_unlock()

    def can_submit_for_moderation(self):
        return self.can_edit() and super().can_submit_for_moderation()

    def can_view_revisions(self):
        return self.can_edit() and super().can_view_revisions()
