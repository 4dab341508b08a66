"""/map/ on a phone (390 x 844) and the tables at 1280 px, as a visitor meets them (issue 15, item
13): the legend folds away below the map instead of covering it, the whole world fits the
screen, a sorted column shows one arrow, changing the treaty loads the page once, and words in
table cells wrap only between words."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

import pytest

from ratification.models import ActionKind
from ratification.services.reference_data import countries_load
from tests.browser.conftest import SCREENSHOTS
from tests.factories import TreatyActionFactory, TreatyFactory

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}
SHAPES = ".leaflet-overlay-pane path.leaflet-interactive"


@pytest.fixture
def data() -> Any:
    countries_load()
    treaty = TreatyFactory(as_of=datetime.date(2026, 2, 3))
    for code, kind, date in [
        ("MX", ActionKind.SIGNATURE, datetime.date(1991, 5, 22)),
        ("MX", ActionKind.RATIFICATION, datetime.date(1999, 3, 8)),
        ("CL", ActionKind.SIGNATURE, datetime.date(1993, 9, 24)),
        ("AR", ActionKind.SIGNATURE, datetime.date(2004, 8, 10)),
    ]:
        TreatyActionFactory(treaty=treaty, country=code, kind=kind, date=date)
    other = TreatyFactory(
        slug="cat",
        short_name="CAT",
        name="Convention against Torture",
        untc_reference="IV-9",
        position=5,
    )
    TreatyActionFactory(
        treaty=other, country="BR", kind=ActionKind.RATIFICATION, date=datetime.date(1989, 9, 28)
    )
    return treaty


@pytest.fixture
def phone(browser: Any, live_server: Any) -> Iterator[Any]:
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def _screenshot(page: Any, name: str) -> None:
    """The screen from the map's top: the map and what follows it."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.evaluate("() => document.querySelector('.map-frame').scrollIntoView()")
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def _wait_drawn(page: Any) -> None:
    page.wait_for_function(f"() => document.querySelectorAll('{SHAPES}').length > 200")


def _box(page: Any, selector: str) -> dict[str, float]:
    box = page.locator(selector).first.bounding_box()
    assert box is not None, selector
    return box


def _overlap(a: dict[str, float], b: dict[str, float]) -> bool:
    return not (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )


def test_the_legend_folds_away_below_the_map_on_a_phone(phone, live_server, data):
    phone.goto(f"{live_server.url}/en/map/")
    _wait_drawn(phone)
    legend = phone.locator(".cm-legend")
    assert legend.count() == 1
    map_box = _box(phone, ".folium-map")
    legend_box = _box(phone, ".cm-legend")
    assert not _overlap(map_box, legend_box), (map_box, legend_box)
    assert legend_box["y"] >= map_box["y"] + map_box["height"]  # below the map, in the page
    assert phone.locator(".folium-map .cm-legend").count() == 0
    # Open, with every status in words, and it folds away with its summary.
    details = phone.locator(".cm-legend details")
    assert details.evaluate("d => d.open") is True
    assert "No action" in legend.inner_text()
    assert "Not applicable (territory)" in legend.inner_text()
    _screenshot(phone, "map-phone-legend-open")
    phone.locator(".cm-legend summary").click()
    assert details.evaluate("d => d.open") is False
    assert phone.locator(".cm-legend-items").is_hidden()
    _screenshot(phone, "map-phone-legend-folded")


def test_the_whole_world_fits_a_phone_screen(phone, live_server, data):
    phone.goto(f"{live_server.url}/en/map/")
    _wait_drawn(phone)
    view = phone.evaluate(
        """() => {
            const el = document.querySelector('.folium-map');
            const b = window[el.id].getBounds();
            const r = el.getBoundingClientRect();
            return {west: b.getWest(), east: b.getEast(), south: b.getSouth(),
                    north: b.getNorth(), left: r.left, right: r.right,
                    zoom: window[el.id].getZoom()};
        }"""
    )
    # From the Bering Strait west of Alaska to Chukotka (190° E after the antimeridian fix),
    # and Cape Horn to the Arctic coasts, inside a map that is inside the screen.
    assert view["west"] <= -170, view
    assert view["east"] >= 190, view
    assert view["south"] <= -56, view
    assert view["north"] >= 76, view
    assert view["left"] >= 0, view
    assert view["right"] <= PHONE["width"], view
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


ARROWS = "▲▼\u25b2\u25bc"


def _arrows_in(page: Any, selector: str) -> str:
    """Every sort arrow drawn in the element, its descendants and their ::before/::after."""
    return page.evaluate(
        """([selector, arrows]) => {
            const root = document.querySelector(selector);
            let seen = '';
            const keep = (text) => { for (const ch of text || '') if (arrows.includes(ch)) seen += ch; };
            for (const el of [root, ...root.querySelectorAll('*')]) {
                for (const node of el.childNodes) if (node.nodeType === 3) keep(node.textContent);
                for (const pseudo of ['::before', '::after']) {
                    const content = getComputedStyle(el, pseudo).content;
                    if (content && content !== 'none' && content !== 'normal') keep(content);
                }
            }
            return seen;
        }""",
        [selector, ARROWS],
    )


@pytest.mark.parametrize("viewport", [PHONE, {"width": 1280, "height": 800}])
def test_the_sorted_column_shows_one_arrow(browser, live_server, data, viewport):
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/en/map/")
        head = "#map-table thead"
        assert _arrows_in(page, head) == "▲"  # sorted by country, ascending, on arrival
        page.locator("#map-table thead th").nth(1).locator("button").dispatch_event("click")
        assert page.locator("#map-table thead th").nth(1).get_attribute("aria-sort") == (
            "ascending"
        )
        assert _arrows_in(page, head) == "▲"
        page.locator("#map-table thead th").nth(1).locator("button").dispatch_event("click")
        assert _arrows_in(page, head) == "▼"
        # The server-sorted country index too.
        page.goto(f"{live_server.url}/en/countries/")
        assert len(_arrows_in(page, "#country-index thead, table thead")) == 1
    finally:
        context.close()


def test_changing_the_treaty_loads_the_page_once(phone, live_server, data):
    phone.goto(f"{live_server.url}/en/map/")
    _wait_drawn(phone)
    documents: list[str] = []
    phone.on(
        "request",
        lambda r: documents.append(r.url) if r.resource_type == "document" else None,
    )
    phone.locator("#map-treaty").tap()
    with phone.expect_navigation():
        phone.select_option("#map-treaty", "cat")
    _wait_drawn(phone)
    phone.wait_for_timeout(1500)  # a second submit would have started by now
    assert len(documents) == 1, documents
    assert "treaty=cat" in documents[0]
    assert "treaty=cat" in phone.url


_BROKEN_WORDS = """(selector) => {
    // A word broken across lines has more than one box: measure each word of each cell.
    const broken = [];
    const cells = [...document.querySelectorAll(selector)].slice(0, 400);
    for (const cell of cells) {
        const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
        let node;
        while ((node = walker.nextNode())) {
            const re = /\\S+/g;
            let m;
            while ((m = re.exec(node.textContent))) {
                const range = document.createRange();
                range.setStart(node, m.index);
                range.setEnd(node, m.index + m[0].length);
                const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
                if (lines.size > 1) broken.push(m[0]);
            }
        }
    }
    return broken;
}"""


@pytest.mark.parametrize(("language", "path"), [
    ("en", "/countries/"), ("es", "/countries/"), ("en", "/map/"), ("es", "/map/"),
])  # fmt: skip
def test_words_in_table_cells_never_break_mid_word_at_1280(page, live_server, data, language, path):
    page.goto(f"{live_server.url}/{language}{path}")
    cells = "main table td, main table th"
    assert page.locator(cells).count() > 100
    words = page.evaluate("(s) => document.querySelectorAll(s).length", cells)
    assert words > 0
    assert page.evaluate(_BROKEN_WORDS, cells) == []
    assert page.evaluate("document.documentElement.lang") == language
