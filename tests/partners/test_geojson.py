from __future__ import annotations

from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from partners.selectors.profiles import partner_geojson_feature
from tests.factories import PartnerFactory

URL = "/api/v1/partners/geojson/"


@pytest.fixture
def api():
    return APIClient()


@pytest.mark.django_db
def test_feature_collection_of_published_partners_with_public_points(api):
    PartnerFactory(
        slug="precise",
        name="Precise",
        city="Mexico City",
        latitude=Decimal("19.400000"),
        longitude=Decimal("-99.100000"),
        city_latitude=Decimal("19.428470"),
        city_longitude=Decimal("-99.127660"),
    )
    PartnerFactory(slug="nowhere")  # no coordinates at all: left out
    PartnerFactory(slug="draft", is_published=False, latitude=Decimal("1"), longitude=Decimal("1"))
    response = api.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/geo+json")
    body = response.json()
    assert body["type"] == "FeatureCollection"
    assert [f["properties"]["slug"] for f in body["features"]] == ["precise"]
    feature = body["features"][0]
    assert feature["type"] == "Feature"
    # RFC 7946 order: longitude first.
    assert feature["geometry"] == {"type": "Point", "coordinates": [-99.1, 19.4]}
    assert set(feature["properties"]) == {"name", "slug", "url", "kind", "country", "city"}
    assert feature["properties"]["url"].endswith("/partners/precise/")
    assert feature["properties"]["country"] == "MX"


@pytest.mark.django_db
def test_hidden_address_gives_city_point_and_no_private_strings(api):
    PartnerFactory(
        slug="quiet",
        address_1="Calle Secreta 42",
        email="refuge@hidden.example.org",
        phone="+52 55 9999 0000",
        show_address=False,
        show_email=False,
        show_phone=False,
        latitude=Decimal("19.411111"),
        longitude=Decimal("-99.177777"),
        city_latitude=Decimal("19.428470"),
        city_longitude=Decimal("-99.127660"),
    )
    response = api.get(URL)
    text = response.content.decode()
    for secret in ("Calle Secreta 42", "refuge@hidden.example.org", "+52 55 9999 0000"):
        assert secret not in text
    assert "19.411111" not in text
    assert "-99.177777" not in text
    assert response.json()["features"][0]["geometry"]["coordinates"] == [-99.12766, 19.42847]


@pytest.mark.django_db
def test_geojson_accepts_list_filters(api):
    PartnerFactory(slug="mx", country="MX", latitude=Decimal("19"), longitude=Decimal("-99"))
    PartnerFactory(slug="ke", country="KE", latitude=Decimal("-1.3"), longitude=Decimal("36.8"))
    body = api.get(URL, {"country": "KE"}).json()
    assert [f["properties"]["slug"] for f in body["features"]] == ["ke"]
    body = api.get(URL, {"bbox": "-100,18,-98,20"}).json()
    assert [f["properties"]["slug"] for f in body["features"]] == ["mx"]
    assert api.get(URL, {"bbox": "oops"}).status_code == 400


@pytest.mark.django_db
def test_script_name_is_a_json_string(api):
    PartnerFactory(name="<script>alert(1)</script>", latitude=Decimal(1), longitude=Decimal(1))
    body = api.get(URL).json()
    assert body["features"][0]["properties"]["name"] == "<script>alert(1)</script>"


def test_feature_builder_without_point_is_none():
    partner = PartnerFactory.build(latitude=None, city_latitude=None)
    assert partner_geojson_feature(partner) is None
