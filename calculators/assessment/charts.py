"""The marginal abatement cost curve and the forecast as inline SVG (6.4.1 b, c).

Pure: plain lists and already-translated labels in, SVG markup out; issues no query. Drawn
with the helpers of :mod:`calculators.reports.svg` (axes, legends, label widths, wrapping), at
natural size, shrinking only to fit. Text is escaped here; callers mark the result safe.
"""

from __future__ import annotations

from html import escape

from calculators.reports.svg import (
    LABEL_SIZE,
    PALETTE,
    SMALL_SIZE,
    ValueAxis,
    fmt_value,
    legend,
    svg_open,
    text_width,
    unit_caption,
    value_axis,
    wrap_label,
    x_labels,
    y_axis,
    zero_line,
)

#: One colour per opportunity category (6.4.1 a), in the order of the register's choices.
CATEGORY_COLOURS = {
    "energy_structure": PALETTE[0],
    "efficiency": PALETTE[1],
    "infrastructure": PALETTE[2],
    "process": PALETTE[3],
    "other": PALETTE[4],
}


#: Line colours of the forecast's series, in the order given.
FORECAST_COLOURS = (PALETTE[4], PALETTE[0], PALETTE[2])


def _axis(values: list[float]) -> ValueAxis:
    return value_axis(min([0.0, *values]), max([0.0, *values]))


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
    y_axis_ = _axis([b["height"] for b in bars])
    x_axis = _axis([bars[-1]["x1"]])
    left = y_axis_.label_width + 34
    # room on the right for half of the last axis figure
    right, top = int(text_width(x_axis.labels[-1], SMALL_SIZE) / 2) + 8, 20
    plot_w = width - left - right
    col_w = (plot_w - 10) / 2
    legend_top = top + plot_height + 46
    legend_lines = (len(bars) + 1) // 2
    height = legend_top + legend_lines * 16 + 30
    y_of = y_axis_.scale(top, plot_height)

    def x_of(value: float) -> float:
        return left + value / x_axis.high * plot_w

    parts = svg_open(width, height, title)
    parts += y_axis(y_axis_, y_of, left=left, right=width - right)
    parts += x_labels(
        ((x_of(v), label) for v, label in zip(x_axis.ticks, x_axis.labels, strict=True)),
        y=top + plot_height + 16,
    )
    for bar in bars:
        parts += _macc_bar(bar, x_of=x_of, y_of=y_of)
    parts += zero_line(y_of(0.0), left=left, right=width - right)
    parts.append(
        f'<text x="{left + plot_w / 2:.1f}" y="{top + plot_height + 34}" text-anchor="middle" '
        f'font-size="{LABEL_SIZE}">{escape(x_label)}</text>'
    )
    parts.append(
        f'<text x="12" y="{top + plot_height / 2:.1f}" text-anchor="middle" '
        f'font-size="{LABEL_SIZE}" transform="rotate(-90 12 {top + plot_height / 2:.1f})">'
        f"{escape(y_label)}</text>"
    )
    parts += _macc_bar_legend(bars, x=left, top=legend_top, col_w=col_w, lines=legend_lines)
    cats = [c for c in CATEGORY_COLOURS if any(b["category"] == c for b in bars)]
    entries = [(categories.get(key, key), CATEGORY_COLOURS[key], "none") for key in cats]
    parts += legend(entries, x=left, y=legend_top + legend_lines * 16 + 12, gap=16, fill="#555")
    parts.append("</svg>")
    return "".join(parts)


def _macc_bar(bar: dict, *, x_of, y_of) -> list[str]:
    """One opportunity's bar with its tooltip, and its code above (or below) when it fits."""
    x0, x1 = x_of(bar["x0"]), x_of(bar["x1"])
    y0, y1 = sorted((y_of(0.0), y_of(bar["height"])))
    colour = CATEGORY_COLOURS.get(bar["category"], PALETTE[4])
    stroke = ' stroke="#111" stroke-width="2"' if bar.get("selected") else ' stroke="#fff"'
    parts = [
        f'<g class="macc-bar"><title>{escape(bar["code"])} {escape(bar["label"])}: '
        f"{fmt_value(bar['height'])} CNY/tCO2e × {fmt_value(bar['width'])} tCO2e/a</title>"
        f'<rect x="{x0:.1f}" y="{y0:.1f}" width="{max(x1 - x0, 1):.1f}" '
        f'height="{max(y1 - y0, 1):.1f}" fill="{colour}"{stroke}/>'
    ]
    if x1 - x0 >= text_width(bar["code"], SMALL_SIZE) + 2:
        label_y = y0 - 4 if bar["height"] >= 0 else y1 + SMALL_SIZE + 2
        parts.append(
            f'<text x="{(x0 + x1) / 2:.1f}" y="{label_y:.1f}" text-anchor="middle" '
            f'font-size="{SMALL_SIZE}">{escape(bar["code"])}</text>'
        )
    parts.append("</g>")
    return parts


def _macc_bar_legend(
    bars: list[dict], *, x: float, top: float, col_w: float, lines: int
) -> list[str]:
    """Code and title of every bar in two columns, each keyed by its category's colour."""
    parts = []
    for index, bar in enumerate(bars):
        text = wrap_label(f"{bar['code']} {bar['label']}", col_w - 18, size=SMALL_SIZE, lines=1)[0]
        column, row = divmod(index, lines)
        left = x + column * (col_w + 10)
        y = top + row * 16
        colour = CATEGORY_COLOURS.get(bar["category"], PALETTE[4])
        parts.append(f'<rect x="{left:.1f}" y="{y - 9}" width="10" height="10" fill="{colour}"/>')
        parts.append(
            f'<text x="{left + 16:.1f}" y="{y}" font-size="{SMALL_SIZE}">{escape(text)}</text>'
        )
    return parts


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
    axis = _axis([float(r[key]) for r in rows for key, _name in series if r.get(key) is not None])
    left = axis.label_width + 14
    right, top = 16, 14
    plot_w = width - left - right
    height = top + plot_height + 50
    slot = plot_w / max(len(rows) - 1, 1)
    y_of = axis.scale(top, plot_height)

    def x_of(index: int) -> float:
        return left + index * slot if len(rows) > 1 else left + plot_w / 2

    parts = svg_open(width, height, title)
    parts += y_axis(axis, y_of, left=left, right=width - right)
    parts += x_labels(
        ((x_of(i), row["year"]) for i, row in enumerate(rows)), y=top + plot_height + 16
    )
    entries = []
    for s_index, (key, name) in enumerate(series):
        colour = FORECAST_COLOURS[s_index % len(FORECAST_COLOURS)]
        entries.append((name, colour, "none"))
        parts += _forecast_line(
            rows, key, name, colour, s_index == 0, x_of=x_of, y_of=y_of, unit=unit
        )
    parts += legend(entries, x=left, y=height - 12, kind="bar")
    parts.append(unit_caption(unit, x=width - right, y=height - 12))
    parts.append("</svg>")
    return "".join(parts)


def _forecast_line(rows, key, name, colour, solid, *, x_of, y_of, unit) -> list[str]:
    """One series of the forecast: its line (dashed unless ``solid``) and a dot per year."""
    points = [(x_of(i), y_of(float(r[key]))) for i, r in enumerate(rows) if r.get(key) is not None]
    dash = "" if solid else ' stroke-dasharray="6 4"'
    path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
    parts = [
        f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"{dash}>'
        f"<title>{escape(name)}</title></polyline>"
    ]
    for i, row in enumerate(rows):
        if row.get(key) is None:
            continue
        radius = 3.5 if row.get("kind") == "actual" else 2.5
        parts.append(
            f'<circle cx="{x_of(i):.1f}" cy="{y_of(float(row[key])):.1f}" r="{radius}" '
            f'fill="{colour}"><title>{row["year"]} {escape(name)}: '
            f"{fmt_value(float(row[key]))} {escape(unit)}</title></circle>"
        )
    return parts
