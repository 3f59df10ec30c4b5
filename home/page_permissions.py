"""What a user may do to a page of the site, on top of Wagtail's page permissions.

Wagtail ties the tree's structure to `change`: whoever may edit a page may also delete it (a leaf), move it and
copy it. Translators are granted `change` on the sections they translate (practices/translators.py), and
translating is not restructuring the site: deleting, moving and copying a page are for those who may also add
pages there (the editors; Wagtail's `add` permission).
"""

from wagtail.models import PagePermissionTester


class SitePagePermissionTester(PagePermissionTester):
    def _structures(self):
        return self.user.is_superuser or "add" in self.permissions

    def can_delete(self, ignore_bulk=False):
        return self._structures() and super().can_delete(ignore_bulk=ignore_bulk)

    def can_copy(self):
        return self._structures() and super().can_copy()
