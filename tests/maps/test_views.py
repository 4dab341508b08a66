from __future__ import annotations

from unittest import mock

import pytest
from django.urls import reverse

from tests.factories import FocusAreaFactory, PartnerFactory
from tests.maps.assets import assert_no_external_assets
from tests.maps.conftest import map_specs

pytestmark = pytest.mark.django_db


def map_url(**params: str) -> str:
    from urllib.parse import urlencode

    return reverse("maps:map") + ("?" + urlencode(params) if params else "")


def test_map_page_shows_map_summary_and_table_twin(client, icrmw):
    PartnerFactory(name="Sin Fronteras", latitude=19.43, longitude=-99.13, show_address=True)
    response = client.get(map_url())
    assert response.status_code == 200
    body = response.content.decode()
    assert "leaflet.js" in body
    assert "2 of 193 UN member states are parties to the ICRMW" in body
    assert 'data-iso2="MX" data-status="party"' in body
    assert 'data-iso2="CL" data-status="signatory"' in body
    assert 'data-iso2="FR" data-status="none"' in body
    assert 'data-iso2="BM" data-status="not_applicable"' in body
    assert "Sin Fronteras" in body
    assert "&lt;iframe src=&quot;http://testserver/en/map/embed/?treaty=icrmw" in body
    assert response["X-Frame-Options"] == "DENY"
    assert_no_external_assets(body)


def test_map_at_a_date_before_mexico_ratified(client, icrmw):
    body = client.get(map_url(as_of="1998-01-01")).content.decode()
    assert 'data-iso2="MX" data-status="signatory"' in body
    body = client.get(map_url(as_of="2000-01-01")).content.decode()
    assert 'data-iso2="MX" data-status="party"' in body


@pytest.mark.parametrize(
    ("params", "status", "message"),
    [
        ({"treaty": "nope"}, 404, ""),
        ({"treaty": "<script>"}, 400, "There is no treaty with that name."),
        ({"as_of": "garbage"}, 400, "YYYY-MM-DD"),
        ({"as_of": "1800-01-01"}, 400, "between"),
        ({"as_of": "2999-01-01"}, 400, "between"),
        ({"layers": "<script>alert(1)</script>"}, 400, "Layers can be"),
    ],
)
def test_bad_query_values_get_a_clear_answer(client, icrmw, params, status, message):
    for name in ("maps:map", "maps:map-embed"):
        from urllib.parse import urlencode

        response = client.get(reverse(name) + "?" + urlencode(params))
        assert response.status_code == status
        body = response.content.decode()
        assert message in body
        assert "<script>alert(1)" not in body


def test_embed_may_be_framed_and_the_page_may_not(client, icrmw):
    embed = client.get(reverse("maps:map-embed"))
    assert embed.status_code == 200
    assert "X-Frame-Options" not in embed
    assert_no_external_assets(embed.content.decode())
    assert client.get(map_url())["X-Frame-Options"] == "DENY"
    assert client.get(reverse("home"))["X-Frame-Options"] == "DENY"


def drawn(body: str) -> dict:
    """The data the page's map data block hands to static/maps/coalition-maps.js."""
    (spec,) = map_specs(body)
    assert spec["draw"] == "ratification", "no ratification map in the page"
    return spec["data"]


def test_layers_choose_what_is_drawn(client, icrmw):
    PartnerFactory(name="Only Partners", latitude=19.43, longitude=-99.13, show_address=True)
    data = drawn(client.get(map_url(layers="partners")).content.decode())
    assert data["status"] is None
    assert [row[2] for row in data["partners"]["rows"]] == ["Only Partners"]
    data = drawn(client.get(map_url(layers="countries")).content.decode())
    assert data["partners"] is None
    assert data["status"]["countries"]["MX"][0] == "party"
    data = drawn(client.get(map_url()).content.decode())
    assert data["status"]
    assert data["partners"]


def test_cached_render_runs_no_folium_and_no_query(client, icrmw, django_assert_num_queries):
    from maps import rendering

    assert client.get(map_url()).status_code == 200
    with (
        mock.patch.object(rendering, "ratification_map", side_effect=AssertionError("ran")) as b,
        django_assert_num_queries(0),
    ):
        response = client.get(map_url())
    assert response.status_code == 200
    assert not b.called


def test_a_data_change_renders_the_map_again(client, icrmw, django_capture_on_commit_callbacks):
    from maps import rendering

    client.get(map_url())
    with django_capture_on_commit_callbacks(execute=True):
        PartnerFactory(name="Newly Published", latitude=1.0, longitude=2.0, show_address=True)
    with mock.patch.object(rendering, "ratification_map", wraps=rendering.ratification_map) as b:
        body = client.get(map_url()).content.decode()
    assert b.called
    assert "Newly Published" in body


def test_spanish_map_is_translated(client, icrmw):
    body = client.get("/es/map/").content.decode()
    assert 'lang="es"' in body
    assert "2 de los 193 Estados miembros de la ONU son partes en la ICRMW" in body
    assert "Sin acción" in body  # status labels in the table twin and the map's data
    assert "Situación al 3 de febrero de 2026" in body


@pytest.mark.parametrize("n", [3, 30])
def test_uncached_map_page_query_count_is_constant(client, icrmw, n, django_assert_num_queries):
    partners = PartnerFactory.create_batch(n, latitude=1, longitude=2, show_address=True)
    for partner in partners:
        partner.focus_areas.add(FocusAreaFactory())
    PartnerFactory(latitude=None, longitude=None)  # listed under the map
    import datetime

    from django.utils import timezone

    from tests.campaigns.factories import ActivityFactory, CampaignFactory

    soon = timezone.now() + datetime.timedelta(days=7)
    for campaign in CampaignFactory.create_batch(2, kind="day_of_action"):
        ActivityFactory.create_batch(
            n,
            campaign=campaign,
            partner=partners[0],
            starts_at=soon,
            latitude=19.4,
            longitude=-99.1,
        )
    # 9 for the map's data, 1 for the activities layer (partner and campaign joined, however
    # many activities and campaigns), and the map data version, read from the database
    # (maps.models) because nothing has cached its copy yet.
    with django_assert_num_queries(11):
        body = client.get(map_url()).content.decode()
    assert "Not on the map: 1 partner has no known location yet." in body
    assert len(drawn(body)["activities"]["rows"]) == 2 * n


def test_table_twin_shows_the_same_data_as_the_map(client, icrmw):
    from bs4 import BeautifulSoup

    body = client.get(map_url(as_of="1998-01-01")).content.decode()
    drawn_status = {code: row[0] for code, row in drawn(body)["status"]["countries"].items()}
    soup = BeautifulSoup(body, "html.parser")
    table = {tr["data-iso2"]: tr["data-status"] for tr in soup.select("#map-table tbody tr")}
    assert table == drawn_status
    assert len(table) == 250


def test_tiles_only_when_configured(client, icrmw, settings):
    assert drawn(client.get(map_url()).content.decode())["tiles"] is None
    settings.MAP_TILES_URL = "https://tiles.example.org/{z}/{x}/{y}.png"
    data = drawn(client.get(map_url()).content.decode())
    assert data["tiles"]["url"] == "https://tiles.example.org/{z}/{x}/{y}.png"


def test_a_malformed_tiles_url_stops_start_up():
    import subprocess
    import sys

    result = subprocess.run(  # noqa: S603 - fixed argv
        [sys.executable, "-c", "import django; django.setup()"],
        env={
            **__import__("os").environ,
            "DJANGO_SETTINGS_MODULE": "coalition.settings",
            "MAP_TILES_URL": "javascript:alert(1)",
        },
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "MAP_TILES_URL" in result.stderr


def test_the_home_preview_and_the_embed_are_cached_apart(client, icrmw):
    """Same query, different outline files: neither may be served the other's render."""
    from maps import rendering
    from maps.selectors import LAYER_COUNTRIES

    query = rendering.MapQuery(treaty="icrmw", on=None, layers=(LAYER_COUNTRIES,))
    preview = rendering.map_render(query=query, kind=rendering.KIND_PREVIEW)
    embed = rendering.map_render(query=query, kind=rendering.KIND_EMBED)
    assert preview
    assert embed
    assert "countries-lite.js" in preview["head"]
    assert "countries-lite.js" not in embed["head"]
    assert "/static/maps/countries.js" in embed["head"]
    with pytest.raises(ValueError, match="kind"):
        rendering.map_render(query=query, kind="thumbnail")
