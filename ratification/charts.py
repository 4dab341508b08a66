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
    font_size: int = 11,
    max_year_labels: int = 8,
) -> SafeString:
    """A step line of the number of parties over time (the count changes only on deposit dates).

    The SVG scales to its box (viewBox); `font_size` is in viewBox units, so a narrow drawing
    (`width` ≈ 340) with a larger font stays readable on a phone: see `chart_pair`.
    """
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
            f'font-size="{font_size}" fill="#5b6475">{value}</text>'
        )
    first_year, last_year = start.year, end.year
    year_step = max(1, -(-(last_year - first_year + 1) // max_year_labels))
    for year in range(first_year + 1, last_year + 1, year_step):  # vertical year ticks
        tick = x(datetime.date(year, 1, 1))
        parts.append(
            f'<text x="{tick}" y="{height - 8}" text-anchor="middle" font-size="{font_size}" '
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
    font_size: int = 12,
    labels_above: bool = False,
    label_width: int = 120,
) -> SafeString:
    """Horizontal bars, one per labelled value (labels are escaped: they may come from data).

    `labels_above` puts each label on its own line over its bar, the whole width long: the
    compact drawing for phones, where a label column would leave no room for the bars.
    """
    label_w, gap = (0, 8) if labels_above else (label_width, 8)
    label_h = font_size + 6 if labels_above else 0
    row_h = label_h + bar_height + gap
    height = _PAD_TOP + len(items) * row_h + _PAD_TOP
    parts = [_open(chart_id, width, height, title, desc)]
    top = max([n for _, n in items] + [1])
    plot_w = width - label_w - 60
    for i, (label, value) in enumerate(items):
        y = _PAD_TOP + i * row_h + label_h
        w = round(plot_w * value / top, 1)
        if labels_above:
            parts.append(f'<text x="0" y="{y - 5}" font-size="{font_size}">{escape(label)}</text>')
        else:
            parts.append(
                f'<text x="{label_w - 6}" y="{y + bar_height * 0.7}" text-anchor="end" '
                f'font-size="{font_size}">{escape(label)}</text>'
            )
        parts.append(
            f'<rect x="{label_w}" y="{y}" width="{w}" height="{bar_height}" fill="#0b6e4f"/>'
            f'<text x="{label_w + w + 6}" y="{y + bar_height * 0.7}" '
            f'font-size="{font_size}">{value}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # built from escaped text and numbers


def chart_pair(*, wide: SafeString, compact: SafeString) -> SafeString:
    """The same chart drawn twice, for wide and for small screens; the stylesheet shows one.

    A 640-unit drawing shrunk onto a 320 px phone would print its labels at 5 px; the compact
    drawing is narrower with a larger font. The hidden one is `display: none`, so screen readers
    announce only the one shown. Give the two drawings different `chart_id`s.
    """
    return mark_safe(  # both parts are built from escaped text and numbers
        f'<div class="chart-wide">{wide}</div><div class="chart-compact">{compact}</div>'
    )


def parties_chart_responsive(
    series: Sequence[tuple[datetime.date, int]],
    *,
    chart_id: str,
    title: str,
    desc: str,
    until: datetime.date | None = None,
) -> SafeString:
    """`parties_chart_svg` for every screen: the 640-wide drawing and a 340-wide one."""
    return chart_pair(
        wide=parties_chart_svg(series, chart_id=chart_id, title=title, desc=desc, until=until),
        compact=parties_chart_svg(
            series,
            chart_id=f"{chart_id}-compact",
            title=title,
            desc=desc,
            until=until,
            width=340,
            height=230,
            font_size=13,
            max_year_labels=4,
        ),
    )


def bar_chart_responsive(
    items: Sequence[tuple[str, int]], *, chart_id: str, title: str, desc: str
) -> SafeString:
    """`bar_chart_svg` for every screen. On a phone, short labels ("14 Nov") keep a narrow
    column beside the bars; longer ones (region names) go above their bars."""
    short = all(len(label) <= 8 for label, _ in items)
    return chart_pair(
        wide=bar_chart_svg(items, chart_id=chart_id, title=title, desc=desc),
        compact=bar_chart_svg(
            items,
            chart_id=f"{chart_id}-compact",
            title=title,
            desc=desc,
            width=340,
            bar_height=18,
            font_size=14,
            labels_above=not short,
            label_width=72,
        ),
    )
