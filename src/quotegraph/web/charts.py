"""Bar charts of counts per month, drawn on the server as SVG (no script, no external files)."""
from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Iterable

WIDTH, HEIGHT, AXIS = 720, 160, 18
# Past this many months, bars are counted per year instead (a bar stays wide enough to see).
MAX_MONTH_BARS = 72
# A chart of fewer periods leaves room for this many (one month is not a full-width block).
MIN_SLOTS = 12


@dataclass(frozen=True, slots=True)
class Bar:
    label: str  # "2024-03" (or "2024")
    count: int
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True, slots=True)
class Chart:
    bars: list[Bar]
    width: int
    height: int
    axis_y: int
    first: str
    last: str
    peak: int
    # where the first and last periods' labels stand: under their bars (the first from its
    # bar's left edge, the last ending at its bar's right edge), not at the chart's ends,
    # which a chart of a few periods does not reach
    first_x: float
    last_x: float


def per_month(dated: Iterable[tuple[str | dt.date, int]]) -> Chart | None:
    """A chart of `(date or ISO string, count)` pairs summed per month (per year when the
    span is long), every period between the first and the last drawn; None when none is dated."""
    months: Counter[str] = Counter()
    for day, count in dated:
        text = day.isoformat() if isinstance(day, dt.date) else str(day)
        if len(text) >= 7 and text[:4].isdigit() and text[5:7].isdigit():
            months[text[:7]] += count
    if not months:
        return None
    first, last = min(months), max(months)
    periods = _months(first, last)
    if len(periods) > MAX_MONTH_BARS:
        years: Counter[str] = Counter()
        for month, count in months.items():
            years[month[:4]] += count
        months, periods = years, [str(y) for y in range(int(first[:4]), int(last[:4]) + 1)]
    peak = max(months.values())
    step = WIDTH / max(len(periods), MIN_SLOTS)
    plot = HEIGHT - AXIS
    bars = []
    for index, period in enumerate(periods):
        count = months.get(period, 0)
        height = plot * count / peak if peak else 0
        bars.append(Bar(period, count, round(index * step + step * 0.1, 2), round(plot - height, 2),
                        round(step * 0.8, 2), round(height, 2)))
    return Chart(bars, WIDTH, HEIGHT, plot, periods[0], periods[-1], peak, bars[0].x,
                 round(bars[-1].x + bars[-1].width, 2))


def _months(first: str, last: str) -> list[str]:
    year, month = int(first[:4]), int(first[5:7])
    out = []
    while (year, month) <= (int(last[:4]), int(last[5:7])):
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def chart_rows(chart: Chart | None) -> list[dict[str, str | int]]:
    """A chart's bars as data (the JSON twin's): period and count."""
    return [{"period": bar.label, "count": bar.count} for bar in chart.bars] if chart else []
