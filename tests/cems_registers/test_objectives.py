"""Objectives (6.5): approval service and indicator rules."""

from django.core.exceptions import PermissionDenied, ValidationError

import pytest

from cems_registers.models import Objective, ObjectiveStatus
from cems_registers.services.objectives import objective_approve

from . import factories as f


def test_approve_requires_the_permission(db, register_keeper):
    objective = f.IndicatorFactory().objective
    with pytest.raises(PermissionDenied):
        objective_approve(objective=objective, user=register_keeper)


def test_approve_requires_an_indicator(top_manager):
    objective = f.ObjectiveFactory()
    with pytest.raises(ValidationError):
        objective_approve(objective=objective, user=top_manager)


def test_approve_records_who_and_when_once(top_manager):
    objective = f.IndicatorFactory().objective
    approved = objective_approve(objective=objective, user=top_manager)
    assert approved.approved_by == top_manager
    assert approved.approved_at is not None
    assert approved.status == ObjectiveStatus.APPROVED
    with pytest.raises(ValidationError):
        objective_approve(objective=approved, user=top_manager)


def test_indicator_target_after_baseline(db):
    indicator = f.IndicatorFactory.build(
        objective=f.ObjectiveFactory(), baseline_year=2030, target_year=2024
    )
    with pytest.raises(ValidationError) as exc:
        indicator.full_clean()
    assert "target_year" in exc.value.message_dict


def test_target_change_is_relative(db):
    indicator = f.IndicatorFactory(baseline_value=2, target_value="1.5")
    indicator.refresh_from_db()
    assert indicator.target_change == pytest.approx(-0.25)


def _edit_data(objective, user=None, **changes):
    """POST data of the objective's edit form as it stands, with ``changes`` applied.

    Built from the admin form itself, so fields added to the objective or its indicators
    are posted with their current values.
    """
    form_class = Objective.snippet_viewset.get_edit_handler().get_form_class()
    form = form_class(instance=objective, for_user=user)

    def fields(target, prefix=""):
        for name, field in target.fields.items():
            value = target.initial.get(name, field.initial)
            if value is None or value is False or name == "DELETE":
                continue
            data[f"{prefix}{name}"] = "on" if value is True else getattr(value, "pk", value)

    data = {}
    fields(form)
    for prefix, formset in form.formsets.items():
        for key, value in formset.management_form.initial.items():
            data[f"{prefix}-{key}"] = value
        for i, child in enumerate(formset.forms):
            fields(child, f"{prefix}-{i}-")
    data.update(changes)
    return data


@pytest.mark.parametrize(
    ("changes", "still_approved"),
    [
        ({"title": "单位产品碳排放下降 30%"}, False),
        ({"indicators-0-target_value": "0.7"}, False),
        ({"status": "achieved"}, True),
        ({}, True),
    ],
)
def test_editing_approved_content_withdraws_approval(
    client, top_manager, management_representative, changes, still_approved
):
    from django.urls import reverse

    objective = objective_approve(objective=f.IndicatorFactory().objective, user=top_manager)
    objective.refresh_from_db()
    client.force_login(management_representative)
    response = client.post(
        reverse("wagtailsnippets_cems_registers_objective:edit", args=(objective.pk,)),
        _edit_data(objective, **changes),
    )
    assert response.status_code == 302
    objective.refresh_from_db()
    assert objective.is_approved is still_approved
    if not still_approved:
        assert objective.status == ObjectiveStatus.DRAFT
        assert objective.approved_by is None


# Approval is never restored by a revert; indicators carry their history (issue 8 A) ------


def _url(name, *args):
    from django.urls import reverse

    return reverse(Objective.snippet_viewset.get_url_name(name), args=args)


def _approved_30_percent(top_manager):
    """An objective approved by top management with a 30 % cut (baseline 100, target 70)."""
    indicator = f.IndicatorFactory(baseline_value=100, target_value=70, unit="tCO2e")
    objective = objective_approve(objective=indicator.objective, user=top_manager)
    objective.refresh_from_db()
    return objective, indicator


def test_revert_to_the_approved_version_does_not_bring_the_approval_back(
    client, top_manager, register_keeper
):
    objective, indicator = _approved_30_percent(top_manager)
    approved_version = objective.history.order_by("-history_id").first()
    assert approved_version.approved_by_id == top_manager.pk
    client.force_login(register_keeper)
    response = client.post(
        _url("edit", objective.pk), _edit_data(objective, **{"indicators-0-target_value": "95"})
    )
    assert response.status_code == 302
    objective.refresh_from_db()
    assert not objective.is_approved

    response = client.post(_url("revert", objective.pk, approved_version.history_id))
    assert response.status_code == 302
    objective.refresh_from_db()
    assert objective.approved_by is None and objective.approved_at is None
    assert objective.status == ObjectiveStatus.DRAFT
    indicator.refresh_from_db()
    assert indicator.target_value == 95  # the 5 % cut stands, and nobody approved it
    latest = objective.history.order_by("-history_id").first()
    assert latest.history_user == register_keeper and latest.approved_by_id is None


def test_reverting_approved_wording_withdraws_the_approval(top_manager, register_keeper):
    from cems_registers.history import register_revert

    indicator = f.IndicatorFactory(objective=f.ObjectiveFactory(title="旧目标"))
    objective = indicator.objective
    objective.title = "新目标"
    objective.save()
    old = objective.history.order_by("history_id").first()
    objective = objective_approve(objective=objective, user=top_manager)
    restored = register_revert(record=old, user=register_keeper)
    restored.refresh_from_db()
    assert restored.title == "旧目标"
    assert not restored.is_approved and restored.status == ObjectiveStatus.DRAFT


def test_a_revert_keeps_a_current_approval_when_nothing_approved_changes(
    top_manager, register_keeper
):
    from cems_registers.history import register_revert

    objective = f.IndicatorFactory().objective
    draft_version = objective.history.order_by("history_id").first()
    objective = objective_approve(objective=objective, user=top_manager)
    restored = register_revert(record=draft_version, user=register_keeper)
    restored.refresh_from_db()
    assert restored.approved_by == top_manager  # the draft state is not restored either
    assert restored.status == ObjectiveStatus.APPROVED


def test_indicator_edits_are_in_the_objectives_field_history(client, top_manager, register_keeper):
    objective, indicator = _approved_30_percent(top_manager)
    untouched = f.IndicatorFactory(objective=objective, name="可再生电力占比")
    client.force_login(register_keeper)
    client.post(
        _url("edit", objective.pk), _edit_data(objective, **{"indicators-0-target_value": "95"})
    )
    change = indicator.history.order_by("-history_id").first()
    assert change.history_user == register_keeper and change.target_value == 95

    response = client.get(_url("field_history", objective.pk), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    entries = response.context["indicator_entries"]
    # the formset saved the untouched indicator too: that row changed nothing and is left out
    assert untouched.history.count() == 2
    assert [e.type for e in entries if e.record.id == untouched.pk] == ["+"]
    target = [c for e in entries for c in e.changes if c.field == "target_value"]
    assert [(c.old, c.new) for c in target][0] == ("70.0000", "95.0000")
    html = response.content.decode()
    revert_url = _url("revert_indicator", objective.pk, entries[-1].history_id)
    assert revert_url in html
    assert indicator.name in html


def test_restoring_an_indicator_version_withdraws_the_approval(
    client, top_manager, register_keeper
):
    indicator = f.IndicatorFactory(baseline_value=100, target_value=70, unit="tCO2e")
    first = indicator.history.get()
    indicator.target_value = 60
    indicator.save()
    objective = objective_approve(objective=indicator.objective, user=top_manager)
    client.force_login(register_keeper)
    response = client.post(_url("revert_indicator", objective.pk, first.history_id))
    assert response.status_code == 302
    indicator.refresh_from_db()
    assert indicator.target_value == 70
    objective.refresh_from_db()
    assert not objective.is_approved and objective.status == ObjectiveStatus.DRAFT
    assert objective.history.order_by("-history_id").first().history_user == register_keeper


def test_indicator_revert_needs_change_permission_and_its_own_objective(
    client, top_manager, register_keeper, auditor
):
    objective, indicator = _approved_30_percent(top_manager)
    first = indicator.history.order_by("history_id").first()
    indicator.target_value = 60
    indicator.save()
    client.force_login(auditor)
    client.post(_url("revert_indicator", objective.pk, first.history_id))
    indicator.refresh_from_db()
    assert indicator.target_value == 60
    other = f.ObjectiveFactory()
    client.force_login(register_keeper)
    response = client.post(_url("revert_indicator", other.pk, first.history_id))
    assert response.status_code == 404


# Indicators are visible to read-only roles: inspect view and export (issue 8 item 4) ------


def test_inspect_view_shows_baseline_and_target_to_an_auditor(client, top_manager, auditor):
    objective, indicator = _approved_30_percent(top_manager)
    client.force_login(auditor)
    response = client.get(_url("inspect", objective.pk), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    html = response.content.decode()
    assert indicator.name in html
    assert "100 tCO2e (2024)" in html and "70 tCO2e (2030)" in html
    assert "-30.0 %" in html


def _export_rows(client, fmt):
    import csv
    import io

    from openpyxl import load_workbook

    response = client.get(_url("list"), {"export": fmt}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(body.decode("utf-8"))))
    else:
        sheet = load_workbook(io.BytesIO(body)).active
        assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
        rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    header = rows[0]
    return [dict(zip(header, row, strict=True)) for row in rows[1:]]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_lists_the_indicators_and_escapes_formulas(client, top_manager, auditor, fmt):
    objective, indicator = _approved_30_percent(top_manager)
    f.IndicatorFactory(objective=objective, name="可再生电力占比", unit="%", target_value=40)
    payload = '=HYPERLINK("http://evil.example","x")'
    f.IndicatorFactory(objective=f.ObjectiveFactory(code="ZZZ"), name=payload)
    client.force_login(auditor)
    rows = {row["Code"]: row["Indicators (baseline → target)"] for row in _export_rows(client, fmt)}
    assert rows[objective.code].split("\n") == [
        f"{indicator.name}: 100 tCO2e (2024) → 70 tCO2e (2030)",
        "可再生电力占比: 1 % (2024) → 40 % (2030)",
    ]
    assert rows["ZZZ"].startswith("'" + payload)
