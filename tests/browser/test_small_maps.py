"""Small maps in a real browser (issue 15, item 12): a partner's map opens on its country and
the neighbours, outlined, with the city named on the map (a hostile city name shown as text);
the country page's map frames the country, not the world."""

from __future__ import annotations

from typing import Any

import pytest

from ratification.services.reference_data import countries_load
from tests.factories import PartnerFactory, TreatyFactory

pytestmark = pytest.mark.django_db(transaction=True)

HOSTILE_CITY = "<img src=x onerror=alert(1)> Tijuana"


def _view(page: Any) -> dict[str, Any]:
    return page.evaluate(
        """() => {
            const el = document.querySelector('.folium-map');
            const map = window[el.id];
            const b = map.getBounds();
            let outlined = 0, focus = 0;
            map.eachLayer((layer) => {
                if (layer.feature && layer._path) {
                    outlined += 1;
                    if (layer.feature.properties.focus) focus += 1;
                }
            });
            return {west: b.getWest(), east: b.getEast(), south: b.getSouth(),
                    north: b.getNorth(), zoom: map.getZoom(), outlined, focus};
        }"""
    )


def test_a_partner_map_shows_the_country_its_neighbours_and_the_city(page, live_server, screenshot):
    countries_load()
    PartnerFactory(
        name="Casa del Migrante", slug="casa", country="MX", city=HOSTILE_CITY,
        show_address=False, latitude=32.5149, longitude=-117.0382,
        city_latitude=32.5149, city_longitude=-117.0382,
    )  # fmt: skip
    dialogs: list[str] = []
    errors: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{live_server.url}/en/partners/casa/")
    label = page.locator(".cm-city-label")
    label.wait_for()
    assert label.inner_text() == HOSTILE_CITY  # text, never HTML
    view = _view(page)
    # All of mainland Mexico in view, and not much more than its neighbourhood.
    assert view["west"] <= -117.2
    assert view["east"] >= -86.7
    assert view["south"] <= 14.5
    assert view["north"] >= 32.7
    # The map is wider than tall (300 px high): the frame's height decides the zoom.
    assert view["east"] - view["west"] < 150, view
    assert view["zoom"] >= 2.5, view
    # The country and its neighbours are drawn, the country marked out.
    assert view["focus"] == 1
    assert view["outlined"] >= 5
    screenshot("partner-small-map")
    assert not dialogs
    assert not errors
    assert page.evaluate("() => document.querySelectorAll('img[src=\"x\"]').length") == 0


def test_the_country_page_map_frames_the_country(page, live_server, screenshot):
    countries_load()
    TreatyFactory()
    page.goto(f"{live_server.url}/en/countries/FR/")
    page.wait_for_function(
        "() => document.querySelector('.folium-map') && window[document.querySelector("
        "'.folium-map').id] && document.querySelectorAll('.leaflet-overlay-pane path').length > 3"
    )
    view = _view(page)
    # Metropolitan France and its neighbours, in the middle: not the world, nor French Guiana.
    assert view["west"] <= -5
    assert view["east"] >= 8
    assert 36 < view["south"] < 42.3, view
    assert 51.1 < view["north"] < 58, view
    assert -5 < (view["west"] + view["east"]) / 2 < 12, view
    assert view["east"] - view["west"] < 90, view
    assert view["focus"] >= 1
    screenshot("country-small-map")
