from django.db import migrations


def organisations_from_municipalities(apps, schema_editor):
    """Each municipality named by a department becomes an organisation, holding those departments."""
    Department = apps.get_model("mentoring", "Department")
    Organisation = apps.get_model("mentoring", "Organisation")
    for department in Department.objects.filter(organisation__isnull=True):
        organisation, _created = Organisation.objects.get_or_create(
            name=department.municipality,
            defaults={"country": department.country, "is_example": department.is_example},
        )
        department.organisation = organisation
        department.save(update_fields=["organisation"])


class Migration(migrations.Migration):
    dependencies = [("mentoring", "0012_organisations_and_mentor_pool")]

    operations = [migrations.RunPython(organisations_from_municipalities, migrations.RunPython.noop)]
