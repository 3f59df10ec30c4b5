"""Filled forms can be private; the existing mentor's diaries are kept and become private.

A diary is a filled form of the template that is the mentor's personal notes (source kind "note", recorded
by 0003; in every language). A diary already submitted as a stage output is kept as well: no one but its
author reads it from now on, until the author shares an entry again. Reversing removes the flag, which
makes the diaries readable as before; nothing else needs undoing.
"""

from django.db import migrations, models


def make_diaries_private(apps, schema_editor):
    FilledForm = apps.get_model("forms_library", "FilledForm")
    FilledForm.objects.filter(template__source_kind="note").update(private=True)


class Migration(migrations.Migration):

    dependencies = [
        ('forms_library', '0005_template_provenance'),
    ]

    operations = [
        migrations.AddField(
            model_name='filledform',
            name='private',
            field=models.BooleanField(default=False, help_text='Only its author reads it, until they choose to share it.', verbose_name='private'),
        ),
        migrations.RunPython(make_diaries_private, migrations.RunPython.noop),
    ]
