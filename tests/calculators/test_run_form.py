"""The form of a new accounting run (6.3.1 a–e): choices, defaults and the checks it makes."""

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
    FactorSetFactory(key="CN_heat", version=2, name="热力 第二版", name_en="Heat, second edition")
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
    assert form["factor_sets"].value() in (None, [])


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
    assert "checked" not in html.split('name="gwp_set"')[0].split('name="factor_sets"', 1)[1]
    ar5 = GwpSet.objects.get(key="AR5").pk
    assert f'<option value="{ar5}" selected>' in html
