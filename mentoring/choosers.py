"""Snippet choosers that offer what the snippet's listing would show, and nothing more.

Wagtail's snippet chooser offers every object of the model to anyone who has the admin: a department's
reviewer would find every relationship and every stage output there, of every department. Ours ask what the
listing asks (a permission on the model, then the viewset's queryset, which for stage outputs is
`permissions.stage_outputs_visible_to`).
"""

from django.core.exceptions import PermissionDenied
from wagtail.permissions import policy_registry
from wagtail.snippets.views import chooser
from wagtail.snippets.views.chooser import SnippetChooserViewSet

LISTING_PERMISSIONS = ["add", "change", "delete", "view"]


class ListedOnlyMixin:
    def dispatch(self, request, *args, **kwargs):
        policy = policy_registry.get_by_type(self.model_class)
        if not policy.user_has_any_permission(request.user, LISTING_PERMISSIONS):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def listed(self):
        queryset = self.model_class.snippet_viewset.get_queryset(self.request)
        return self.model_class._default_manager.all() if queryset is None else queryset

    def get_object_list(self):
        return self.listed()

    def get_object(self, pk):
        return self.listed().get(pk=pk)

    def get_objects(self, pks):
        return self.listed().filter(pk__in=pks)


class ListedOnlyChooserViewSet(SnippetChooserViewSet):
    choose_view_class = type("ChooseView", (ListedOnlyMixin, chooser.ChooseView), {})
    choose_results_view_class = type("ChooseResultsView", (ListedOnlyMixin, chooser.ChooseResultsView), {})
    chosen_view_class = type("SnippetChosenView", (ListedOnlyMixin, chooser.SnippetChosenView), {})
    chosen_multiple_view_class = type(
        "SnippetChosenMultipleView", (ListedOnlyMixin, chooser.SnippetChosenMultipleView), {}
    )
    create_view_class = type("SnippetCreateView", (ListedOnlyMixin, chooser.SnippetCreateView), {})
