"""Browser: the directory's results on a map beside the list (issue 15, item 10). A visitor
filters the directory and the map shows exactly the partners found, the hidden address at its
city, every name as text; beside the list at 1280 px, below it at 390 px, drawn offline."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from tests.factories import PartnerFactory

pytestmark = pytest.mark.django_db(transaction=True)

HOSTILE = "<img src=x onerror=alert(1)> ${alert(2)}"
EXACT = (Decimal("19.43261"), Decimal("-99.13321"))
CITY = (Decimal("19.40000"), Decimal("-99.10000"))
MARKERS = ".directory-map .leaflet-marker-icon"


def _partner(name: str, country: str, city: str, lat: float, lon: float) -> Any:
    point = (Decimal(str(lat)), Decimal(str(lon)))
    return PartnerFactory(
        name=name,
        country=country,
        city=city,
        latitude=point[0],
        longitude=point[1],
        city_latitude=point[0],
        city_longitude=point[1],
    )


@pytest.fixture
def partners() -> None:
    # Far apart, so that each is its own marker at any zoom the map fits them at.
    _partner("Casa Tijuana", "MX", "Tijuana", 32.51, -117.04)
    _partner(HOSTILE, "MX", "Monterrey", 25.67, -100.31)
    PartnerFactory(
        name="Refugio Discreto",
        country="MX",
        city="Mexico City",
        show_address=False,
        latitude=EXACT[0],
        longitude=EXACT[1],
        city_latitude=CITY[0],
        city_longitude=CITY[1],
    )
    _partner("Centro Quito", "EC", "Quito", -0.18, -78.47)
    _partner("Dakar Union", "SN", "Dakar", 14.69, -17.44)


def _watch(page: Any) -> dict[str, list[str]]:
    seen: dict[str, list[str]] = {"requests": [], "dialogs": [], "errors": []}
    page.on("request", lambda r: seen["requests"].append(r.url))
    page.on("dialog", lambda d: (seen["dialogs"].append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    page.on("console", lambda m: seen["errors"].append(m.text) if m.type == "error" else None)
    return seen


def _markers(page: Any) -> dict[str, tuple[float, float]]:
    """Every marker the directory's Leaflet map holds (clustered or not): its title and point."""
    page.locator(MARKERS).first.wait_for()
    return {
        title: (lat, lng)
        for title, lat, lng in page.evaluate(
            """() => {
                const map = window[document.querySelector('.directory-map .folium-map').id];
                const found = [];
                map.eachLayer((layer) => {
                    if (layer instanceof L.Marker && layer.options.title) {
                        const p = layer.getLatLng();
                        found.push([layer.options.title, p.lat, p.lng]);
                    }
                });
                return found;
            }"""
        )
    }


def test_filtering_the_directory_filters_the_map(page, live_server, partners, screenshot):
    seen = _watch(page)
    page.goto(f"{live_server.url}/en/partners/")
    everyone = {"Casa Tijuana", HOSTILE, "Refugio Discreto", "Centro Quito", "Dakar Union"}
    assert set(_markers(page)) == everyone
    assert page.locator(MARKERS).count() == 5  # each drawn, none hidden in a cluster

    page.locator('select[name="country"]').select_option("MX")
    page.locator(".filters button[type=submit]").click()
    page.wait_for_url("**country=MX**")
    drawn = _markers(page)
    assert set(drawn) == {"Casa Tijuana", HOSTILE, "Refugio Discreto"}
    assert page.locator(MARKERS).count() == 3
    # The partner that hides its address is at its city, never at its exact point.
    assert drawn["Refugio Discreto"] == (float(CITY[0]), float(CITY[1]))
    screenshot("directory-map-filtered-1280")

    page.locator('input[name="q"]').fill("quito")
    page.locator('select[name="country"]').select_option("")
    page.locator('input[name="q"]').press("Enter")
    page.wait_for_url("**q=quito**")
    assert set(_markers(page)) == {"Centro Quito"}

    # Only the site's own files, nothing from a CDN or a tile server; no CSP report, no error.
    assert all(url.startswith(live_server.url) for url in seen["requests"]), seen["requests"]
    assert not seen["errors"], seen["errors"]


def test_a_hostile_name_is_shown_as_text_in_its_popup(page, live_server, partners):
    seen = _watch(page)
    page.goto(f"{live_server.url}/en/partners/?country=MX")
    page.locator(f'{MARKERS}[title="{HOSTILE}"]').click()
    popup = page.locator(".directory-map .leaflet-popup-content")
    popup.wait_for()
    assert popup.locator(".cm-popup-name").inner_text() == HOSTILE
    assert popup.locator("a.cm-popup-link").get_attribute("href").startswith("/en/partners/")
    assert page.evaluate("() => document.querySelectorAll('img[src=\"x\"]').length") == 0
    assert not seen["dialogs"], seen["dialogs"]
    assert not seen["errors"], seen["errors"]


@pytest.mark.parametrize("width", [1280, 390])
def test_the_map_is_beside_the_list_on_a_wide_screen_and_below_it_on_a_phone(
    page, live_server, partners, screenshot, width
):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(f"{live_server.url}/en/partners/")
    page.locator(MARKERS).first.wait_for()
    table = page.locator(".directory-list table").bounding_box()
    frame = page.locator(".directory-map-frame").bounding_box()
    assert frame["height"] >= 300
    if width == 1280:
        assert frame["x"] >= table["x"] + table["width"]  # to the right of the list
        assert frame["y"] < table["y"] + table["height"]  # and level with it
        assert frame["width"] >= 280
    else:
        assert frame["y"] >= table["y"] + table["height"]  # under the list
        assert frame["width"] >= width - 2 * 24  # the page's width, less its margins
    # Nothing wider than the screen.
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width
    screenshot(f"directory-map-{width}")
