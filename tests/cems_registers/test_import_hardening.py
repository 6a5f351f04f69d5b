"""Register import against a clumsy user's and an attacker's files (issue 13 §6): a row cap,
damaged and entity-expansion workbooks, impossible dates, line breaks inside quoted CSV cells,
look-alike codes. Each is a clear error naming the file or row, field and value; all or
nothing."""

import io
import zipfile

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

import pytest

from cems_registers.imports import RegisterImportError, get_spec, import_file, register_import
from cems_registers.imports.reader import read_workbook
from cems_registers.models import EmissionSource, MeasuringInstrument

from .factories import EmissionSourceFactory, FacilityFactory
from .test_import import csv_bytes, xlsx_bytes

pytestmark = pytest.mark.django_db

HEADER = ["code", "name", "facility", "kind"]


@pytest.fixture
def facility():
    return FacilityFactory(code="F01")


def sources(rows, name="s.csv", **kwargs):
    data = csv_bytes([HEADER, *rows]) if name.endswith(".csv") else xlsx_bytes([HEADER, *rows])
    return import_file(spec=get_spec("emission_sources"), name=name, data=data, **kwargs)


@pytest.mark.parametrize("name", ["s.csv", "s.xlsx"])
def test_more_rows_than_the_cap_are_refused_before_any_check(settings, facility, name):
    settings.CEMS_IMPORT_MAX_ROWS = 5
    rows = [[f"S{i:02d}", "x", "F01", "fugitive"] for i in range(6)]
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        sources(rows, name=name)
    assert caught.value.code == "rows"
    with translation.override("en"):
        message = caught.value.messages[0]
    assert "at most 5" in message and name in message
    assert not EmissionSource.objects.exists()
    assert sources(rows[:5], name=name).created == 5


def test_the_cap_applies_to_frames_too(settings, facility):
    import pandas as pd

    settings.CEMS_IMPORT_MAX_ROWS = 2
    frame = pd.DataFrame([["S1", "x", "F01", "fugitive"]] * 3, columns=HEADER, dtype=str)
    with pytest.raises(ValidationError):
        register_import(spec=get_spec("emission_sources"), frame=frame)


def test_the_default_cap_is_twenty_thousand_rows():
    from cems_registers.imports.reader import max_rows

    assert max_rows() == 20_000


def test_many_rows_sharing_a_code_are_reported_with_one_translation_lookup(facility, monkeypatch):
    """The duplicate check translates its message once, not once per row (a file of many
    identical rows spent most of its time in gettext)."""
    from cems_registers.imports import engine

    calls = []
    real = engine.gettext
    monkeypatch.setattr(engine, "gettext", lambda text: calls.append(text) or real(text))
    rows = [["S1", "x", "F01", "fugitive"]] * 300
    with pytest.raises(RegisterImportError) as caught:
        sources(rows)
    assert len(caught.value.errors) == 299
    assert calls.count("the same record as row %(row)s.") == 1


def test_a_carriage_return_inside_a_quoted_cell_stays_in_the_cell(facility):
    data = b'code,name,facility,kind\r\nS01,"line one\rline two",F01,fugitive\r\nS02,b,F01,fugitive\r\n'
    [(_sheet, frame)] = read_workbook(name="s.csv", data=data)
    assert list(frame["code"]) == ["S01", "S02"]
    assert frame["name"].iloc[0] == "line one\rline two"
    result = import_file(spec=get_spec("emission_sources"), name="s.csv", data=data)
    assert result.created == 2


def test_a_short_or_long_csv_row_is_padded_not_a_crash(facility):
    data = b"code,name,facility,kind\nS01,a,F01,fugitive,extra\nS02,b,F01\n"
    with pytest.raises(RegisterImportError) as caught:
        import_file(spec=get_spec("emission_sources"), name="s.csv", data=data)
    assert [(e.row, e.column) for e in caught.value.errors] == [(3, "kind")]


def test_year_zero_is_a_row_error_not_a_crash(facility):
    rows = [["code", "name", "measures", "last calibration"], ["M01", "meter", "gas", "0000-01-01"]]
    spec = get_spec("instruments")
    with translation.override("en"), pytest.raises(RegisterImportError) as caught:
        import_file(spec=spec, name="m.csv", data=csv_bytes(rows))
    [error] = caught.value.errors
    assert (error.row, error.column, error.value) == (2, "last calibration", "0000-01-01")
    assert "not a date" in error.message
    assert not MeasuringInstrument.objects.exists()


def test_a_damaged_sheet_is_a_clear_error(facility):
    good = xlsx_bytes([HEADER, ["S01", "a", "F01", "fugitive"]])
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data[: len(data) // 2] + b"<<<garbage"
            target.writestr(info, data)
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        import_file(spec=get_spec("emission_sources"), name="broken.xlsx", data=out.getvalue())
    assert caught.value.code == "damaged"
    assert "broken.xlsx" in caught.value.messages[0]
    assert not EmissionSource.objects.exists()


def test_an_entity_expansion_workbook_is_refused(facility):
    good = xlsx_bytes([HEADER, ["S01", "a", "F01", "fugitive"]])
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    )
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":  # openpyxl writes inline strings
                data = bomb + data.replace(b">S01<", b">&b;<")
            target.writestr(info, data)
    with pytest.raises(ValidationError) as caught:
        import_file(spec=get_spec("emission_sources"), name="laughs.xlsx", data=out.getvalue())
    assert caught.value.code == "dtd"
    assert not EmissionSource.objects.exists()


@pytest.mark.parametrize("typed", ["Ｓ01", "S\u200b01", "\ufeffS01"])
def test_look_alike_codes_update_the_existing_record(facility, typed):
    existing = EmissionSourceFactory(code="S01", facility=facility, name="old")
    result = sources([[typed, "new", "Ｆ01", "fugitive"]])
    assert (result.created, result.updated) == (0, 1)
    existing.refresh_from_db()
    assert existing.name == "new"
    assert EmissionSource.objects.count() == 1


def test_look_alike_codes_in_one_file_are_the_same_record(facility):
    with pytest.raises(RegisterImportError) as caught:
        sources([["S01", "a", "F01", "fugitive"], ["S\u200b01", "b", "F01", "fugitive"]])
    [error] = caught.value.errors
    assert error.row == 3


def test_the_admin_form_normalises_a_look_alike_code(client, facility, register_keeper):
    EmissionSourceFactory(code="S01", facility=facility)
    client.force_login(register_keeper)
    form_class = EmissionSource.snippet_viewset.get_form_class()
    form = form_class(
        data={
            "code": "Ｓ\u200b01",
            "name": "copy",
            "facility": facility.pk,
            "kind": "fugitive",
            "scope": "1",
            "category": "fuel_combustion",
        },
        for_user=register_keeper,
    )
    assert not form.is_valid()
    assert "code" in form.errors  # the same code as S01: refused as a duplicate
    form.data = {**form.data, "code": "Ｓ\u200b02"}
    form.full_clean()
    assert form.cleaned_data["code"] == "S02"
    response = client.get(reverse(EmissionSource.snippet_viewset.get_url_name("add")))
    assert response.status_code == 200
