"""Official citations of factors and factor sets, in Chinese and English, and where each
was read (issue 8, 12; clause 6.3.2).

Adds the fields and fills them for the built-in sets, frozen ones included, from the shipped
CSVs: a citation is documentation, not an input of any run (``source``, which runs hashed,
keeps its text).
"""

from django.db import migrations, models


def fill_citations(apps, schema_editor):
    from calculators.services.factors import factor_citations_fill

    factor_citations_fill(apps=apps)
    GwpSet = apps.get_model("calculators", "GwpSet")
    from calculators.services.factors import DATA_DIR, _read_csv

    for meta in _read_csv(DATA_DIR / "factor_sets.csv").to_dict("records"):
        if meta["set_key"].startswith("GWP_"):
            GwpSet.objects.filter(key=meta["set_key"].removeprefix("GWP_")).update(
                citation=meta["citation_zh"],
                citation_en=meta["citation_en"],
                retrieved_from=meta["retrieved_from"],
            )


class Migration(migrations.Migration):
    dependencies = [
        ("calculators", "0015_loop_series"),
    ]

    operations = [
        migrations.AddField(
            model_name="factor",
            name="citation",
            field=models.TextField(
                blank=True,
                help_text="The official publication in Chinese: issuer, title, document number, date, table.",
                verbose_name="citation",
            ),
        ),
        migrations.AddField(
            model_name="factor",
            name="citation_en",
            field=models.TextField(
                blank=True,
                help_text="The same citation in English.",
                verbose_name="citation (English)",
            ),
        ),
        migrations.AddField(
            model_name="factor",
            name="retrieved_from",
            field=models.TextField(
                blank=True,
                help_text="Where the text was read (web address, copy); not printed in reports.",
                verbose_name="retrieved from",
            ),
        ),
        migrations.AddField(
            model_name="factorset",
            name="citation",
            field=models.TextField(
                blank=True,
                help_text="The official publication in Chinese: issuer, title, document number, date, table.",
                verbose_name="citation",
            ),
        ),
        migrations.AddField(
            model_name="factorset",
            name="citation_en",
            field=models.TextField(
                blank=True,
                help_text="The same citation in English.",
                verbose_name="citation (English)",
            ),
        ),
        migrations.AddField(
            model_name="factorset",
            name="retrieved_from",
            field=models.TextField(
                blank=True,
                help_text="Where the text was read (web address, copy); not printed in reports.",
                verbose_name="retrieved from",
            ),
        ),
        migrations.AddField(
            model_name="gwpset",
            name="citation",
            field=models.TextField(
                blank=True,
                help_text="The official publication in Chinese: issuer, title, document number, date, table.",
                verbose_name="citation",
            ),
        ),
        migrations.AddField(
            model_name="gwpset",
            name="citation_en",
            field=models.TextField(
                blank=True,
                help_text="The same citation in English.",
                verbose_name="citation (English)",
            ),
        ),
        migrations.AddField(
            model_name="gwpset",
            name="retrieved_from",
            field=models.TextField(
                blank=True,
                help_text="Where the text was read (web address, copy); not printed in reports.",
                verbose_name="retrieved from",
            ),
        ),
        migrations.AddField(
            model_name="historicalfactor",
            name="citation",
            field=models.TextField(
                blank=True,
                help_text="The official publication in Chinese: issuer, title, document number, date, table.",
                verbose_name="citation",
            ),
        ),
        migrations.AddField(
            model_name="historicalfactor",
            name="citation_en",
            field=models.TextField(
                blank=True,
                help_text="The same citation in English.",
                verbose_name="citation (English)",
            ),
        ),
        migrations.AddField(
            model_name="historicalfactor",
            name="retrieved_from",
            field=models.TextField(
                blank=True,
                help_text="Where the text was read (web address, copy); not printed in reports.",
                verbose_name="retrieved from",
            ),
        ),
        migrations.AddField(
            model_name="historicalfactorset",
            name="citation",
            field=models.TextField(
                blank=True,
                help_text="The official publication in Chinese: issuer, title, document number, date, table.",
                verbose_name="citation",
            ),
        ),
        migrations.AddField(
            model_name="historicalfactorset",
            name="citation_en",
            field=models.TextField(
                blank=True,
                help_text="The same citation in English.",
                verbose_name="citation (English)",
            ),
        ),
        migrations.AddField(
            model_name="historicalfactorset",
            name="retrieved_from",
            field=models.TextField(
                blank=True,
                help_text="Where the text was read (web address, copy); not printed in reports.",
                verbose_name="retrieved from",
            ),
        ),
        migrations.RunPython(fill_citations, migrations.RunPython.noop),
    ]
