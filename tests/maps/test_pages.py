"""The country card, the composed country page, the partner profile's small map, the home page,
and the no-external-assets rule over every public page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import PartnerFactory
from tests.maps.assets import assert_no_external_assets
from tests.maps.conftest import map_specs

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner(icrmw):
    return PartnerFactory(
        name="Sin Fronteras <IAP>",
        slug="sin-fronteras",
        show_address=False,
        latitude=19.4326,
        longitude=-99.1332,
        city_latitude=19.42847,
        city_longitude=-99.12766,
    )


def test_country_card_is_embeddable(client, partner):
    response = client.get(reverse("maps:country-card", kwargs={"iso2": "mx"}))
    assert response.status_code == 200
    assert "X-Frame-Options" not in response
    body = response.content.decode()
    assert "Mexico" in body
    assert "Party" in body
    assert "8 March 1999" in body
    assert "Sin Fronteras &lt;IAP&gt;" in body
    assert 'href="http://testserver/en/countries/MX/" target="_top"' in body
    assert client.get(reverse("maps:country-card", kwargs={"iso2": "zz"})).status_code == 404


def test_country_page_shows_a_small_map_of_its_partners(client, partner):
    response = client.get(reverse("maps:country-detail", kwargs={"iso2": "MX"}))
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "DENY"
    body = response.content.decode()
    assert [spec["draw"] for spec in map_specs(body)] == ["points"]
    assert "19.42847" in body  # the public (city) point…
    assert "19.4326" not in body  # …never the hidden exact one
    assert "Sin Fronteras \\u003cIAP\\u003e" in body  # the name only as escaped JSON
    assert reverse("maps:country-card", kwargs={"iso2": "MX"}) in body


def test_country_page_without_partners_still_shows_the_country(client, icrmw):
    body = client.get(reverse("maps:country-detail", kwargs={"iso2": "FR"})).content.decode()
    assert [spec["draw"] for spec in map_specs(body)] == ["points"]
    assert '"FR":["none","France","No action"' in body


def test_partner_profile_shows_a_small_map_instead_of_coordinates(client, partner):
    body = client.get(
        reverse("partners:partner-detail", kwargs={"slug": "sin-fronteras"})
    ).content.decode()
    assert "Map position" not in body
    assert [spec["draw"] for spec in map_specs(body)] == ["points"]
    assert "19.42847" in body
    assert "19.4326" not in body


def test_home_leads_with_the_map_and_the_figures(client, icrmw):
    body = client.get(reverse("home")).content.decode()
    assert [spec["draw"] for spec in map_specs(body)] == ["ratification"]
    assert "2 of 193 UN member states are parties" in body
    assert reverse("maps:map") in body


def test_no_page_loads_anything_from_another_origin(client, partner):
    urls = [
        reverse("home"),
        reverse("maps:map"),
        reverse("maps:map") + "?as_of=2000-01-01&layers=countries",
        reverse("maps:map-embed"),
        reverse("ratification:country-list"),
        reverse("maps:country-card", kwargs={"iso2": "MX"}),
        reverse("maps:country-detail", kwargs={"iso2": "MX"}),
        reverse("partners:partner-detail", kwargs={"slug": "sin-fronteras"}),
        reverse("partners:partner-list"),
        reverse("ratification:treaty-list"),
        reverse("ratification:treaty-detail", kwargs={"slug": "icrmw"}),
        reverse("partners:partner-join"),
        reverse("login"),
        "/es/map/",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_no_external_assets(response.content.decode())


def test_small_maps_and_the_home_preview_load_the_coarse_outlines(client, partner):
    lite, detailed = "/static/maps/countries-lite.js", "/static/maps/countries.js"
    for url in (
        reverse("home"),
        reverse("maps:country-detail", kwargs={"iso2": "MX"}),
        reverse("partners:partner-detail", kwargs={"slug": "sin-fronteras"}),
    ):
        body = client.get(url).content.decode()
        assert lite in body, url
        assert detailed not in body, url
    # The world map and its embed keep the detailed outlines.
    for url in (reverse("maps:map"), reverse("maps:map-embed")):
        body = client.get(url).content.decode()
        assert detailed in body, url
        assert lite not in body, url
