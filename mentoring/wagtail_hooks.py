from django.contrib.admin.utils import quote
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from forms_library.filling import FILLED_FORM_SAVED
from forms_library.views import FILLED_FORM_NOTICES
from home.examples import ExampleColumn

from . import accounts, audit, permissions, reviews, sessions, stage_forms
from .choosers import ListedOnlyChooserViewSet
from .models import Department, MentoringRelationship, StageOutput, StageRequirement
from .models.outputs import with_read_titles

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
    list_display = ["name", "municipality", "country", ExampleColumn()]
    list_filter = ["country", "is_example"]
    panels = [
        FieldPanel("name"),
        FieldPanel("municipality"),
        FieldPanel("country"),
        FieldPanel("organisation"),
        FieldPanel("is_example", read_only=True),
        InlinePanel("translated_names", heading=_("Names in other languages"), label=_("Name in another language")),
    ]
    search_fields = ["name", "municipality"]


class MentoringRelationshipViewSet(SnippetViewSet):
    model = MentoringRelationship
    icon = "user"
    menu_label = _("Relationships")
    list_display = ["__str__", "mentoring_model", "department", "current_stage", "status", ExampleColumn()]
    chooser_viewset_class = ListedOnlyChooserViewSet
    list_filter = ["mentoring_model", "department", "status", "is_example"]


class StageOutputViewSet(SnippetViewSet):
    """Wagtail's snippet views, but only the outputs the user may see (Wagtail's own permission
    policy knows nothing of object permissions)."""

    model = StageOutput
    icon = "doc-full"
    menu_label = _("Stage outputs")
    list_display = ["title", "relationship", "stage", "live", ExampleColumn()]
    list_filter = ["stage", "live", "is_example"]
    chooser_viewset_class = ListedOnlyChooserViewSet
    history_view_class = AuditedHistoryView
    workflow_history_view_class = AuditedWorkflowHistoryView
    workflow_history_detail_view_class = AuditedWorkflowHistoryDetailView

    def get_queryset(self, request):
        return permissions.stage_outputs_visible_to(request.user).select_related("relationship__mentor")

    @property
    def url_finder_class(self):
        """Where the admin links an output (Site history, Wagtail's "Awaiting your review" panel): its edit
        view; for auditors its history; for its reviewer at the current step, the site's page of the output,
        where the answers are read and the decision taken (the reviewer has no model-wide edit permission)."""
        edit_finder = super().url_finder_class
        history_url_name = self.get_url_name("history")

        class AuditURLFinder(edit_finder):
            def get_edit_url(self, instance):
                edit_url = super().get_edit_url(instance)
                if edit_url is not None or not self.user:
                    return edit_url
                if self.user.has_perm(f"mentoring.{AUDIT}_stageoutput"):
                    return reverse(history_url_name, args=(quote(instance.pk),))
                if permissions.can_decide(self.user, instance):
                    return reverse("mentoring:output", args=(instance.pk,))
                return None

        return AuditURLFinder


class StageRequirementViewSet(SnippetViewSet):
    """Editors say, per mentoring model and stage, which outputs complete a stage (mentoring/progress.py)."""

    model = StageRequirement
    icon = "tasks"
    menu_label = _("Stage requirements")
    list_display = ["__str__", "mentoring_model", "stage"]
    chooser_viewset_class = ListedOnlyChooserViewSet
    list_filter = ["mentoring_model", "stage"]


class MentoringViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Mentoring")
    menu_icon = "group"
    items = (DepartmentViewSet, MentoringRelationshipViewSet, StageOutputViewSet, StageRequirementViewSet)


register_snippet(MentoringViewSetGroup)

# In the admin, the reviewer's waiting list is Wagtail's own dashboard panel ("Awaiting your review"): it lists the
# task states our tasks' get_task_states_user_can_moderate give, with their decisions, and links each output
# through the viewset's URL finder above. On the site, "What is waiting for you" (next_steps.py) asks the same.


hooks.register("register_log_actions", audit.register_log_actions)

# The forms library's pages ask what a form is filled for (forms_library/views.py): a relationship's stage.
hooks.register("filled_form_purpose", stage_forms.purpose)
hooks.register("describe_filled_forms", stage_forms.descriptions)
# A relationship's calendar form, saved, moves its sessions (mentoring/sessions.py keeps the two in step).
hooks.register(FILLED_FORM_SAVED, sessions.calendar_saved)


@hooks.register(FILLED_FORM_NOTICES)
def request_for_changes_on_filled_form(request, filled):
    """The reviewer's comment on top of the filled form it reopened, with the way back to the output."""
    outputs = permissions.stage_outputs_visible_to(request.user).filter(filled_form=filled)
    output = with_read_titles(outputs, request.LANGUAGE_CODE).first()
    request_for_changes = output and reviews.latest_request_for_changes(output)
    if not request_for_changes:
        return ""
    context = {
        "output": output,
        "request_for_changes": request_for_changes,
        "output_url": reverse("mentoring:output", args=(output.pk,)),
    }
    return render_to_string("mentoring/includes/review_comment.html", context, request=request)


@hooks.register(FILLED_FORM_NOTICES)
def calendar_in_step_with_sessions(request, filled):
    """On a relationship's calendar of sessions: what saving it does to the sessions (mentoring/sessions.py)."""
    return stage_forms.calendar_notice(request.user, filled)


@hooks.register("register_account_settings_panel")
def offer_to_revoke_api_tokens(request, user, profile):
    return accounts.RevokeTokensPanel(request, user, profile)
