"""The register import page (issue 8 items 9 and 16): every register offered with its
template, errors by sheet, the withdrawal of an approval said on the page."""

import io
import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import pytest
from openpyxl import load_workbook

from cems_registers import models as m
from cems_registers.imports import available_specs
from cems_registers.services.objectives import objective_approve

from ..refusals import assert_denied_in_admin
from .test_import_registers import objective_sheets, workbook_bytes

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def upload(client, register, data, language="zh-hans", **extra):
    return client.post(
        reverse("cems_registers_import"),
        {"register": register, "file": SimpleUploadedFile("f.xlsx", data, XLSX), **extra},
        HTTP_ACCEPT_LANGUAGE=language,
    )


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_page_offers_every_register_and_its_template(client, register_keeper, language):
    client.force_login(register_keeper)
    response = client.get(reverse("cems_registers_import"), HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    choices = [value for value, _label in response.context["form"].fields["register"].choices]
    assert choices == [spec.slug for spec in available_specs()]
    assert len(choices) == len(m.REGISTER_MODELS)
    html = response.content.decode()
    for spec in available_specs():
        assert reverse("cems_registers_import_template", args=(spec.slug,)) in html


def test_submit_button_icon_is_sized_beside_its_label(client, register_keeper):
    """Item 9: a bare ``{% icon %}`` in a ``.button`` is drawn 300 × 150 (Wagtail sizes icons
    in a button only inside ``button--icon`` with a wrapped icon); the label must follow it."""
    client.force_login(register_keeper)
    html = client.get(reverse("cems_registers_import")).content.decode()
    [button] = re.findall(r'<button type="submit"[^>]*>.*?</button>', html, re.S)
    assert 'class="button button--icon"' in button
    assert re.search(r'<span class="icon-wrapper">\s*<svg class="icon icon-upload', button)
    assert button.removesuffix("</button>").rstrip().endswith("导入")


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("zh-hans", ["工作表", "指标 indicators", "未导入任何数据"]),
        ("en", ["Sheet", "not a number"]),
    ],
)
def test_errors_name_the_sheet(client, register_keeper, language, expected):
    client.force_login(register_keeper)
    sheets = objective_sheets(target="很多")
    response = upload(client, "objectives", workbook_bytes(sheets), language)
    assert response.status_code == 422
    [error] = response.context["errors"]
    assert (error.sheet, error.row, error.value) == ("指标 indicators", 2, "很多")
    html = response.content.decode()
    for text in expected:
        assert text in html
    assert not m.Objective.objects.exists()


@pytest.mark.parametrize(
    ("language", "expected"),
    [("zh-hans", "最高管理者对以下目标的批准已撤回"), ("en", "approval was withdrawn")],
)
def test_page_says_which_approvals_the_import_withdrew(
    client, register_keeper, top_manager, language, expected
):
    client.force_login(register_keeper)
    upload(client, "objectives", workbook_bytes(objective_sheets()))
    objective_approve(objective=m.Objective.objects.get(code="O-1"), user=top_manager)

    checked = upload(
        client, "objectives", workbook_bytes(objective_sheets("5")), language, dry_run="on"
    )
    assert checked.context["result"].withdrawn
    assert m.Objective.objects.get(code="O-1").is_approved

    response = upload(client, "objectives", workbook_bytes(objective_sheets("5")), language)
    assert response.status_code == 200
    html = response.content.decode()
    assert expected in html and "O-1" in html
    objective = m.Objective.objects.get(code="O-1")
    assert not objective.is_approved
    assert objective.history.order_by("-history_id").first().history_user == register_keeper


def test_template_with_records_reads_back(client, register_keeper):
    client.force_login(register_keeper)
    upload(client, "objectives", workbook_bytes(objective_sheets()))
    url = reverse("cems_registers_import_template", args=("objectives",))
    response = client.get(url + "?records=1")
    assert response["Content-Disposition"].endswith('objectives-records.xlsx"')
    workbook = load_workbook(io.BytesIO(response.content))
    indicators = list(workbook["指标 indicators"].iter_rows(min_row=2, values_only=True))
    assert sorted(row[1] for row in indicators) == ["总排放", "排放强度"]
    assert all(row[0] == "O-1" for row in indicators)
    again = upload(client, "objectives", response.content)
    assert again.context["result"].unchanged == 3
    empty = load_workbook(io.BytesIO(client.get(url).content))
    assert empty.worksheets[0].max_row == 1


def test_template_needs_import_permission(client, auditor):
    client.force_login(auditor)
    url = reverse("cems_registers_import_template", args=("objectives",))
    assert_denied_in_admin(client.get(url + "?records=1"))
