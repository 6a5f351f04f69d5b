"""``{% neutrality_statements page %}``: the approved, balancing neutrality statements of a
results disclosure page's boundary and year (3, 6.5; issue 12 §5). Nothing when there is none."""

from django import template

from ..selectors import published_statements

register = template.Library()


@register.inclusion_tag("cems_assets/includes/neutrality_statements.html")
def neutrality_statements(page):
    """Statements for ``page.year`` and the boundary of the page's snapshot; one query when
    none is approved for that year (see :func:`~..selectors.published_statements`)."""
    figures = getattr(page, "figures", None) or {}
    boundary = (figures.get("basis") or {}).get("boundary", "")
    return {"statements": published_statements(year=figures.get("year"), boundary=boundary)}
