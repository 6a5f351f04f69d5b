"""Progress chart of an indicator as inline SVG, drawn on the server (no JavaScript, no CDN).

Pure: numbers in, SVG markup out; issues no query. Years on the horizontal axis; the actual
values (solid line with dots), the target path from baseline to target (dashed), the forecast
(dotted), the forecast with the implementation plans' expected abatement (dash-dot) and the
target (a ring). Labels are escaped here; callers mark the result safe.
"""

from html import escape

from calculators.reports.charts import (
    PALETTE,
    SMALL_SIZE,
    _svg_open,
    nice_ticks,
    text_width,
    tick_label,
)

ACTUAL, PATH, FORECAST, TARGET = PALETTE[0], PALETTE[4], PALETTE[2], PALETTE[5]
PLANS = PALETTE[1]


def _fmt(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:,.3g}"


def progress_svg(
    *,
    actual: dict[int, float],
    path: dict[int, float],
    forecast: dict[int, float],
    target: tuple[int, float],
    labels: dict[str, str],
    unit: str,
    title: str,
    width: int = 640,
    height: int = 260,
    forecast_plans: dict[int, float] | None = None,
) -> str:
    """Line chart of an indicator by year. ``labels``: legend names for ``actual``, ``path``,
    ``forecast``, ``target`` (and ``plans`` with ``forecast_plans``) in the reader's language.
    Empty string without any value."""
    forecast_plans = forecast_plans or {}
    values = [
        *actual.values(),
        *path.values(),
        *forecast.values(),
        *forecast_plans.values(),
        target[1],
    ]
    years = sorted({*actual, *path, *forecast, *forecast_plans, target[0]})
    if not actual and not path:
        return ""
    ticks = nice_ticks(min(0.0, *values), max(values) or 1.0)
    step = ticks[1] - ticks[0]
    low, high = ticks[0], ticks[-1]
    tick_texts = [tick_label(v, step) for v in ticks]
    left = int(max(text_width(t, SMALL_SIZE) for t in tick_texts)) + 14
    right, top, bottom = 16, 12, 52
    plot_w, plot_h = width - left - right, height - top - bottom
    first, last = years[0], years[-1]
    span_x = max(last - first, 1)

    def x_of(year: float) -> float:
        return left + (year - first) / span_x * plot_w

    def y_of(value: float) -> float:
        return top + (high - value) / ((high - low) or 1.0) * plot_h

    parts = _svg_open(width, height, title)
    for value, text in zip(ticks, tick_texts, strict=True):
        y = y_of(value)
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="#ddd"/>'
        )
        parts.append(
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" '
            f'font-size="{SMALL_SIZE}">{text}</text>'
        )
    for year in years:
        parts.append(
            f'<text x="{x_of(year):.1f}" y="{height - bottom + 16}" text-anchor="middle" '
            f'font-size="{SMALL_SIZE}">{year}</text>'
        )

    def line(points: dict[int, float], colour: str, dash: str, name: str) -> None:
        if not points:
            return
        pts = " ".join(f"{x_of(y):.1f},{y_of(v):.1f}" for y, v in sorted(points.items()))
        parts.append(
            f'<polyline points="{pts}" fill="none" stroke="{colour}" stroke-width="2" '
            f'stroke-dasharray="{dash}"/>'
        )
        for year, value in sorted(points.items()):
            parts.append(
                f'<circle cx="{x_of(year):.1f}" cy="{y_of(value):.1f}" r="3" fill="{colour}">'
                f"<title>{escape(name)} {year}: {_fmt(value)} {escape(unit)}</title></circle>"
            )

    line(path, PATH, "6 4", labels["path"])
    line(forecast, FORECAST, "2 3", labels["forecast"])
    if forecast_plans:
        line(forecast_plans, PLANS, "8 3 2 3", labels["plans"])
    line(actual, ACTUAL, "none", labels["actual"])
    ty, tv = target
    parts.append(
        f'<circle cx="{x_of(ty):.1f}" cy="{y_of(tv):.1f}" r="6" fill="none" stroke="{TARGET}" '
        f'stroke-width="2"><title>{escape(labels["target"])} {ty}: {_fmt(tv)} {escape(unit)}'
        f"</title></circle>"
    )
    legend_x, legend_y = left, height - 12
    legend = [
        (labels["actual"], ACTUAL, "none"),
        (labels["path"], PATH, "6 4"),
        (labels["forecast"], FORECAST, "2 3"),
    ]
    if forecast_plans:
        legend.append((labels["plans"], PLANS, "8 3 2 3"))
    legend.append((labels["target"], TARGET, "none"))
    for name, colour, dash in legend:
        parts.append(
            f'<line x1="{legend_x}" y1="{legend_y - 4}" x2="{legend_x + 18}" y2="{legend_y - 4}" '
            f'stroke="{colour}" stroke-width="2" stroke-dasharray="{dash}"/>'
        )
        parts.append(
            f'<text x="{legend_x + 22}" y="{legend_y}" font-size="{SMALL_SIZE}">{escape(name)}</text>'
        )
        legend_x += int(36 + text_width(name, SMALL_SIZE))
    parts.append(
        f'<text x="{width - right}" y="{legend_y}" text-anchor="end" font-size="{SMALL_SIZE}" '
        f'fill="#555">{escape(unit)}</text>'
    )
    parts.append("</svg>")
    return "".join(parts)
