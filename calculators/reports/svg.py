"""Drawing helpers shared by every server-drawn SVG chart (no JavaScript, no CDN).

Pure: text metrics, "nice" axis ticks and the pieces every chart repeats (the opening tag
with its accessible title and description, the value axis with gridlines, the category
labels, the zero line, the legend and the unit caption). Each piece returns SVG markup as a
list of strings for the caller to extend its ``parts`` with; text is escaped here. Used by
:mod:`calculators.reports.charts`, :mod:`calculators.assessment.charts`,
:mod:`calculators.performance.charts` and ``cems_site.dashboard.charts``. Issues no query.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
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


def fmt_value(value: float) -> str:
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


def svg_open(width: float, height: float, title: str, desc: str = "") -> list[str]:
    """The ``<svg>`` tag at natural size (shrinking only to fit) with its accessible name.

    ``title`` becomes the ``<title>`` (the chart's accessible name, role ``img``); ``desc``,
    when given, a ``<desc>`` (its longer text alternative).
    """
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="cems-chart" role="img" '
        f'width="{width:.0f}" height="{height:.0f}" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'style="max-width:100%;height:auto" preserveAspectRatio="xMinYMin meet">',
        f"<title>{escape(title)}</title>",
    ]
    if desc:
        parts.append(f"<desc>{escape(desc)}</desc>")
    return parts


@dataclass(frozen=True)
class ValueAxis:
    """A value axis over :func:`nice_ticks`: the ticks, their step and their printed figures."""

    ticks: list[float]
    step: float
    labels: list[str]

    @property
    def low(self) -> float:
        return self.ticks[0]

    @property
    def high(self) -> float:
        return self.ticks[-1]

    @property
    def label_width(self) -> int:
        """Width in px of the widest tick figure, for the margin left of the plot."""
        return int(max(text_width(label, SMALL_SIZE) for label in self.labels))

    def scale(self, top: float, plot_height: float) -> Callable[[float], float]:
        """A function from a value to its y coordinate in a plot ``plot_height`` px high."""
        low, high = self.low, self.high
        span = (high - low) or 1.0
        return lambda value: top + (high - value) / span * plot_height


def value_axis(low: float, high: float) -> ValueAxis:
    """The axis of :func:`nice_ticks` from ``low`` to ``high`` with its tick figures."""
    ticks = nice_ticks(low, high)
    step = ticks[1] - ticks[0]
    return ValueAxis(ticks, step, [tick_label(value, step) for value in ticks])


def y_axis(
    axis: ValueAxis, y_of: Callable[[float], float], *, left: float, right: float
) -> list[str]:
    """A light gridline from ``left`` to ``right`` and the figure left of it, per tick."""
    parts = []
    for value, label in zip(axis.ticks, axis.labels, strict=True):
        y = y_of(value)
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{right}" y2="{y:.1f}" '
            f'stroke="#ddd" stroke-width="1"/>'
        )
        parts.append(
            f'<text x="{left - 6}" y="{y + SMALL_SIZE * 0.35:.1f}" text-anchor="end" '
            f'font-size="{SMALL_SIZE}">{label}</text>'
        )
    return parts


def x_labels(items: Iterable[tuple[float, object]], *, y: float) -> list[str]:
    """One centred label per ``(x, text)`` below the plot, on the baseline ``y``."""
    return [
        f'<text x="{x:.1f}" y="{y}" text-anchor="middle" '
        f'font-size="{SMALL_SIZE}">{escape(str(text))}</text>'
        for x, text in items
    ]


def zero_line(y: float, *, left: float, right: float) -> list[str]:
    """The dark line at value zero, from which bars rise and fall."""
    return [
        f'<line x1="{left}" y1="{y:.1f}" x2="{right}" y2="{y:.1f}" stroke="#333" stroke-width="1"/>'
    ]


#: Legend keys: (swatch width, gap after the name) in px.
SWATCHES = {"box": (10, 14), "bar": (14, 18), "line": (18, 14)}


def swatch(kind: str, x: float, y: float, colour: str, dash: str = "none") -> str:
    """A legend key left of a name set on the baseline ``y``: a square, a bar or a line."""
    if kind == "box":
        return f'<rect x="{x}" y="{y - 9}" width="10" height="10" fill="{colour}"/>'
    if kind == "bar":
        return f'<rect x="{x}" y="{y - 9}" width="14" height="4" fill="{colour}"/>'
    return (
        f'<line x1="{x}" y1="{y - 4}" x2="{x + 18}" y2="{y - 4}" '
        f'stroke="{colour}" stroke-width="2" stroke-dasharray="{dash}"/>'
    )


def legend(
    entries: Iterable[tuple[str, str, str]],
    *,
    x: float,
    y: float,
    kind: str = "box",
    gap: int | None = None,
    fill: str = "",
) -> list[str]:
    """A one-line legend from ``x`` on the baseline ``y``: key and name per
    ``(name, colour, dash)``. ``kind`` is a key of :data:`SWATCHES`; ``fill`` colours the names.
    """
    width, default_gap = SWATCHES[kind]
    gap = default_gap if gap is None else gap
    colour_attr = f' fill="{fill}"' if fill else ""
    parts = []
    for name, colour, dash in entries:
        parts.append(swatch(kind, x, y, colour, dash))
        parts.append(
            f'<text x="{x + width + 4}" y="{y}" font-size="{SMALL_SIZE}"{colour_attr}>'
            f"{escape(name)}</text>"
        )
        x += int(width + 4 + gap + text_width(name, SMALL_SIZE))
    return parts


def unit_caption(unit: str, *, x: float, y: float) -> str:
    """The unit of the value axis, right-aligned at ``x`` on the legend's baseline ``y``."""
    return (
        f'<text x="{x}" y="{y}" text-anchor="end" font-size="{SMALL_SIZE}" '
        f'fill="#555">{escape(unit)}</text>'
    )
