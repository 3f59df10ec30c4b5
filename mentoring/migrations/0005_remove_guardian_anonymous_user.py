"""Remove the "AnonymousUser" row django-guardian made on migrate (ANONYMOUS_USER_NAME is now None): it was
listed as a person in the admin's users and API tokens. Reversible: the reverse makes the row again, as
guardian did, without a usable password."""

from django.conf import settings
from django.db import migrations

GUARDIAN_ANONYMOUS_USERNAME = "AnonymousUser"


def remove_anonymous_user(apps, schema_editor):
    User = apps.get_model(settings.AUTH_USER_MODEL)
    User.objects.filter(username=GUARDIAN_ANONYMOUS_USERNAME, last_login__isnull=True, is_superuser=False).delete()


def restore_anonymous_user(apps, schema_editor):
    User = apps.get_model(settings.AUTH_USER_MODEL)
    User.objects.get_or_create(username=GUARDIAN_ANONYMOUS_USERNAME, defaults={"password": "!"})


class Migration(migrations.Migration):
    dependencies = [
        ("mentoring", "0004_stage_choices"),
        ("guardian", "0001_initial"),
    ]

    operations = [migrations.RunPython(remove_anonymous_user, restore_anonymous_user)]
