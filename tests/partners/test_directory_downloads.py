"""The directory's results as CSV and GeoJSON, with the directory's filters, holding only what is
public (issue 15, item 10): read back as a spreadsheet would (pandas) and as map software does."""

from __future__ import annotations

import io
import json
from decimal import Decimal

import pandas as pd
import pytest

from tests.factories import PartnerFactory

pytestmark = pytest.mark.django_db

EXACT = (Decimal("32.53001"), Decimal("-117.03002"))
CITY = (Decimal("32.51000"), Decimal("-117.03800"))


@pytest.fixture
def partners():
    shown = PartnerFactory(
        name="Casa del Migrante",
        slug="casa",
        country="MX",
        city="Tijuana",
        latitude=EXACT[0],
        longitude=EXACT[1],
        city_latitude=CITY[0],
        city_longitude=CITY[1],
    )
    hidden = PartnerFactory(
        name="Refugio Discreto",
        slug="refugio",
        country="MX",
        city="Tijuana",
        email="secret-inbox@private.example",
        phone="+52 664 000 0000",
        address_1="Calle Escondida 9",
        show_email=False,
        show_phone=False,
        show_address=False,
        latitude=Decimal("32.54444"),
        longitude=Decimal("-117.04444"),
        city_latitude=CITY[0],
        city_longitude=CITY[1],
    )
    PartnerFactory(name="Unpublished Draft", slug="draft", is_published=False)
    PartnerFactory(name="Centro Guatemala", slug="gt", country="GT", city="Guatemala City")
    return shown, hidden


def test_csv_has_the_filtered_public_rows_only(client, partners, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        response = client.get("/en/partners.csv", {"country": "MX"})
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    body = response.content
    frame = pd.read_csv(io.BytesIO(body), encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert sorted(frame["slug"]) == ["casa", "refugio"]
    hidden = frame[frame["slug"] == "refugio"].iloc[0]
    assert (hidden["email"], hidden["phone"], hidden["address_1"]) == ("", "", "")
    assert (hidden["latitude"], hidden["longitude"]) == ("32.51", "-117.038")  # the city
    shown = frame[frame["slug"] == "casa"].iloc[0]
    assert shown["email"].endswith("@partner.example.org")
    assert shown["url"] == "/partners/casa/" or shown["url"].endswith("/partners/casa/")
    text = body.decode("utf-8-sig")
    for private in ("secret-inbox", "664 000 0000", "Escondida", "32.54444", "Unpublished"):
        assert private not in text


def test_geojson_has_the_filtered_public_points(client, partners):
    response = client.get("/en/partners.geojson", {"country": "MX"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    collection = json.loads(response.content)
    assert collection["type"] == "FeatureCollection"
    by_slug = {f["properties"]["slug"]: f for f in collection["features"]}
    assert sorted(by_slug) == ["casa", "refugio"]
    # RFC 7946: [longitude, latitude]; the hidden address is at its city.
    assert by_slug["casa"]["geometry"]["coordinates"] == [float(EXACT[1]), float(EXACT[0])]
    assert by_slug["refugio"]["geometry"]["coordinates"] == [float(CITY[1]), float(CITY[0])]
    assert b"secret-inbox" not in response.content
    assert b"32.54444" not in response.content


def test_no_filter_means_every_published_partner_and_bad_filters_never_fail(client, partners):
    frame = pd.read_csv(
        io.BytesIO(client.get("/en/partners.csv").content), encoding="utf-8-sig", dtype=str
    )
    assert sorted(frame["slug"]) == ["casa", "gt", "refugio"]
    assert client.get("/en/partners.csv", {"country": "\x00<script>"}).status_code == 200
    assert client.get("/en/partners.geojson", {"kind": "spaceship"}).status_code == 200
    assert client.head("/en/partners.csv").status_code == 200


def test_the_directory_links_its_results_as_files(client, partners):
    page = client.get("/en/partners/", {"country": "MX"}).content.decode()
    assert 'href="/en/partners.csv?country=MX"' in page
    assert 'href="/en/partners.geojson?country=MX"' in page
    spanish = client.get("/es/partners/").content.decode()
    assert "Descargar estos resultados" in spanish
