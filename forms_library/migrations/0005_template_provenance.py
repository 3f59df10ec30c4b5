"""Each form template records what in the Q-SER guide it is based on, in the report's own words.

The existing pages (every language: their slugs are kept in step) and their revisions, from which the
admin edits and republishes them, are filled in from the nine templates' one definition in
forms_library/content/templates.py. Reversing removes the two fields, so nothing needs undoing by hand.
"""

from django.db import migrations, models

from forms_library.content.templates import FORM_TEMPLATES


def backfill(apps, schema_editor):
    FormTemplatePage = apps.get_model("forms_library", "FormTemplatePage")
    Revision = apps.get_model("wagtailcore", "Revision")
    ContentType = apps.get_model("contenttypes", "ContentType")
    sources = {spec["slug"]: (spec["source_kind"], spec["source_name"]) for spec in FORM_TEMPLATES}
    for slug, (kind, name) in sources.items():
        FormTemplatePage.objects.filter(slug=slug).update(source_kind=kind, source_name=name)
    content_type = ContentType.objects.filter(app_label="forms_library", model="formtemplatepage").first()
    if content_type is None:
        return
    for revision in Revision.objects.filter(content_type=content_type).iterator():
        source = sources.get(revision.content.get("slug"))
        if source and "source_kind" not in revision.content:
            revision.content.update(source_kind=source[0], source_name=source[1])
            revision.save(update_fields=["content"])


class Migration(migrations.Migration):

    dependencies = [
        ('forms_library', '0004_example_records'),
        ('wagtailcore', '0098_apitoken'),
    ]

    operations = [
        migrations.AddField(
            model_name='formtemplatepage',
            name='source_kind',
            field=models.CharField(blank=True, choices=[('tool', 'A mentoring tool the Q-SER guide names'), ('objective', "A stage objective of the Q-SER guide (the hub's aid to it, not a tool)"), ('note', 'Optional notes the Q-SER guide says the mentor may keep'), ('', "The hub's own form, not based on the Q-SER guide")], default='', help_text="What in the Q-SER guide this form answers to. Its fields are always the hub's own.", max_length=16, verbose_name='based on'),
        ),
        migrations.AddField(
            model_name='formtemplatepage',
            name='source_name',
            field=models.CharField(blank=True, help_text="The Q-SER guide's own English words, copied exactly (“Suggested” included); shown in English in every language.", max_length=255, verbose_name="the guide's words for it"),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
