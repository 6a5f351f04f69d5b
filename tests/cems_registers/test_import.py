"""Register import: bilingual headers and choices, FKs by code, all or nothing, idempotent."""

import csv
import io

from django.utils import translation

import pytest
from openpyxl import Workbook, load_workbook

from cems_registers.imports import (
    RegisterImportError,
    get_spec,
    import_file,
    template_workbook,
)
from cems_registers.models import EmissionSource

from .factories import FacilityFactory

pytestmark = pytest.mark.django_db


def csv_bytes(rows):
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode("utf-8")


def xlsx_bytes(rows):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


@pytest.fixture
def facilities():
    return FacilityFactory(code="F01"), FacilityFactory(code="F02")


SOURCE_ROWS = [
    ["code", "Name", "facility", "kind", "scope", "GB/T 32150 category", "inside the boundary"],
    ["S01", "燃气锅炉 1#", "F01", "combustion_equipment", "1", "fuel_combustion", "是"],
    ["S02", "Coke cupola", "F02", "Combustion equipment", "1", "Fuel combustion", "no"],
]


def chinese_rows():
    """Headers as the Chinese labels, choices as Chinese labels (from the catalogue)."""
    spec = get_spec("emission_sources")
    names = ["code", "name", "facility", "kind", "scope", "category", "in_boundary"]
    zh = {v: label for v, label, _en in spec.column("kind").choice_help()}
    zh_category = {v: label for v, label, _en in spec.column("category").choice_help()}
    return [
        [spec.column(name).label_zh for name in names[:2]]
        + [spec.column("facility").header]
        + [spec.column(name).label_zh for name in names[3:]],
        ["S01", "燃气锅炉 1#", "F01", zh["combustion_equipment"], "1", "fuel_combustion", "是"],
        [
            "S02",
            "Coke cupola",
            "F02",
            "Combustion equipment",
            "1",
            zh_category["fuel_combustion"],
            "否",
        ],
    ]


@pytest.mark.parametrize("language", ["en", "zh"])
def test_bilingual_headers_choices_and_fk_by_code(language, facilities, register_keeper):
    rows = SOURCE_ROWS if language == "en" else chinese_rows()
    with translation.override("zh-hans"):
        result = import_file(
            spec=get_spec("emission_sources"),
            name="sources.csv",
            data=csv_bytes(rows),
            user=register_keeper,
        )
    assert (result.created, result.updated, result.unchanged) == (2, 0, 0)
    s1, s2 = EmissionSource.objects.order_by("code")
    assert s1.facility.code == "F01" and s2.facility.code == "F02"
    assert s1.kind == s2.kind == "combustion_equipment"
    assert s1.in_boundary is True and s2.in_boundary is False
    history = s1.history.get()
    assert history.history_user == register_keeper
    assert history.history_type == "+"


def test_xlsx_import_and_reimport_changes_nothing(facilities, register_keeper):
    data = xlsx_bytes(SOURCE_ROWS)
    spec = get_spec("emission_sources")
    import_file(spec=spec, name="s.xlsx", data=data, user=register_keeper)
    rows_before = EmissionSource.history.count()
    updated_before = list(
        EmissionSource.objects.order_by("code").values_list("updated_at", flat=True)
    )

    again = import_file(spec=spec, name="s.xlsx", data=data, user=register_keeper)

    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert EmissionSource.history.count() == rows_before
    assert (
        list(EmissionSource.objects.order_by("code").values_list("updated_at", flat=True))
        == updated_before
    )


def test_changed_row_updates_only_that_record_with_history(facilities, register_keeper):
    spec = get_spec("emission_sources")
    import_file(spec=spec, name="s.csv", data=csv_bytes(SOURCE_ROWS), user=register_keeper)
    changed = [row[:] for row in SOURCE_ROWS]
    changed[2][1] = "焦炭冲天炉"
    result = import_file(spec=spec, name="s.csv", data=csv_bytes(changed), user=register_keeper)
    assert (result.created, result.updated, result.unchanged) == (0, 1, 1)
    s2 = EmissionSource.objects.get(code="S02")
    assert s2.name == "焦炭冲天炉"
    latest = s2.history.order_by("-history_id").first()
    assert latest.history_type == "~" and latest.history_user == register_keeper
    assert [c.field for c in latest.diff_against(latest.prev_record).changes] == ["name"]
    assert EmissionSource.objects.get(code="S01").history.count() == 1


def test_bad_row_saves_nothing_and_names_row_column_value_in_chinese(facilities, register_keeper):
    rows = [row[:] for row in SOURCE_ROWS]
    rows.append(["S03", "食堂灶", "F99", "fugitive", "1", "fuel_combustion", "是"])
    with translation.override("zh-hans"), pytest.raises(RegisterImportError) as caught:
        import_file(
            spec=get_spec("emission_sources"),
            name="s.csv",
            data=csv_bytes(rows),
            user=register_keeper,
        )
    assert EmissionSource.objects.count() == 0
    assert EmissionSource.history.count() == 0
    [error] = caught.value.errors
    assert (error.row, error.column, error.value) == (4, "facility", "F99")
    with translation.override("zh-hans"):
        text = str(error)
    assert "第 4 行" in text and "F99" in text and "没有" in text


def test_bad_choice_and_date_errors_in_english(facilities, register_keeper):
    rows = [
        ["code", "name", "facility", "kind"],
        ["S01", "Boiler", "F01", "volcano"],
    ]
    with translation.override("en"), pytest.raises(RegisterImportError) as caught:
        import_file(spec=get_spec("emission_sources"), name="s.csv", data=csv_bytes(rows))
    [error] = caught.value.errors
    assert (error.row, error.column, error.value) == (2, "kind", "volcano")
    assert "not one of the allowed values" in error.message


def test_missing_required_column(facilities):
    rows = [["code", "facility", "kind"], ["S01", "F01", "fugitive"]]
    with pytest.raises(RegisterImportError) as caught:
        import_file(spec=get_spec("emission_sources"), name="s.csv", data=csv_bytes(rows))
    [error] = caught.value.errors
    assert error.row == 1 and error.column.endswith("/ name")


def test_unknown_column(facilities):
    rows = [["code", "name", "facility", "kind", "colour"], ["S01", "x", "F01", "fugitive", "red"]]
    with pytest.raises(RegisterImportError) as caught:
        import_file(spec=get_spec("emission_sources"), name="s.csv", data=csv_bytes(rows))
    assert [(e.row, e.column) for e in caught.value.errors] == [(1, "colour")]


def test_duplicate_key_in_file(facilities):
    rows = [
        ["code", "name", "facility", "kind"],
        ["S01", "a", "F01", "fugitive"],
        ["S01", "b", "F01", "fugitive"],
    ]
    with pytest.raises(RegisterImportError) as caught:
        import_file(spec=get_spec("emission_sources"), name="s.csv", data=csv_bytes(rows))
    [error] = caught.value.errors
    assert (error.row, error.column, error.value) == (3, "code", "S01")
    assert EmissionSource.objects.count() == 0


def test_model_validation_errors_are_reported(facilities):
    rows = [
        ["code", "name", "facility", "kind", "ghgs"],
        ["S01", "Boiler", "F01", "fugitive", "CO2,XYZ"],
    ]
    with pytest.raises(RegisterImportError) as caught:
        import_file(spec=get_spec("emission_sources"), name="s.csv", data=csv_bytes(rows))
    [error] = caught.value.errors
    assert (error.row, error.column, error.value) == (2, "ghgs", "CO2,XYZ")


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("sources.txt", b"code\nS01\n"),
        ("sources.xlsx", b"code,name\nS01,x\n"),
        ("sources.csv", b"PK\x03\x04\x00\x00binary"),
    ],
)
def test_upload_checks_extension_and_content(name, data):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        import_file(spec=get_spec("emission_sources"), name=name, data=data)


def test_size_limit(settings):
    from django.core.exceptions import ValidationError

    settings.CEMS_MAX_UPLOAD_BYTES = 10
    with pytest.raises(ValidationError) as caught:
        import_file(spec=get_spec("emission_sources"), name="s.csv", data=b"code,name\nS01,x\n")
    assert caught.value.code == "size"


@pytest.mark.parametrize(
    "slug", ["emission_sources", "compliance_obligations", "instruments", "risks"]
)
def test_template_round_trips(slug, facilities):
    spec = get_spec(slug)
    workbook = load_workbook(io.BytesIO(template_workbook(spec)))
    headers = [cell.value for cell in workbook[spec.sheet_name][1]]
    assert workbook.sheetnames[0] == spec.sheet_name
    assert headers == [column.header for column in spec.columns]
    for name in spec.natural_key:
        assert any(h.endswith(f"/ {name}") for h in headers)
    # The empty template imports as nothing, without error.
    result = import_file(spec=spec, name="t.xlsx", data=template_workbook(spec))
    assert result.total == 0


def test_xlsx_dates_numbers_and_risks_by_title(register_keeper):
    import datetime as dt

    from cems_registers.models import Risk

    rows = [
        ["title", "category", "likelihood", "impact", "review_date", "owner"],
        ["碳价上涨", "transition_ets", 4, 5, dt.datetime(2026, 9, 30), "keeper"],
        ["暴雨内涝", "Physical: heavy rain", "2", "3", "2026-10-15", ""],
    ]
    spec = get_spec("risks")
    result = import_file(spec=spec, name="r.xlsx", data=xlsx_bytes(rows), user=register_keeper)
    assert result.created == 2
    carbon = Risk.objects.get(title="碳价上涨")
    assert (carbon.likelihood, carbon.impact) == (4, 5)
    assert carbon.review_date == dt.date(2026, 9, 30)
    assert carbon.owner == register_keeper
    flood = Risk.objects.get(title="暴雨内涝")
    assert flood.category == "physical_heavy_rain" and flood.review_date == dt.date(2026, 10, 15)
    again = import_file(spec=spec, name="r.xlsx", data=xlsx_bytes(rows), user=register_keeper)
    assert again.unchanged == 2


def test_fast_xlsx_reader_matches_openpyxl():
    import pandas as pd

    from cems_registers.imports.xlsx import read_first_sheet

    rows = [["code", "名称", "", "n"], ["S01", "锅炉", "", 3], [], ["S03", "=1+1", "x", 2.5]]
    data = xlsx_bytes(rows)
    fast = read_first_sheet(io.BytesIO(data))
    assert fast[0] == ["code", "名称", "", "n"]
    assert fast[1] == ["S01", "锅炉", "", "3"]
    assert fast[2] == ["", "", "", ""]
    slow = pd.read_excel(io.BytesIO(data), dtype=str, keep_default_na=False)
    assert list(slow.iloc[0]) == fast[1]
