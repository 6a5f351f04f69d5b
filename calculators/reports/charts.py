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
import re
import unicodedata
from html import escape

#: Bar colours: one per series, readable in print and for the common colour-vision deficiencies.
PALETTE = ("#2f6f4f", "#3a7ca5", "#d1913c", "#8e5572", "#6c757d", "#b5533c", "#5b8e7d")
NEGATIVE_COLOUR = "#b5533c"
#: Font sizes in px: bar and axis labels, figures and captions.
LABEL_SIZE = 12
SMALL_SIZE = 11
#: Height of one line of a wrapped bar label, px.
LINE_HEIGHT = 14
#: A label column never takes more than this share of an hbar chart's width.
MAX_LABEL_SHARE = 0.45
#: Steps of an axis, times a power of ten ("nice" numbers).
NICE_STEPS = (1.0, 2.0, 2.5, 5.0, 10.0)

_NARROW = set("iljtfrI.,:;!|'()[]{} -/")
_WIDE = set("mwMW%@")
#: A label breaks after a space, and before and after any CJK character.
_CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef"
_TOKEN = re.compile(rf"[{_CJK}]|[^\s{_CJK}]+\s*|\s+")


def _fmt(value: float) -> str:
    """A compact figure for a bar label: thousands separated, two decimals below 100."""
    if abs(value) >= 100:
        return f"{value:,.0f}"
    return f"{value:,.2f}"


def text_width(text: str, size: float = LABEL_SIZE) -> float:
    """Estimated width in px of ``text`` set in a proportional sans-serif face at ``size`` px.

    Full-width (CJK) characters count one em, capitals and m/w 0.76 em, narrow letters and
    punctuation 0.34 em, the rest 0.62 em: the widths of a wide face (DejaVu Sans), so a
    label column sized by this estimate holds its labels in the usual admin fonts too.
    """
    ems = 0.0
    for ch in text:
        if unicodedata.east_asian_width(ch) in ("W", "F"):
            ems += 1.0
        elif ch in _NARROW:
            ems += 0.34
        elif ch in _WIDE or ch.isupper():
            ems += 0.76
        else:
            ems += 0.62
    return ems * size


def _cut(text: str, room: float, size: float) -> str:
    """``text`` shortened with "…" to fit ``room`` px, at a word end when one is close."""
    if text_width(text, size) <= room:
        return text
    ellipsis = text_width("…", size)
    end = len(text)
    while end > 1 and text_width(text[:end].rstrip(), size) + ellipsis > room:
        end -= 1
    head = text[:end]
    space = head.rfind(" ")
    if space > end * 0.6:  # keep whole words unless that loses too much
        head = head[:space]
    return head.rstrip(" ,;:–-(") + "…"


def wrap_label(label: str, room: float, *, size: float = LABEL_SIZE, lines: int = 2) -> list[str]:
    """``label`` in at most ``lines`` lines of ``room`` px each; the last one cut with "…".

    Lines break after spaces and around CJK characters; a word longer than a line is broken
    inside. Issues no query.
    """
    label = " ".join(label.split())
    if text_width(label, size) <= room:
        return [label]
    out: list[str] = []
    current = ""
    tokens = _TOKEN.findall(label)
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if len(out) == lines - 1:  # the last line takes the rest, cut to fit
            out.append(_cut((current + "".join(tokens[index:])).strip(), room, size))
            return out
        if text_width((current + token).rstrip(), size) <= room:
            current += token
            index += 1
        elif current.strip():
            out.append(current.rstrip())
            current = ""
        else:  # a single token wider than a line: break it where it overflows
            end = len(token)
            while end > 1 and text_width(token[:end], size) > room:
                end -= 1
            out.append(token[:end])
            tokens[index] = token[end:]
    if current.strip():
        out.append(current.rstrip())
    return out


def nice_step(span: float, intervals: int = 5) -> float:
    """The smallest step of 1, 2, 2.5 or 5 × 10^k that cuts ``span`` into ≤ ``intervals``."""
    if not math.isfinite(span) or span <= 0:
        return 1.0
    raw = span / max(intervals, 1)
    base = 10.0 ** math.floor(math.log10(raw))
    for mantissa in NICE_STEPS:
        step = mantissa * base
        if step >= raw * (1 - 1e-9):
            return step
    return 10.0 * base  # not reached: 10 × base ≥ raw by construction


def nice_ticks(low: float, high: float, intervals: int = 5) -> list[float]:
    """Axis ticks from a multiple of a nice step at or below ``low`` to one at or above ``high``.

    Always includes 0 when the range spans it; ``low == high`` gives a unit range.
    """
    if high < low:
        low, high = high, low
    if high == low:
        high = low + 1.0
    step = nice_step(high - low, intervals)
    first = math.floor(low / step + 1e-9)
    last = math.ceil(high / step - 1e-9)
    decimals = tick_decimals(step)
    return [round(k * step, decimals + 2) + 0.0 for k in range(first, last + 1)]


def tick_decimals(step: float) -> int:
    """Decimals needed to write multiples of ``step`` exactly (2.5 → 1, 0.25 → 2, 500 → 0)."""
    for decimals in range(10):
        scaled = step * 10**decimals
        if abs(scaled - round(scaled)) < 1e-6 * max(scaled, 1.0):
            return decimals
    return 10


def tick_label(value: float, step: float) -> str:
    """An axis figure: thousands separated, as many decimals as the step needs, 0 as "0"."""
    if abs(value) < abs(step) * 1e-9:
        return "0"
    return f"{value:,.{tick_decimals(step)}f}"


def _svg_open(width: float, height: float, title: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="cems-chart" role="img" '
        f'width="{width:.0f}" height="{height:.0f}" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'style="max-width:100%;height:auto" preserveAspectRatio="xMinYMin meet">',
        f"<title>{escape(title)}</title>",
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
    parts = _svg_open(width, height, title)
    for label, value, lines, row_y, row_height in rows:
        bar_y = row_y + (row_height - bar_height) / 2
        bar_x = zero_x if value >= 0 else zero_x - abs(value) / span * plot_width
        bar_w = max(abs(value) / span * plot_width, 0.5)
        fill = colour if value >= 0 else NEGATIVE_COLOUR
        middle = row_y + row_height / 2
        first_y = middle - (len(lines) - 1) * LINE_HEIGHT / 2 + LABEL_SIZE * 0.35
        parts.append(f"<g><title>{escape(label)}: {_fmt(value)} {escape(unit)}</title>")
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
            f'font-size="{SMALL_SIZE}">{_fmt(value)}</text>'
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
    ticks = nice_ticks(min([0.0, *neg_tot]), max([0.0, *pos_tot]))
    step = ticks[1] - ticks[0]
    low, high = ticks[0], ticks[-1]
    span = high - low
    labels = [tick_label(value, step) for value in ticks]
    left = int(max(text_width(label, SMALL_SIZE) for label in labels)) + 14
    right, top, bottom = 12, 12, 54
    plot_w = width - left - right
    plot_h = height - top - bottom

    def y_of(value: float) -> float:
        return top + (high - value) / span * plot_h

    slot = plot_w / len(categories)
    bar_w = slot * 0.7
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
            f'<text x="{x + bar_w / 2:.1f}" y="{height - bottom + 16}" text-anchor="middle" '
            f'font-size="{SMALL_SIZE}">{escape(category)}</text>'
        )
    zero = y_of(0.0)
    parts.append(
        f'<line x1="{left}" y1="{zero:.1f}" x2="{width - right}" y2="{zero:.1f}" '
        f'stroke="#333" stroke-width="1"/>'
    )
    legend_x = left
    legend_y = height - 14
    for s_index, (name, _values) in enumerate(series):
        colour = PALETTE[s_index % len(PALETTE)]
        parts.append(
            f'<rect x="{legend_x}" y="{legend_y - 9}" width="10" height="10" fill="{colour}"/>'
        )
        parts.append(
            f'<text x="{legend_x + 14}" y="{legend_y}" font-size="{SMALL_SIZE}">'
            f"{escape(name)}</text>"
        )
        legend_x += int(28 + text_width(name, SMALL_SIZE))
    parts.append(
        f'<text x="{width - right}" y="{legend_y}" text-anchor="end" font-size="{SMALL_SIZE}" '
        f'fill="#555">{escape(unit)}</text>'
    )
    parts.append("</svg>")
    return "".join(parts)
