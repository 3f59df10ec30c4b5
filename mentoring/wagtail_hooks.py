from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Department


class DepartmentViewSet(SnippetViewSet):
    model = Department
    icon = "group"
    menu_label = _("Departments")
    add_to_admin_menu = True
    list_display = ["name", "municipality", "country"]
    list_filter = ["country"]
    search_fields = ["name", "municipality"]


register_snippet(DepartmentViewSet)
