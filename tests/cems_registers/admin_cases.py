"""Valid admin form data for every register, for the create/edit/delete tests.

Each case names the model, builds the POST data from a context of linked records, and
names the text field the edit test changes.
"""

import dataclasses
from collections.abc import Callable

from wagtail.test.utils.form_data import inline_formset, nested_form_data

from cems_registers import models as m


@dataclasses.dataclass
class Case:
    model: type
    data: Callable[[dict], dict]
    edit_field: str
    #: Relations whose child rows the create POST adds (checked after create).
    children: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        return self.model._meta.model_name


def empty(*names: str) -> dict:
    return nested_form_data({name: inline_formset([]) for name in names})


CASES = [
    Case(
        m.Facility,
        lambda c: {
            "code": "T01",
            "name": "测试工厂",
            "kind": "site",
            "in_boundary": "on",
            "boundary_reason": "运营控制权",
            "grid_region": "east",
        },
        "name",
    ),
    Case(
        m.ContextIssue,
        lambda c: {"title": "碳关税 CBAM", "kind": "external", "effect": "negative"},
        "title",
    ),
    Case(
        m.InterestedParty,
        lambda c: {
            "party": "苏州市生态环境局",
            "category": "government",
            "needs_expectations": "年度排放报告",
        },
        "party",
    ),
    Case(
        m.ComplianceObligation,
        lambda c: {
            "title": "企业温室气体排放核算与报告指南",
            "kind": "standard",
            "status": "in_force",
            "review_interval_months": "12",
            **nested_form_data(
                {
                    "evaluations": inline_formset(
                        [
                            {
                                "evaluated_on": "2026-03-01",
                                "result": "compliant",
                                "evidence": "报告已报送",
                            }
                        ]
                    )
                }
            ),
        },
        "title",
        children=("evaluations",),
    ),
    Case(
        m.ComplianceEvaluation,
        lambda c: {
            "obligation": c["obligation"].pk,
            "evaluated_on": "2026-04-01",
            "result": "partial",
            "actions": "补充监测计划",
        },
        "actions",
    ),
    Case(
        m.Responsibility,
        lambda c: {"role": "管理者代表", "kind": "management_representative", "duties": "体系运行"},
        "role",
    ),
    Case(
        m.Risk,
        lambda c: {
            "title": "暴雨导致厂区内涝",
            "kind": "risk",
            "category": "physical_heavy_rain",
            "likelihood": "4",
            "impact": "3",
            "status": "open",
            **nested_form_data(
                {
                    "actions": inline_formset(
                        [
                            {
                                "description": "加高配电房挡水板",
                                "status": "planned",
                                "emergency_plan": "on",
                            }
                        ]
                    )
                }
            ),
        },
        "title",
        children=("actions",),
    ),
    Case(
        m.RiskAction,
        lambda c: {"risk": c["risk"].pk, "description": "购买绿证", "status": "planned"},
        "description",
    ),
    Case(
        m.EmissionSource,
        lambda c: {
            "code": "T-S01",
            "name": "测试锅炉",
            "facility": c["facility"].pk,
            "kind": "combustion_equipment",
            "ghgs": "CO2,CH4",
            "scope": "1",
            "category": "fuel_combustion",
            "in_boundary": "on",
        },
        "name",
    ),
    Case(
        m.ReductionOpportunity,
        lambda c: {
            "code": "T-O1",
            "title": "余热回收",
            "category": "efficiency",
            "abatement_per_year": "350.5",
            "capital_cost": "120",
            "operating_cost": "-15",
            "annual_savings": "30",
            "lifetime_years": "10",
            "status": "identified",
        },
        "title",
    ),
    Case(
        m.Objective,
        lambda c: {
            "code": "T-OBJ",
            "title": "2030 年单位产品碳排放下降 20%",
            "level": "enterprise",
            "status": "draft",
            **nested_form_data(
                {
                    "indicators": inline_formset(
                        [
                            {
                                "name": "单位产品碳排放",
                                "metric": "intensity",
                                "unit": "tCO2e/t",
                                "baseline_year": "2024",
                                "baseline_value": "1.2",
                                "target_value": "0.96",
                                "target_year": "2030",
                            }
                        ]
                    )
                }
            ),
        },
        "title",
        children=("indicators",),
    ),
    Case(
        m.ImplementationPlan,
        lambda c: {
            "code": "T-P1",
            "title": "空压站改造",
            "objectives": [c["objective"].pk],
            "measures": "更换永磁变频空压机",
            "responsible_department": "设备部",
            "budget": "80",
            "spent": "0",
            "status": "planned",
            **nested_form_data(
                {"milestones": inline_formset([{"title": "完成采购", "due_date": "2026-12-01"}])}
            ),
        },
        "title",
        children=("milestones",),
    ),
    Case(
        m.Milestone,
        lambda c: {"plan": c["plan"].pk, "title": "完成安装", "due_date": "2027-03-01"},
        "title",
    ),
    Case(
        m.TrainingPlan,
        lambda c: {
            "title": "2026 碳核算培训",
            "year": "2026",
            "topics": "GB/T 32150",
            "status": "planned",
            **empty("sessions"),
        },
        "title",
    ),
    Case(
        m.Competence,
        lambda c: {"person_name": "李工", "required": "内审员资格", "result": "competent"},
        "person_name",
    ),
    Case(
        m.DesignReview,
        lambda c: {
            "title": "涂装线设计评审",
            "subject": "process",
            "reviewed_on": "2026-05-01",
            "carbon_considerations": "水性漆替代",
        },
        "title",
    ),
    Case(
        m.Supplier,
        lambda c: {
            "name": "华东铸材有限公司",
            "goods": "生铁",
            "rating": "B",
            **nested_form_data(
                {
                    "footprints": inline_formset(
                        [
                            {
                                "product": "生铁",
                                "value": "1850",
                                "unit": "kgCO2e/t",
                                "boundary": "cradle_to_gate",
                            }
                        ]
                    )
                }
            ),
        },
        "name",
        children=("footprints",),
    ),
    Case(
        m.Change,
        lambda c: {
            "title": "新增中频炉",
            "kind": "sources",
            "planned": "on",
            "description": "无锡新增 2 台中频炉",
            "status": "proposed",
        },
        "title",
    ),
    Case(
        m.MeasuringInstrument,
        lambda c: {
            "code": "T-M1",
            "name": "电能表",
            "measures": "电量 kWh",
            "sources": [c["source"].pk],
            "calibration_interval_months": "12",
            "last_calibrated": "2026-01-01",
            "next_calibration": "2027-01-01",
            "status": "in_service",
        },
        "name",
    ),
    Case(
        m.AuditProgramme,
        lambda c: {
            "code": "T-AP",
            "title": "2027 年内审方案",
            "kind": "internal",
            "purpose": "符合性",
            "criteria": "T/CSES 146—2024",
            "scope": "全部",
            "status": "planned",
        },
        "title",
    ),
    Case(
        m.Audit,
        lambda c: {
            "programme": c["programme"].pk,
            "title": "合肥厂内审",
            "audited_on": "2026-06-10",
            "status": "reported",
            **nested_form_data(
                {
                    "findings": inline_formset(
                        [
                            {
                                "reference": "F1",
                                "clause": "9.1",
                                "kind": "minor",
                                "description": "记录缺失",
                            }
                        ]
                    )
                }
            ),
        },
        "title",
        children=("findings",),
    ),
    Case(
        m.Nonconformity,
        lambda c: {
            "code": "T-NC",
            "title": "活动数据缺失",
            "source": "monitoring",
            "description": "3 月天然气数据缺失",
            "severity": "minor",
            "status": "open",
            **nested_form_data(
                {
                    "actions": inline_formset(
                        [
                            {
                                "kind": "corrective",
                                "description": "补录并复核",
                                "due_date": "2026-12-01",
                            }
                        ]
                    )
                }
            ),
        },
        "title",
        children=("actions",),
    ),
    Case(
        m.CorrectiveAction,
        lambda c: {
            "nonconformity": c["nonconformity"].pk,
            "kind": "preventive",
            "description": "自动采集",
        },
        "description",
    ),
    Case(
        m.ManagementReview,
        lambda c: {
            "title": "2026 年度管理评审",
            "held_on": "2026-12-20",
            **empty("decisions"),
        },
        "title",
    ),
    Case(
        m.ReviewDecision,
        lambda c: {
            "review": c["review"].pk,
            "kind": "resources",
            "decision": "追加预算",
            "status": "open",
        },
        "decision",
    ),
]
