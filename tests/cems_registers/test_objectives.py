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
