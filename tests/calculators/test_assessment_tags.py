"""Number formats of the assessment pages and report (6.4): ``t0`` whole numbers and ``t1``
one decimal, thousands separated; blanks as a dash, text left as it is."""

from decimal import Decimal

from django.template import Context, Template

import pytest

from calculators.templatetags.assessment_tags import t0, t1


@pytest.mark.parametrize(
    ("value", "whole", "one_decimal"),
    [
        (None, "—", "—"),
        ("", "—", "—"),
        (0, "0", "0.0"),
        (-1234.56, "-1,235", "-1,234.6"),
        (Decimal("1234567.25"), "1,234,567", "1,234,567.2"),
        ("2500.04", "2,500", "2,500.0"),
        ("n/a", "n/a", "n/a"),
        ([1], "[1]", "[1]"),
    ],
)
def test_formats(value, whole, one_decimal):
    assert t0(value) == whole
    assert t1(value) == one_decimal


def test_the_filters_load_in_a_template():
    html = Template("{% load assessment_tags %}{{ a|t0 }} {{ b|t1 }} {{ c|t0 }}").render(
        Context({"a": 12345.6, "b": None, "c": "x"})
    )
    assert html == "12,346 — x"
