from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.models import TaskState
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import permissions
from .models import Department, MentoringRelationship, StageOutput


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
    list_filter = ["mentoring_model", "department", "status"]


class StageOutputViewSet(SnippetViewSet):
    """Wagtail's snippet views, but only the outputs the user may see (Wagtail's own permission
    policy knows nothing of object permissions)."""

    model = StageOutput
    icon = "doc-full"
    menu_label = _("Stage outputs")
    list_display = ["title", "relationship", "stage", "live"]
    list_filter = ["stage", "live"]

    def get_queryset(self, request):
        return permissions.stage_outputs_visible_to(request.user).select_related("relationship__mentor")


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
