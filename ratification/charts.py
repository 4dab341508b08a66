"""Server-rendered SVG charts: pure functions from plain data to markup, no JavaScript, no CDN.

Every chart carries a `<title>` and `<desc>` (and `role="img"` with `aria-labelledby`) so screen
readers announce it; templates also render a table twin of the same data. All text that goes into
the markup is escaped here, because the result is marked safe for the template.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

_PAD_LEFT, _PAD_RIGHT, _PAD_TOP, _PAD_BOTTOM = 44, 16, 12, 28


def _nice_max(value: int) -> int:
    """A round upper bound divisible by 4 (4, 8, 20, 40, 100, 200, …): gridlines on whole numbers."""
    step = 1
    while True:
        for mult in (1, 2, 5):
            if value <= 4 * step * mult:
                return 4 * step * mult
        step *= 10


def _open(chart_id: str, width: int, height: int, title: str, desc: str) -> str:
    cid = escape(chart_id)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" '
        f'aria-labelledby="{cid}-title {cid}-desc">'
        f'<title id="{cid}-title">{escape(title)}</title>'
        f'<desc id="{cid}-desc">{escape(desc)}</desc>'
    )


def parties_chart_svg(
    series: Sequence[tuple[datetime.date, int]],
    *,
    chart_id: str,
    title: str,
    desc: str,
    until: datetime.date | None = None,
    width: int = 640,
    height: int = 240,
) -> SafeString:
    """A step line of the number of parties over time (the count changes only on deposit dates)."""
    parts = [_open(chart_id, width, height, title, desc)]
    plot_w = width - _PAD_LEFT - _PAD_RIGHT
    plot_h = height - _PAD_TOP - _PAD_BOTTOM
    if not series:
        parts.append(f'<text x="{width // 2}" y="{height // 2}" text-anchor="middle">-</text>')
        parts.append("</svg>")
        return mark_safe("".join(parts))  # built from escaped text and numbers

    start = series[0][0]
    end = max(until or series[-1][0], series[-1][0])
    span = max((end - start).days, 1)
    top = _nice_max(max(n for _, n in series))

    def x(d: datetime.date) -> float:
        return round(_PAD_LEFT + plot_w * (d - start).days / span, 1)

    def y(n: int) -> float:
        return round(_PAD_TOP + plot_h * (1 - n / top), 1)

    for i in range(5):  # horizontal gridlines with their values
        value = top * i // 4  # exact: top is divisible by 4
        parts.append(
            f'<line x1="{_PAD_LEFT}" x2="{width - _PAD_RIGHT}" y1="{y(value)}" y2="{y(value)}" '
            f'stroke="#d9dde3" stroke-width="1"/>'
            f'<text x="{_PAD_LEFT - 6}" y="{y(value) + 4}" text-anchor="end" '
            f'font-size="11" fill="#5b6475">{value}</text>'
        )
    first_year, last_year = start.year, end.year
    year_step = max(1, (last_year - first_year + 1) // 8)
    for year in range(first_year + 1, last_year + 1, year_step):  # vertical year ticks
        tick = x(datetime.date(year, 1, 1))
        parts.append(
            f'<text x="{tick}" y="{height - 8}" text-anchor="middle" font-size="11" '
            f'fill="#5b6475">{year}</text>'
        )

    points: list[str] = []
    previous = 0
    for date, count in series:
        points.append(f"{x(date)},{y(previous)}")
        points.append(f"{x(date)},{y(count)}")
        previous = count
    points.append(f"{x(end)},{y(previous)}")
    parts.append(
        f'<polyline fill="none" stroke="#0b6e4f" stroke-width="2" points="{" ".join(points)}"/>'
    )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # built from escaped text and numbers


def bar_chart_svg(
    items: Sequence[tuple[str, int]],
    *,
    chart_id: str,
    title: str,
    desc: str,
    width: int = 640,
    bar_height: int = 22,
) -> SafeString:
    """Horizontal bars, one per labelled value (labels are escaped: they may come from data)."""
    label_w, gap = 120, 8
    height = _PAD_TOP + len(items) * (bar_height + gap) + _PAD_TOP
    parts = [_open(chart_id, width, height, title, desc)]
    top = max([n for _, n in items] + [1])
    plot_w = width - label_w - 60
    for i, (label, value) in enumerate(items):
        y = _PAD_TOP + i * (bar_height + gap)
        w = round(plot_w * value / top, 1)
        parts.append(
            f'<text x="{label_w - 6}" y="{y + bar_height * 0.7}" text-anchor="end" '
            f'font-size="12">{escape(label)}</text>'
            f'<rect x="{label_w}" y="{y}" width="{w}" height="{bar_height}" fill="#0b6e4f"/>'
            f'<text x="{label_w + w + 6}" y="{y + bar_height * 0.7}" font-size="12">{value}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # built from escaped text and numbers
