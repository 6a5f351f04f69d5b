"""A factor set used by a finished run (done or approved) is frozen (6.3.2).

Until now only approval froze the sets, so a data reviewer could edit a set that done runs
had used and then approve one of them with results the set no longer gives. This freezes,
once, every set that a done or approved run used; from now on a run freezes its sets when
it finishes (``calculators.services.runs.run_execute``).
"""

from django.db import migrations, models


def freeze_sets_of_finished_runs(apps, schema_editor):
    FactorSet = apps.get_model("calculators", "FactorSet")
    AccountingRun = apps.get_model("calculators", "AccountingRun")
    used = AccountingRun.factor_sets.through.objects.filter(
        accountingrun__status__in=["done", "approved"]
    ).values_list("factorset_id", flat=True)
    FactorSet.objects.filter(pk__in=used, frozen=False).update(frozen=True)


class Migration(migrations.Migration):
    dependencies = [
        ("calculators", "0012_approvals"),
    ]

    operations = [
        migrations.AlterField(
            model_name="factorset",
            name="frozen",
            field=models.BooleanField(
                default=False,
                editable=False,
                help_text="Set when a finished accounting run used this set; frozen sets cannot change (6.3.2).",
                verbose_name="frozen",
            ),
        ),
        migrations.AlterField(
            model_name="historicalfactorset",
            name="frozen",
            field=models.BooleanField(
                default=False,
                editable=False,
                help_text="Set when a finished accounting run used this set; frozen sets cannot change (6.3.2).",
                verbose_name="frozen",
            ),
        ),
        migrations.RunPython(freeze_sets_of_finished_runs, migrations.RunPython.noop),
    ]
