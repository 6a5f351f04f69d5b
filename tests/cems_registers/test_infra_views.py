"""Admin views of the shared machinery: risk heat map, import upload, template, commands."""

import csv
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

import pytest
from openpyxl import load_workbook

from cems_registers.models import EmissionSource, Risk
from cems_registers.views.heatmap import heat_map_counts, heat_map_grid, open_risks

from ..refusals import assert_denied_in_admin
from .factories import EmissionSourceFactory, FacilityFactory, RiskFactory

pytestmark = pytest.mark.django_db


def csv_bytes(rows):
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode("utf-8")


def test_heat_map_counts_in_one_query(django_assert_num_queries):
    RiskFactory(likelihood=5, impact=4)
    RiskFactory(likelihood=5, impact=4)
    RiskFactory(likelihood=1, impact=2)
    RiskFactory(likelihood=3, impact=3, status="closed")
    with django_assert_num_queries(1):
        counts = heat_map_counts(open_risks(Risk))
    assert counts == {(5, 4): 2, (1, 2): 1}
    grid = heat_map_grid(counts)
    assert [row["likelihood"] for row in grid] == [5, 4, 3, 2, 1]
    cell = grid[0]["cells"][3]
    assert (cell["likelihood"], cell["impact"], cell["count"], cell["level"]) == (
        5,
        4,
        2,
        "very_high",
    )
    assert sum(c["count"] for row in grid for c in row["cells"]) == 3


def test_heat_map_view_and_drill_down(client, auditor):
    RiskFactory(likelihood=4, impact=2, title="暴雨内涝")
    client.force_login(auditor)
    url = reverse("cems_registers_risk_heat_map")
    response = client.get(url)
    assert response.status_code == 200
    assert response.context["total"] == 1
    assert "?likelihood=4&amp;impact=2" in response.content.decode()
    response = client.get(url, {"likelihood": 4, "impact": 2})
    assert [item["risk"].title for item in response.context["selected"]] == ["暴雨内涝"]
    assert "暴雨内涝" in response.content.decode()
    list_url = response.context["list_url"]
    assert list_url.endswith("?likelihood=4&impact=2")
    listed = client.get(list_url)
    assert [risk.title for risk in listed.context["object_list"]] == ["暴雨内涝"]


@pytest.mark.parametrize(
    ("language", "label", "upright"),
    [("zh-hans", "↑ 可能性", True), ("en", "Likelihood →", False)],
)
def test_heat_map_axis_label_reads_the_right_way_up(client, auditor, language, label, upright):
    """Chinese stands upright under an up arrow; only Latin text is turned by 180° (item 8)."""
    import re

    client.force_login(auditor)
    response = client.get(reverse("cems_registers_risk_heat_map"), HTTP_ACCEPT_LANGUAGE=language)
    html = response.content.decode()
    axis = re.search(
        r'<th rowspan="5" class="cems-heat-map__axis[^"]*" style="([^"]*)">([^<]*)</th>', html
    )
    assert axis is not None
    style, text = axis.groups()
    assert text.strip() == label
    assert ("rotate(180deg)" in style) is not upright
    assert ("text-orientation:upright" in style) is upright


def test_heat_map_needs_permission(client, make_user):
    client.force_login(make_user("nobody", "Data submitters"))
    response = client.get(reverse("cems_registers_risk_heat_map"))
    assert_denied_in_admin(response)


def test_import_view_success_and_errors(client, register_keeper):
    FacilityFactory(code="F01")
    client.force_login(register_keeper)
    url = reverse("cems_registers_import")
    assert client.get(url).status_code == 200

    good = csv_bytes([["code", "name", "facility", "kind"], ["S01", "锅炉", "F01", "fugitive"]])
    response = client.post(
        url,
        {"register": "emission_sources", "file": SimpleUploadedFile("s.csv", good)},
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert response.status_code == 200
    assert response.context["result"].created == 1
    assert EmissionSource.objects.get(code="S01").history.get().history_user == register_keeper

    bad = csv_bytes([["code", "name", "facility", "kind"], ["S02", "炉", "F77", "fugitive"]])
    response = client.post(
        url, {"register": "emission_sources", "file": SimpleUploadedFile("s.csv", bad)}
    )
    assert response.status_code == 422
    html = response.content.decode()
    [error] = response.context["errors"]
    assert (error.row, error.column, error.value) == (2, "facility", "F77")
    assert "F77" in html and "没有" in html and "未导入任何数据" in html
    assert not EmissionSource.objects.filter(code="S02").exists()


def test_import_view_rejects_disguised_file(client, register_keeper):
    client.force_login(register_keeper)
    response = client.post(
        reverse("cems_registers_import"),
        {"register": "emission_sources", "file": SimpleUploadedFile("s.xlsx", b"code,name\n")},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["file"]


def test_import_view_needs_add_and_change_permission(client, auditor):
    client.force_login(auditor)
    response = client.get(reverse("cems_registers_import"))
    assert_denied_in_admin(response)


def test_template_download(client, register_keeper):
    client.force_login(register_keeper)
    response = client.get(reverse("cems_registers_import_template", args=("risks",)))
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    headers = [cell.value for cell in workbook.worksheets[0][1]]
    assert any(h.endswith("/ title") for h in headers)
    assert workbook.sheetnames[-1] == "说明 Guide"


def test_import_command(tmp_path, register_keeper):
    FacilityFactory(code="F01")
    path = tmp_path / "sources.csv"
    path.write_bytes(
        csv_bytes([["code", "name", "facility", "kind"], ["S01", "锅炉", "F01", "fugitive"]])
    )
    out = io.StringIO()
    call_command(
        "cems_register_import", "emission_sources", str(path), "--user", "keeper", stdout=out
    )
    assert "1 created" in out.getvalue()
    call_command(
        "cems_register_import", "emission_sources", str(path), "--user", "keeper", stdout=out
    )
    assert "1 unchanged" in out.getvalue()
    assert EmissionSource.history.count() == 1

    path.write_bytes(
        csv_bytes([["code", "name", "facility", "kind"], ["S02", "锅炉", "F404", "fugitive"]])
    )
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command(
            "cems_register_import",
            "emission_sources",
            str(path),
            "--user",
            "keeper",
            "--language",
            "en",
            stderr=err,
        )
    assert "Row 2" in err.getvalue() and "F404" in err.getvalue()


def test_schedules_command_is_idempotent():
    from django_q.models import Schedule

    call_command("cems_schedules", stdout=io.StringIO())
    call_command("cems_schedules", stdout=io.StringIO())
    assert Schedule.objects.filter(func="cems_registers.tasks.send_due_digest").count() == 1


def test_one_history_shows_field_changes_and_audit_log_events(client, register_keeper, make_user):
    """Wagtail's "History" and the field history are one view (issue 8 item 18)."""
    from wagtail.log_actions import log

    source = EmissionSourceFactory(name="第一版")
    source.name = "第二版"
    source.data_owner = make_user("wangfang", first_name="芳", last_name="王")
    source.save()
    log(instance=source, action="wagtail.edit", user=register_keeper)  # the same edit
    log(instance=source, action="wagtail.lock", user=register_keeper)
    viewset = EmissionSource.snippet_viewset
    client.force_login(register_keeper)
    history = client.get(
        reverse(viewset.get_url_name("history"), args=(source.pk,)), HTTP_ACCEPT_LANGUAGE="en"
    )
    field_history = client.get(
        reverse(viewset.get_url_name("field_history"), args=(source.pk,)),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert history.status_code == field_history.status_code == 200
    kinds = [entry.type for entry in history.context["entries"]]
    assert kinds == ["log", "~", "+"]
    assert [e.type for e in field_history.context["entries"]] == kinds
    html = history.content.decode()
    assert "Locked" in html
    assert "<del>第一版</del>" in html and "<ins>第二版</ins>" in html
    assert "<ins>王芳</ins>" in html and "wangfang" not in html  # people by name
    # one revert button: to the first version, not to the record as it is
    assert html.count("Revert to this version") == 1
