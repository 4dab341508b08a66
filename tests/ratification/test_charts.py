from __future__ import annotations

import datetime
import re

from ratification.charts import (
    _nice_max,
    bar_chart_responsive,
    bar_chart_svg,
    parties_chart_responsive,
    parties_chart_svg,
)


def test_parties_chart_has_title_desc_and_a_step_line():
    svg = parties_chart_svg(
        [(datetime.date(2000, 1, 1), 1), (datetime.date(2005, 6, 1), 3)],
        chart_id="c1",
        title="Parties over time",
        desc="3 parties",
        until=datetime.date(2010, 1, 1),
    )
    assert svg.startswith("<svg")
    assert svg.endswith("</svg>")
    assert 'role="img"' in svg
    assert 'aria-labelledby="c1-title c1-desc"' in svg
    assert '<title id="c1-title">Parties over time</title>' in svg
    assert '<desc id="c1-desc">3 parties</desc>' in svg
    assert "<polyline" in svg
    # Two steps up, then flat to the end date: 2 points per change plus the closing point.
    points = svg.split('points="')[1].split('"')[0].split()
    assert len(points) == 5
    assert "http://" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")


def test_parties_chart_escapes_its_text():
    svg = parties_chart_svg(
        [(datetime.date(2000, 1, 1), 1)],
        chart_id='x"><script>',
        title="<script>alert(1)</script>",
        desc="a & b",
    )
    assert "<script>" not in svg
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in svg
    assert "a &amp; b" in svg


def test_parties_chart_without_data_still_renders():
    svg = parties_chart_svg([], chart_id="e", title="Empty", desc="No party yet")
    assert "<title" in svg
    assert "<polyline" not in svg


def test_bar_chart_escapes_labels_and_draws_one_bar_per_item():
    svg = bar_chart_svg(
        [("Africa", 20), ("<b>Asia</b>", 5), ("Europe", 0)],
        chart_id="r",
        title="By region",
        desc="Parties by region",
    )
    assert svg.count("<rect") == 3
    assert "<b>" not in svg
    assert "&lt;b&gt;Asia&lt;/b&gt;" in svg


def test_nice_max_is_round_and_divisible_by_four():
    for value, expected in [(0, 4), (3, 4), (5, 8), (9, 20), (60, 80), (81, 200)]:
        assert _nice_max(value) == expected


def test_responsive_parties_chart_has_a_compact_drawing_with_larger_text():
    series = [(datetime.date(1991 + i, 1, 1), i + 1) for i in range(30)]
    html = parties_chart_responsive(series, chart_id="c", title="T", desc="D")
    wide, compact = html.split('<div class="chart-compact">')
    assert wide.startswith('<div class="chart-wide"><svg')
    assert 'viewBox="0 0 640 240"' in wide
    assert 'id="c-title"' in wide
    assert 'viewBox="0 0 340 230"' in compact
    assert 'id="c-compact-title"' in compact  # ids stay unique on the page
    assert 'font-size="13"' in compact
    assert 'font-size="11"' not in compact
    assert len(re.findall(r">(?:19|20)\d\d<", compact)) == 4  # 30 years, 4 labels
    assert len(re.findall(r">(?:19|20)\d\d<", wide)) == 8


def test_compact_bar_chart_puts_labels_above_the_bars():
    svg = bar_chart_svg(
        [("Latin America and the Caribbean", 3)],
        chart_id="b",
        title="T",
        desc="D",
        width=340,
        labels_above=True,
    )
    assert '<text x="0" y=' in svg  # the label starts at the left edge, never cut off
    assert '<rect x="0"' in svg  # the bar has the whole width


def test_compact_bar_chart_keeps_short_labels_beside_the_bars():
    html = bar_chart_responsive([("14 Nov", 2), ("15 Nov", 0)], chart_id="d", title="T", desc="D")
    compact = html.split('<div class="chart-compact">')[1]
    assert '<rect x="72"' in compact
    regions = bar_chart_responsive(
        [("Latin America and the Caribbean", 3)], chart_id="r", title="T", desc="D"
    )
    assert '<rect x="0"' in regions.split('<div class="chart-compact">')[1]
