"""Import of every register (issue 8 item 16): child sheets, links by natural key, the
demo's registers exported and imported back, and approvals that an import never restores
(issue 8 item A, clause 5.1)."""

import datetime as dt
import io
from decimal import Decimal
from io import StringIO

from django.utils import timezone, translation

import pytest
from openpyxl import Workbook, load_workbook

from cems_registers import models as m
from cems_registers.demo import load_demo
from cems_registers.imports import (
    IMPORT_SPECS,
    RegisterImportError,
    available_specs,
    get_spec,
    import_file,
    template_workbook,
)
from cems_registers.imports.spec import is_approval_field

pytestmark = pytest.mark.django_db


def workbook_bytes(sheets: dict[str, list[list]]) -> bytes:
    workbook = Workbook()
    for index, (name, rows) in enumerate(sheets.items()):
        sheet = workbook.active if index == 0 else workbook.create_sheet()
        sheet.title = name
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def objective_sheets(target="30"):
    return {
        "目标 objectives": [
            ["code", "title", "level", "deadline"],
            ["O-1", "单位产值排放下降", "企业", "2030年12月31日"],
        ],
        "指标 indicators": [
            [
                "目标 / objective",
                "name",
                "unit",
                "baseline_year",
                "baseline_value",
                "target_value",
                "target_year",
            ],
            ["O-1", "排放强度", "tCO2e/万元", "2025", "0.5", target, "2030"],
            ["O-1", "总排放", "tCO2e", "2025", "12,000", "9000", "2030"],
        ],
    }


@pytest.fixture
def demo(register_keeper, top_manager, auditor, management_representative):
    users = {
        "keeper": register_keeper,
        "ceo": top_manager,
        "auditor": auditor,
        "rep": management_representative,
    }
    load_demo(users=users, stdout=StringIO())
    return users


# ------------------------------------------------------------------ every register


def test_every_register_and_its_inline_rows_have_an_import():
    listed = {spec.model for spec in available_specs()}
    assert listed == set(m.REGISTER_MODELS)
    for spec in IMPORT_SPECS.values():
        model = spec.model
        inline = {
            rel.related_model
            for rel in model._meta.related_objects
            if rel.one_to_many and rel.remote_field.__class__.__name__ == "ParentalKey"
        }
        assert inline == {child.model for child in spec.child_specs()}, spec.slug
        for child in spec.child_specs():
            assert child.parent_field in child.natural_key
            assert child.columns[0].name == child.parent_field


@pytest.mark.parametrize("slug", sorted(IMPORT_SPECS))
def test_no_register_imports_an_approval(slug):
    spec = get_spec(slug)
    assert not [c.name for c in spec.columns if is_approval_field(c.name)]
    for name in spec.natural_key:
        assert spec.column(name).header_required


def test_objective_columns_leave_out_approval_but_keep_status():
    names = [c.name for c in get_spec("objectives").columns]
    assert "approved_by" not in names and "approved_at" not in names
    assert "status" in names


@pytest.mark.parametrize("spec", available_specs(), ids=lambda s: s.slug)
def test_template_has_a_sheet_per_part_and_a_guide(spec):
    workbook = load_workbook(io.BytesIO(template_workbook(spec)))
    parts = [spec, *spec.child_specs()]
    assert workbook.sheetnames == [p.sheet_name for p in parts] + ["说明 Guide"]
    for part in parts:
        headers = [cell.value for cell in workbook[part.sheet_name][1]]
        assert headers == [c.header for c in part.columns]
        assert all(" / " in h for h in headers)
    guide = [c.value for row in workbook["说明 Guide"].iter_rows() for c in row if c.value]
    for part in parts:
        for column in part.columns:
            assert column.header in guide
    # The empty template imports as nothing, without error.
    assert import_file(spec=spec, name="t.xlsx", data=template_workbook(spec)).total == 0


def test_demo_registers_export_and_import_back_unchanged(demo):
    for spec in available_specs():
        data = template_workbook(spec, records=True)
        before = spec.model.history.count()
        result = import_file(spec=spec, name=f"{spec.slug}.xlsx", data=data)
        assert (result.created, result.updated) == (0, 0), (spec.slug, result)
        parts = [spec, *spec.child_specs()]
        assert result.unchanged == sum(p.model.objects.count() for p in parts), spec.slug
        assert spec.model.history.count() == before


def _rows(data: bytes) -> dict[str, list[tuple]]:
    workbook = load_workbook(io.BytesIO(data))
    return {
        sheet.title: sorted(
            (
                tuple("" if v is None else str(v) for v in row)
                for row in sheet.iter_rows(values_only=True)
            ),
        )
        for sheet in workbook.worksheets
        if sheet.title != "说明 Guide"
    }


def _drafted(data: bytes) -> bytes:
    """The objectives workbook with every status written as draft (approvals do not import)."""
    workbook = load_workbook(io.BytesIO(data))
    sheet = workbook.worksheets[0]
    status = [c.value for c in sheet[1]].index("状态 / status") + 1
    for row in range(2, sheet.max_row + 1):
        sheet.cell(row=row, column=status, value=str(m.ObjectiveStatus.DRAFT.label))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_demo_rebuilt_from_its_workbooks_in_an_empty_database(demo, register_keeper):
    """Every register of the demo, written out and imported into emptied registers, reads
    back identically: every column, link, choice, date and inline sheet round-trips."""
    with translation.override("zh-hans"):
        files = {spec.slug: template_workbook(spec, records=True) for spec in available_specs()}
        originals = {slug: _rows(data) for slug, data in files.items()}
    for model in (
        m.MonitoringPlan,  # not imported from a sheet; its rows protect sources and instruments
        m.Nonconformity,
        m.Audit,
        m.AuditProgramme,
        *[x for x in reversed(m.REGISTER_MODELS) if x not in (m.Facility,)],
    ):
        model.objects.all().delete()
    while m.Facility.objects.exists():  # leaves first: a unit protects its parent
        m.Facility.objects.filter(children__isnull=True).delete()

    for spec in available_specs():
        data = _drafted(files[spec.slug]) if spec.slug == "objectives" else files[spec.slug]
        with translation.override("zh-hans"):
            import_file(spec=spec, name=f"{spec.slug}.xlsx", data=data, user=register_keeper)

    with translation.override("zh-hans"):
        for spec in available_specs():
            again = _rows(template_workbook(spec, records=True))
            expected = originals[spec.slug]
            if spec.slug == "objectives":
                expected = _rows(_drafted(files["objectives"]))
            assert again == expected, spec.slug
    history = m.Indicator.history.first()
    assert history.history_user == register_keeper
    assert history.history_change_reason == "从文件导入"


# ------------------------------------------------------------------ inline sheets


def test_objectives_with_indicators_from_a_second_sheet(register_keeper):
    result = import_file(
        spec=get_spec("objectives"),
        name="o.xlsx",
        data=workbook_bytes(objective_sheets()),
        user=register_keeper,
    )
    assert (result.created, result.updated, result.unchanged) == (3, 0, 0)
    assert [(s.created, s.sheet) for s in result.sheets] == [
        (1, "目标 objectives"),
        (2, "指标 indicators"),
    ]
    objective = m.Objective.objects.get(code="O-1")
    assert objective.level == "enterprise" and objective.deadline == dt.date(2030, 12, 31)
    assert objective.status == "draft" and objective.approved_at is None
    total = objective.indicators.get(name="总排放")
    assert total.baseline_value == Decimal("12000") and total.target_year == 2030
    entry = total.history.get()
    assert entry.history_user == register_keeper and entry.history_type == "+"
    assert entry.history_change_reason

    again = import_file(
        spec=get_spec("objectives"), name="o.xlsx", data=workbook_bytes(objective_sheets())
    )
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)


def test_error_in_the_second_sheet_saves_nothing_and_names_the_sheet(register_keeper):
    sheets = objective_sheets()
    sheets["指标 indicators"].append(["O-9", "能耗", "tce", "2025", "1", "x", "2030"])
    with translation.override("zh-hans"), pytest.raises(RegisterImportError) as caught:
        import_file(spec=get_spec("objectives"), name="o.xlsx", data=workbook_bytes(sheets))
    assert not m.Objective.objects.exists() and not m.Indicator.objects.exists()
    found = {(e.sheet, e.row, e.column, e.value) for e in caught.value.errors}
    assert found == {
        ("指标 indicators", 4, "目标 / objective", "O-9"),
        ("指标 indicators", 4, "target_value", "x"),
    }
    with translation.override("zh-hans"):
        text = str(next(e for e in caught.value.errors if e.value == "O-9"))
    assert text.startswith("工作表“指标 indicators”第 4 行，列“目标 / objective”，值“O-9”：没有")

    with translation.override("en"), pytest.raises(RegisterImportError) as caught:
        import_file(spec=get_spec("objectives"), name="o.xlsx", data=workbook_bytes(sheets))
    with translation.override("en"):
        text = str(next(e for e in caught.value.errors if e.value == "x"))
    assert text == "Sheet “指标 indicators”, row 4, column “target_value”, value “x”: not a number."


def test_unknown_sheet_is_an_error():
    sheets = objective_sheets()
    sheets["Indikatoren"] = [["x"], ["1"]]
    with pytest.raises(RegisterImportError) as caught:
        import_file(spec=get_spec("objectives"), name="o.xlsx", data=workbook_bytes(sheets))
    [error] = caught.value.errors
    assert error.sheet == "Indikatoren" and "指标 indicators" in error.message


def test_audit_findings_and_nonconformities_linked_by_audit_and_reference(register_keeper):
    programme = m.AuditProgramme.objects.create(
        code="AP-1", title="2026 年内审方案", purpose="p", criteria="c", scope="s"
    )
    audits = {
        "审核 audits": [
            ["programme", "title", "audited_on", "status"],
            [f"{programme.code}", "铸造厂内审", "2026/3/5", "Reported"],
            [f"{programme.code}", "总装厂内审", "20260306", "已报告"],
        ],
        "审核发现 audit_findings": [
            ["audit", "reference", "kind", "description"],
            ["铸造厂内审", "NC-01", "minor", "M02 超期未校准"],
            ["总装厂内审", "NC-01", "Major nonconformity", "缺少活动数据"],
        ],
    }
    result = import_file(
        spec=get_spec("audits"), name="a.xlsx", data=workbook_bytes(audits), user=register_keeper
    )
    assert result.created == 4
    assert m.Audit.objects.get(title="铸造厂内审").audited_on == dt.date(2026, 3, 5)

    rows = [
        ["code", "title", "source", "finding", "description"],
        ["NC-001", "超期", "audit", "铸造厂内审 / NC-01", "M02"],
        ["NC-002", "缺数", "audit", "NC-01", "数据"],
    ]
    with translation.override("en"), pytest.raises(RegisterImportError) as caught:
        import_file(
            spec=get_spec("nonconformities"), name="n.xlsx", data=workbook_bytes({"n": rows})
        )
    [error] = caught.value.errors
    assert (error.row, error.column, error.value) == (3, "finding", "NC-01")
    assert error.message.startswith("2 records of audit findings match this value")

    rows[2][3] = "总装厂内审 / NC-01"
    import_file(spec=get_spec("nonconformities"), name="n.xlsx", data=workbook_bytes({"n": rows}))
    assert m.Nonconformity.objects.get(code="NC-002").finding.kind == "major"


def test_units_link_to_parents_created_above_or_below_in_the_same_file():
    rows = [
        ["code", "name", "parent", "kind"],
        ["F01", "苏州总装厂", "HQ", "site"],
        ["HQ", "集团", "", "company"],
        ["W1", "涂装车间", "F01 苏州总装厂", "workshop"],
    ]
    import_file(spec=get_spec("facilities"), name="f.xlsx", data=workbook_bytes({"f": rows}))
    assert m.Facility.objects.get(code="W1").parent.parent.code == "HQ"
    assert (
        m.Facility.history.filter(code="W1").get().parent_id
        == m.Facility.objects.get(code="F01").pk
    )


def test_users_by_username_or_full_name(make_user):
    make_user("zhangwei", first_name="伟", last_name="张")
    make_user("li", first_name="Li", last_name="Na")
    make_user("li2", first_name="Li", last_name="Na")
    rows = [
        ["title", "category", "owner"],
        ["碳价", "transition_ets", "张伟"],
        ["暴雨", "physical_heavy_rain", "zhangwei"],
        ["干旱", "physical_drought", "Li Na"],
    ]
    with pytest.raises(RegisterImportError) as caught:
        import_file(spec=get_spec("risks"), name="r.xlsx", data=workbook_bytes({"r": rows}))
    [error] = caught.value.errors
    assert (error.row, error.value) == (4, "Li Na") and "li2" in error.message
    rows[3][2] = "li2"
    import_file(spec=get_spec("risks"), name="r.xlsx", data=workbook_bytes({"r": rows}))
    owners = dict(m.Risk.objects.values_list("title", "owner__username"))
    assert owners == {"碳价": "zhangwei", "暴雨": "zhangwei", "干旱": "li2"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-09-30", dt.date(2026, 9, 30)),
        ("2026/9/3", dt.date(2026, 9, 3)),
        ("2026.09.30", dt.date(2026, 9, 30)),
        ("20260930", dt.date(2026, 9, 30)),
        ("2026年9月30日", dt.date(2026, 9, 30)),
        ("２０２６－０９－３０", dt.date(2026, 9, 30)),
        ("2026-09-30 00:00:00", dt.date(2026, 9, 30)),
        ("46295", dt.date(2026, 9, 30)),
    ],
)
def test_dates_in_the_activity_import_formats(text, expected):
    rows = [["title", "kind", "review_date"], ["电价上涨", "external", text]]
    import_file(spec=get_spec("context_issues"), name="c.xlsx", data=workbook_bytes({"c": rows}))
    assert m.ContextIssue.objects.get().review_date == expected


@pytest.mark.parametrize("text", ["2026-02-30", "30/09/2026", "next year", "2026-13-01"])
def test_impossible_dates_are_errors(text):
    rows = [["title", "kind", "review_date"], ["电价上涨", "external", text]]
    with pytest.raises(RegisterImportError) as caught:
        import_file(
            spec=get_spec("context_issues"), name="c.xlsx", data=workbook_bytes({"c": rows})
        )
    [error] = caught.value.errors
    assert (error.row, error.column, error.value) == (2, "review_date", text)
    assert not m.ContextIssue.objects.exists()


# ------------------------------------------------------------------ approvals (5.1)


@pytest.fixture
def approved_objective(register_keeper, top_manager):
    from cems_registers.services.objectives import objective_approve

    import_file(
        spec=get_spec("objectives"),
        name="o.xlsx",
        data=workbook_bytes(objective_sheets()),
        user=register_keeper,
    )
    objective = objective_approve(objective=m.Objective.objects.get(code="O-1"), user=top_manager)
    assert objective.is_approved and objective.status == "approved"
    return objective


def test_changing_an_approved_objectives_indicator_withdraws_the_approval(
    approved_objective, register_keeper
):
    sheets = objective_sheets(target="5")
    sheets["目标 objectives"][0].append("status")
    sheets["目标 objectives"][1].append("approved")
    result = import_file(
        spec=get_spec("objectives"),
        name="o.xlsx",
        data=workbook_bytes(sheets),
        user=register_keeper,
    )
    assert result.updated == 1 and result.withdrawn == [str(approved_objective)]
    objective = m.Objective.objects.get(pk=approved_objective.pk)
    assert objective.approved_by is None and objective.approved_at is None
    assert objective.status == "draft"
    assert objective.indicators.get(name="排放强度").target_value == Decimal("5")
    latest = objective.history.order_by("-history_id").first()
    assert latest.approved_at is None and latest.history_user == register_keeper


def test_new_indicator_of_an_approved_objective_withdraws_the_approval(approved_objective):
    sheets = {"指标 indicators": objective_sheets()["指标 indicators"]}
    sheets["指标 indicators"].append(["O-1", "可再生电力占比", "%", "2025", "10", "40", "2030"])
    result = import_file(spec=get_spec("objectives"), name="o.xlsx", data=workbook_bytes(sheets))
    assert result.created == 1 and result.withdrawn
    assert not m.Objective.objects.get(pk=approved_objective.pk).is_approved


def test_unchanged_file_keeps_the_approval(approved_objective, top_manager):
    result = import_file(
        spec=get_spec("objectives"), name="o.xlsx", data=workbook_bytes(objective_sheets())
    )
    assert result.unchanged == 3 and not result.withdrawn
    assert m.Objective.objects.get(pk=approved_objective.pk).approved_by == top_manager


def test_check_only_reports_the_withdrawal_and_changes_nothing(approved_objective):
    data = workbook_bytes(objective_sheets(target="5"))
    result = import_file(spec=get_spec("objectives"), name="o.xlsx", data=data, dry_run=True)
    assert result.withdrawn == [str(approved_objective)]
    assert m.Objective.objects.get(pk=approved_objective.pk).is_approved


def test_an_import_never_restores_an_approval(approved_objective, top_manager, register_keeper):
    """Approval withdrawn by a change; then the file exported while approved is imported:
    approved by / at are ignored and the approved status is refused (5.1)."""
    with translation.override("en"):
        exported = template_workbook(get_spec("objectives"), records=True)
    workbook = load_workbook(io.BytesIO(exported))
    sheet = workbook.worksheets[0]
    sheet.cell(row=1, column=sheet.max_column + 1, value="approved by")
    sheet.cell(row=2, column=sheet.max_column, value=top_manager.username)
    sheet.cell(row=1, column=sheet.max_column + 1, value="approved_at")
    sheet.cell(row=2, column=sheet.max_column, value="2026-01-01")
    out = io.BytesIO()
    workbook.save(out)
    restore = out.getvalue()

    import_file(
        spec=get_spec("objectives"),
        name="o.xlsx",
        data=workbook_bytes(objective_sheets(target="5")),
        user=register_keeper,
    )
    assert not m.Objective.objects.get(pk=approved_objective.pk).is_approved

    with translation.override("en"), pytest.raises(RegisterImportError) as caught:
        import_file(spec=get_spec("objectives"), name="o.xlsx", data=restore)
    [error] = caught.value.errors
    assert (error.column, error.value) == ("状态 / status", "approved")
    assert "top management" in error.message
    objective = m.Objective.objects.get(pk=approved_objective.pk)
    assert objective.approved_by is None and objective.status == "draft"

    # Without the status, the rest of the same file imports; the approval columns are ignored.
    sheet.delete_cols([c.value for c in sheet[1]].index("状态 / status") + 1)
    out = io.BytesIO()
    workbook.save(out)
    result = import_file(spec=get_spec("objectives"), name="o.xlsx", data=out.getvalue())
    assert result.ignored_columns == ["approved by", "approved_at"]
    objective = m.Objective.objects.get(pk=approved_objective.pk)
    assert objective.approved_by is None and objective.approved_at is None
    assert objective.indicators.get(name="排放强度").target_value == Decimal("30")


@pytest.mark.parametrize("status", ["approved", "Achieved", "已批准"])
def test_a_new_objective_cannot_be_imported_approved(status):
    rows = [["code", "title", "status"], ["O-2", "目标", status]]
    with pytest.raises(RegisterImportError) as caught:
        import_file(spec=get_spec("objectives"), name="o.xlsx", data=workbook_bytes({"o": rows}))
    [error] = caught.value.errors
    assert (error.row, error.column) == (2, "status")
    assert not m.Objective.objects.exists()


def test_withdrawal_writes_one_history_row_by_the_importer(approved_objective, register_keeper):
    before = approved_objective.history.count()
    sheets = objective_sheets()
    sheets["目标 objectives"][1][1] = "单位产值排放下降 20%"
    import_file(
        spec=get_spec("objectives"),
        name="o.xlsx",
        data=workbook_bytes(sheets),
        user=register_keeper,
    )
    rows = list(approved_objective.history.order_by("history_id")[before:])
    assert [r.title for r in rows][-1] == "单位产值排放下降 20%"
    assert rows[-1].approved_at is None
    assert all(r.history_user == register_keeper for r in rows)
    assert timezone.now() - rows[-1].history_date < dt.timedelta(minutes=5)


# ------------------------------------------------------------------ many-to-many links


def test_instrument_links_to_sources_import_and_update():
    facility = m.Facility.objects.create(code="F01", name="总装厂")
    for code in ("S01", "S02", "S03"):
        m.EmissionSource.objects.create(code=code, name=code, facility=facility, kind="energy")
    rows = [
        ["code", "name", "measures", "sources"],
        ["M01", "燃气表", "天然气", "S01；S02"],
        ["M02", "电表", "电", ""],
    ]
    spec = get_spec("instruments")
    result = import_file(spec=spec, name="i.xlsx", data=workbook_bytes({"i": rows}))
    assert result.created == 2
    meter = m.MeasuringInstrument.objects.get(code="M01")
    assert sorted(meter.sources.values_list("code", flat=True)) == ["S01", "S02"]
    assert not m.MeasuringInstrument.objects.get(code="M02").sources.exists()

    rows[1][3] = "S02、S01"  # the same links in another order and separator
    again = import_file(spec=spec, name="i.xlsx", data=workbook_bytes({"i": rows}))
    assert again.unchanged == 2

    rows[1][3] = "S03\nS01"
    changed = import_file(spec=spec, name="i.xlsx", data=workbook_bytes({"i": rows}))
    assert (changed.updated, changed.unchanged) == (1, 1)
    assert sorted(meter.sources.values_list("code", flat=True)) == ["S01", "S03"]
    assert meter.history.count() == 2

    rows[2][3] = "S01; S99"
    with pytest.raises(RegisterImportError) as caught:
        import_file(spec=spec, name="i.xlsx", data=workbook_bytes({"i": rows}))
    [error] = caught.value.errors
    assert (error.row, error.column, error.value) == (3, "sources", "S99")
    assert not m.MeasuringInstrument.objects.get(code="M02").sources.exists()
