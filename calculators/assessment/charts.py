"""The marginal abatement cost curve and the forecast as inline SVG (6.4.1 b, c).

Pure: plain lists and already-translated labels in, SVG markup out; issues no query. Drawn
with the helpers of :mod:`calculators.reports.charts` (nice ticks, label widths, wrapping), at
natural size, shrinking only to fit. Text is escaped here; callers mark the result safe.
"""

from __future__ import annotations

from html import escape

from calculators.reports.charts import (
    LABEL_SIZE,
    PALETTE,
    SMALL_SIZE,
    _fmt,
    _svg_open,
    nice_ticks,
    text_width,
    tick_label,
    wrap_label,
)

#: One colour per opportunity category (6.4.1 a), in the order of the register's choices.
CATEGORY_COLOURS = {
    "energy_structure": PALETTE[0],
    "efficiency": PALETTE[1],
    "infrastructure": PALETTE[2],
    "process": PALETTE[3],
    "other": PALETTE[4],
}


def _axis_ticks(values: list[float]) -> tuple[list[float], float]:
    ticks = nice_ticks(min([0.0, *values]), max([0.0, *values]))
    return ticks, ticks[1] - ticks[0]


def macc_svg(
    bars: list[dict],
    *,
    categories: dict[str, str],
    title: str,
    x_label: str,
    y_label: str,
    width: int = 960,
    plot_height: int = 300,
) -> str:
    """Marginal abatement cost curve: one bar per opportunity, cheapest tonne first.

    ``bars`` as :func:`calculators.core.assessment.macc` gives them, each with a ``label``
    (the opportunity's title in the reader's language). A bar is as wide as its abatement
    (x: cumulative tCO2e/a) and as high as its cost per tonne (y: CNY/tCO2e, below zero when
    it saves money); it carries its code, and its title in a legend coloured by category
    (``categories``: key → translated name). Selected opportunities are outlined.
    """
    if not bars:
        return ""
    heights = [b["height"] for b in bars]
    y_ticks, y_step = _axis_ticks(heights)
    x_ticks, x_step = _axis_ticks([bars[-1]["x1"]])
    y_labels = [tick_label(v, y_step) for v in y_ticks]
    left = int(max(text_width(t, SMALL_SIZE) for t in y_labels)) + 34
    # room on the right for half of the last axis figure
    right, top = int(text_width(tick_label(x_ticks[-1], x_step), SMALL_SIZE) / 2) + 8, 20
    plot_w = width - left - right
    legend_rows = []
    col_w = (plot_w - 10) / 2
    for bar in bars:
        text = f"{bar['code']} {bar['label']}"
        legend_rows.append((bar, wrap_label(text, col_w - 18, size=SMALL_SIZE, lines=1)[0]))
    legend_top = top + plot_height + 46
    legend_lines = (len(legend_rows) + 1) // 2
    cats = [c for c in CATEGORY_COLOURS if any(b["category"] == c for b in bars)]
    height = legend_top + legend_lines * 16 + 30
    y_low, y_high = y_ticks[0], y_ticks[-1]
    x_high = x_ticks[-1]

    def x_of(value: float) -> float:
        return left + value / x_high * plot_w

    def y_of(value: float) -> float:
        return top + (y_high - value) / (y_high - y_low) * plot_height

    parts = _svg_open(width, height, title)
    for value, label in zip(y_ticks, y_labels, strict=True):
        y = y_of(value)
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" '
            f'stroke="#ddd" stroke-width="1"/>'
        )
        parts.append(
            f'<text x="{left - 6}" y="{y + SMALL_SIZE * 0.35:.1f}" text-anchor="end" '
            f'font-size="{SMALL_SIZE}">{label}</text>'
        )
    for value in x_ticks:
        x = x_of(value)
        parts.append(
            f'<text x="{x:.1f}" y="{top + plot_height + 16}" text-anchor="middle" '
            f'font-size="{SMALL_SIZE}">{tick_label(value, x_step)}</text>'
        )
    for bar in bars:
        x0, x1 = x_of(bar["x0"]), x_of(bar["x1"])
        y0, y1 = sorted((y_of(0.0), y_of(bar["height"])))
        colour = CATEGORY_COLOURS.get(bar["category"], PALETTE[4])
        stroke = ' stroke="#111" stroke-width="2"' if bar.get("selected") else ' stroke="#fff"'
        parts.append(
            f'<g class="macc-bar"><title>{escape(bar["code"])} {escape(bar["label"])}: '
            f"{_fmt(bar['height'])} CNY/tCO2e × {_fmt(bar['width'])} tCO2e/a</title>"
            f'<rect x="{x0:.1f}" y="{y0:.1f}" width="{max(x1 - x0, 1):.1f}" '
            f'height="{max(y1 - y0, 1):.1f}" fill="{colour}"{stroke}/>'
        )
        if x1 - x0 >= text_width(bar["code"], SMALL_SIZE) + 2:
            label_y = y0 - 4 if bar["height"] >= 0 else y1 + SMALL_SIZE + 2
            parts.append(
                f'<text x="{(x0 + x1) / 2:.1f}" y="{label_y:.1f}" text-anchor="middle" '
                f'font-size="{SMALL_SIZE}">{escape(bar["code"])}</text>'
            )
        parts.append("</g>")
    zero = y_of(0.0)
    parts.append(
        f'<line x1="{left}" y1="{zero:.1f}" x2="{width - right}" y2="{zero:.1f}" '
        f'stroke="#333" stroke-width="1"/>'
    )
    parts.append(
        f'<text x="{left + plot_w / 2:.1f}" y="{top + plot_height + 34}" text-anchor="middle" '
        f'font-size="{LABEL_SIZE}">{escape(x_label)}</text>'
    )
    parts.append(
        f'<text x="12" y="{top + plot_height / 2:.1f}" text-anchor="middle" '
        f'font-size="{LABEL_SIZE}" transform="rotate(-90 12 {top + plot_height / 2:.1f})">'
        f"{escape(y_label)}</text>"
    )
    for index, (bar, text) in enumerate(legend_rows):
        column, row = divmod(index, legend_lines)
        x = left + column * (col_w + 10)
        y = legend_top + row * 16
        colour = CATEGORY_COLOURS.get(bar["category"], PALETTE[4])
        parts.append(f'<rect x="{x:.1f}" y="{y - 9}" width="10" height="10" fill="{colour}"/>')
        parts.append(
            f'<text x="{x + 16:.1f}" y="{y}" font-size="{SMALL_SIZE}">{escape(text)}</text>'
        )
    x = left
    y = legend_top + legend_lines * 16 + 12
    for key in cats:
        name = categories.get(key, key)
        parts.append(
            f'<rect x="{x}" y="{y - 9}" width="10" height="10" fill="{CATEGORY_COLOURS[key]}"/>'
        )
        parts.append(
            f'<text x="{x + 14}" y="{y}" font-size="{SMALL_SIZE}" fill="#555">{escape(name)}</text>'
        )
        x += int(30 + text_width(name, SMALL_SIZE))
    parts.append("</svg>")
    return "".join(parts)


def forecast_svg(
    rows: list[dict],
    *,
    series: list[tuple[str, str]],
    title: str,
    unit: str = "tCO2e",
    width: int = 960,
    plot_height: int = 260,
) -> str:
    """Lines over the years: ``series`` is ``[(key, translated name)]`` of values in ``rows``.

    The first series is drawn solid, the others dashed; actual years (``kind == "actual"``)
    are marked with dots. A legend names the series.
    """
    if not rows or not series:
        return ""
    values = [float(r[key]) for r in rows for key, _name in series if r.get(key) is not None]
    ticks, step = _axis_ticks(values)
    labels = [tick_label(v, step) for v in ticks]
    left = int(max(text_width(t, SMALL_SIZE) for t in labels)) + 14
    right, top = 16, 14
    plot_w = width - left - right
    height = top + plot_height + 50
    low, high = ticks[0], ticks[-1]
    slot = plot_w / max(len(rows) - 1, 1)

    def x_of(index: int) -> float:
        return left + index * slot if len(rows) > 1 else left + plot_w / 2

    def y_of(value: float) -> float:
        return top + (high - value) / (high - low) * plot_height

    parts = _svg_open(width, height, title)
    for value, label in zip(ticks, labels, strict=True):
        y = y_of(value)
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" '
            f'stroke="#ddd" stroke-width="1"/>'
        )
        parts.append(
            f'<text x="{left - 6}" y="{y + SMALL_SIZE * 0.35:.1f}" text-anchor="end" '
            f'font-size="{SMALL_SIZE}">{label}</text>'
        )
    for index, row in enumerate(rows):
        parts.append(
            f'<text x="{x_of(index):.1f}" y="{top + plot_height + 16}" text-anchor="middle" '
            f'font-size="{SMALL_SIZE}">{row["year"]}</text>'
        )
    colours = (PALETTE[4], PALETTE[0], PALETTE[2])
    for s_index, (key, name) in enumerate(series):
        colour = colours[s_index % len(colours)]
        points = [
            (x_of(i), y_of(float(r[key]))) for i, r in enumerate(rows) if r.get(key) is not None
        ]
        dash = "" if s_index == 0 else ' stroke-dasharray="6 4"'
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        parts.append(
            f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"{dash}>'
            f"<title>{escape(name)}</title></polyline>"
        )
        for i, row in enumerate(rows):
            if row.get(key) is None:
                continue
            radius = 3.5 if row.get("kind") == "actual" else 2.5
            parts.append(
                f'<circle cx="{x_of(i):.1f}" cy="{y_of(float(row[key])):.1f}" r="{radius}" '
                f'fill="{colour}"><title>{row["year"]} {escape(name)}: '
                f"{_fmt(float(row[key]))} {escape(unit)}</title></circle>"
            )
    legend_x = left
    legend_y = height - 12
    for s_index, (_key, name) in enumerate(series):
        colour = colours[s_index % len(colours)]
        parts.append(
            f'<rect x="{legend_x}" y="{legend_y - 9}" width="14" height="4" fill="{colour}"/>'
        )
        parts.append(
            f'<text x="{legend_x + 18}" y="{legend_y}" font-size="{SMALL_SIZE}">'
            f"{escape(name)}</text>"
        )
        legend_x += int(36 + text_width(name, SMALL_SIZE))
    parts.append(
        f'<text x="{width - right}" y="{legend_y}" text-anchor="end" font-size="{SMALL_SIZE}" '
        f'fill="#555">{escape(unit)}</text>'
    )
    parts.append("</svg>")
    return "".join(parts)
