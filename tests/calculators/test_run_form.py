"""The form of a new accounting run (6.3.1 a–e): choices, defaults and the checks it makes."""

import datetime as dt

from django.urls import reverse
from django.utils import translation

import pytest

from calculators.admin_views.forms import DEFAULT_GWP, RunCreateForm
from calculators.models import AccountingRun, FactorSet, GwpSet

from .factories import FactorSetFactory

pytestmark = pytest.mark.django_db


def form_data(**extra) -> dict:
    data = {
        "name": "FY2025",
        "period_start": "2025-01",
        "period_end": "2025-12",
        "factor_sets": [FactorSet.objects.get(key="CN_heat", version=1).pk],
        "gwp_set": GwpSet.objects.get(key="AR5").pk,
        "biomass": "memo",
    }
    data.update(extra)
    return data


def choice_labels(form: RunCreateForm, field: str) -> list[str]:
    return [str(label) for _value, label in form.fields[field].choices if _value != ""]


def test_two_versions_of_one_set_are_refused_by_key_and_version():
    v1 = FactorSet.objects.get(key="CN_heat", version=1)
    v2 = FactorSetFactory(key="CN_heat", version=2, name="热力 v2", name_en="Heat v2")
    other = FactorSet.objects.get(key="CN_elec_stat_2023", version=1)
    with translation.override("en"):
        form = RunCreateForm(data=form_data(factor_sets=[v1.pk, v2.pk, other.pk]))
        assert not form.is_valid()
        errors = [str(error) for error in form.errors["factor_sets"]]
    assert errors == ["Choose one version of CN_heat: versions v1, v2 are chosen (6.3.1 e)."]


def test_one_version_of_each_set_is_accepted():
    v2 = FactorSetFactory(key="CN_heat", version=2, name="热力 v2")
    other = FactorSet.objects.get(key="CN_elec_stat_2023", version=1)
    form = RunCreateForm(data=form_data(factor_sets=[v2.pk, other.pk]))
    assert form.is_valid(), form.errors
    assert set(form.cleaned_data["factor_sets"]) == {v2, other}


def test_factor_sets_are_ordered_by_key_then_newest_version_and_labelled_in_the_language():
    v2 = FactorSetFactory(
        key="CN_heat", version=2, name="热力 第二版", name_en="Heat, second edition"
    )
    with translation.override("en"):
        form = RunCreateForm()
        english = choice_labels(form, "factor_sets")
    with translation.override("zh-hans"):
        chinese = choice_labels(RunCreateForm(), "factor_sets")
    keys = [(label.split(" ")[0], int(label.split(" ")[1].removeprefix("v"))) for label in english]
    assert keys == sorted(keys, key=lambda kv: (kv[0].lower(), kv[0], -kv[1]))
    heat = [label for label in english if label.startswith("CN_heat ")]
    assert heat[0] == "CN_heat v2 — Heat, second edition"
    assert heat[1].startswith("CN_heat v1 — China heat supply factor")
    assert "CN_heat v2 — 热力 第二版" in chinese
    # the user's own version is offered, not pre-selected: the built-in one is
    assert v2.pk not in form["factor_sets"].value()
    assert FactorSet.objects.get(key="CN_heat", version=1).pk in form["factor_sets"].value()


def test_facilities_are_the_units_inside_the_boundary_named_in_the_language(enterprise):
    with translation.override("en"):
        english = choice_labels(RunCreateForm(), "facilities")
    with translation.override("zh-hans"):
        chinese = choice_labels(RunCreateForm(), "facilities")
    assert "F01 Suzhou assembly plant" in english
    assert "F01 苏州总装厂" in chinese
    codes = [label.split(" ")[0] for label in english]
    assert codes == sorted(codes)
    assert "F05" not in codes  # leased warehouse outside the boundary
    assert "HQ" not in codes  # the company is the reporting entity, not a unit
    assert {"F01", "F02", "F03", "F04", "F01-W1", "F02-W1"} == set(codes)


def test_gwp_sets_are_chronological_and_ar5_is_preselected():
    from calculators.demo import DEMO_GWP

    form = RunCreateForm()
    keys = [label.split(" ")[0] for label in choice_labels(form, "gwp_set")]
    assert keys == ["SAR", "AR4", "AR5", "AR6"]
    assert DEFAULT_GWP == DEMO_GWP
    assert form["gwp_set"].value() == GwpSet.objects.get(key="AR5").pk
    with translation.override("en"):
        labels = choice_labels(RunCreateForm(), "gwp_set")
    assert labels[2] == "AR5 — GWP-100, IPCC Fifth Assessment Report (2013)"


def test_a_period_ending_before_it_starts_is_named_in_months():
    with translation.override("en"):
        form = RunCreateForm(data=form_data(period_start="2026-01", period_end="2025-03"))
        assert not form.is_valid()
        errors = [str(error) for error in form.errors["period_end"]]
    assert errors == ["The period ends (2025-03) before it starts (2026-01)."]


def test_the_view_shows_the_version_error_and_starts_no_run(client, data_submitter):
    v1 = FactorSet.objects.get(key="CN_heat", version=1)
    v2 = FactorSetFactory(key="CN_heat", version=2, name="热力 v2")
    client.force_login(data_submitter)
    response = client.post(
        reverse("calculators_run_create"),
        form_data(factor_sets=[v1.pk, v2.pk]),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert "Choose one version of CN_heat: versions v1, v2 are chosen" in response.content.decode()
    assert not AccountingRun.objects.exists()


def test_the_create_page_renders_with_checkboxes_and_ar5_selected(client, data_submitter):
    client.force_login(data_submitter)
    response = client.get(reverse("calculators_run_create"), HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'type="checkbox" name="factor_sets"' in html
    assert 'name="factor_sets" value="' in html
    # the library's default sets are pre-selected (every built-in family)
    fuel = FactorSet.objects.get(key="CN_guideline_fuel_setA").pk
    assert f'value="{fuel}" id="id_factor_sets_{fuel}" checked>' in html
    ar5 = GwpSet.objects.get(key="AR5").pk
    assert f'<option value="{ar5}" selected>' in html


def _keys(sets) -> set[str]:
    return {fs.key for fs in sets}


def test_defaults_are_the_library_priority_with_yearly_series_up_to_the_period():
    from calculators.admin_views.forms import default_factor_sets
    from calculators.core.factors import DEFAULT_PRIORITY, family

    builtin = set(FactorSet.objects.filter(is_builtin=True).values_list("key", flat=True))
    own = FactorSetFactory(key="measured_gas", name="实测天然气")
    newer = FactorSetFactory(key="CN_heat", version=2, name="热力 v2", is_builtin=True)
    y2025 = default_factor_sets(dt.date(2025, 1, 1), dt.date(2025, 12, 1))
    assert {family(k) for k in _keys(y2025)} == set(DEFAULT_PRIORITY) & {family(k) for k in builtin}
    assert own not in y2025 and newer in y2025  # newest built-in version, never the user's
    assert {"CN_elec_stat_2021", "CN_elec_stat_2022", "CN_elec_stat_2023"} <= _keys(y2025)
    y2021 = _keys(default_factor_sets(dt.date(2021, 1, 1), dt.date(2021, 12, 1)))
    # no factors published for later years than the period …
    assert "CN_elec_stat_2021" in y2021 and "CN_elec_stat_2022" not in y2021
    assert "EPA_Hub_2024" not in y2021 and "EPA_Hub_2018" in y2021
    # … unless a series starts after it: then its first year
    assert "CN_MEE_power_2022" in y2021


def test_the_form_groups_sets_by_what_they_apply_to_and_preselects_for_a_period(
    client, data_submitter
):
    FactorSetFactory(key="measured_gas", name="实测天然气", name_en="Measured natural gas")
    client.force_login(data_submitter)
    url = reverse("calculators_run_create")
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    groups = {
        g["title"]: [w.choice_label for w in g["widgets"]]
        for g in response.context["form"].factor_set_groups()
    }
    assert any(label.startswith("CN_elec_stat_2023 ") for label in groups["Purchased electricity"])
    assert any(label.startswith("CN_heat ") for label in groups["Purchased heat and steam"])
    assert any(label.startswith("IPCC2006_carbonates ") for label in groups["Industrial processes"])
    assert any(label.startswith("CN_guideline_fuel_setA ") for label in groups["Fuel combustion"])
    assert groups["Your own factor sets"] == ["measured_gas v1 — Measured natural gas"]
    assert "Pre-selected for" in response.content.decode()
    # "pre-select for the period above" (GET) recomputes the defaults for that period
    response = client.get(url, {"period_start": "2021-01", "period_end": "2021-12", "name": "FY21"})
    form = response.context["form"]
    chosen = {FactorSet.objects.get(pk=pk).key for pk in form["factor_sets"].value()}
    assert "CN_elec_stat_2021" in chosen and "CN_elec_stat_2023" not in chosen
    assert form["name"].value() == "FY21"
    assert form["period_start"].value() == dt.date(2021, 1, 1)
    chinese = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "外购电力" in chinese and "已为" in chinese
