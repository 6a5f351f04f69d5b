"""The performance dashboard page (9.1): thin; the numbers come from :mod:`.selectors`."""

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from . import VIEW_PERMISSION
from .charts import month_lines_svg
from .selectors import dashboard_for


def _year(request) -> int | None:
    try:
        return int(request.GET["year"])
    except (KeyError, ValueError):
        return None


def _month_rows(board, values: dict, path: dict | None = None) -> list[dict]:
    this, last = values.get(board.year, {}), values.get(board.year - 1, {})
    return [
        {
            "month": m,
            "this": this.get(m),
            "last": last.get(m),
            "path": (path or {}).get(m),
        }
        for m in range(1, 13)
    ]


def performance_dashboard(request):
    """Emissions and energy by month against last year and the target path, the intensity
    trend, objectives status, key sources, data completeness, open deviation alerts and the
    items waiting for the user (9.1.1–9.1.3, 9.5)."""
    if not request.user.is_authenticated or not request.user.has_perm(VIEW_PERMISSION):
        raise PermissionDenied
    board = dashboard_for(request.user, year=_year(request))
    # months as numbers: the same in both languages, and short enough for the axis
    context = {
        "board": board,
        "month_labels": [str(m) for m in range(1, 13)],
        "completeness_pct": board.completeness["share"] * 100,
    }
    if board.year is not None:
        labels = context["month_labels"]
        this_year, last_year = str(board.year), str(board.year - 1)
        series = [(this_year, board.emissions.get(board.year, {}))]
        series.append((last_year, board.emissions.get(board.year - 1, {})))
        if board.path:
            series.append((_("Target path"), board.path))
        context["emissions_chart"] = mark_safe(
            month_lines_svg(
                series,
                month_labels=labels,
                unit="tCO2e",
                title=_("Emissions by month"),
            )
        )
        context["energy_chart"] = mark_safe(
            month_lines_svg(
                [
                    (this_year, board.energy_tce.get(board.year, {})),
                    (last_year, board.energy_tce.get(board.year - 1, {})),
                ],
                month_labels=labels,
                unit="tce",
                title=_("Energy consumption by month"),
            )
        )
        context["emission_rows"] = _month_rows(board, board.emissions, board.path)
        context["energy_rows"] = _month_rows(board, board.energy_tce)
    return TemplateResponse(request, "cems_site/performance_dashboard.html", context)
