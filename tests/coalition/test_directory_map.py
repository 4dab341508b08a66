"""The directory shows its results on a map beside the list, with the same filters (issue 15,
item 10): every result of the search (not only the page in view) at its public point, the city
for a hidden address, every name escaped, no CDN, no inline script; cached per search under the
map data version."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any
from unittest import mock

import pytest

from maps import directory_map as directory_map_module
from tests.factories import FocusAreaFactory, LanguageFactory, PartnerFactory
from tests.maps.conftest import map_specs

pytestmark = pytest.mark.django_db

EXACT = (Decimal("32.53001"), Decimal("-117.03002"))
CITY = (Decimal("32.51000"), Decimal("-117.03800"))
XSS = [
    "<img src=x onerror=alert(1)>",
    "${alert(1)}",
    "</script><script>alert(1)</script>",
    "C:\\u0041 {{ 7*7 }}",
]


def _partner(name: str, country: str, city: str, lat: float, lon: float, **extra: Any) -> Any:
    return PartnerFactory(
        name=name,
        country=country,
        city=city,
        latitude=Decimal(str(lat)),
        longitude=Decimal(str(lon)),
        city_latitude=Decimal(str(lat)),
        city_longitude=Decimal(str(lon)),
        **extra,
    )


@pytest.fixture
def partners() -> dict[str, Any]:
    labour = FocusAreaFactory(slug="labour", name="Labour rights", name_es="Derechos laborales")
    tijuana = _partner("Casa Tijuana", "MX", "Tijuana", 32.51, -117.04)
    tijuana.focus_areas.add(labour)
    hidden = PartnerFactory(
        name="Refugio Discreto",
        country="MX",
        city="Tijuana",
        show_address=False,
        latitude=EXACT[0],
        longitude=EXACT[1],
        city_latitude=CITY[0],
        city_longitude=CITY[1],
    )
    quito = _partner("Centro Quito", "EC", "Quito", -0.18, -78.47)
    unmapped = PartnerFactory(name="Sin Mapa", country="MX", city="Oaxaca")
    PartnerFactory(name="Borrador", is_published=False, latitude=1, longitude=2)
    return {"tijuana": tijuana, "hidden": hidden, "quito": quito, "unmapped": unmapped}


def _map(body: str) -> dict[str, Any]:
    (spec,) = map_specs(body)
    assert spec["draw"] == "points"
    return spec["data"]


def _names(body: str) -> set[str]:
    return {row[2] for row in _map(body)["partners"]["rows"]}


@pytest.mark.parametrize(
    ("params", "names"),
    [
        ({}, {"Casa Tijuana", "Refugio Discreto", "Centro Quito"}),
        ({"country": "MX"}, {"Casa Tijuana", "Refugio Discreto"}),
        ({"country": "mx", "focus": "LABOUR"}, {"Casa Tijuana"}),
        ({"q": "quito"}, {"Centro Quito"}),
        ({"q": "derechos laborales"}, {"Casa Tijuana"}),
        ({"q": "nowhere"}, set()),
    ],
)
def test_the_map_shows_exactly_the_filtered_results(client, partners, params, names):
    body = client.get("/en/partners/", params).content.decode()
    assert _names(body) == names
    # The list shows the same partners (and, under the map, the one with no location yet).
    for name in ("Casa Tijuana", "Refugio Discreto", "Centro Quito"):
        assert (f">{name}</a>" in body) == (name in names), name
    assert "Borrador" not in body


def test_the_unmapped_result_is_counted_under_the_map(client, partners):
    body = client.get("/en/partners/", {"country": "MX"}).content.decode()
    assert "2 partners on the map; 1 without a location yet." in body
    body = client.get("/en/partners/", {"country": "EC"}).content.decode()
    assert "1 partner on the map." in body
    spanish = client.get("/es/partners/", {"country": "MX"}).content.decode()
    assert "2 organizaciones aliadas en el mapa; 1 todavía sin ubicación." in spanish


def test_a_hidden_address_is_shown_only_at_its_city(client, partners):
    body = client.get("/en/partners/").content.decode()
    rows = {row[2]: row for row in _map(body)["partners"]["rows"]}
    assert rows["Refugio Discreto"][:2] == [float(CITY[0]), float(CITY[1])]
    assert str(EXACT[0]) not in body
    assert str(EXACT[1]) not in body


def test_the_map_shows_every_result_not_only_the_page_of_the_list(client):
    for i in range(30):
        _partner(f"Org {i:02}", "MX", "Tijuana", 20 + i / 10, -100 + i / 10)
    response = client.get("/en/partners/")
    body = response.content.decode()
    assert len(response.context["partners"]) == 25
    assert len(_map(body)["partners"]["rows"]) == 30
    assert _map(body)["partners"]["cluster"] is True  # more than 20: clustered
    assert "The map shows every result, not only this page of the list." in body


def test_hostile_names_are_escaped_and_the_page_links_no_cdn(client):
    for i, name in enumerate(XSS):
        _partner(name, "MX", "Tijuana", 10 + i, 10 + i)
    body = client.get("/en/partners/").content.decode()
    # The data block reads back exactly the names (no `{{ 7*7 }}` evaluated into 49).
    assert _names(body) == set(XSS)
    (block,) = re.findall(r'<script type="application/json" class="cm-map-data">.*?</script>', body)
    for name in XSS:
        assert name not in block  # no `<`, `$`, backtick or `</script>` raw in the data block
    assert "<img src=x" not in body  # and the list escapes it as HTML
    # No CDN: nothing loaded from another site (links to other sites in the text are fine).
    assert not re.search(r'<(?:script|link|img)\b[^>]*(?:src|href)="(?:https?:)?//', body)
    assert 'src="/static/vendor/leaflet/leaflet.js"' in body
    # No inline script: every <script> loads a file of the site's own or is a JSON data block.
    for tag in re.findall(r"<script\b[^>]*>", body):
        assert 'src="/static/' in tag or 'type="application/json"' in tag, tag
    assert "<style" not in body


def test_a_repeated_search_runs_no_folium_and_no_map_query(
    client, partners, django_assert_num_queries
):
    # What the page costs once its map is cached: the list, the facets and the total (11 with
    # a filter, as before the map); the map adds nothing (the data version comes from the cache).
    params = {"country": "MX", "q": "tijuana"}
    first = client.get("/en/partners/", params).content.decode()
    with (
        mock.patch.object(
            directory_map_module, "points_map", side_effect=AssertionError("ran")
        ) as built,
        django_assert_num_queries(11),
    ):
        again = client.get("/en/partners/", params).content.decode()
    assert not built.called
    assert again == first
    client.get("/en/partners/")  # this search's map, drawn once
    with django_assert_num_queries(10):  # no filter: no total to count
        client.get("/en/partners/")


def test_a_new_search_costs_three_queries_for_its_map(client, partners, django_assert_num_queries):
    client.get("/en/partners/")  # per-process caches and the map data version
    # 11 for the list, facets and total, and 3 for the map: its partners at their public points,
    # the focus areas, and which partner has which (maps.selectors.map_partners_among).
    with django_assert_num_queries(14):
        client.get("/en/partners/", {"country": "EC"})


@pytest.mark.parametrize("n", [3, 40])
def test_the_map_query_count_does_not_grow_with_the_results(client, n, django_assert_num_queries):
    for i in range(n):
        _partner(f"Org {i:02}", "MX", "Tijuana", 20, -100).focus_areas.add(FocusAreaFactory())
    client.get("/en/partners/", {"country": "EC"})  # warm everything but this search's map
    with django_assert_num_queries(14):
        client.get("/en/partners/", {"country": "MX"})


def test_a_change_to_a_partner_or_its_languages_draws_the_map_again(
    client, partners, django_capture_on_commit_callbacks
):
    portuguese = LanguageFactory(code="pt", name="Portuguese", name_es="Portugués")
    params = {"language": "pt"}
    assert _names(client.get("/en/partners/", params).content.decode()) == set()
    with django_capture_on_commit_callbacks(execute=True):
        partners["quito"].languages.add(portuguese)
    assert _names(client.get("/en/partners/", params).content.decode()) == {"Centro Quito"}
    with django_capture_on_commit_callbacks(execute=True):
        partners["quito"].is_published = False
        partners["quito"].save()
    assert _names(client.get("/en/partners/", params).content.decode()) == set()


def test_the_spanish_map_is_labelled_in_spanish(client, partners):
    body = client.get("/es/partners/").content.decode()
    assert 'aria-label="Mapa de las organizaciones aliadas encontradas"' in body
    assert _map(body)["text"]["open_profile"] == "Abrir el perfil"
