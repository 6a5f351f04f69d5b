"""Demo carbon assets (idempotent), after the demo's approved 2025 run:

* the 2025 compliance period of the national ETS over that run, deadline 2026-12-31: an
  allocation of 90 % of the verified emissions, a purchase of 5 %, a surrender of 60 %, so
  40 % is still to surrender with a 5 % shortfall (a due item in "What is due");
* a CCER project and a block of 5,000 credits, 1,000 of them retired;
* the 2025 neutrality statement of the whole boundary, approved by top management, which does
  NOT balance (emissions far exceed the reductions and the 1,000 credits), so the results
  disclosure does not show it.
"""

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from cems_pages.disclosure_demo import demo_run

from .models import CompliancePeriod, CreditBlock, CreditProject, NeutralityStatement
from .selectors import tonnes
from .services import (
    allowance_transaction_record,
    credit_retirements_record,
    neutrality_statement_approve,
)


def _share(total: Decimal, percent: int) -> Decimal:
    return (total * percent / 100).quantize(Decimal("1"), rounding=ROUND_HALF_UP)


def _ledger(run, owner) -> CompliancePeriod:
    period = CompliancePeriod.objects.create(
        name="全国碳排放权交易市场 2025 年度履约",
        scheme="national_ets",
        first_year=2025,
        last_year=2025,
        surrender_deadline=dt.date(2026, 12, 31),
        owner=owner,
        notes="核查后的 2025 年度排放量以经批准的核算为准。",
    )
    period.runs.set([run])
    verified = tonnes(run.total_tco2e)
    for kind, percent, day, extra in (
        ("allocated", 90, dt.date(2026, 6, 30), {"counterparty": "省生态环境厅"}),
        (
            "bought",
            5,
            dt.date(2026, 9, 15),
            {"counterparty": "全国碳排放权交易系统（挂牌协议）", "unit_price": Decimal("92.50")},
        ),
        ("surrendered", 60, dt.date(2026, 11, 20), {"counterparty": "全国碳排放权注册登记系统"}),
    ):
        allowance_transaction_record(
            period=period, kind=kind, quantity=_share(verified, percent), date=day, **extra
        )
    return period


def _credits() -> CreditBlock:
    project = CreditProject.objects.create(
        registry="全国温室气体自愿减排注册登记系统",
        project_id="CCER-01-2024-0158",
        name="宁夏中卫 100 MW 光伏发电项目",
        credit_type="ccer",
        methodology="CCER-01-001-V01 并网光热/光伏发电",
        location="宁夏中卫",
    )
    return CreditBlock.objects.create(
        project=project,
        vintage=2025,
        serial_prefix="CCER-01-2024-0158-2025-",
        serial_start=100001,
        serial_end=105000,
        purchase_date=dt.date(2026, 3, 10),
        unit_price=Decimal("68.00"),
        seller="某新能源有限公司",
    )


def load_demo(*, users=None, stdout=None) -> str:

    if CompliancePeriod.objects.exists():
        return "carbon assets already loaded"
    run = demo_run(2025)
    if run is None:
        return "no approved 2025 run: carbon assets not loaded"
    users = users or {}
    period = _ledger(run, users.get("keeper"))
    block = _credits()
    statement = NeutralityStatement.objects.create(
        title="2025 年度全厂碳中和声明",
        year=2025,
        boundary_description="公司全部设施（与 2025 年度核算边界一致）",
        reductions_tco2e=Decimal("1200"),
        reductions_description="余热回收改造与光伏自发自用，按 2024 年基准计算。",
        claim="本公司 2025 年度全厂温室气体排放已通过减排与注销核证自愿减排量实现碳中和。",
        owner=users.get("rep"),
    )
    statement.runs.set([run])
    credit_retirements_record(
        rows=[
            {
                "block": block,
                "serial_start": 100001,
                "serial_end": 101000,
                "retired_on": dt.date(2026, 4, 8),
                "claim": "用于 2025 年度全厂碳中和声明",
                "beneficiary": "本公司",
                "registry_reference": "ZX-2026-000731",
                "statement": statement,
            }
        ]
    )
    if users.get("ceo") is not None:
        neutrality_statement_approve(statement=statement, user=users["ceo"])
    balance = period.balance
    figures = NeutralityStatement.objects.get(pk=statement.pk).figures
    return (
        f"period {period}: to surrender {balance.to_surrender}, shortfall {balance.shortfall}; "
        f"statement balance {figures.balance} tCO2e (does not balance, not published)"
    )
