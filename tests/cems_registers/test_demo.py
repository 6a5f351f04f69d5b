"""The registers' demo loader: every register filled, linked, idempotent."""

import datetime as dt
from io import StringIO

from django.utils import timezone

from cems_registers import models as m
from cems_registers.demo import load_demo
from cems_registers.demo.enterprise import FACILITIES, SOURCES


def test_demo_fills_every_register_once(db, register_keeper, top_manager, auditor):
    users = {"keeper": register_keeper, "ceo": top_manager, "auditor": auditor}
    load_demo(users=users, stdout=StringIO())
    counts = {model: model.objects.count() for model in m.REGISTER_MODELS}
    assert all(counts.values()), [model for model, count in counts.items() if not count]
    assert m.Facility.objects.count() == len(FACILITIES)
    assert m.EmissionSource.objects.count() == len(SOURCES) == 24

    load_demo(users=users, stdout=StringIO())
    assert counts == {model: model.objects.count() for model in m.REGISTER_MODELS}


def test_demo_links_records(db, register_keeper, top_manager):
    load_demo(users={"keeper": register_keeper, "ceo": top_manager}, stdout=StringIO())
    finding = m.AuditFinding.objects.get(reference="NC-01")
    nonconformity = finding.nonconformities.get()
    assert nonconformity.actions.filter(effective=True).exists()
    assert m.Risk.objects.filter(actions__isnull=False).exists()
    plan = m.ImplementationPlan.objects.get(code="PL01")
    assert plan.objectives.filter(indicators__isnull=False).exists()
    assert m.MeasuringInstrument.objects.get(code="M01").sources.count() == 2
    assert m.ComplianceObligation.objects.filter(evaluations__isnull=False).exists()
    assert m.Objective.objects.get(code="OBJ-2030").approved_by == top_manager
    review = m.ManagementReview.objects.get()
    assert review.inputs["open_nonconformities"]


def test_demo_has_overdue_and_due_soon_records(db):
    load_demo(users={}, stdout=StringIO())
    today = timezone.localdate()
    states = {
        record.get_due_state(today)
        for model in m.REGISTER_MODELS
        if model.due_date_field
        for record in model.objects.all()
    }
    assert {"overdue", "due_soon", "ok"} <= states


def test_second_load_writes_no_history(db, register_keeper, top_manager):
    """Records are found by natural key and nothing unchanged is saved again (6.6 plans'
    objectives and opportunities are only re-saved when they changed)."""
    users = {"keeper": register_keeper, "ceo": top_manager}
    load_demo(users=users, stdout=StringIO())
    history = {model: model.history.count() for model in m.REGISTER_MODELS}
    load_demo(users=users, stdout=StringIO())
    assert history == {model: model.history.count() for model in m.REGISTER_MODELS}
    plan = m.ImplementationPlan.objects.get(code="PL01")
    assert {o.code for o in plan.objectives.all()} == {"OBJ-RE", "OBJ-2030"}
    assert plan.expected_reduction == sum(o.abatement_per_year for o in plan.opportunities.all())


def test_data_rows_name_model_fields_and_dates_relative_to_today(db):
    load_demo(users={}, stdout=StringIO())
    today = timezone.localdate()
    context = m.ContextIssue.objects.get(title="全国碳市场扩容至钢铁、建材、有色等行业")
    assert context.review_date == today - dt.timedelta(days=12)
    assert context.effect_on_performance == context.description
    competence = m.Competence.objects.get(person_name="孙工")
    assert competence.expires_on - competence.obtained_on == dt.timedelta(days=3 * 365)
    assert m.AuditProgramme.objects.get().code == f"AP-{today.year}"
    assert m.Objective.objects.get(code="OBJ-2030").deadline == dt.date(2030, 12, 31)
