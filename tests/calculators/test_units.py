"""Units: the one pint registry, Chinese names, 万/亿, CO2e, and the vectorised converter."""

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators.core import units
from calculators.core.units import UnitError, convert, convert_units, factor_to, parse_unit, ureg

MASS = ["t", "kg", "g", "吨", "千克", "公斤", "万t", "万吨", "Gg", "short_ton"]
ENERGY = [
    "GJ",
    "MJ",
    "TJ",
    "kWh",
    "MWh",
    "万kWh",
    "千瓦时",
    "度",
    "万千瓦时",
    "兆瓦时",
    "tce",
    "kgce",
    "吨标准煤",
    "吉焦",
    "兆焦",
    "mmBtu",
]
VOLUME = [
    "m3",
    "m³",
    "Nm3",
    "万Nm3",
    "万m3",
    "立方米",
    "万立方米",
    "标准立方米",
    "万标准立方米",
    "scf",
]
CURRENCY = ["元", "CNY", "万元", "亿元"]
FAMILIES = [MASS, ENERGY, VOLUME, CURRENCY]


def test_one_registry_shared_by_every_module():
    from calculators.core import normalise

    assert normalise.convert_units.__globals__["ureg"] is ureg is units.ureg


@pytest.mark.parametrize(
    ("unit", "target", "factor"),
    [
        ("万Nm3", "m**3", 1e4),
        ("万kWh", "MWh", 10.0),
        ("万元", "CNY", 1e4),
        ("亿元", "万元", 1e4),
        ("tce", "GJ", 29.3076),
        ("kgce", "MJ", 29.3076),
        ("吨标准煤", "GJ", 29.3076),
        ("kgCO2/kWh", "tCO2e/MWh", 1.0),
        ("tCO2", "kgCO2e", 1000.0),
        ("GJ/万Nm3", "MJ/Nm3", 0.1),
        ("TJ/Gg", "GJ/t", 1.0),
        ("度", "kWh", 1.0),
        ("公斤", "kg", 1.0),
        ("万吨", "t", 1e4),
        ("标准立方米", "m**3", 1.0),
        ("MWh", "GJ", 3.6),
        ("mmBtu", "GJ", 1.055056),
        ("short_ton", "t", 0.90718474),
    ],
)
def test_conversion_factors(unit, target, factor):
    assert math.isclose(convert(1.0, unit, target), factor, rel_tol=1e-6)


def test_tce_uses_the_international_table_calorie():
    # 7000 kcal_IT/kgce × 4.1868 kJ/kcal = 29.3076 MJ; the thermochemical calorie would give 29.288
    assert math.isclose(convert(1, "kgce", "MJ"), 7000 * 4.1868 / 1000, rel_tol=1e-12)


def test_ten_thousand_is_not_a_prefix_on_a_power():
    # 2 万m3 is 2e4 m³, never 2e12 m³ (STACK_NOTES)
    assert convert(2, "万m3", "m**3") == pytest.approx(2e4)


def test_traps_t_is_tonne_kt_is_a_knot_ton_is_short():
    assert convert(1, "t", "kg") == 1000
    assert convert(1, "ton", "kg") == pytest.approx(907.18474)
    with pytest.raises(UnitError) as err:
        factor_to("kt", ("t",))
    assert err.value.kind == "dimension"


def test_co2e_is_its_own_dimension():
    with pytest.raises(UnitError):
        factor_to("tCO2e", ("t",))
    # but a CO2 factor may drop the tag
    assert factor_to("tCO2/MWh", ("t/MWh",), strip_co2e=True)[0] == pytest.approx(1.0)


def test_currency_is_its_own_dimension():
    with pytest.raises(UnitError):
        factor_to("万元", ("t",))


def test_unknown_unit():
    for bad in ("furlongz", "吨吨", "", "3", "t CO2 /"):
        with pytest.raises(UnitError) as err:
            parse_unit(bad)
        assert err.value.kind == "unknown"


@settings(max_examples=60, deadline=None)
@given(
    family=st.sampled_from(FAMILIES),
    data=st.data(),
    value=st.floats(min_value=1e-6, max_value=1e9, allow_nan=False),
)
def test_round_trip_between_compatible_units(family, data, value):
    a = data.draw(st.sampled_from(family))
    b = data.draw(st.sampled_from(family))
    there = convert(value, a, b)
    back = convert(there, b, a)
    assert math.isclose(back, value, rel_tol=1e-9)


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_incompatible_units_raise_dimension_errors(data):
    fa, fb = data.draw(
        st.sampled_from([(MASS, ENERGY), (ENERGY, VOLUME), (VOLUME, CURRENCY), (CURRENCY, MASS)])
    )
    a = data.draw(st.sampled_from(fa))
    b = data.draw(st.sampled_from(fb))
    with pytest.raises(UnitError) as err:
        factor_to(a, (b,))
    assert err.value.kind == "dimension"
    assert b in err.value.expected


@settings(max_examples=30, deadline=None)
@given(
    st.lists(st.sampled_from([*MASS, *ENERGY, "bogus", "", None, "万元"]), min_size=1, max_size=40)
)
def test_vectorised_converter_matches_scalar_conversion(unit_list):
    conv = convert_units(unit_list, ("t", "GJ"))
    for i, u in enumerate(unit_list):
        if u is None or u == "":
            assert conv.target[i] == -3 and i in conv.missing
        elif u == "bogus":
            assert conv.target[i] == -1 and i in conv.unknown
        elif u == "万元":
            assert conv.target[i] == -2 and i in conv.wrong_dimension
        else:
            target = "t" if u in MASS else "GJ"
            assert conv.targets[conv.target[i]] == target
            assert math.isclose(conv.factor[i], convert(1.0, u, target), rel_tol=1e-12)


def test_vectorised_converter_parses_each_distinct_unit_once():
    factor_to.cache_clear()
    column = pd.Series(["万Nm3", "t", "MWh"] * 100_000)
    conv = convert_units(column, ("t", "m**3", "GJ"))
    assert factor_to.cache_info().misses == 3
    assert conv.factor.shape == (300_000,)
    assert np.allclose(conv.factor[:3], [1e4, 1.0, 3.6])


def test_vectorised_converter_accepts_categoricals():
    cat = pd.Series(["吨", "千克", None], dtype="category")
    conv = convert_units(cat, "t")
    assert conv.factor[:2].tolist() == [1.0, 0.001]
    assert conv.missing.tolist() == [2]
