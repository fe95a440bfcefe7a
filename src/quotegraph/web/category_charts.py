"""Horizontal bar charts of one figure per category (an outlet, a month, a source type),
drawn on the server as SVG like charts.py's: no script, nothing loaded, each bar a link to
the statements behind it. A page pairs every chart with a table of the same numbers."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

WIDTH = 720
LABEL_WIDTH = 210  # the category's name, right-aligned before its bar
VALUE_WIDTH = 90  # the figure, after its bar
ROW_HEIGHT = 22
BAR_HEIGHT = 15
# Labels longer than this are cut with "…" (the table beside the chart has them whole).
LABEL_CHARS = 30
# Past this many categories a chart shows the first ones only (the table lists them all).
MAX_BARS = 30


@dataclass(frozen=True, slots=True)
class CategoryBar:
    label: str  # as shown (cut to LABEL_CHARS)
    name: str  # whole, for the link's accessible name
    value: float | None  # None: nothing to draw (no woman or man among the speakers)
    shown: str  # the figure as written after the bar ("60%", "1,204")
    href: str
    y: float
    width: float


@dataclass(frozen=True, slots=True)
class CategoryChart:
    bars: list[CategoryBar]
    width: int
    height: int
    label_width: int
    bar_height: int
    omitted: int  # categories left out past MAX_BARS


def category_chart(items: Sequence[tuple[str, float | None, str, str]], peak: float) -> CategoryChart | None:
    """A chart of (name, value, value as shown, link) items, bars scaled to `peak` (1.0 for
    shares, the largest count for counts); None when there are no items."""
    if not items:
        return None
    plot = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    bars = []
    for index, (name, value, shown, href) in enumerate(items[:MAX_BARS]):
        label = name if len(name) <= LABEL_CHARS else name[:LABEL_CHARS - 1] + "…"
        width = round(plot * value / peak, 2) if value and peak else 0.0
        bars.append(CategoryBar(label, name, value, shown, href, index * ROW_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT) / 2,
                                width))
    return CategoryChart(bars, WIDTH, len(bars) * ROW_HEIGHT, LABEL_WIDTH, BAR_HEIGHT,
                         max(0, len(items) - MAX_BARS))
