"""The maps in a real browser: drawn offline, readable on hover, driven by the controls, safe
with hostile partner names, embeddable elsewhere while the full page refuses to be framed."""

from __future__ import annotations

import datetime
from typing import Any
from urllib.parse import urlparse

import pytest

from ratification.models import ActionKind
from ratification.services.reference_data import countries_load
from tests.factories import FocusAreaFactory, PartnerFactory, TreatyActionFactory, TreatyFactory

pytestmark = pytest.mark.django_db(transaction=True)

PARTY_COLOUR = "#0072b2"
SIGNATORY_COLOUR = "#e69f00"
PAYLOADS = [
    "<img src=x onerror=alert(1)>",
    "${alert(1)}",
    "</script><script>alert(1)</script>",
    "C:\\u0041",
]
# Far apart, so that at world zoom each payload is its own marker, not a cluster.
PLACES = [(-1.29, 36.82), (14.6, 120.98), (48.85, 2.35), (-33.87, 151.2)]


@pytest.fixture
def data() -> Any:
    countries_load()
    treaty = TreatyFactory(as_of=datetime.date(2026, 2, 3))
    for code, kind, date in [
        ("MX", ActionKind.SIGNATURE, datetime.date(1991, 5, 22)),
        ("MX", ActionKind.RATIFICATION, datetime.date(1999, 3, 8)),
        ("PH", ActionKind.RATIFICATION, datetime.date(1995, 7, 5)),
        ("CL", ActionKind.SIGNATURE, datetime.date(1993, 9, 24)),
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


def _watch(page: Any) -> dict[str, list[str]]:
    seen: dict[str, list[str]] = {"requests": [], "dialogs": [], "errors": []}
    page.on("request", lambda r: seen["requests"].append(r.url))
    page.on("dialog", lambda d: (seen["dialogs"].append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    return seen


NONE_COLOUR = "#f3efe6"
SHAPES = ".leaflet-overlay-pane path.leaflet-interactive"


def _wait_drawn(page: Any) -> None:
    page.wait_for_function(f"() => document.querySelectorAll('{SHAPES}').length > 200")


def _country_fill(page: Any, iso2: str) -> str:
    """The fill of a country's shape as drawn, found through the Leaflet map itself."""
    fill = page.evaluate(
        """(iso2) => {
            const map = window[document.querySelector('.folium-map').id];
            let fill = null;
            map.eachLayer((layer) => {
                if (layer.feature && layer.feature.properties.iso2 === iso2 && layer._path) {
                    fill = layer._path.getAttribute('fill');
                }
            });
            return fill;
        }""",
        iso2,
    )
    return (fill or "").lower()


def _hover_latlng(page: Any, lat: float, lon: float) -> None:
    """Move the mouse over a geographic point (a country's bounding box centre can be sea)."""
    x, y = page.evaluate(
        """([lat, lon]) => {
            const el = document.querySelector('.folium-map');
            const map = window[el.id];
            const p = map.latLngToContainerPoint([lat, lon]);
            const r = el.getBoundingClientRect();
            return [r.left + p.x, r.top + p.y];
        }""",
        [lat, lon],
    )
    page.mouse.move(x, y)


def test_map_draws_offline_with_shapes_and_clusters(page, live_server, data, screenshot):
    PartnerFactory.create_batch(
        30, latitude=19.43, longitude=-99.13, show_address=True, city="Mexico City"
    )
    seen = _watch(page)
    page.goto(f"{live_server.url}/en/map/")
    _wait_drawn(page)
    assert _country_fill(page, "MX") == PARTY_COLOUR
    assert _country_fill(page, "UA") == NONE_COLOUR
    page.wait_for_selector(".marker-cluster")
    assert "30" in page.locator(".marker-cluster").first.inner_text()
    screenshot("map")
    host = urlparse(live_server.url).hostname
    assert host == "127.0.0.1"
    outside = [
        u
        for u in seen["requests"]
        if urlparse(u).scheme in {"http", "https", "ws", "wss"} and urlparse(u).hostname != host
    ]
    assert not outside, outside
    assert not seen["errors"], seen["errors"]


def test_hovering_a_country_shows_its_status(page, live_server, data):
    page.goto(f"{live_server.url}/en/map/?layers=countries")
    _wait_drawn(page)
    _hover_latlng(page, 24.0, -103.0)  # Durango, Mexico
    tooltip = page.locator(".leaflet-tooltip")
    tooltip.wait_for()
    assert "Mexico" in tooltip.inner_text()
    assert "Party" in tooltip.inner_text()
    _hover_latlng(page, -10.0, -55.0)  # Mato Grosso, Brazil
    page.wait_for_function(
        "() => document.querySelector('.leaflet-tooltip')?.textContent.includes('Brazil')"
    )
    assert "No action" in page.locator(".leaflet-tooltip").inner_text()


def test_treaty_selector_and_date_change_the_colouring(page, live_server, data, screenshot):
    page.goto(f"{live_server.url}/en/map/?as_of=2000-01-01")
    _wait_drawn(page)
    assert _country_fill(page, "MX") == PARTY_COLOUR

    # The date control: typing a date submits the form and redraws the map.
    with page.expect_navigation():
        page.fill("#map-as-of", "1998-01-01")
        page.locator("#map-as-of").dispatch_event("change")
    _wait_drawn(page)
    assert "as_of=1998-01-01" in page.url
    assert _country_fill(page, "MX") == SIGNATORY_COLOUR
    screenshot("map-1998")

    # The treaty selector: Brazil is a party to the CAT, Mexico has no action under it here.
    with page.expect_navigation():
        page.select_option("#map-treaty", "cat")
    _wait_drawn(page)
    assert _country_fill(page, "BR") == PARTY_COLOUR
    assert _country_fill(page, "MX") == NONE_COLOUR


def test_hostile_partner_names_are_shown_literally_and_run_nothing(
    page, live_server, data, screenshot
):
    area = FocusAreaFactory(name="<b>bold</b>")
    for name, (lat, lon) in zip(PAYLOADS, PLACES, strict=True):
        partner = PartnerFactory(
            name=name, latitude=lat, longitude=lon, show_address=True, city="${city}"
        )
        partner.focus_areas.add(area)
    seen = _watch(page)
    page.goto(f"{live_server.url}/en/map/")
    _wait_drawn(page)
    markers = page.locator(".leaflet-marker-icon:not(.marker-cluster)")
    markers.first.wait_for()
    assert markers.count() == len(PAYLOADS)
    shown = set()
    for i in range(markers.count()):
        markers.nth(i).click()
        popup = page.locator(".leaflet-popup-content")
        popup.wait_for()
        text = popup.inner_text()
        shown.add(popup.locator(".cm-popup-name").inner_text())
        assert "${city}" in text
        assert "<b>bold</b>" in text
        page.locator(".leaflet-popup-close-button").click()
        popup.wait_for(state="detached")
    assert shown == set(PAYLOADS)
    screenshot("map-payloads")
    assert page.locator(SHAPES).count() > 200  # the map still draws
    assert not seen["dialogs"], seen["dialogs"]
    assert not seen["errors"], seen["errors"]
    assert page.evaluate("() => document.querySelectorAll('img[src=\"x\"]').length") == 0


def test_embed_renders_in_another_sites_iframe_and_the_page_refuses(
    page, live_server, data, screenshot, other_site
):
    pages, origin = other_site
    embed = f"{live_server.url}/en/map/embed/?treaty=icrmw"
    full = f"{live_server.url}/en/map/"
    pages["/partner-site/"] = (
        "<!doctype html><title>Partner site</title>"
        f'<iframe id="embed" src="{embed}" width="800" height="420"></iframe>'
        f'<iframe id="full" src="{full}" width="800" height="420"></iframe>'
    ).encode()
    refused: list[str] = []
    # Chromium obeys the CSP's frame-ancestors, and ignores X-Frame-Options, when a page has both.
    page.on(
        "console",
        lambda m: refused.append(m.text)
        if "X-Frame-Options" in m.text or "frame-ancestors" in m.text
        else None,
    )
    page.goto(f"{origin}/partner-site/")
    assert urlparse(page.url).port != urlparse(live_server.url).port
    frame = page.frame_locator("#embed")
    frame.locator(SHAPES).nth(200).wait_for()
    page.wait_for_timeout(500)
    screenshot("embed-on-other-site")
    assert page.frame_locator("#full").locator(".leaflet-container").count() == 0
    assert any("deny" in m.lower() or "frame-ancestors 'none'" in m for m in refused), refused


def test_country_page_and_profile_show_small_maps(page, live_server, data, screenshot):
    PartnerFactory(name="Sin Fronteras", slug="sin-fronteras", show_address=False,
                   latitude=19.4326, longitude=-99.1332,
                   city_latitude=19.42847, city_longitude=-99.12766)  # fmt: skip
    seen = _watch(page)
    for path, name in [("/en/countries/MX/", "country-page"),
                       ("/en/partners/sin-fronteras/", "partner-profile"),
                       ("/en/countries/MX/card/", "country-card"),
                       ("/en/", "home")]:  # fmt: skip
        page.goto(f"{live_server.url}{path}")
        if name in {"country-page", "partner-profile"}:
            page.locator(".leaflet-marker-icon").first.wait_for()
        if name == "home":
            _wait_drawn(page)
        screenshot(name)
    assert not seen["errors"], seen["errors"]
