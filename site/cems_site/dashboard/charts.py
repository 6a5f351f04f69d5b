"""Monthly line chart as inline SVG, drawn on the server (no JavaScript, no CDN).

Pure: numbers in, SVG markup out; issues no query. Months 1–12 on the horizontal axis, one
line per series (this year solid, last year and the target path dashed). Labels are escaped
here; callers mark the result safe.
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
    ticks = nice_ticks(min(0.0, *values), max(values) or 1.0)
    step = ticks[1] - ticks[0]
    low, high = ticks[0], ticks[-1]
    texts = [tick_label(v, step) for v in ticks]
    left = int(max(text_width(t, SMALL_SIZE) for t in texts)) + 14
    right, top, bottom = 16, 12, 52
    plot_w, plot_h = width - left - right, height - top - bottom

    def x_of(month: int) -> float:
        return left + (month - 1) / 11 * plot_w

    def y_of(value: float) -> float:
        return top + (high - value) / ((high - low) or 1.0) * plot_h

    parts = _svg_open(width, height, title)
    for value, text in zip(ticks, texts, strict=True):
        y = y_of(value)
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="#ddd"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" '
            f'font-size="{SMALL_SIZE}">{text}</text>'
        )
    for month in range(1, 13):
        parts.append(
            f'<text x="{x_of(month):.1f}" y="{height - bottom + 16}" text-anchor="middle" '
            f'font-size="{SMALL_SIZE}">{escape(month_labels[month - 1])}</text>'
        )
    legend_x, legend_y = left, height - 12
    for index, (name, points) in enumerate(series):
        colour, dash = STYLES[index % len(STYLES)]
        runs, current = [], []
        for month in range(1, 13):  # a gap where a month has no value
            if month in points:
                current.append((month, points[month]))
            elif current:
                runs.append(current)
                current = []
        if current:
            runs.append(current)
        for run in runs:
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
        parts.append(
            f'<line x1="{legend_x}" y1="{legend_y - 4}" x2="{legend_x + 18}" y2="{legend_y - 4}" '
            f'stroke="{colour}" stroke-width="2" stroke-dasharray="{dash}"/>'
            f'<text x="{legend_x + 22}" y="{legend_y}" font-size="{SMALL_SIZE}">{escape(name)}</text>'
        )
        legend_x += int(36 + text_width(name, SMALL_SIZE))
    parts.append(
        f'<text x="{width - right}" y="{legend_y}" text-anchor="end" font-size="{SMALL_SIZE}" '
        f'fill="#555">{escape(unit)}</text></svg>'
    )
    return "".join(parts)
