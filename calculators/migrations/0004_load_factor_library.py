"""Load the shipped factor library and GWP sets (calculators/data/*.csv); idempotent."""

from django.db import migrations


def load(apps, schema_editor):
    from calculators.services.factors import factor_library_load

    factor_library_load(apps=apps)


class Migration(migrations.Migration):
    dependencies = [("calculators", "0003_factorset_name_en")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
