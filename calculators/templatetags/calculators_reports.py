"""Template filters of the accounting report and results views (number formats, bars)."""

import math

from django import template
from django.utils.html import format_html

register = template.Library()


@register.filter
def t3(value) -> str:
    """A quantity with thousands separators and three decimals; blank for None."""
    if value is None or value == "":
        return ""
    try:
        return f"{float(value):,.3f}"
    except (TypeError, ValueError):
        return str(value)


@register.filter
def qty(value) -> str:
    """A quantity as entered: thousands separators, no trailing zeros, at most 6 decimals.

    3.9 → "3.9", 1050 → "1,050", 0.1234567 → "0.123457"; blank for None (no "3.900000").
    """
    if value is None or value == "":
        return ""
    try:
        text = f"{float(value):,.6f}"
    except (TypeError, ValueError):
        return str(value)
    text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


@register.filter
def num6(value) -> str:
    """A figure to six significant digits with thousands separators and no trailing zeros.

    53065.908 → "53,065.9", 3.528043 → "3.52804", 42000 → "42,000"; blank for None or NaN.
    """
    if value is None or value == "":
        return ""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value)
    if number != number:  # NaN
        return ""
    if number == 0:
        return "0"
    decimals = 6 - (math.floor(math.log10(abs(number))) + 1)
    text = f"{number:,.{max(decimals, 0)}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


@register.filter
def g6(value) -> str:
    """A factor value with six significant figures; blank for None."""
    if value is None or value == "":
        return ""
    try:
        return f"{float(value):.6g}"
    except (TypeError, ValueError):
        return str(value)


@register.filter
def pct(value) -> str:
    """A share in per cent with one decimal; blank for None."""
    if value is None:
        return ""
    value = float(value)
    if abs(value) < 0.05:  # no "-0.0" for a tiny deduction
        value = 0.0
    return f"{value:.1f}"


@register.filter
def chunked(items, size=40) -> list:
    """``items`` cut into lists of ``size`` (long tables slow xhtml2pdf down)."""
    items = list(items or [])
    size = int(size)
    return [items[i : i + size] for i in range(0, len(items), size)] or [[]]


@register.simple_tag
def bar(share) -> str:
    """A horizontal bar as a coloured block ``share`` per cent wide (PDF charts).

    xhtml2pdf draws no SVG text with the CJK font, so PDF bars are table cells.
    """
    if share is None:
        return ""
    width = max(min(abs(float(share)), 99.0), 1.0)
    css = "bar" if float(share) >= 0 else "bar-neg"
    return format_html(
        '<table class="bars"><tr><td class="{}" width="{}%">&nbsp;</td><td width="{}%"></td></tr></table>',
        css,
        f"{width:.1f}",
        f"{100 - width:.1f}",
    )


#: Characters the embedded CJK font cannot draw, and what the PDF shows instead.
PDF_REPLACEMENTS = {"⁻": "-", "⁰": "0", "⁴": "4"}


@register.filter
def pdfsafe(value) -> str:
    """``value`` with characters the PDF font lacks (superscript minus …) replaced."""
    text = str(value)
    for old, new in PDF_REPLACEMENTS.items():
        text = text.replace(old, new)
    return text
