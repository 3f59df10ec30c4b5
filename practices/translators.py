"""The translators' groups: one per target language, whose members translate that language's guides and form
templates, and the translations of published practices, through wagtail-localize.

Wagtail's page permissions hold for a whole subtree, so each group is granted the sections it translates, never
the language's home page (whose subtree holds the practices in moderation and the hub's own pages):

- the guides and the forms library: `change` and `publish` (a translation goes live when its translator says so);
- the repository of practices: `change` only, which permissions.py narrows to the translations of published
  practices; their publication goes through the practices' moderation, like any practice.

No `add` (a translated page is made by wagtail-localize, not by hand), no `lock` / `unlock` (a translator does not
hold a page against its editors and moderators). The data migration 0005 applies the same table to existing
installs; it keeps its own copy, as migrations do.
"""

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission, Locale, Page

from forms_library.pages import FormIndexPage
from home.models import GuideIndexPage
from mentoring.demo import translator_group_name

from .pages import PracticeIndexPage

TRANSLATOR_SECTIONS = [
    (GuideIndexPage, ("change_page", "publish_page")),
    (FormIndexPage, ("change_page", "publish_page")),
    (PracticeIndexPage, ("change_page",)),
]


def grant_sections(group, locale, home):
    """The group's page permissions made exactly the table's, on the sections of `locale` under `home`'s
    translation in that locale (any other page permission of the group is removed)."""
    locale_home = Page.objects.get(translation_key=home.translation_key, locale=locale)
    wanted = set()
    for model, codenames in TRANSLATOR_SECTIONS:
        section = model.objects.child_of(locale_home).first()
        if section is None:
            continue
        for permission in Permission.objects.filter(content_type__app_label="wagtailcore", codename__in=codenames):
            wanted.add(
                GroupPagePermission.objects.get_or_create(group=group, page=section, permission=permission)[0].pk
            )
    GroupPagePermission.objects.filter(group=group).exclude(pk__in=wanted).delete()


def build_translator_groups(home):
    """One group per target language (idempotent: run by setup_demo)."""
    access_admin = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    for code, _name in settings.LANGUAGES:
        if code == settings.LANGUAGE_CODE:
            continue
        group, _created = Group.objects.get_or_create(name=translator_group_name(code))
        group.permissions.add(access_admin)
        grant_sections(group, Locale.objects.get(language_code=code), home)
