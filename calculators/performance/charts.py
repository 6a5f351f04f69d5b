"""Progress chart of an indicator as inline SVG, drawn on the server (no JavaScript, no CDN).

Pure: numbers in, SVG markup out; issues no query. Years on the horizontal axis; the actual
values (solid line with dots), the target path from baseline to target (dashed), the forecast
(dotted), the forecast with the implementation plans' expected abatement (dash-dot) and the
target (a ring). Labels are escaped here; callers mark the result safe.
"""

from html import escape

from calculators.reports.svg import (
    PALETTE,
    legend,
    svg_open,
    unit_caption,
    value_axis,
    x_labels,
    y_axis,
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
    axis = value_axis(min(0.0, *values), max(values) or 1.0)
    left = axis.label_width + 14
    right, top, bottom = 16, 12, 52
    plot_w = width - left - right
    y_of = axis.scale(top, height - top - bottom)
    first, last = years[0], years[-1]
    span_x = max(last - first, 1)

    def x_of(year: float) -> float:
        return left + (year - first) / span_x * plot_w

    lines = [
        ("path", path, PATH, "6 4"),
        ("forecast", forecast, FORECAST, "2 3"),
        ("plans", forecast_plans, PLANS, "8 3 2 3"),
        ("actual", actual, ACTUAL, "none"),
    ]
    parts = svg_open(width, height, title)
    parts += y_axis(axis, y_of, left=left, right=width - right)
    parts += x_labels(((x_of(year), year) for year in years), y=height - bottom + 16)
    for key, points, colour, dash in lines:
        if points:
            parts += _line(points, colour, dash, labels[key], x_of=x_of, y_of=y_of, unit=unit)
    ty, tv = target
    parts.append(
        f'<circle cx="{x_of(ty):.1f}" cy="{y_of(tv):.1f}" r="6" fill="none" stroke="{TARGET}" '
        f'stroke-width="2"><title>{escape(labels["target"])} {ty}: {_fmt(tv)} {escape(unit)}'
        f"</title></circle>"
    )
    legend_order = [lines[3], lines[0], lines[1], lines[2]]
    entries = [
        (labels[key], colour, dash)
        for key, points, colour, dash in legend_order
        if key != "plans" or points
    ]
    entries.append((labels["target"], TARGET, "none"))
    parts += legend(entries, x=left, y=height - 12, kind="line")
    parts.append(unit_caption(unit, x=width - right, y=height - 12))
    parts.append("</svg>")
    return "".join(parts)


def _line(
    points: dict[int, float], colour: str, dash: str, name: str, *, x_of, y_of, unit
) -> list[str]:
    """One series: its line and a dot per year with the value as tooltip."""
    pts = " ".join(f"{x_of(y):.1f},{y_of(v):.1f}" for y, v in sorted(points.items()))
    out = [
        f'<polyline points="{pts}" fill="none" stroke="{colour}" stroke-width="2" '
        f'stroke-dasharray="{dash}"/>'
    ]
    for year, value in sorted(points.items()):
        out.append(
            f'<circle cx="{x_of(year):.1f}" cy="{y_of(value):.1f}" r="3" fill="{colour}">'
            f"<title>{escape(name)} {year}: {_fmt(value)} {escape(unit)}</title></circle>"
        )
    return out
