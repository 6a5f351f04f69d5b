"""Runs with the accounting rules and their energy (issue 11 §1, §5): stored, shown, reported.

The demo's 2025 data (tests/calculators/conftest.py) computed through ``run_create`` (sync
queue in tests), on SQLite and PostgreSQL.
"""

import datetime as dt
import io
import json

from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

import pytest

from calculators.admin_views.forms import RunCreateForm
from calculators.core import energy
from calculators.models import AccountingRun, GwpSet, RunEnergy, RunResult, RunStatus
from calculators.reports.context import biomass_excluded_tco2e, report_context
from calculators.run_adapter import run_inputs, run_results
from calculators.services.runs import run_create, run_recompute
from cems_registers.roles import Role

from .factories import builtin_sets

JAN, DEC = dt.date(2025, 1, 1), dt.date(2025, 12, 1)


def _run(user, gwp: str, **options) -> AccountingRun:
    run = run_create(
        user=user,
        period_start=JAN,
        period_end=DEC,
        factor_sets=builtin_sets(),
        gwp_set=GwpSet.objects.get(key=gwp),
        options=options,
    )
    run.refresh_from_db()
    assert run.status == RunStatus.DONE, run.message
    return run


@pytest.mark.django_db
def test_a_run_stores_its_energy_per_carrier(approved_year, data_submitter):
    run = _run(data_submitter, "AR6", biomass="exclude", ch4="auto", electricity="calorific")
    stored = list(RunEnergy.objects.filter(run=run))
    assert stored
    # what is stored is the core's table of the run's series rows
    _rows, summary = run_results(run, run_inputs(run))
    table = energy.energy_by_carrier(summary["series"])
    assert len(stored) == len(table)
    assert sum(e.tce for e in stored) == pytest.approx(table["tce"].sum(), rel=1e-12)
    assert sum(e.energy_gj for e in stored) == pytest.approx(
        summary["series"]["energy_gj"].sum(), rel=1e-9
    )
    for row in stored:  # each carrier by its GB/T 2589 coefficient
        per_gj = {"fuel": 1 / 29.3076, "electricity": 0.1229 / 3.6, "heat": 0.03412}[row.kind]
        assert row.tce == pytest.approx(row.energy_gj * per_gj, rel=1e-12), row.carrier
        assert row.citation and "GB/T 2589" in row.citation_en
        assert (row.energy_gj < 0) == (row.direction == "exported")
    kinds = {row.kind for row in stored}
    assert kinds == {"fuel", "electricity", "heat"}


@pytest.mark.django_db
def test_exclude_leaves_every_gas_of_biomass_out_of_the_total(approved_year, data_submitter):
    memo = _run(data_submitter, "AR5", biomass="memo")
    exclude = _run(data_submitter, "AR5", biomass="exclude")
    apart = biomass_excluded_tco2e(exclude)
    assert apart > 0
    assert memo.total_tco2e - exclude.total_tco2e == pytest.approx(apart, rel=1e-9)
    lines = RunResult.objects.filter(run=exclude, method="biomass")
    assert lines.exclude(gas_group="CO2").exists()
    assert all(t == 0 for t in lines.values_list("tco2e", flat=True))
    assert exclude.biogenic_co2_t == pytest.approx(memo.biogenic_co2_t)
    assert run_recompute(run=exclude).identical


@pytest.mark.django_db
def test_runs_stored_before_the_ch4_rule_keep_one_value(approved_year, data_submitter):
    legacy = _run(data_submitter, "AR6", biomass="memo")  # no ch4 key: as stored before
    split = _run(data_submitter, "AR6", biomass="memo", ch4="auto")
    ch4 = set(RunResult.objects.filter(run=legacy, gas_group="CH4").values_list("gwp", flat=True))
    assert ch4 == {27.9}
    split_ch4 = RunResult.objects.filter(run=split, gas_group="CH4")
    assert set(split_ch4.filter(method="biomass").values_list("gwp", flat=True)) == {27.0}
    assert set(split_ch4.exclude(method="biomass").values_list("gwp", flat=True)) == {29.8}
    assert run_recompute(run=legacy).identical


@pytest.mark.django_db
def test_results_page_and_report_state_the_rules_and_the_energy(
    client, approved_year, data_submitter, make_user
):
    run = _run(data_submitter, "AR6", biomass="exclude", ch4="auto", electricity="calorific")
    client.force_login(make_user("rules_auditor", Role.AUDITORS))
    url = reverse("calculators_run_results", args=[run.pk])
    en = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    zh = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "Biomass combustion: GB/T 32150 rule." in en
    assert "Methane GWP (AR6): fossil 29.8, non-fossil 27" in en
    assert "Energy consumption (GB/T 2589-2020)" in en
    assert "0.1229 kgce/kWh" in en
    assert "生物质燃烧：GB/T 32150 规则" in zh
    assert "甲烷 GWP（AR6）：化石源 29.8，非化石源 27" in zh
    assert "能源消费量（GB/T 2589-2020）" in zh
    context = report_context(run, "en")
    assert context["rules"][0].startswith("Biomass combustion: GB/T 32150 rule.")
    assert context["biomass_excluded_tco2e"] > 0
    total = sum(e.tce for e in RunEnergy.objects.filter(run=run))
    assert context["energy_totals"]["tce"] == pytest.approx(total)


@pytest.mark.django_db
def test_the_run_form_starts_on_gbt_32150_and_keeps_the_rules(approved_year):
    form = RunCreateForm()
    assert form.fields["biomass"].initial == "exclude"
    assert form.fields["ch4"].initial == "auto"
    assert form.fields["electricity"].initial == "calorific"
    data = {
        "period_start": "2025-01",
        "period_end": "2025-12",
        "factor_sets": [builtin_sets()[0].pk],
        "gwp_set": GwpSet.objects.get(key="AR6").pk,
        "biomass": "memo",
        "ch4": "split",
        "electricity": "coal_equivalent",
    }
    form = RunCreateForm(data=data)
    assert form.is_valid(), form.errors
    assert form.run_options() == {
        "biomass": "memo",
        "ch4": "split",
        "electricity": "coal_equivalent",
    }
    assert not RunCreateForm(data={**data, "biomass": "ignore"}).is_valid()


def test_cems_account_names_a_bad_ch4_origin_in_both_languages(tmp_path):
    path = tmp_path / "rows.csv"
    path.write_text(
        "source,period,method,material,quantity,unit,ch4_origin\n"
        "S1,2025-01,ipcc_tier1,natural_gas,10,t,fossil\n"
        "S1,2025-01,biomass,wood,5,t,peat\n",
        encoding="utf-8",
    )
    for language, expected in (
        ("en", "Row 3: ch4_origin peat must be fossil or non_fossil"),
        ("zh-hans", "第 3 行：ch4_origin peat 应为 fossil 或 non_fossil"),
    ):
        err = io.StringIO()
        with translation.override(language), pytest.raises(CommandError):
            call_command("cems_account", str(path), stderr=err)
        assert expected in err.getvalue()


def test_cems_account_prints_the_rules_the_gwp_values_and_the_energy(tmp_path):
    path = tmp_path / "rows.csv"
    path.write_text(
        "source,period,method,material,quantity,unit,ch4_origin\n"
        "S1,2022-01,fuel_cn,natural_gas,10,万Nm3,\n"
        "S1,2022-01,purchased_electricity,electricity_cn_east,1000,MWh,\n"
        "S1,2022-01,ipcc_tier1,natural_gas,100,t,non_fossil\n",
        encoding="utf-8",
    )
    out = io.StringIO()
    call_command("cems_account", str(path), "--gwp", "AR6", stdout=out)
    text = out.getvalue()
    assert "rules: biomass exclude; CH4 auto (fossil 29.8, non-fossil 27); N2O 273" in text
    # 10 万Nm3 × 389.31 + 100 t × 48.0 = 8,693.1 GJ of gas; 1,000 MWh × 0.1229 = 122.9 tce
    assert "8693.100" in text
    assert "122.9000" in text
    out = io.StringIO()
    call_command(
        "cems_account", str(path), "--gwp", "AR6", "--ch4", "single", "--format", "json", stdout=out
    )
    payload = json.loads(out.getvalue())
    assert (
        payload["rules"]["gwp"]["CH4_fossil"] == payload["rules"]["gwp"]["CH4_non_fossil"] == 27.9
    )
    assert payload["energy"]["tce"] == pytest.approx(8693.1 / 29.3076 + 122.9)
