"""Departments, role groups and the demo users of DESIGN.md, built by `setup_demo`."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission, Locale, Page

from .models import Department

DEPARTMENTS = [
    # name, municipality, country
    ("Social Services", "Egaleo", "GR"),
    ("Housing", "Egaleo", "GR"),
]

EDITORS = "Editors"
MODERATORS = "Moderators"

# username: (first name, last name, preferred language, groups, superuser)
DEMO_USERS = {
    "admin": ("Alexandra", "Admin", "en", [], True),
    "editor": ("Eleni", "Editor", "en", [EDITORS, MODERATORS], False),
    "reviewer": ("Rafael", "Reviewer", "es", ["Social Services: members", "Social Services: reviewers"], False),
    "mentor": ("Maria", "Papadopoulou", "el", ["Social Services: members"], False),
    "mentee": ("Jan", "Novák", "cs", ["Social Services: members"], False),
    "staff": ("Sabine", "Schmidt", "de", ["Housing: members"], False),
    "translator_el": ("Giorgos", "Translator", "el", ["Translators: el"], False),
}


def translator_group_name(language_code):
    return f"Translators: {language_code}"


def build_departments():
    departments = []
    for name, municipality, country in DEPARTMENTS:
        department = Department.objects.filter(name=name).first()
        if department is None:
            department = Department(name=name, municipality=municipality, country=country)
            department.save()
        departments.append(department)
    access_admin = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    for department in departments:
        # Reviewers act on workflow tasks in the Wagtail admin.
        department.reviewers_group.permissions.add(access_admin)
    return departments


def build_translator_groups(home):
    """One group per target language, whose members edit only that locale's page tree."""
    access_admin = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    page_permissions = Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=["add_page", "change_page", "publish_page"]
    )
    for code, _name in settings.LANGUAGES:
        if code == settings.LANGUAGE_CODE:
            continue
        group, _created = Group.objects.get_or_create(name=translator_group_name(code))
        group.permissions.add(access_admin)
        locale_home = Page.objects.get(
            translation_key=home.translation_key, locale=Locale.objects.get(language_code=code)
        )
        for permission in page_permissions:
            GroupPagePermission.objects.get_or_create(group=group, page=locale_home, permission=permission)


def build_users(password):
    User = get_user_model()
    for username, (first_name, last_name, language, groups, superuser) in DEMO_USERS.items():
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first_name,
                "last_name": last_name,
                "email": f"{username}@example.org",
                "preferred_language": language,
                "is_staff": superuser,
                "is_superuser": superuser,
            },
        )
        if created:
            user.set_password(password)
            user.save()
        user.groups.add(*Group.objects.filter(name__in=groups))
