"""Admin search finds Chinese substrings (ORM icontains, STACK_NOTES.md)."""

from django.urls import reverse

import pytest

from . import factories as f


@pytest.mark.parametrize(
    ("route", "make", "query", "expected", "absent"),
    [
        (
            "emissionsource",
            lambda: [
                f.EmissionSourceFactory(code="S01", name="燃气锅炉 1#"),
                f.EmissionSourceFactory(code="S18", name="苏州厂外购电力"),
            ],
            "锅炉",
            "燃气锅炉 1#",
            "苏州厂外购电力",
        ),
        (
            "risk",
            lambda: [
                f.RiskFactory(title="台风及风暴潮影响宁波仓库"),
                f.RiskFactory(title="碳价上涨"),
            ],
            "风暴潮",
            "台风及风暴潮影响宁波仓库",
            "碳价上涨",
        ),
        (
            "measuringinstrument",
            lambda: [
                f.MeasuringInstrumentFactory(name="天然气涡轮流量计"),
                f.MeasuringInstrumentFactory(name="关口电能表"),
            ],
            "流量",
            "天然气涡轮流量计",
            "关口电能表",
        ),
    ],
)
def test_chinese_substring_search(client, register_keeper, route, make, query, expected, absent):
    make()
    client.force_login(register_keeper)
    response = client.get(
        reverse(f"wagtailsnippets_cems_registers_{route}:list_results"), {"q": query}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert expected in html
    assert absent not in html


def test_search_by_facility_name_from_sources(client, register_keeper):
    wuxi = f.FacilityFactory(code="F02", name="无锡铸造分厂")
    f.EmissionSourceFactory(code="S03", name="天然气熔炼炉", facility=wuxi)
    f.EmissionSourceFactory(code="S99", name="其他排放源")
    client.force_login(register_keeper)
    response = client.get(
        reverse("wagtailsnippets_cems_registers_emissionsource:list_results"), {"q": "铸造"}
    )
    html = response.content.decode()
    assert "天然气熔炼炉" in html
    assert "其他排放源" not in html


def test_due_date_range_filter(client, register_keeper):
    import datetime as dt

    f.MeasuringInstrumentFactory(name="已超期流量计", next_calibration=dt.date(2026, 1, 10))
    f.MeasuringInstrumentFactory(name="明年校准电能表", next_calibration=dt.date(2027, 6, 1))
    client.force_login(register_keeper)
    response = client.get(
        reverse("wagtailsnippets_cems_registers_measuringinstrument:list_results"),
        {"next_calibration_from": "2026-01-01", "next_calibration_to": "2026-12-31"},
    )
    html = response.content.decode()
    assert "已超期流量计" in html
    assert "明年校准电能表" not in html
