"""Template tags of the carbon performance loop (4.3, 6.5): the base-year flag, shown on every
view that uses the base year (objectives progress, dashboard, assessment)."""

from django import template

from calculators.models import PerformanceSettings

register = template.Library()


@register.inclusion_tag("calculators/performance/includes/base_year_flag.html")
def base_year_flag(settings=None):
    """The base year's recalculation flag and its reason in the reader's language; nothing
    when not flagged. One query (never a write) unless the caller passes the loaded settings."""
    from calculators.performance.services import message_text  # noqa: PLC0415 — keeps numpy, pandas, pint out of start-up

    if settings is None:
        settings = PerformanceSettings.objects.order_by("pk").first()
    if settings is None:
        return {"flagged": False}
    return {
        "flagged": settings.recalculation_due,
        "year": settings.base_year,
        "text": message_text(settings.recalculation_reason) if settings.recalculation_due else "",
    }
