"""Bar charts as inline SVG, drawn on the server (no JavaScript, no CDN, no internet).

Pure: takes plain ``(label, value)`` pairs and returns SVG markup; issues no query. Values
may be negative (exported electricity and recovered CO2 reduce the total, GB/T 32150), so
both chart kinds draw from a zero line. Labels are escaped here; callers mark the result
safe.

Every chart is drawn at its natural size (``width`` × ``height`` CSS pixels, one user unit
per pixel) and may only shrink to fit its container, so its text has the same size in a
half-width grid cell and in a full-width section.
"""

import math
from html import escape

from .svg import (
    LABEL_SIZE,
    LINE_HEIGHT,
    MAX_LABEL_SHARE,
    NEGATIVE_COLOUR,
    NICE_STEPS,
    PALETTE,
    SMALL_SIZE,
    fmt_value,
    legend,
    nice_step,
    nice_ticks,
    svg_open,
    text_width,
    tick_decimals,
    tick_label,
    unit_caption,
    value_axis,
    wrap_label,
    x_labels,
    y_axis,
    zero_line,
)

__all__ = [
    "LABEL_SIZE",
    "LINE_HEIGHT",
    "MAX_LABEL_SHARE",
    "NEGATIVE_COLOUR",
    "NICE_STEPS",
    "PALETTE",
    "SMALL_SIZE",
    "column_svg",
    "hbar_svg",
    "nice_step",
    "nice_ticks",
    "text_width",
    "tick_decimals",
    "tick_label",
    "wrap_label",
]


def hbar_svg(
    items: list[tuple[str, float]],
    *,
    title: str = "",
    unit: str = "tCO2e",
    width: int = 520,
    bar_height: int = 20,
    label_width: int | None = None,
    colour: str = PALETTE[0],
) -> str:
    """Horizontal bars, one per ``(label, value)``, with the value printed beside each bar.

    ``title`` becomes the SVG ``<title>`` (its accessible name); ``unit`` is appended to the
    axis caption. ``label_width`` (px) defaults to what the longest label needs, at most
    :data:`MAX_LABEL_SHARE` of ``width``; a longer label wraps onto a second line, is cut
    with "…" beyond that, and keeps its full text in the row's ``<title>`` (tooltip).
    An empty ``items`` gives an empty string.
    """
    if not items:
        return ""
    gap = 6
    top = 8
    value_width = 80
    pad = 8
    if label_width is None:
        longest = max(text_width(label) for label, _value in items)
        label_width = math.ceil(min(max(longest * 1.05 + 2 * pad, 60), width * MAX_LABEL_SHARE))
    plot_width = max(width - label_width - value_width, 80)
    values = [value for _label, value in items]
    low = min(0.0, *values)
    high = max(0.0, *values)
    span = (high - low) or 1.0
    zero_x = label_width + (0 - low) / span * plot_width
    rows = []
    y = top
    for label, value in items:
        lines = wrap_label(label, label_width - 2 * pad)
        row_height = max(bar_height, len(lines) * LINE_HEIGHT + 4)
        rows.append((label, value, lines, y, row_height))
        y += row_height + gap
    axis_bottom = y
    height = axis_bottom + 22
    parts = svg_open(width, height, title)
    for label, value, lines, row_y, row_height in rows:
        bar_y = row_y + (row_height - bar_height) / 2
        bar_x = zero_x if value >= 0 else zero_x - abs(value) / span * plot_width
        bar_w = max(abs(value) / span * plot_width, 0.5)
        fill = colour if value >= 0 else NEGATIVE_COLOUR
        middle = row_y + row_height / 2
        first_y = middle - (len(lines) - 1) * LINE_HEIGHT / 2 + LABEL_SIZE * 0.35
        parts.append(f"<g><title>{escape(label)}: {fmt_value(value)} {escape(unit)}</title>")
        parts.append(
            f'<text x="{label_width - pad}" y="{first_y:.1f}" text-anchor="end" '
            f'font-size="{LABEL_SIZE}">'
        )
        for index, line in enumerate(lines):
            dy = 0 if index == 0 else LINE_HEIGHT
            parts.append(f'<tspan x="{label_width - pad}" dy="{dy}">{escape(line)}</tspan>')
        parts.append("</text>")
        parts.append(
            f'<rect x="{bar_x:.1f}" y="{bar_y:.1f}" width="{bar_w:.1f}" height="{bar_height}" '
            f'fill="{fill}"/>'
        )
        value_x = max(zero_x, bar_x + bar_w) + 4
        parts.append(
            f'<text x="{value_x:.1f}" y="{middle + SMALL_SIZE * 0.35:.1f}" '
            f'font-size="{SMALL_SIZE}">{fmt_value(value)}</text>'
        )
        parts.append("</g>")
    parts.append(
        f'<line x1="{zero_x:.1f}" y1="{top - 4}" x2="{zero_x:.1f}" y2="{axis_bottom}" '
        f'stroke="#333" stroke-width="1"/>'
    )
    parts.append(
        f'<text x="{label_width}" y="{axis_bottom + 16}" font-size="{SMALL_SIZE}" '
        f'fill="#555">{escape(unit)}</text>'
    )
    parts.append("</svg>")
    return "".join(parts)


def column_svg(
    categories: list[str],
    series: list[tuple[str, list[float]]],
    *,
    title: str = "",
    unit: str = "tCO2e",
    width: int = 960,
    height: int = 280,
) -> str:
    """Stacked columns: one column per category (e.g. month), one stacked segment per series.

    Positive segments stack upwards from zero, negative ones downwards, so a month with
    exported electricity shows its reduction below the line. ``series`` is a list of
    ``(name, values)`` with one value per category; a legend names the series. The value
    axis runs over :func:`nice_ticks` of the stacked extremes.
    """
    if not categories or not series:
        return ""
    pos_tot = [sum(max(s[1][i], 0.0) for s in series) for i in range(len(categories))]
    neg_tot = [sum(min(s[1][i], 0.0) for s in series) for i in range(len(categories))]
    axis = value_axis(min([0.0, *neg_tot]), max([0.0, *pos_tot]))
    left = axis.label_width + 14
    right, top, bottom = 12, 12, 54
    plot_w = width - left - right
    y_of = axis.scale(top, height - top - bottom)
    slot = plot_w / len(categories)
    bar_w = slot * 0.7
    xs = [left + i * slot + (slot - bar_w) / 2 for i in range(len(categories))]
    parts = svg_open(width, height, title)
    parts += y_axis(axis, y_of, left=left, right=width - right)
    for i, category in enumerate(categories):
        parts += _column_segments(category, i, series, x=xs[i], bar_w=bar_w, y_of=y_of, unit=unit)
    parts += x_labels(
        ((x + bar_w / 2, category) for x, category in zip(xs, categories, strict=True)),
        y=height - bottom + 16,
    )
    parts += zero_line(y_of(0.0), left=left, right=width - right)
    names = [(name, PALETTE[i % len(PALETTE)], "none") for i, (name, _v) in enumerate(series)]
    parts += legend(names, x=left, y=height - 14)
    parts.append(unit_caption(unit, x=width - right, y=height - 14))
    parts.append("</svg>")
    return "".join(parts)


def _column_segments(
    category: str,
    index: int,
    series: list[tuple[str, list[float]]],
    *,
    x: float,
    bar_w: float,
    y_of,
    unit: str,
) -> list[str]:
    """The stacked segments of one column: positive ones upwards, negative ones downwards."""
    parts = []
    up = down = 0.0
    for s_index, (name, values) in enumerate(series):
        value = values[index]
        if value == 0:
            continue
        if value > 0:
            y0, y1 = y_of(up + value), y_of(up)
            up += value
        else:
            y0, y1 = y_of(down), y_of(down + value)
            down += value
        colour = PALETTE[s_index % len(PALETTE)]
        parts.append(
            f'<rect x="{x:.1f}" y="{y0:.1f}" width="{bar_w:.1f}" '
            f'height="{max(y1 - y0, 0.5):.1f}" fill="{colour}"><title>'
            f"{escape(category)} {escape(name)}: {fmt_value(value)} {escape(unit)}</title></rect>"
        )
    return parts
