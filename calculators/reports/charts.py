"""Bar charts as inline SVG, drawn on the server (no JavaScript, no CDN, no internet).

Pure: takes plain ``(label, value)`` pairs and returns SVG markup; issues no query. Values
may be negative (exported electricity and recovered CO2 reduce the total, GB/T 32150), so
both chart kinds draw from a zero line. Labels are escaped here; callers mark the result
safe.
"""

from html import escape

#: Bar colours: one per series, readable in print and for the common colour-vision deficiencies.
PALETTE = ("#2f6f4f", "#3a7ca5", "#d1913c", "#8e5572", "#6c757d", "#b5533c", "#5b8e7d")
NEGATIVE_COLOUR = "#b5533c"


def _fmt(value: float) -> str:
    """A compact figure for a bar label: thousands separated, two decimals below 100."""
    if abs(value) >= 100:
        return f"{value:,.0f}"
    return f"{value:,.2f}"


def _fit(label: str, units: float) -> str:
    """``label`` cut to about ``units`` half-width characters (a Han character counts two)."""
    used = 0.0
    for index, ch in enumerate(label):
        used += 2 if ord(ch) > 0x2E80 else 1.1
        if used > units:
            return label[: max(index - 1, 1)] + "…"
    return label


def hbar_svg(
    items: list[tuple[str, float]],
    *,
    title: str = "",
    unit: str = "tCO2e",
    width: int = 520,
    bar_height: int = 20,
    label_width: int = 200,
    colour: str = PALETTE[0],
) -> str:
    """Horizontal bars, one per ``(label, value)``, with the value printed beside each bar.

    ``title`` becomes the SVG ``<title>`` (its accessible name); ``unit`` is appended to the
    axis caption. An empty ``items`` gives an empty string.
    """
    if not items:
        return ""
    gap = 6
    top = 8
    value_width = 80
    plot_width = max(width - label_width - value_width, 80)
    low = min(0.0, *(v for _label, v in items))
    high = max(0.0, *(v for _label, v in items))
    span = (high - low) or 1.0
    zero_x = label_width + (0 - low) / span * plot_width
    height = top + len(items) * (bar_height + gap) + 22
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="cems-chart" role="img" '
        f'viewBox="0 0 {width} {height}" width="100%" preserveAspectRatio="xMinYMin meet">',
        f"<title>{escape(title)}</title>",
    ]
    for index, (label, value) in enumerate(items):
        y = top + index * (bar_height + gap)
        bar_x = zero_x if value >= 0 else zero_x - abs(value) / span * plot_width
        bar_w = max(abs(value) / span * plot_width, 0.5)
        fill = colour if value >= 0 else NEGATIVE_COLOUR
        text_y = y + bar_height * 0.72
        short = _fit(label, (label_width - 12) / 7.0)
        parts.append(
            f'<text x="{label_width - 6}" y="{text_y:.1f}" text-anchor="end" '
            f'font-size="13">{escape(short)}</text>'
        )
        parts.append(
            f'<rect x="{bar_x:.1f}" y="{y}" width="{bar_w:.1f}" height="{bar_height}" '
            f'fill="{fill}"><title>{escape(label)}: {_fmt(value)} {escape(unit)}</title></rect>'
        )
        value_x = max(zero_x, bar_x + bar_w) + 4
        parts.append(
            f'<text x="{value_x:.1f}" y="{text_y:.1f}" font-size="11">{_fmt(value)}</text>'
        )
    axis_bottom = top + len(items) * (bar_height + gap)
    parts.append(
        f'<line x1="{zero_x:.1f}" y1="{top - 4}" x2="{zero_x:.1f}" y2="{axis_bottom}" '
        f'stroke="#333" stroke-width="1"/>'
    )
    parts.append(
        f'<text x="{label_width}" y="{axis_bottom + 16}" font-size="11" fill="#555">'
        f"{escape(unit)}</text>"
    )
    parts.append("</svg>")
    return "".join(parts)


def column_svg(
    categories: list[str],
    series: list[tuple[str, list[float]]],
    *,
    title: str = "",
    unit: str = "tCO2e",
    width: int = 720,
    height: int = 260,
) -> str:
    """Stacked columns: one column per category (e.g. month), one stacked segment per series.

    Positive segments stack upwards from zero, negative ones downwards, so a month with
    exported electricity shows its reduction below the line. ``series`` is a list of
    ``(name, values)`` with one value per category; a legend names the series.
    """
    if not categories or not series:
        return ""
    left, right, top, bottom = 64, 12, 12, 54
    plot_w = width - left - right
    plot_h = height - top - bottom
    pos_tot = [sum(max(s[1][i], 0.0) for s in series) for i in range(len(categories))]
    neg_tot = [sum(min(s[1][i], 0.0) for s in series) for i in range(len(categories))]
    high = max([0.0, *pos_tot])
    low = min([0.0, *neg_tot])
    span = (high - low) or 1.0

    def y_of(value: float) -> float:
        return top + (high - value) / span * plot_h

    slot = plot_w / len(categories)
    bar_w = slot * 0.7
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="cems-chart" role="img" '
        f'viewBox="0 0 {width} {height}" width="100%" preserveAspectRatio="xMinYMin meet">',
        f"<title>{escape(title)}</title>",
    ]
    for tick in range(5):
        value = low + span * tick / 4
        y = y_of(value)
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" '
            f'stroke="#ddd" stroke-width="1"/>'
        )
        parts.append(
            f'<text x="{left - 4}" y="{y + 4:.1f}" text-anchor="end" font-size="10">'
            f"{_fmt(value)}</text>"
        )
    for i, category in enumerate(categories):
        x = left + i * slot + (slot - bar_w) / 2
        up = down = 0.0
        for s_index, (name, values) in enumerate(series):
            value = values[i]
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
                f"{escape(category)} {escape(name)}: {_fmt(value)} {escape(unit)}</title></rect>"
            )
        parts.append(
            f'<text x="{x + bar_w / 2:.1f}" y="{height - bottom + 14}" text-anchor="middle" '
            f'font-size="10">{escape(category)}</text>'
        )
    zero = y_of(0.0)
    parts.append(
        f'<line x1="{left}" y1="{zero:.1f}" x2="{width - right}" y2="{zero:.1f}" '
        f'stroke="#333" stroke-width="1"/>'
    )
    legend_x = left
    legend_y = height - 18
    for s_index, (name, _values) in enumerate(series):
        colour = PALETTE[s_index % len(PALETTE)]
        parts.append(
            f'<rect x="{legend_x}" y="{legend_y - 9}" width="10" height="10" fill="{colour}"/>'
        )
        parts.append(
            f'<text x="{legend_x + 14}" y="{legend_y}" font-size="11">{escape(name)}</text>'
        )
        legend_x += 24 + 7 * len(name) + (6 * sum(1 for ch in name if ord(ch) > 0x2E80))
    parts.append(
        f'<text x="{width - right}" y="{legend_y}" text-anchor="end" font-size="11" '
        f'fill="#555">{escape(unit)}</text>'
    )
    parts.append("</svg>")
    return "".join(parts)
