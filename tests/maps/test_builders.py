"""Map builders: plain data in, a self-hosted map whose data is escaped JSON (no database)."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date

import folium
import pytest

from maps import shapes
from maps.builders import (
    COLOURS,
    CountryStatus,
    PartnerPoint,
    js_json,
    points_map,
    ratification_map,
    render_parts,
    safe_url,
)
from tests.maps.assets import assert_no_external_assets
from tests.maps.conftest import (
    ENGLISH,
    drawing_payload,
    icrmw_countries,
    icrmw_rows,
    map_specs,
    static_url,
)

PAYLOADS = [
    "<img src=x onerror=alert(1)>",
    "${alert(1)}",
    "</script><script>alert(1)</script>",
    "C:\\u0041",
    "`backtick` ${document.domain}",
    "Médecins & Partners <Intl>",
    "line\u2028separator",
    "<!-- comment",
    # branca compiles rendered output as a Jinja template again: this must stay text, never 49.
    "{{ 7*7 }} {% raw %}",
]


def _partner(name: str = "Sin Fronteras", **kwargs) -> PartnerPoint:
    values = {
        "name": name,
        "city": "Mexico City",
        "country": "Mexico",
        "focus_areas": ("Legal aid", "Detention"),
        "url": "/en/partners/sin-fronteras/",
        "lat": 19.4326,
        "lon": -99.1332,
    }
    values.update(kwargs)
    return PartnerPoint(**values)


def _page(parts) -> str:
    return (
        f"<!DOCTYPE html><html><head>{parts.header}</head>"
        f"<body>{parts.html}{parts.script}</body></html>"
    )


@pytest.fixture(scope="module")
def icrmw_parts():
    m = ratification_map(
        countries=icrmw_countries(), partners=None, text=ENGLISH, static_url=static_url
    )
    return render_parts(m)


def test_every_icrmw_participant_is_drawn_with_the_colour_of_its_status(icrmw_parts):
    function, data = drawing_payload(icrmw_parts)
    assert function == "ratification"
    status = data["status"]
    dots = {code for code, _lat, _lon in status["dots"]}
    rows = icrmw_rows()
    assert len(rows) == 71
    for row in rows:
        code = row["iso_alpha2"]
        expected = "party" if row["action"] else "signatory"
        drawn = status["countries"][code]
        assert drawn[0] == expected, code
        assert status["colours"][drawn[0]] == COLOURS[expected]
        # A shape the browser draws, or a dot: never neither.
        assert code in shapes.shape_codes() or code in dots, code
        if code in {d.iso2 for d in shapes.dots()}:
            assert code in dots, code
    assert sum(1 for c in status["countries"].values() if c[0] == "party") == 60
    assert sum(1 for r in rows if r["signature_date"] and not r["action"]) == 11


def test_tooltip_data_has_name_status_and_dates(icrmw_parts):
    _function, data = drawing_payload(icrmw_parts)
    mexico = data["status"]["countries"]["MX"]
    assert mexico == [
        "party",
        "Mexico",
        "Party",
        "1991-05-22",
        "1999-03-08",
        "/en/countries/MX/",
    ]
    assert data["status"]["countries"]["US"][0] == "none"
    assert data["status"]["countries"]["GL"][0] == "not_applicable"


def test_palette_is_distinct_and_the_legend_lists_every_status(icrmw_parts):
    _function, data = drawing_payload(icrmw_parts)
    assert len(set(COLOURS.values())) == 5
    # "Former party" is listed only on a map that has one (the ICRMW has no denunciation).
    assert data["status"]["legend"] == [
        ["party", "Party"],
        ["signatory", "Signatory"],
        ["none", "No action"],
        ["not_applicable", "Not applicable"],
    ]
    assert data["status"]["text"]["status_as_at"] == "Status as at 3 February 2026"
    assert data["status"]["fill_opacity"] == 1  # no tiles: solid colours
    assert data["status"]["text"]["disclaimer"].startswith("The boundaries and names shown")
    assert data["attribution"] == [
        "Boundaries: Natural Earth",
        "Capitals and places: GeoNames (CC BY 4.0)",
    ]


def test_the_map_loads_nothing_from_another_origin(icrmw_parts):
    assert_no_external_assets(_page(icrmw_parts))
    m = ratification_map(
        countries=icrmw_countries(),
        partners=[_partner()],
        text=ENGLISH,
        static_url=static_url,
    )
    page = _page(render_parts(m))
    assert_no_external_assets(page)
    for asset in (
        "vendor/leaflet/leaflet.js",
        "vendor/leaflet/leaflet.css",
        "vendor/leaflet.markercluster/leaflet.markercluster.js",
        "vendor/leaflet.markercluster/MarkerCluster.css",
        "maps/countries.js",
        "maps/coalition-maps.js",
    ):
        assert f"/static/{asset}" in page
    # Only our own files: none of folium's usual extras, even self-hosted.
    loaded = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert len(loaded) == 8
    for url in loaded:
        for unwanted in ("jquery", "bootstrap", "awesome", "d3", "cdn", "glyphicons"):
            assert unwanted not in url.lower()


def test_building_maps_never_changes_folium_defaults():
    before = (list(folium.Map.default_js), list(folium.Map.default_css))
    ratification_map(countries=[], partners=[_partner()], text=ENGLISH, static_url=static_url)
    points_map(points=[_partner()], text=ENGLISH, static_url=static_url)
    assert (folium.Map.default_js, folium.Map.default_css) == before
    # An ordinary folium map still has its own list…
    assert "leaflet@1.9.3" in folium.Map(tiles=None).get_root().render()
    # …and inline scripts, which the site's Content-Security-Policy would refuse: never ours.
    with pytest.raises(TypeError, match="ratification_map"):
        render_parts(folium.Map(tiles=None))


def test_a_folium_element_that_writes_inline_script_is_refused():
    m = points_map(points=[_partner()], text=ENGLISH, static_url=static_url)
    folium.Marker([0, 0]).add_to(m)  # folium's markers are inline script
    with pytest.raises(ValueError, match="CSP"):
        render_parts(m)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_user_text_reaches_the_page_only_as_escaped_json(payload):
    country = CountryStatus(
        iso2="MX",
        name=payload,
        status="party",
        status_label=payload,
        signed_on=date(1991, 5, 22),
        party_on=None,
        url="/en/countries/MX/",
    )
    partner = _partner(payload, city=payload, country=payload, focus_areas=(payload, payload))
    text = replace(
        ENGLISH, legend_title=payload, layer_partners=payload, disclaimer=payload, map_label=payload
    )
    m = ratification_map(countries=[country], partners=[partner], text=text, static_url=static_url)
    parts = render_parts(m)
    page = _page(parts)
    # Only the builder's own script elements open and close.
    assert page.count("<script") == page.count("</script>") == 5  # 4 libraries + the map
    assert "${" not in page
    assert "`" not in page
    assert "\u2028" not in page
    assert "<img" not in page
    assert "<!--" not in page
    assert "<Intl>" not in page
    _function, data = drawing_payload(parts)
    row = data["partners"]["rows"][0]
    # The JSON gives the browser exactly the original text, to be shown with textContent (and
    # "{{ 7*7 }}" was not evaluated on the way).
    assert row[2:6] == [payload, payload, payload, f"{payload}, {payload}"]
    assert data["status"]["countries"]["MX"][1:3] == [payload, payload]
    assert data["status"]["text"]["legend_title"] == payload
    if "{{" in payload:
        assert "{{ 7*7 }}" in parts.html  # the map's aria-label, not evaluated either
    # Leaflet's layer control inserts names as HTML: the builder sends them escaped.
    assert "<" not in data["text"]["layer_partners"]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://partner.example.org/", "https://partner.example.org/"),
        ("http://partner.example.org/a?b=c", "http://partner.example.org/a?b=c"),
        ("/en/partners/x/", "/en/partners/x/"),
        ("javascript:alert(1)", ""),
        ("JavaScript:alert(1)", ""),
        (" javascript:alert(1)", ""),
        ("java\tscript:alert(1)", ""),
        ("data:text/html,<script>alert(1)</script>", ""),
        ("//evil.example.org/", ""),
        ("/\\evil.example.org/", ""),
        ("https:///nohost", ""),
        ("vbscript:msgbox(1)", ""),
        ("relative/path", ""),
        ("", ""),
    ],
)
def test_links_are_only_http_or_site_relative(url, expected):
    assert safe_url(url) == expected


def test_unsafe_profile_links_are_dropped_from_the_data():
    m = ratification_map(
        countries=[],
        partners=[_partner(url="javascript:alert(1)"), _partner(url="/en/partners/ok/")],
        text=ENGLISH,
        static_url=static_url,
    )
    _function, data = drawing_payload(render_parts(m))
    assert [row[6] for row in data["partners"]["rows"]] == ["", "/en/partners/ok/"]
    assert data["status"] is None  # no countries: no status layer, a plain land backdrop


def test_partner_coordinates_are_rounded_and_bad_points_skipped():
    m = ratification_map(
        countries=[],
        partners=[
            _partner(lat=19.432612345, lon=-99.133212345),
            _partner(lat=float("nan"), lon=0.0),
            _partner(lat=91.0, lon=0.0),
        ],
        text=ENGLISH,
        static_url=static_url,
    )
    _function, data = drawing_payload(render_parts(m))
    assert [row[:2] for row in data["partners"]["rows"]] == [[19.43261, -99.13321]]
    assert m.skipped_points == 2


def test_layers_follow_the_arguments():
    only_status = ratification_map(
        countries=icrmw_countries(), partners=None, text=ENGLISH, static_url=static_url
    )
    parts = render_parts(only_status)
    _function, data = drawing_payload(parts)
    assert data["partners"] is None
    assert "markercluster" not in parts.header  # not loaded when there is nothing to cluster
    both = ratification_map(
        countries=icrmw_countries(), partners=[], text=ENGLISH, static_url=static_url
    )
    _function, data = drawing_payload(render_parts(both))
    assert data["partners"]["rows"] == []
    assert data["status"] is not None
    no_legend = ratification_map(
        countries=icrmw_countries(),
        partners=None,
        text=ENGLISH,
        static_url=static_url,
        show_legend=False,
    )
    assert drawing_payload(render_parts(no_legend))[1]["show_legend"] is False


def test_participants_that_cannot_be_drawn_are_named_in_the_legend():
    eu = CountryStatus(
        iso2="EU",
        name="European Union",
        status="party",
        status_label="Party",
        signed_on=date(2007, 3, 30),
        party_on=date(2010, 12, 23),
        url="/en/countries/EU/",
    )
    m = ratification_map(
        countries=[*icrmw_countries(), eu], partners=None, text=ENGLISH, static_url=static_url
    )
    _function, data = drawing_payload(render_parts(m))
    assert data["status"]["not_drawn"] == [["European Union", "Party"]]
    assert "EU" not in {code for code, _lat, _lon in data["status"]["dots"]}


def test_unknown_status_and_bad_options_are_refused():
    bad = CountryStatus("MX", "Mexico", "ratified", "Ratified", None, None, "/x/")
    with pytest.raises(ValueError, match="unknown status"):
        ratification_map(countries=[bad], partners=None, text=ENGLISH, static_url=static_url)
    with pytest.raises(ValueError, match="height"):
        points_map(points=[], text=ENGLISH, static_url=static_url, height="1px;}body{x:y")
    with pytest.raises(ValueError, match="link_target"):
        points_map(points=[], text=ENGLISH, static_url=static_url, link_target="javascript:")
    with pytest.raises(ValueError, match="tiles_url"):
        points_map(points=[], text=ENGLISH, static_url=static_url, tiles_url="javascript:x")


def test_tiles_are_optional_and_configurable():
    m = ratification_map(countries=[], partners=None, text=ENGLISH, static_url=static_url)
    assert drawing_payload(render_parts(m))[1]["tiles"] is None
    url = "https://tiles.example.org/{z}/{x}/{y}.png"
    m = ratification_map(
        countries=icrmw_countries(),
        partners=None,
        text=replace(ENGLISH, tiles_attribution="© Example & co"),
        static_url=static_url,
        tiles_url=url,
    )
    data = drawing_payload(render_parts(m))[1]
    tiles = data["tiles"]
    assert tiles["url"] == url
    assert tiles["attribution"] == "© Example &amp; co"
    assert tiles["max_zoom"] >= tiles["min_zoom"]
    assert data["status"]["fill_opacity"] < 1  # the basemap shows through the colours


def test_the_map_has_zoom_limits_and_no_global_styles(icrmw_parts):
    (spec,) = map_specs(icrmw_parts.script)
    options = spec["options"]
    assert spec["map"] in icrmw_parts.html
    # Zoom 0 in quarter steps: the whole world fits a 390 px phone (it is 512 px wide at zoom 1).
    assert options["minZoom"] == 0
    assert options["zoomSnap"] == 0.25
    assert options["maxZoom"] > options["minZoom"]
    assert "html, body" not in icrmw_parts.header
    assert "position:absolute" not in icrmw_parts.header
    assert 'role="region"' in icrmw_parts.html
    assert icrmw_parts.script.startswith('<script type="application/json" class="cm-map-data">')
    assert icrmw_parts.script.endswith("</script>")
    assert "<meta" not in icrmw_parts.header
    # Nothing inline that the Content-Security-Policy would refuse: no <style>, no style
    # attribute, no script but the data block and the libraries' own files.
    page = _page(icrmw_parts)
    assert "<style" not in page
    assert "style=" not in page
    assert page.count("<script") == page.count("<script src=") + 1


def test_points_map_fits_a_few_partners():
    m = points_map(points=[_partner()], text=ENGLISH, static_url=static_url, zoom=8)
    parts = render_parts(m)
    function, data = drawing_payload(parts)
    assert function == "points"
    assert data["fit_max_zoom"] == 8
    assert data["view"] is None
    assert len(data["partners"]["rows"]) == 1
    assert data["partners"]["cluster"] is False
    assert 'class="folium-map cm-map cm-map-small"' in parts.html
    assert "markercluster" not in parts.header
    assert_no_external_assets(_page(parts))
    empty = drawing_payload(
        render_parts(points_map(points=[], text=ENGLISH, static_url=static_url))
    )
    assert empty[1]["view"] is not None  # nothing to fit: the whole world


def test_embedded_maps_open_links_outside_the_frame():
    m = ratification_map(
        countries=icrmw_countries(),
        partners=[_partner()],
        text=ENGLISH,
        static_url=static_url,
        link_target="_top",
    )
    data = drawing_payload(render_parts(m))[1]
    assert data["status"]["target"] == data["partners"]["target"] == "_top"


def test_js_json_round_trips_every_payload():
    assert json.loads(js_json(PAYLOADS)) == PAYLOADS


def test_a_country_page_map_highlights_the_country():
    mexico = next(c for c in icrmw_countries() if c.iso2 == "MX")
    m = points_map(points=[_partner()], text=ENGLISH, static_url=static_url, highlight=mexico)
    data = drawing_payload(render_parts(m))[1]
    assert data["status"]["countries"] == {
        "MX": ["party", "Mexico", "Party", "1991-05-22", "1999-03-08", "/en/countries/MX/"]
    }
    assert data["view"] is None  # fitted to Mexico and its partners
    # A state drawn as a dot is highlighted by its dot, with no partners to fit.
    malta = next(c for c in icrmw_countries() if c.iso2 == "MT")
    m = points_map(points=[], text=ENGLISH, static_url=static_url, highlight=malta)
    data = drawing_payload(render_parts(m))[1]
    assert [code for code, _lat, _lon in data["status"]["dots"]] == ["MT"]
    assert data["view"] is None
    # Nothing to draw for the European Union: the whole world, no highlight to fit.
    eu = CountryStatus("EU", "European Union", "none", "No action", None, None, "/en/countries/EU/")
    data = drawing_payload(
        render_parts(points_map(points=[], text=ENGLISH, static_url=static_url, highlight=eu))
    )[1]
    assert data["view"] is not None


def test_small_maps_load_the_coarse_outlines_and_the_world_map_the_detailed_ones():
    world = _page(
        render_parts(
            ratification_map(
                countries=icrmw_countries(), partners=None, text=ENGLISH, static_url=static_url
            )
        )
    )
    assert "/static/maps/countries.js" in world
    assert "countries-lite.js" not in world
    preview = _page(
        render_parts(
            ratification_map(
                countries=icrmw_countries(),
                partners=None,
                text=ENGLISH,
                static_url=static_url,
                detail="lite",
            )
        )
    )
    assert "/static/maps/countries-lite.js" in preview
    assert "/static/maps/countries.js" not in preview
    small = _page(
        render_parts(points_map(points=[_partner()], text=ENGLISH, static_url=static_url))
    )
    assert "/static/maps/countries-lite.js" in small
    assert "/static/maps/countries.js" not in small
    detailed = _page(
        render_parts(
            points_map(points=[_partner()], text=ENGLISH, static_url=static_url, detail="full")
        )
    )
    assert "/static/maps/countries.js" in detailed


def test_an_unknown_level_of_detail_is_refused():
    with pytest.raises(ValueError, match="detail"):
        points_map(points=[], text=ENGLISH, static_url=static_url, detail="medium")
    with pytest.raises(ValueError, match="detail"):
        ratification_map(
            countries=[], partners=None, text=ENGLISH, static_url=static_url, detail="../x"
        )
