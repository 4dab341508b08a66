"""The prepared country shapes and dots (maps/data/) follow the decisions in PROVENANCE.md."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import pytest

from maps import shapes
from maps.data import prepare_shapes
from tests.maps.conftest import ROOT, icrmw_rows


def _features() -> dict[str, dict[str, Any]]:
    return {
        f["properties"]["iso2"]: f
        for f in shapes.shape_collection()["features"]
        if f["properties"]["iso2"]
    }


def _inside(lon: float, lat: float, ring: list[list[float]]) -> bool:
    """Ray casting: is the point inside the ring?"""
    result = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y1 > lat) != (y2 > lat) and lon < (x2 - x1) * (lat - y1) / (y2 - y1) + x1:
            result = not result
    return result


def _contains(feature: dict[str, Any], lon: float, lat: float) -> bool:
    for polygon in feature["geometry"]["coordinates"]:
        if _inside(lon, lat, polygon[0]) and not any(_inside(lon, lat, h) for h in polygon[1:]):
            return True
    return False


def test_every_icrmw_participant_is_drawn_as_a_shape_or_a_dot():
    rows = icrmw_rows()
    assert len(rows) == 71
    dots = {dot.iso2 for dot in shapes.dots()}
    features = _features()
    missing = [r["iso_alpha2"] for r in rows if r["iso_alpha2"] not in dots | set(features)]
    assert missing == []
    # The six participants that Natural Earth 110m misses are all visible here.
    for code in ("CV", "ST", "SC", "VC", "KM", "PW"):
        assert code in dots or features[code]["properties"]["area_km2"] >= prepare_shapes.SMALL_KM2


def test_small_and_missing_states_get_a_dot_at_their_capital():
    dots = {dot.iso2: dot for dot in shapes.dots()}
    features = _features()
    assert dots["TV"].reason == "absent"  # Tuvalu: not in Natural Earth 50m
    assert "TV" not in features
    for code, dot in dots.items():
        assert -90 <= dot.lat <= 90, code
        assert -180 <= dot.lon <= 180, code
        if dot.reason == "small":
            assert features[code]["properties"]["area_km2"] < prepare_shapes.SMALL_KM2
    # Large states are shapes only.
    assert "MX" not in dots
    assert "FR" not in dots
    assert abs(dots["MT"].lat - 35.9) < 0.1
    assert abs(dots["MT"].lon - 14.5) < 0.1


def test_crimea_is_drawn_as_part_of_ukraine():
    features = _features()
    simferopol, sevastopol = (34.1, 44.95), (33.52, 44.6)
    for lon, lat in (simferopol, sevastopol):
        assert _contains(features["UA"], lon, lat)
        assert not _contains(features["RU"], lon, lat)
    assert _contains(features["RU"], 37.62, 55.75)  # Moscow is still in Russia
    assert _contains(features["UA"], 30.52, 50.45)  # Kyiv


def test_no_shape_draws_a_stripe_across_the_antimeridian():
    for code, feature in _features().items():
        for polygon in feature["geometry"]["coordinates"]:
            lons = [point[0] for point in polygon[0]]
            assert max(lons) - min(lons) < 180, code
    for code in ("RU", "FJ"):
        lons = [p[0] for poly in _features()[code]["geometry"]["coordinates"] for p in poly[0]]
        # Shifted east: one continuous span instead of two halves at the map's edges.
        assert min(lons) > 0, code
        assert max(lons) < 200, code
    assert _contains(_features()["FJ"], 178.44, -18.14)  # Suva


def test_ids_are_unique_and_antarctica_is_gone():
    collection = shapes.shape_collection()
    ids = Counter(f["id"] for f in collection["features"])
    assert [i for i, n in ids.items() if n > 1] == []
    codes = Counter(
        f["properties"]["iso2"] for f in collection["features"] if f["properties"]["iso2"]
    )
    assert [c for c, n in codes.items() if n > 1] == []
    assert "AQ" not in codes
    assert all(
        max(p[1] for p in poly[0]) > -60
        for f in collection["features"]
        for poly in f["geometry"]["coordinates"]
    )


def test_features_without_an_iso_code_in_natural_earth_are_resolved():
    features = _features()
    assert "XK" in features  # Kosovo
    assert _contains(features["CY"], 33.6, 35.3)  # the north of Cyprus is Cyprus
    assert _contains(features["SO"], 44.06, 9.56)  # Hargeisa: Somalia
    assert {"CX", "CC"} <= set(features)
    nameless = [f for f in shapes.shape_collection()["features"] if not f["properties"]["iso2"]]
    assert [f["properties"]["name"] for f in nameless] == ["Siachen Glacier"]


def test_the_european_union_has_no_shape_or_dot():
    assert "EU" not in shapes.drawable_codes()


def test_the_browser_copy_matches_the_data():
    text = (ROOT / "static" / "maps" / "countries.js").read_text(encoding="utf-8")
    assert text == prepare_shapes.browser_script(shapes.shape_collection())
    body = text.split("=", 1)[1].strip().rstrip(";")
    assert len(json.loads(body)["features"]) == len(shapes.shape_collection()["features"])


@pytest.mark.parametrize(
    ("arc", "expected"),
    [
        ([(0.0, 0.0), (1.0, 0.001), (2.0, 0.0)], [(0.0, 0.0), (2.0, 0.0)]),
        ([(0.0, 0.0), (1.0, 1.0), (2.0, 0.0)], [(0.0, 0.0), (1.0, 1.0), (2.0, 0.0)]),
    ],
)
def test_simplification_keeps_arc_ends_and_real_corners(arc, expected):
    assert prepare_shapes.simplify(arc, 0.02) == expected
