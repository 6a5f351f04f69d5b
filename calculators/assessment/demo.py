"""Demo assessment (6.4): the latest approved year assessed to 2030 and approved. Idempotent.

Runs after ``calculators.demo`` (it needs an approved accounting run) and reads the demo's
reduction opportunities (``cems_registers.demo.opportunities``). The production plan grows
the approved year's output by 4 % a year.
"""

from __future__ import annotations

from calculators.assessment import selectors
from calculators.assessment.services import (
    assessment_approve,
    assessment_create,
    default_discount_rate,
)
from calculators.models import Assessment

TARGET_YEAR = 2030
GROWTH = 0.04
REASON = "年度评估（6.4.2）/ Yearly assessment (6.4.2)"
RECOMMENDATIONS = (
    "1. 优先实施成本为负的措施（空压站变频、锅炉冷凝余热回收、屋顶光伏二期），"
    "2026 年内完成。\n"
    "2. 冲天炉改中频感应电炉减排潜力最大（约占全部潜力的一半），2026 年完成可研、"
    "2027 年实施，纳入 2030 年目标的主要措施。\n"
    "3. 绿色电力交易作为过渡措施，逐年评估价格。\n"
    "4. 余热供暖、涂装烘干炉优化和叉车电动化列入下一轮评估。\n\n"
    "1. Carry out the measures that save money (compressors, boiler economisers, rooftop solar "
    "phase 2) in 2026.\n"
    "2. The induction furnace holds the largest potential (about half of the total): feasibility "
    "study in 2026, implementation in 2027, as the main measure towards the 2030 objective.\n"
    "3. Buy green electricity as a bridge and review its price every year.\n"
    "4. Waste-heat heating, paint-oven tuning and electric forklifts go to the next assessment."
)


def load_demo(*, users: dict, stdout=None) -> str:
    existing = Assessment.objects.filter(reason=REASON).first()
    if existing is not None:
        return f"assessment #{existing.pk} already there"
    history = selectors.yearly_history(facility_ids=[], up_to_year=TARGET_YEAR)
    if history.empty:
        return "no approved accounting run: no demo assessment"
    latest = history.iloc[-1]
    year = int(latest["year"])
    production = float(latest["production"]) if latest["production"] == latest["production"] else 0
    plan = (
        {
            y: round(production * (1 + GROWTH) ** (y - year))
            for y in range(year + 1, TARGET_YEAR + 1)
        }
        if production
        else {}
    )
    assessment = assessment_create(
        year=year,
        target_year=TARGET_YEAR,
        discount_rate=default_discount_rate(),
        production_plan=plan,
        recommendations=RECOMMENDATIONS,
        reason=REASON,
        user=users.get("rep"),
    )
    assessment = assessment_approve(assessment=assessment, user=users["ceo"])
    return (
        f"assessment #{assessment.pk} of {year}: "
        f"{len(assessment.results['ranking'])} opportunities ranked, approved"
    )
