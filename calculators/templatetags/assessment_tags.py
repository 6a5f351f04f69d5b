"""Number formats of the assessment pages and report (6.4): whole numbers, one decimal."""

from django import template

register = template.Library()


@register.filter
def t0(value) -> str:
    """A whole number with thousands separators ("-1,234"); "—" for None."""
    if value is None or value == "":
        return "—"
    try:
        return f"{float(value):,.0f}"
    except (TypeError, ValueError):
        return str(value)


@register.filter
def t1(value) -> str:
    """One decimal with thousands separators; "—" for None."""
    if value is None or value == "":
        return "—"
    try:
        return f"{float(value):,.1f}"
    except (TypeError, ValueError):
        return str(value)
