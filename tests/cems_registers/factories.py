"""Factories of the register records (one per register model), and bulk builders."""

import datetime as dt

import factory

from cems_registers import models as m


class FacilityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Facility
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"FAC{n:03d}")
    name = factory.Sequence(lambda n: f"工厂 {n}")
    kind = m.FacilityKind.SITE


class EmissionSourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.EmissionSource

    code = factory.Sequence(lambda n: f"SRC{n:04d}")
    name = factory.Sequence(lambda n: f"燃气锅炉 {n}#")
    facility = factory.SubFactory(FacilityFactory)
    kind = m.SourceKind.COMBUSTION_EQUIPMENT
    material_key = "natural_gas"
    scope = m.Scope.SCOPE_1
    category = m.SourceCategory.FUEL_COMBUSTION


class ContextIssueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.ContextIssue

    title = factory.Sequence(lambda n: f"全国碳市场扩容 {n}")
    kind = m.IssueKind.EXTERNAL


class ComplianceObligationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.ComplianceObligation

    title = factory.Sequence(lambda n: f"碳排放权交易管理暂行条例 {n}")
    kind = m.ObligationKind.REGULATION


class ComplianceEvaluationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.ComplianceEvaluation

    obligation = factory.SubFactory(ComplianceObligationFactory)
    evaluated_on = dt.date(2026, 3, 1)
    result = m.EvaluationResult.COMPLIANT


class InterestedPartyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.InterestedParty

    party = factory.Sequence(lambda n: f"生态环境局 {n}")
    category = m.PartyCategory.GOVERNMENT
    needs_expectations = "按时报送排放报告"


class ResponsibilityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Responsibility

    role = factory.Sequence(lambda n: f"能源管理员 {n}")
    duties = "组织碳排放核算"


class RiskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Risk

    title = factory.Sequence(lambda n: f"碳价上涨风险 {n}")
    category = m.RiskCategory.ETS
    likelihood = 3
    impact = 3


class RiskActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.RiskAction

    risk = factory.SubFactory(RiskFactory)
    description = factory.Sequence(lambda n: f"签订绿电长协 {n}")


class ReductionOpportunityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.ReductionOpportunity

    code = factory.Sequence(lambda n: f"OPP{n:03d}")
    title = factory.Sequence(lambda n: f"空压机变频改造 {n}")
    category = m.OpportunityCategory.EFFICIENCY
    abatement_per_year = 120


class ObjectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Objective

    code = factory.Sequence(lambda n: f"OBJ{n:03d}")
    title = factory.Sequence(lambda n: f"单位产品碳排放下降 {n}")


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Indicator

    objective = factory.SubFactory(ObjectiveFactory)
    name = "单位产品碳排放"
    metric = m.IndicatorMetric.INTENSITY
    unit = "tCO2e/t"
    baseline_year = 2024
    baseline_value = 1
    target_value = "0.8"
    target_year = 2030


class ImplementationPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.ImplementationPlan

    code = factory.Sequence(lambda n: f"PLAN{n:03d}")
    title = factory.Sequence(lambda n: f"屋顶光伏二期 {n}")
    measures = "新增 2 MW 光伏"
    responsible_department = "设备部"


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Milestone

    plan = factory.SubFactory(ImplementationPlanFactory)
    title = "完成招标"
    due_date = dt.date(2026, 12, 31)


class TrainingPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.TrainingPlan

    title = factory.Sequence(lambda n: f"碳管理培训计划 {n}")
    year = 2026
    topics = "碳核算"


class CompetenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Competence

    person_name = factory.Sequence(lambda n: f"张工 {n}")
    required = "碳排放管理员资格"


class DesignReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.DesignReview

    title = factory.Sequence(lambda n: f"新车间设计评审 {n}")
    subject = m.DesignSubject.FACILITY
    carbon_considerations = "采用热泵"


class SupplierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Supplier

    name = factory.Sequence(lambda n: f"钢材供应商 {n}")
    goods = "冷轧钢板"


class ChangeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Change

    title = factory.Sequence(lambda n: f"电力排放因子更新 {n}")
    kind = m.ChangeKind.METHODOLOGY
    description = "采用 2024 年全国电网因子"


class MeasuringInstrumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.MeasuringInstrument

    code = factory.Sequence(lambda n: f"M{n:04d}")
    name = factory.Sequence(lambda n: f"天然气流量计 {n}")
    measures = "天然气 Nm³"


class AuditProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.AuditProgramme

    code = factory.Sequence(lambda n: f"AP{n:03d}")
    title = factory.Sequence(lambda n: f"2026 年内审方案 {n}")
    purpose = "验证体系符合性"
    criteria = "T/CSES 146—2024"
    scope = "全部场所"


class AuditFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Audit

    programme = factory.SubFactory(AuditProgrammeFactory)
    title = factory.Sequence(lambda n: f"苏州总装厂内审 {n}")
    audited_on = dt.date(2026, 6, 1)


class AuditFindingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.AuditFinding

    audit = factory.SubFactory(AuditFactory)
    reference = factory.Sequence(lambda n: f"F-{n}")
    kind = m.FindingKind.MINOR
    description = "流量计校准证书过期"


class NonconformityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Nonconformity

    code = factory.Sequence(lambda n: f"NC{n:03d}")
    title = factory.Sequence(lambda n: f"计量器具未按期校准 {n}")
    source = m.NonconformitySource.AUDIT
    description = "S01 流量计超期"


class CorrectiveActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.CorrectiveAction

    nonconformity = factory.SubFactory(NonconformityFactory)
    description = "建立校准台账提醒"


class ManagementReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.ManagementReview

    title = factory.Sequence(lambda n: f"管理评审 {n}")
    held_on = dt.date(2026, 1, 15)


class ReviewDecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.ReviewDecision

    review = factory.SubFactory(ManagementReviewFactory)
    decision = "增加节能预算"


def bulk_sources(count: int, facility=None, prefix: str = "B") -> list:
    """``count`` emission sources created with one bulk insert (no history rows)."""
    facility = facility or FacilityFactory()
    return m.EmissionSource.objects.bulk_create(
        m.EmissionSource(
            code=f"{prefix}{i:06d}",
            name=f"排放源 {i}",
            facility=facility,
            kind=m.SourceKind.COMBUSTION_EQUIPMENT,
            category=m.SourceCategory.FUEL_COMBUSTION,
        )
        for i in range(count)
    )
