"""Monthly line chart as inline SVG, drawn on the server (no JavaScript, no CDN).

Pure: numbers in, SVG markup out; issues no query. Months 1–12 on the horizontal axis, one
line per series (this year solid, last year and the target path dashed). Labels are escaped
here; callers mark the result safe.
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

#: (colour, dash) per series position: this year, last year, target path, more.
STYLES = (
    (PALETTE[0], "none"),
    (PALETTE[4], "5 4"),
    (PALETTE[5], "2 3"),
    (PALETTE[1], "none"),
)


def _fmt(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:,.3g}"


def month_lines_svg(
    series: list[tuple[str, dict[int, float]]],
    *,
    month_labels: list[str],
    unit: str,
    title: str,
    width: int = 640,
    height: int = 260,
) -> str:
    """Lines over the twelve months; ``series`` is ``(name, {month 1–12: value})``.

    A month without a value leaves a gap. Empty string when no series has a value.
    """
    values = [v for _name, points in series for v in points.values()]
    if not values:
        return ""
    axis = value_axis(min(0.0, *values), max(values) or 1.0)
    left = axis.label_width + 14
    right, top, bottom = 16, 12, 52
    plot_w = width - left - right
    y_of = axis.scale(top, height - top - bottom)

    def x_of(month: int) -> float:
        return left + (month - 1) / 11 * plot_w

    parts = svg_open(width, height, title)
    parts += y_axis(axis, y_of, left=left, right=width - right)
    parts += x_labels(
        ((x_of(m), month_labels[m - 1]) for m in range(1, 13)), y=height - bottom + 16
    )
    entries = []
    for index, (name, points) in enumerate(series):
        colour, dash = STYLES[index % len(STYLES)]
        entries.append((name, colour, dash))
        for run in _runs(points):
            pts = " ".join(f"{x_of(m):.1f},{y_of(v):.1f}" for m, v in run)
            parts.append(
                f'<polyline points="{pts}" fill="none" stroke="{colour}" stroke-width="2" '
                f'stroke-dasharray="{dash}"/>'
            )
        for month, value in sorted(points.items()):
            parts.append(
                f'<circle cx="{x_of(month):.1f}" cy="{y_of(value):.1f}" r="2.5" fill="{colour}">'
                f"<title>{escape(name)} {escape(month_labels[month - 1])}: {_fmt(value)} "
                f"{escape(unit)}</title></circle>"
            )
    parts += legend(entries, x=left, y=height - 12, kind="line")
    parts.append(unit_caption(unit, x=width - right, y=height - 12))
    parts.append("</svg>")
    return "".join(parts)


def _runs(points: dict[int, float]) -> list[list[tuple[int, float]]]:
    """The months with a value as unbroken runs: a line leaves a gap where a month has none."""
    runs, current = [], []
    for month in range(1, 13):
        if month in points:
            current.append((month, points[month]))
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs
