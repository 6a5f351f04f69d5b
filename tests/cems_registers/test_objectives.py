"""Objectives (6.5): approval service and indicator rules."""

from django.core.exceptions import PermissionDenied, ValidationError

import pytest

from cems_registers.models import ObjectiveStatus
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


def _edit_data(objective, **changes):
    indicator = objective.indicators.get()
    data = {
        "code": objective.code,
        "title": objective.title,
        "level": objective.level,
        "status": objective.status,
        "deadline": "",
        "description": objective.description,
        "indicators-TOTAL_FORMS": "1",
        "indicators-INITIAL_FORMS": "1",
        "indicators-MIN_NUM_FORMS": "0",
        "indicators-MAX_NUM_FORMS": "1000",
        "indicators-0-id": indicator.pk,
        "indicators-0-name": indicator.name,
        "indicators-0-metric": indicator.metric,
        "indicators-0-unit": indicator.unit,
        "indicators-0-baseline_year": indicator.baseline_year,
        "indicators-0-baseline_value": indicator.baseline_value,
        "indicators-0-target_value": indicator.target_value,
        "indicators-0-target_year": indicator.target_year,
    }
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
