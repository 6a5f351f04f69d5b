"""Rules of the register models: scores, gases, validation, closed state, history."""

import datetime as dt

from django.core.exceptions import ValidationError

import pytest

from cems_registers import models as m

from . import factories as f


@pytest.mark.parametrize(
    ("likelihood", "impact", "score", "level"),
    [
        (1, 1, 1, "low"),
        (2, 2, 4, "low"),
        (1, 5, 5, "medium"),
        (2, 5, 10, "high"),
        (5, 3, 15, "very_high"),
        (5, 5, 25, "very_high"),
    ],
)
def test_risk_score_and_level(likelihood, impact, score, level):
    risk = m.Risk(likelihood=likelihood, impact=impact, category=m.RiskCategory.FLOOD)
    assert risk.score == score
    assert risk.level == level
    assert risk.group == m.RiskGroup.PHYSICAL


def test_risk_group_of_transition_and_other():
    assert m.Risk(category=m.RiskCategory.CARBON_TAX).group == m.RiskGroup.TRANSITION
    assert m.Risk(category=m.RiskCategory.OTHER).group == m.RiskGroup.OTHER


def test_every_physical_and_transition_category_of_clause_6_1_exists():
    values = set(m.RiskCategory.values)
    for name in ("policy", "labelling", "reporting", "carbon_tax", "ets", "technology", "market"):
        assert f"transition_{name}" in values
    for name in (
        "sea_level",
        "storm_surge",
        "flood",
        "heavy_rain",
        "drought",
        "ice_snow",
        "extreme_temperature",
    ):
        assert f"physical_{name}" in values


def test_source_gases_are_validated(db):
    source = f.EmissionSourceFactory.build(facility=f.FacilityFactory(), ghgs="CO2, CH4, XYZ")
    with pytest.raises(ValidationError) as exc:
        source.full_clean()
    assert "XYZ" in str(exc.value.message_dict["ghgs"])
    source.ghgs = "CO2, CH4, N2O"
    source.full_clean()
    assert source.gas_list == ["CO2", "CH4", "N2O"]


def test_source_code_is_unique(db):
    f.EmissionSourceFactory(code="S01")
    duplicate = f.EmissionSourceFactory.build(code="S01", facility=f.FacilityFactory())
    with pytest.raises(ValidationError):
        duplicate.full_clean()


def test_calibration_dates_in_order(db):
    instrument = f.MeasuringInstrumentFactory.build(
        last_calibrated=dt.date(2026, 5, 1), next_calibration=dt.date(2026, 4, 1)
    )
    with pytest.raises(ValidationError) as exc:
        instrument.full_clean()
    assert "2026-05-01" in str(exc.value.message_dict["next_calibration"])


def test_noncompliant_evaluation_needs_actions(db):
    evaluation = f.ComplianceEvaluationFactory.build(
        obligation=f.ComplianceObligationFactory(), result=m.EvaluationResult.NONCOMPLIANT
    )
    with pytest.raises(ValidationError) as exc:
        evaluation.full_clean()
    assert "actions" in exc.value.message_dict


@pytest.mark.parametrize(
    ("factory", "closed", "open_"),
    [
        (f.RiskActionFactory, {"status": "done"}, {"status": "planned"}),
        (
            f.CorrectiveActionFactory,
            {"completed_on": dt.date(2026, 1, 1), "effective": True},
            {"completed_on": dt.date(2026, 1, 1)},
        ),
        (f.MilestoneFactory, {"done_on": dt.date(2026, 1, 1)}, {}),
        (f.NonconformityFactory, {"status": "closed"}, {"status": "verifying"}),
        (f.MeasuringInstrumentFactory, {"status": "retired"}, {"status": "out_of_service"}),
        (
            f.ComplianceEvaluationFactory,
            {"result": "compliant"},
            {"result": "partial", "actions": "补测"},
        ),
        (f.ReviewDecisionFactory, {"status": "done"}, {"status": "open"}),
    ],
)
def test_closed_q_matches_is_closed(db, factory, closed, open_):
    closed_obj = factory(**closed)
    open_obj = factory(**open_)
    model = type(closed_obj)
    assert closed_obj.is_closed() and not open_obj.is_closed()
    ids = set(model.objects.filter(model.closed_q()).values_list("pk", flat=True))
    assert closed_obj.pk in ids
    assert open_obj.pk not in ids


def test_due_state_of_a_register(db):
    today = dt.date(2026, 6, 1)
    action = f.RiskActionFactory(due_date=dt.date(2026, 5, 20))
    assert action.get_due_state(today) == "overdue"
    action.status = m.ActionStatus.DONE
    assert action.get_due_state(today) == "closed"


def test_child_rows_keep_history(db):
    action = f.CorrectiveActionFactory(description="送检")
    action.description = "送检并比对"
    action.save()
    assert [h.description for h in action.history.order_by("history_date")] == [
        "送检",
        "送检并比对",
    ]
    assert action.history.model._meta.get_field("nonconformity").__class__.__name__ == "ForeignKey"


def test_facility_hierarchy_has_no_cycles(db):
    group = f.FacilityFactory(code="HQ")
    site = f.FacilityFactory(code="F01", parent=group)
    workshop = f.FacilityFactory(code="F01-W1", parent=site)
    group.parent = workshop
    with pytest.raises(ValidationError) as exc:
        group.full_clean()
    assert "parent" in exc.value.message_dict
    site.parent = site
    with pytest.raises(ValidationError):
        site.full_clean()
    workshop.full_clean()


def test_source_of_an_excluded_facility_is_excluded(db):
    warehouse = f.FacilityFactory(code="F05", name="宁波租赁仓库", in_boundary=False)
    source = f.EmissionSourceFactory.build(facility=warehouse, in_boundary=True)
    with pytest.raises(ValidationError) as exc:
        source.full_clean()
    assert "宁波租赁仓库" in str(exc.value.message_dict["in_boundary"])
    source.in_boundary = False
    source.full_clean()


@pytest.mark.parametrize(
    ("filename", "ok"), [("cert.pdf", True), ("cert.PNG", True), ("cert.docx", False)]
)
def test_calibration_certificate_must_be_pdf_or_image(db, filename, ok):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from wagtail.documents.models import Document

    document = Document.objects.create(
        title="校准证书", file=SimpleUploadedFile(filename, b"%PDF-1.4 demo")
    )
    instrument = f.MeasuringInstrumentFactory.build(certificate=document)
    if ok:
        instrument.full_clean()
    else:
        with pytest.raises(ValidationError) as exc:
            instrument.full_clean()
        assert "docx" in str(exc.value.message_dict["certificate"])
