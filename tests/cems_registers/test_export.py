"""Register exports escape formulas in CSV and XLSX (OWASP CSV injection)."""

import io

import pytest
from openpyxl import load_workbook

from cems_registers.models import EmissionSource
from cems_registers.viewsets.base import escape_formula

from .factories import EmissionSourceFactory

pytestmark = pytest.mark.django_db

PAYLOAD = '=HYPERLINK("http://evil.example","click")'


def list_url():
    from django.urls import reverse

    return reverse(EmissionSource.snippet_viewset.get_url_name("list"))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("燃气锅炉", "燃气锅炉"),
        ("a=b", "a=b"),
        (-1, -1),
        (None, None),
    ],
)
def test_escape_formula(value, expected):
    assert escape_formula(value) == expected


def test_csv_export_escapes_formulas(client, register_keeper):
    EmissionSourceFactory(name=PAYLOAD, code="S01")
    client.force_login(register_keeper)
    response = client.get(list_url(), {"export": "csv"})
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode("utf-8")
    assert "'=HYPERLINK(" in body
    assert ',"=HYPERLINK' not in body and ",=HYPERLINK" not in body


def test_xlsx_export_escapes_formulas(client, register_keeper):
    EmissionSourceFactory(name=PAYLOAD, code="S01")
    client.force_login(register_keeper)
    response = client.get(list_url(), {"export": "xlsx"})
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    values = [cell.value for row in workbook.active.iter_rows() for cell in row]
    assert "'" + PAYLOAD in values
    assert PAYLOAD not in values
    assert all(cell.data_type != "f" for row in workbook.active.iter_rows() for cell in row)
