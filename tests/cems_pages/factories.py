"""Factories of the page types: each builds a published page under ``parent``.

``site_root()`` returns the zh-hans HomePage rooting the default Site (and the English one
with ``locale_code="en"``), through :func:`cems_pages.services.ensure_site_root`.
"""

import datetime as dt

import factory

from cems_pages.models import (
    GlossaryPage,
    GlossaryTerm,
    ManagementRulePage,
    ManualPage,
    PolicyPage,
    ProcedurePage,
    ProcessMapPage,
    ScopeExclusion,
    ScopePage,
    ScopeSite,
    WorkInstructionPage,
)
from cems_pages.services import ensure_site_root


def site_root(locale_code: str = "zh-hans"):
    title = "碳排放管理体系" if locale_code == "zh-hans" else "Carbon management system"
    return ensure_site_root(title=title, locale_code=locale_code)


class PageFactory(factory.django.DjangoModelFactory):
    """Adds the page under ``parent`` (default: the zh-hans home) and publishes it unless
    ``publish=False``."""

    class Meta:
        abstract = True

    title = factory.Sequence(lambda n: f"文件 {n}")
    slug = factory.Sequence(lambda n: f"doc-{n}")

    @classmethod
    def _create(cls, model_class, *args, parent=None, publish=True, user=None, **kwargs):
        parent = parent or site_root()
        page = model_class(*args, **kwargs)
        if not publish:
            page.live = False
        parent.add_child(instance=page)
        revision = page.save_revision(user=user)
        if publish:
            revision.publish(user=user)
        page.refresh_from_db()
        return page


class DocumentFactory(PageFactory):
    class Meta:
        abstract = True

    document_number = factory.Sequence(lambda n: f"CEMS-{n:03d}")
    version = "A/0"
    owner_department = "碳排放管理办公室"
    approver = "张伟 总经理"
    effective_date = dt.date(2026, 1, 1)
    review_interval_months = 12


class ManualPageFactory(DocumentFactory):
    class Meta:
        model = ManualPage

    title = "碳排放管理手册"
    slug = "manual"
    introduction = "<p>本手册描述企业碳排放管理体系。</p>"


class PolicyPageFactory(DocumentFactory):
    class Meta:
        model = PolicyPage

    title = "碳排放管理方针"
    slug = "policy"
    statement = "<p>低碳发展，持续改进。</p>"
    compliance_commitment = "<p>遵守适用的法律法规和其他要求。</p>"
    climate_action_commitment = "<p>减少温室气体排放，应对气候变化。</p>"
    objectives_framework = "<p>为制定碳排放目标提供框架。</p>"
    communication = "<p>在企业内部传达并向相关方公开。</p>"


class ScopePageFactory(DocumentFactory):
    class Meta:
        model = ScopePage

    title = "碳排放管理体系范围"
    slug = "scope"
    boundary_statement = "<p>以运行控制权法确定组织边界。</p>"
    activities = "<p>钢材加工与燃煤锅炉房供热。</p>"
    gases = factory.LazyFunction(lambda: ["CO2", "CH4", "N2O"])
    reporting_period = "自然年"
    sites = factory.LazyFunction(
        lambda: [ScopeSite(name="一号厂区", address="江苏省", units_activities="锅炉房")]
    )
    exclusions = factory.LazyFunction(
        lambda: [ScopeExclusion(item="员工通勤", reason="不在运行控制范围内")]
    )


class GlossaryPageFactory(DocumentFactory):
    class Meta:
        model = GlossaryPage

    title = "术语和定义"
    slug = "glossary"
    terms = factory.LazyFunction(
        lambda: [
            GlossaryTerm(
                clause_number="3.1",
                term="温室气体",
                definition="大气中吸收和重新放出红外辐射的气体成分。",
            )
        ]
    )


def _procedure_stream():
    return [
        {
            "type": "step",
            "value": {
                "title": "收集数据",
                "description": "<p>每月收集燃煤锅炉房的用煤量。</p>",
                "responsible": "能源部",
            },
        }
    ]


class ProcedurePageFactory(DocumentFactory):
    class Meta:
        model = ProcedurePage

    title = factory.Sequence(lambda n: f"碳排放核算程序 {n}")
    slug = factory.Sequence(lambda n: f"procedure-{n}")
    purpose = "<p>规定碳排放核算的方法。</p>"
    responsible_department = "碳排放管理办公室"
    inputs = "<p>活动数据</p>"
    outputs = "<p>核算报告</p>"
    steps = factory.LazyFunction(_procedure_stream)
    kpis = factory.LazyFunction(
        lambda: [
            {
                "type": "kpi",
                "value": {"indicator": "数据及时率", "target": "100%", "frequency": "每月"},
            }
        ]
    )
    records_kept = factory.LazyFunction(
        lambda: [
            {
                "type": "record",
                "value": {"name": "核算记录", "retention_period": "5年", "location": "档案室"},
            }
        ]
    )
    related_clauses = "6.3, 9.1"


class ManagementRulePageFactory(DocumentFactory):
    class Meta:
        model = ManagementRulePage

    title = factory.Sequence(lambda n: f"能源计量管理制度 {n}")
    slug = factory.Sequence(lambda n: f"rule-{n}")
    purpose = "<p>规范计量器具管理。</p>"
    body = factory.LazyFunction(
        lambda: [
            {
                "type": "section",
                "value": {"heading": "职责", "clause": "7.1", "text": "<p>能源部负责。</p>"},
            }
        ]
    )


class WorkInstructionPageFactory(DocumentFactory):
    class Meta:
        model = WorkInstructionPage

    title = factory.Sequence(lambda n: f"锅炉用煤计量作业指导书 {n}")
    slug = factory.Sequence(lambda n: f"instruction-{n}")
    purpose = "<p>规定计量步骤。</p>"
    applies_to = "锅炉房"
    steps = factory.LazyFunction(_procedure_stream)


class ProcessMapPageFactory(DocumentFactory):
    class Meta:
        model = ProcessMapPage

    title = "过程图"
    slug = "process-map"
    introduction = "<p>体系的过程及其相互作用。</p>"
    processes = factory.LazyFunction(
        lambda: [
            {
                "type": "process",
                "value": {
                    "name": "碳排放核算",
                    "clause": "6.3",
                    "owner": "碳排放管理办公室",
                    "inputs": "活动数据",
                    "outputs": "核算结果",
                    "criteria": "",
                    "next_processes": "管理评审",
                    "procedure": None,
                },
            }
        ]
    )


#: The page-tree fixture's keys, one per page type (``tree`` in conftest).
PAGE_KEYS = [
    "home",
    "policy",
    "scope",
    "glossary",
    "manual",
    "procedure",
    "rule",
    "instruction",
    "process_map",
]


def no_comments() -> dict:
    """The empty comments formset an admin page form posts (nested_form_data shape)."""
    return {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0, "MIN_NUM_FORMS": 0, "MAX_NUM_FORMS": 1000}
