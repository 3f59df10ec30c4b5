"""The translators' groups ("Translators: <language>") granted the sections they translate instead of their
language's whole tree (practices/translators.py): change and publish on the guides and the forms library, change
on the repository of practices, nothing on the home page (whose subtree holds the practices in moderation).
A frozen copy of the table of practices/translators.py, as a migration keeps."""

from django.db import migrations

SECTIONS = [
    (("home", "guideindexpage"), ("change_page", "publish_page")),
    (("forms_library", "formindexpage"), ("change_page", "publish_page")),
    (("practices", "practiceindexpage"), ("change_page",)),
]
PREFIX = "Translators: "


def grant_sections(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    for group in Group.objects.filter(name__startswith=PREFIX):
        code = group.name[len(PREFIX) :]
        GroupPagePermission.objects.filter(group=group).delete()
        for (app_label, model), codenames in SECTIONS:
            content_type = ContentType.objects.filter(app_label=app_label, model=model).first()
            if content_type is None:
                continue
            pages = Page.objects.filter(content_type=content_type, locale__language_code=code)
            permissions = Permission.objects.filter(content_type__app_label="wagtailcore", codename__in=codenames)
            for page in pages:
                for permission in permissions:
                    GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)


class Migration(migrations.Migration):
    dependencies = [
        ("practices", "0005_pending_attachments_and_drafts"),
        ("home", "0007_information_pages_and_operator_settings"),
        ("forms_library", "0006_private_personal_notes"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(grant_sections, migrations.RunPython.noop)]
