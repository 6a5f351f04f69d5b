"""Loaders of the registers' demo data: one small function per register group.

Each loader walks the rows of one data module (:mod:`cems_registers.demo.data`) and finds or
creates every record by its natural key through :meth:`DemoLoad.ensure`, so a second load
creates nothing. :data:`LOADERS` lists them in the order the records depend on each other
(facilities before sources, obligations before interested parties, findings before
nonconformities, everything before the management review that gathers its inputs).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import models
from django.utils import timezone

from modelcluster.models import ClusterableModel

from .. import models as m
from ..services.compliance import compliance_evaluation_record
from ..services.management_review import management_review_gather_inputs
from .data import (
    compliance,
    context,
    evaluation,
    monitoring,
    objectives,
    operations,
    responsibilities,
    risks,
    support,
)
from .enterprise import FACILITIES, SOURCES
from .opportunities import OPPORTUNITIES

#: Facility fields the accounting-only enterprise (:func:`accounting_registers`) sets.
ACCOUNTING_FACILITY_FIELDS = (
    *("code", "parent", "kind", "name", "name_en"),
    *("in_boundary", "grid_region"),
)
#: Emission-source fields the accounting-only enterprise sets.
ACCOUNTING_SOURCE_FIELDS = (
    *("code", "facility", "kind", "name", "name_en"),
    *("material_key", "ghgs", "scope", "category"),
)


@dataclass
class DemoLoad:
    """One load of the demo: today's date, the demo users and the records found so far.

    ``refs`` maps a model to ``{natural key: record}`` so later rows can name earlier records
    by code (see :mod:`cems_registers.demo.data` for the conventions of a row).
    """

    today: dt.date
    users: dict
    refs: dict = field(default_factory=dict)

    def ref(self, model, key: str):
        """The record of ``model`` a row names by ``key``; a missing demo user is ``None``."""
        if model is get_user_model():
            return self.users.get(key)
        return self.refs[model][key]

    def value(self, model_field, value):
        """``value`` of a data row as ``model_field`` stores it; issues no query."""
        if value is None:
            return None
        if isinstance(model_field, models.DateField) and isinstance(value, int):
            return self.today + dt.timedelta(days=value)
        if model_field.is_relation and isinstance(value, list):
            return [self.ref(model_field.related_model, item) for item in value]
        if model_field.is_relation and isinstance(value, str):
            return self.ref(model_field.related_model, value)
        if isinstance(model_field, models.DecimalField) and isinstance(value, str):
            return Decimal(value)
        return value

    def values(self, model, row: dict) -> dict:
        return {name: self.value(model._meta.get_field(name), v) for name, v in row.items()}

    def remember(self, record, key: str | None):
        if key is not None:
            self.refs.setdefault(type(record), {})[key] = record
        return record

    def ensure(self, model, row: dict, *, key: tuple[str, ...], ref: str | None = None):
        """Find the record of ``model`` by the fields ``key`` of ``row``, else create it with the
        rest of ``row``; many-to-many fields are set to the row's lists (a clusterable record is
        saved again only when they changed, so a second load writes no history)."""
        values = self.values(model, row)
        many = {
            name: values.pop(name)
            for name in list(values)
            if model._meta.get_field(name).many_to_many
        }
        lookup = {name: values.pop(name) for name in key}
        record = model.objects.get_or_create(**lookup, defaults=values)[0]
        changed = False
        for name, items in many.items():
            manager = getattr(record, name)
            if {item.pk for item in manager.all()} != {item.pk for item in items}:
                manager.set(items)
                changed = True
        if changed and isinstance(record, ClusterableModel):
            record.save()
        return self.remember(record, ref)

    def create(self, model, row: dict, *, ref: str):
        """Create the record of ``model`` from ``row`` (no lookup first)."""
        return self.remember(model.objects.create(**self.values(model, row)), ref)


def with_year(row: dict, year: int, *names: str) -> dict:
    """``row`` with ``{year}`` in the fields ``names`` replaced by ``year``."""
    return {**row, **{name: row[name].format(year=year) for name in names}}


def facility_rows() -> Iterator[dict]:
    """The enterprise's facilities (4.3) as rows, parents first."""
    for (
        code,
        parent,
        kind,
        name,
        name_en,
        address,
        address_en,
        inside,
        reason,
        reason_en,
        region,
    ) in FACILITIES:
        yield {
            "code": code,
            "parent": parent,
            "kind": kind,
            "name": name,
            "name_en": name_en,
            "address": address,
            "address_en": address_en,
            "in_boundary": inside,
            "boundary_reason": reason,
            "boundary_reason_en": reason_en,
            "grid_region": region,
        }


def source_rows() -> Iterator[dict]:
    """The enterprise's emission sources (6.3.1 c) as rows."""
    for code, facility, kind, name, name_en, material, ghgs, scope, category, *rest in SOURCES:
        _method, unit, _quantity = rest
        yield {
            "code": code,
            "facility": facility,
            "kind": kind,
            "name": name,
            "name_en": name_en,
            "material_key": material,
            "ghgs": ghgs,
            "scope": scope,
            "category": category,
            "activity_unit": unit,
        }


def accounting_enterprise(demo: DemoLoad) -> None:
    """Only the facilities and sources, with what accounting reads; one query a record."""
    for row in facility_rows():
        fields = {name: row[name] for name in ACCOUNTING_FACILITY_FIELDS}
        demo.create(m.Facility, fields, ref=row["code"])
    for row in source_rows():
        fields = {name: row[name] for name in ACCOUNTING_SOURCE_FIELDS}
        demo.create(m.EmissionSource, fields, ref=row["code"])


def load_enterprise(demo: DemoLoad) -> None:
    """4.3 facilities (owned by the register keeper) and 6.3.1 c) emission sources."""
    for row in facility_rows():
        demo.ensure(m.Facility, {**row, "owner": "keeper"}, key=("code",), ref=row["code"])
    for row in source_rows():
        facility = demo.ref(m.Facility, row["facility"])
        row = {**row, "data_owner": "submitter", "in_boundary": facility.in_boundary}
        demo.ensure(m.EmissionSource, row, key=("code",), ref=row["code"])


def load_context(demo: DemoLoad) -> None:
    """4.1 context issues (their effect on performance is their description)."""
    for row in context.CONTEXT_ISSUES:
        row = {**context.CONTEXT_ISSUE_DEFAULTS, **row}
        row["effect_on_performance"] = row["description"]
        demo.ensure(m.ContextIssue, row, key=("title",))


def load_compliance(demo: DemoLoad) -> None:
    """4.2.2 obligations, 9.2 their evaluations (through the service), 4.2.1 interested
    parties (some of whose needs became obligations)."""
    for row in compliance.OBLIGATIONS:
        row = {**compliance.OBLIGATION_DEFAULTS, **row}
        key = row.pop("key")
        demo.ensure(m.ComplianceObligation, row, key=("title",), ref=key)
    for row in compliance.EVALUATIONS:
        values = demo.values(m.ComplianceEvaluation, {**compliance.EVALUATION_DEFAULTS, **row})
        if (
            not values["obligation"]
            .evaluations.filter(evaluated_on=values["evaluated_on"])
            .exists()
        ):
            compliance_evaluation_record(**values)
    for row in context.INTERESTED_PARTIES:
        row = {**context.INTERESTED_PARTY_DEFAULTS, **row}
        demo.ensure(m.InterestedParty, row, key=("party",))


def load_responsibilities(demo: DemoLoad) -> None:
    """5.3 roles, responsibilities and authorities."""
    appointed_on = responsibilities.appointed_on(demo.today)
    for row in responsibilities.RESPONSIBILITIES:
        row = {**row, "appointed_on": appointed_on}
        key = row.pop("key")
        demo.ensure(m.Responsibility, row, key=("role",), ref=key)


def load_risks(demo: DemoLoad) -> None:
    """6.1 risks and opportunities (described by their title) and 6.2 their actions."""
    for row in risks.RISKS:
        row = {**risks.RISK_DEFAULTS, **row, "description": row["title"]}
        actions = row.pop("actions")
        risk = demo.ensure(m.Risk, row, key=("title",))
        for action in actions:
            action = {**risks.RISK_ACTION_DEFAULTS, **action, "risk": risk}
            demo.ensure(m.RiskAction, action, key=("risk", "description"))


def load_opportunities(demo: DemoLoad) -> None:
    """6.4 reduction opportunities (owned by the register keeper, described by their title)."""
    for (
        code,
        title,
        title_en,
        category,
        facility,
        abatement,
        capex,
        opex,
        savings,
        life,
        start_year,
        selected,
        status,
    ) in OPPORTUNITIES:
        row = {
            "code": code,
            "title": title,
            "title_en": title_en,
            "category": category,
            "facility": facility,
            "abatement_per_year": abatement,
            "capital_cost": capex,
            "operating_cost": opex,
            "annual_savings": savings,
            "lifetime_years": life,
            "start_year": start_year,
            "selected": selected,
            "status": status,
            "owner": "keeper",
            "description": title,
        }
        demo.ensure(m.ReductionOpportunity, row, key=("code",), ref=code)


def load_objectives(demo: DemoLoad) -> None:
    """6.5 objectives with their indicators; top management approves the approved ones."""
    ceo = demo.users.get("ceo")
    for row in objectives.OBJECTIVES:
        row = {**objectives.OBJECTIVE_DEFAULTS, **row}
        indicators = row.pop("indicators")
        approved = row.pop("approved")
        objective = demo.ensure(m.Objective, row, key=("code",), ref=row["code"])
        for indicator in indicators:
            indicator = {**indicator, "objective": objective}
            demo.ensure(m.Indicator, indicator, key=("objective", "name"))
        if approved and not objective.is_approved and ceo is not None:
            objective.approved_by = ceo
            objective.approved_at = timezone.now()
            objective.status = m.ObjectiveStatus.APPROVED
            objective.save()


def load_plans(demo: DemoLoad) -> None:
    """6.6 implementation plans (their measures are their title, their expected reduction
    the linked opportunities' abatement) and their milestones; 7.1 resources."""
    for row in objectives.PLANS:
        row = {**objectives.PLAN_DEFAULTS, **row, "measures": row["title"]}
        milestones = row.pop("milestones")
        row["expected_reduction"] = sum(
            (
                demo.ref(m.ReductionOpportunity, code).abatement_per_year
                for code in row["opportunities"]
            ),
            Decimal(0),
        )
        plan = demo.ensure(m.ImplementationPlan, row, key=("code",))
        for milestone in milestones:
            milestone = {**objectives.MILESTONE_DEFAULTS, **milestone, "plan": plan}
            demo.ensure(m.Milestone, milestone, key=("plan", "title"))


def load_training(demo: DemoLoad) -> None:
    """7.2 this year's training plan, its sessions and the competence records."""
    year = demo.today.year
    row = {**with_year(support.TRAINING_PLAN, year, "title"), "year": year}
    plan = demo.ensure(m.TrainingPlan, row, key=("title", "year"))
    for row in support.TRAINING_SESSIONS:
        row = {**support.TRAINING_SESSION_DEFAULTS, **row, "plan": plan}
        demo.ensure(m.TrainingSession, row, key=("plan", "topic"))
    for row in support.COMPETENCES:
        row = {**support.COMPETENCE_DEFAULTS, **row}
        demo.ensure(m.Competence, row, key=("person_name", "qualification"))


def load_operations(demo: DemoLoad) -> None:
    """8.2 design reviews, 8.3 suppliers with last year's declared footprints, 8.4 changes
    (described by their title)."""
    for row in operations.DESIGN_REVIEWS:
        row = {**operations.DESIGN_REVIEW_DEFAULTS, **row}
        demo.ensure(m.DesignReview, row, key=("title",))
    for row in operations.SUPPLIERS:
        row = {**operations.SUPPLIER_DEFAULTS, **row}
        footprints = row.pop("footprints")
        supplier = demo.ensure(m.Supplier, row, key=("name",))
        for footprint in footprints:
            footprint = {**footprint, "supplier": supplier, "year": demo.today.year - 1}
            demo.ensure(m.ProductFootprint, footprint, key=("supplier", "product"))
    for row in operations.CHANGES:
        row = {**operations.CHANGE_DEFAULTS, **row, "description": row["title"]}
        demo.ensure(m.Change, row, key=("title",))


def load_instruments(demo: DemoLoad) -> None:
    """9.1.4 measuring instruments and the sources they measure."""
    for row in evaluation.INSTRUMENTS:
        row = {**evaluation.INSTRUMENT_DEFAULTS, **row}
        demo.ensure(m.MeasuringInstrument, row, key=("code",))


def load_audits(demo: DemoLoad) -> None:
    """9.3 this year's audit programme, its audit and findings; 9.4/10.2 nonconformities
    (described by their title) and their actions."""
    year = demo.today.year
    row = with_year(evaluation.AUDIT_PROGRAMME, year, "code", "title")
    programme = demo.ensure(m.AuditProgramme, row, key=("code",))
    row = {**evaluation.AUDIT, "programme": programme}
    findings = row.pop("findings")
    audit = demo.ensure(m.Audit, row, key=("programme", "title"))
    for finding in findings:
        finding = {**finding, "audit": audit}
        demo.ensure(m.AuditFinding, finding, key=("audit", "reference"), ref=finding["reference"])
    for row in evaluation.NONCONFORMITIES:
        row = {**evaluation.NONCONFORMITY_DEFAULTS, **row, "description": row["title"]}
        actions = row.pop("actions")
        nonconformity = demo.ensure(m.Nonconformity, row, key=("code",))
        for action in actions:
            action = {
                **evaluation.CORRECTIVE_ACTION_DEFAULTS,
                **action,
                "nonconformity": nonconformity,
            }
            demo.ensure(m.CorrectiveAction, action, key=("nonconformity", "description"))


def load_monitoring_plans(demo: DemoLoad) -> None:
    """8.5, 9.1.4 the monitoring plan's two versions, approved by top management in turn (the
    first superseded by the second); rows name sources and instruments loaded before."""
    plan_row = monitoring.PLAN
    boundary = demo.ref(m.Facility, plan_row["boundary"])
    instruments = m.MeasuringInstrument.objects.in_bulk(field_name="code")
    for version, effective, approved, note, ncv_frequency in monitoring.VERSIONS:
        approved_at = timezone.make_aware(dt.datetime.fromisoformat(approved + "T10:00:00"))
        plan, created = m.MonitoringPlan.objects.get_or_create(
            code=plan_row["code"],
            version=version,
            defaults={
                "title": plan_row["title"],
                "boundary": boundary,
                "effective_from": dt.date.fromisoformat(effective),
                "description": plan_row["description"],
                "quality_assurance": plan_row["quality_assurance"],
                "revision_note": note,
                "owner": demo.users.get(plan_row["owner"]),
                "status": m.MonitoringPlanStatus.APPROVED,
                "approved_by": demo.users.get(monitoring.APPROVER),
                "approved_at": approved_at,
                "submitted_by": demo.users.get(plan_row["owner"]),
                "submitted_at": approved_at - dt.timedelta(days=3),
            },
        )
        if not created:
            continue
        for source, parameter, method, instrument, frequency, flow in monitoring.ITEMS:
            m.MonitoringPlanItem.objects.create(
                plan=plan,
                source=demo.ref(m.EmissionSource, source),
                parameter=parameter,
                method=method,
                instrument=instruments[instrument] if instrument else None,
                frequency=frequency or ncv_frequency,
                responsible=demo.users.get(monitoring.RESPONSIBLE),
                data_flow=flow,
                archive=monitoring.ARCHIVE,
            )
        # the version approved later supersedes the one in force (as the service does)
        for older in m.MonitoringPlan.objects.filter(
            code=plan.code, version__lt=version, status=m.MonitoringPlanStatus.APPROVED
        ):
            older.status = m.MonitoringPlanStatus.SUPERSEDED
            older.superseded_at = approved_at
            older.save()


def load_management_review(demo: DemoLoad) -> None:
    """9.5 this year's management review: its inputs gathered from everything loaded before,
    once, when it is created; then its decisions."""
    row = with_year(evaluation.MANAGEMENT_REVIEW, demo.today.year, "title")
    decisions = row.pop("decisions")
    values = demo.values(m.ManagementReview, row)
    title = values.pop("title")
    review, created = m.ManagementReview.objects.get_or_create(title=title, defaults=values)
    if created:
        management_review_gather_inputs(review=review)
    for decision in decisions:
        decision = {**evaluation.REVIEW_DECISION_DEFAULTS, **decision, "review": review}
        demo.ensure(m.ReviewDecision, decision, key=("review", "decision"))


#: The loaders in the order records depend on each other.
LOADERS: tuple[Callable[[DemoLoad], None], ...] = (
    load_enterprise,
    load_context,
    load_compliance,
    load_responsibilities,
    load_risks,
    load_opportunities,
    load_objectives,
    load_plans,
    load_training,
    load_operations,
    load_instruments,
    load_monitoring_plans,
    load_audits,
    load_management_review,
)


def new_load(users: dict) -> DemoLoad:
    return DemoLoad(today=timezone.localdate(), users=users)
