"""Demo: the verification of the demo's approved 2025 run (6.3.3, 9.3, 10.2), idempotent.

Four recalculated rows (one beyond the 5 % materiality), two findings (the first raised as a
nonconformity, the second answered by the enterprise), and the verifier's statement as a PDF
in the document library.
"""

import datetime as dt

from django.core.files.base import ContentFile

from wagtail.documents import get_document_model
from wagtail.models import Page

from calculators.models import AccountingRun, RunResult, RunStatus
from cems_registers.pdf import render_pdf

from .models import Engagement, EngagementStatus, Finding, FindingStatus, Opinion
from .services import SampleRow, finding_raise_nonconformity, samples_record

YEAR = 2025
VERIFIER = "华东碳核查技术服务有限公司"
#: How far each sampled row's recalculation is from the run (×): the last beyond 5 %.
SAMPLE_FACTORS = (1.0, 1.012, 0.996, 1.083)


def _approved_run():
    return (
        AccountingRun.objects.filter(
            status=RunStatus.APPROVED, period_start__year=YEAR, period_end__year=YEAR
        )
        .order_by("-approved_at")
        .first()
    )


def _sample_rows(run) -> list[SampleRow]:
    """One row of each of four sources of the run, with the verifier's recalculation."""
    lines = (
        RunResult.objects.filter(run=run, record__isnull=False, tco2e__gt=1)
        .order_by("source_id", "period", "record__row_number")
        .values("source_id", "record__dataset_id", "record__row_number", "tco2e", "gas_group")
    )
    picked, sources = [], set()
    for line in lines:
        if line["gas_group"] != "CO2" or line["source_id"] in sources:
            continue
        sources.add(line["source_id"])
        picked.append(line)
        if len(picked) == len(SAMPLE_FACTORS):
            break
    return [
        SampleRow(
            line=index,
            dataset_id=line["record__dataset_id"],
            row_number=line["record__row_number"],
            gas_group="CO2",
            recalculated_tco2e=round(line["tco2e"] * factor, 3),
            note="按现场抄表记录与缺省因子复算" if factor != 1.0 else "",
        )
        for index, (line, factor) in enumerate(zip(picked, SAMPLE_FACTORS, strict=False), start=1)
    ]


def _statement(engagement):

    Document = get_document_model()
    title = f"{YEAR} 年度温室气体排放核查声明"
    document = Document.objects.filter(title=title).first()
    if document is None:
        body = render_pdf(
            "cems_verification/pdf/statement.html",
            {
                "engagement": engagement,
                "verified": f"{engagement.verified_tco2e:,.1f}",
                "opinion": engagement.get_opinion_display(),
            },
            language="zh-hans",
        )
        document = Document(title=title)
        document.file.save(f"verification-statement-{YEAR}.pdf", ContentFile(body), save=False)
        document.save()
    return document


def load_demo(*, users=None, stdout=None) -> str:
    run = _approved_run()
    if run is None:
        return "no approved 2025 run"
    if Engagement.objects.filter(reporting_year=YEAR, run=run).exists():
        return "engagement already recorded"
    users = users or {}
    rep = users.get("rep")
    keeper = rep or users.get("admin")
    engagement = Engagement(
        reporting_year=YEAR,
        run=run,
        verifier_organisation=VERIFIER,
        lead_verifier="吴志远",
        team="吴志远（组长）、郑洁",
        scope="公司边界内全部设施 2025 年 1—12 月的范围一、范围二排放（CO2、CH4、N2O）",
        criteria="GB/T 32150—2015；《其他有色金属冶炼和压延加工业企业温室气体排放核算方法与报告指南》；"
        "T/CSES 146—2024",
        status=EngagementStatus.FIELDWORK,
        start_date=dt.date(YEAR + 1, 2, 16),
        end_date=dt.date(YEAR + 1, 3, 13),
        report_date=dt.date(YEAR + 1, 3, 31),
        owner=rep,
    )
    engagement.full_clean()
    engagement.save()
    samples = samples_record(user=keeper, engagement=engagement, rows=_sample_rows(run))
    beyond = next((s for s in samples if not s.within_materiality), None)
    first = Finding(
        engagement=engagement,
        reference="F-01",
        severity="minor",
        clause="8.5",
        description="抽样复算的活动数据行与现场抄表记录不一致，差异超过 5% 的实质性水平；"
        "数据录入后未经第二人核对。",
        dataset_id=beyond.dataset_id if beyond else None,
        row_number=beyond.row_number if beyond else None,
        due_date=dt.date(YEAR + 1, 4, 30),
        owner=rep,
    )
    first.full_clean()
    first.save()
    finding_raise_nonconformity(finding=first, user=keeper)
    second = Finding(
        engagement=engagement,
        reference="F-02",
        severity="observation",
        clause="7.3",
        description="数据管理程序未规定计量原始记录的备份方式与保存期限。",
        document=_data_procedure(),
        response="已修订数据管理程序，增加原始记录每月备份、保存 5 年的要求，下一版本发布。",
        due_date=dt.date(YEAR + 1, 3, 27),
        responded_on=dt.date(YEAR + 1, 3, 20),
        status=FindingStatus.ACCEPTED,
        owner=rep,
    )
    second.full_clean()
    second.save()
    engagement.verified_tco2e = round(run.total_tco2e or 0, 1)
    engagement.status = EngagementStatus.REPORTED
    engagement.opinion = Opinion.UNQUALIFIED
    engagement.opinion_text = (
        "经核查，企业 2025 年度温室气体排放报告在所有重大方面符合核算指南的要求，"
        "排放量数据真实、准确。抽样中发现的一处超出实质性水平的差异已作为不符合项处理。"
    )
    engagement.statement = _statement(engagement)
    engagement.full_clean()
    engagement.save()
    outside = sum(1 for s in samples if not s.within_materiality)
    return f"engagement {YEAR}: {len(samples)} samples ({outside} beyond materiality), 2 findings"


def _data_procedure():

    return (
        Page.objects.filter(title__contains="数据").order_by("path").first()
        or Page.objects.filter(depth__gt=1).order_by("path").first()
    )
