from django.contrib.admin.utils import quote
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.models import TaskState
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import audit, permissions
from .choosers import ListedOnlyChooserViewSet
from .models import Department, MentoringRelationship, StageOutput

# Wagtail's permission action of the "audit_stageoutput" permission: the editor role reads an output's
# history (who did what, when, with which comment) without editing it or seeing its answers.
AUDIT = "audit"


class AuditedHistoryView(snippet_views.HistoryView):
    any_permission_required = ["add", "change", "delete", AUDIT]

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        if not self.user_has_permission("change"):
            # No links to the edit view or to revisions, which show the answers.
            self.edit_url_name = self.revisions_view_url_name = self.revisions_revert_url_name = None
            self.revisions_compare_url_name = self.revisions_unschedule_url_name = None

    @cached_property
    def header_buttons(self):
        return super().header_buttons if self.edit_url_name else []


class AuditedWorkflowHistoryView(snippet_views.WorkflowHistoryView):
    permission_required = None
    any_permission_required = ["change", AUDIT]


class AuditedWorkflowHistoryDetailView(snippet_views.WorkflowHistoryDetailView):
    permission_required = None
    any_permission_required = ["change", AUDIT]


class DepartmentViewSet(SnippetViewSet):
    model = Department
    icon = "group"
    menu_label = _("Departments")
    list_display = ["name", "municipality", "country"]
    list_filter = ["country"]
    search_fields = ["name", "municipality"]


class MentoringRelationshipViewSet(SnippetViewSet):
    model = MentoringRelationship
    icon = "user"
    menu_label = _("Relationships")
    list_display = ["__str__", "mentoring_model", "department", "current_stage", "status"]
    chooser_viewset_class = ListedOnlyChooserViewSet
    list_filter = ["mentoring_model", "department", "status"]


class StageOutputViewSet(SnippetViewSet):
    """Wagtail's snippet views, but only the outputs the user may see (Wagtail's own permission
    policy knows nothing of object permissions)."""

    model = StageOutput
    icon = "doc-full"
    menu_label = _("Stage outputs")
    list_display = ["title", "relationship", "stage", "live"]
    list_filter = ["stage", "live"]
    chooser_viewset_class = ListedOnlyChooserViewSet
    history_view_class = AuditedHistoryView
    workflow_history_view_class = AuditedWorkflowHistoryView
    workflow_history_detail_view_class = AuditedWorkflowHistoryDetailView

    def get_queryset(self, request):
        return permissions.stage_outputs_visible_to(request.user).select_related("relationship__mentor")

    @property
    def url_finder_class(self):
        """Site history links an entry to the output's edit view, or for auditors to its history."""
        edit_finder = super().url_finder_class
        history_url_name = self.get_url_name("history")

        class AuditURLFinder(edit_finder):
            def get_edit_url(self, instance):
                edit_url = super().get_edit_url(instance)
                if edit_url is None and self.user and self.user.has_perm(f"mentoring.{AUDIT}_stageoutput"):
                    return reverse(history_url_name, args=(quote(instance.pk),))
                return edit_url

        return AuditURLFinder


class MentoringViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Mentoring")
    menu_icon = "group"
    items = (DepartmentViewSet, MentoringRelationshipViewSet, StageOutputViewSet)


register_snippet(MentoringViewSetGroup)


class AwaitingReviewPanel(Component):
    """The stage outputs whose current review step the signed-in user may decide."""

    name = "awaiting_stage_output_review"
    order = 90

    def __init__(self, request):
        self.request = request

    def render_html(self, parent_context=None):
        states = (
            TaskState.objects.reviewable_by(self.request.user)
            .filter(workflow_state__base_content_type__model="stageoutput")
            .select_related("task", "workflow_state")
        )
        ids = [int(state.workflow_state.object_id) for state in states]
        outputs = StageOutput.objects.filter(pk__in=ids).select_related("relationship__department")
        return render_to_string(
            "mentoring/admin/awaiting_review_panel.html", {"outputs": outputs}, request=self.request
        )


@hooks.register("construct_homepage_panels")
def add_awaiting_review_panel(request, panels):
    panels.append(AwaitingReviewPanel(request))


hooks.register("register_log_actions", audit.register_log_actions)
