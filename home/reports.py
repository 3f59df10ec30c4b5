"""Wagtail's "Page types usage" report, naming only pages the reader may edit.

For each page type Wagtail's report names the page edited last, whoever reads it: a Greek translator would
read the title of a practice in moderation in the English tree. Mounted at the report's own URLs, before the
admin's (qser_site/urls.py), with the admin's decorators.
"""

from django.views.decorators.cache import never_cache
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.reports import page_types_usage


class PageTypesUsageReportView(page_types_usage.PageTypesUsageReportView):
    def decorate_paginated_queryset(self, page_types):
        page_types = super().decorate_paginated_queryset(page_types)
        for item in page_types:
            page = item.last_edited_page
            if page is not None and not page.permissions_for_user(self.request.user).can_edit():
                item.last_edited_page = None
        return page_types


page_types_usage_report = never_cache(require_admin_access(PageTypesUsageReportView.as_view()))
page_types_usage_results = never_cache(require_admin_access(PageTypesUsageReportView.as_view(results_only=True)))
