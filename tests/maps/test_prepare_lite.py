"""The coarse outlines of the small maps (static/maps/countries-lite.js, written by
maps/data/prepare_lite.py from countries.geojson): in sync, small, and as complete as the
detailed file."""

from __future__ import annotations

import gzip
import json
from collections import Counter
from typing import Any

from maps import shapes
from maps.data import prepare_lite
from tests.maps.conftest import ROOT
from tests.maps.test_shapes import _contains

LITE = ROOT / "static" / "maps" / "countries-lite.js"
DETAILED = ROOT / "static" / "maps" / "countries.js"


def _collection(path) -> dict[str, Any]:
    text = path.read_text(encoding="utf-8")
    assert text.count("window.coalitionCountryShapes = ") == 1  # the global the drawing reads
    collection: dict[str, Any] = json.loads(text.split("=", 1)[1].strip().rstrip(";"))
    return collection


def _by_code(collection: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {f["properties"]["iso2"]: f for f in collection["features"] if f["properties"]["iso2"]}


def test_the_lite_file_matches_the_data():
    """Re-run `python maps/data/prepare_lite.py` after countries.geojson changes."""
    text = LITE.read_text(encoding="utf-8")
    assert text == prepare_lite.lite_script(shapes.shape_collection())


def test_the_lite_file_stays_small():
    raw = LITE.read_bytes()
    assert len(gzip.compress(raw, compresslevel=6)) < 60 * 1024
    # And it is much lighter than the detailed file, or it has no reason to exist.
    assert len(raw) * 3 < len(DETAILED.read_bytes())


def test_every_code_with_a_detailed_shape_has_a_lite_shape():
    detailed, lite = _by_code(_collection(DETAILED)), _by_code(_collection(LITE))
    assert set(lite) == set(detailed)
    ids = Counter(f["properties"]["iso2"] for f in _collection(LITE)["features"])
    assert [code for code, n in ids.items() if n > 1] == []
    for code, feature in lite.items():
        assert feature["geometry"]["type"] == "MultiPolygon", code
        assert feature["geometry"]["coordinates"], code
        for polygon in feature["geometry"]["coordinates"]:
            for ring in polygon:
                assert ring[0] == ring[-1], code
                assert len(ring) >= 4, code


def test_the_lite_file_keeps_the_corrections_and_is_rounded_to_a_tenth_of_a_degree():
    lite = _by_code(_collection(LITE))
    assert _contains(lite["UA"], 34.1, 44.95)  # Simferopol: Crimea is drawn with Ukraine
    assert not _contains(lite["RU"], 34.1, 44.95)
    assert _contains(lite["RU"], 37.6, 55.75)  # Moscow
    assert "AQ" not in lite
    for code, feature in lite.items():
        for polygon in feature["geometry"]["coordinates"]:
            lons = [p[0] for p in polygon[0]]
            assert max(lons) - min(lons) <= 180, code  # the antimeridian fix survives
            assert max(p[1] for p in polygon[0]) > -60, code  # no Antarctica
    coarse = [
        value
        for feature in lite.values()
        for polygon in feature["geometry"]["coordinates"]
        for ring in polygon
        for point in ring
        for value in point
        if round(value, 1) != value
    ]
    # Only the few territories too small for 0.1° keep their detailed (0.01°) outline.
    assert len(coarse) < 2_000


def test_neighbours_still_meet_after_simplification():
    """A shared border is simplified once: both neighbours keep the same points along it."""
    lite = _by_code(_collection(LITE))

    def points(code: str) -> set[tuple[float, float]]:
        return {
            (p[0], p[1])
            for polygon in lite[code]["geometry"]["coordinates"]
            for ring in polygon
            for p in ring
        }

    for a, b in (("US", "CA"), ("MX", "US"), ("FR", "ES"), ("BR", "AR"), ("ZA", "LS")):
        assert len(points(a) & points(b)) >= 3, (a, b)
    # Lesotho is an enclave: its outline is the hole in South Africa, point for point.
    za_holes = {
        tuple(map(tuple, hole))
        for polygon in lite["ZA"]["geometry"]["coordinates"]
        for hole in polygon[1:]
    }
    ls_outer = lite["LS"]["geometry"]["coordinates"][0][0]
    assert any(set(hole) == {tuple(p) for p in ls_outer} for hole in za_holes)


def test_a_shared_arc_simplifies_the_same_from_either_side():
    arc = [(0.0, 0.0), (1.0, 0.05), (2.0, 0.5), (3.0, 0.06), (4.0, 0.0)]
    done: dict[Any, Any] = {}
    forward = prepare_lite._simplify_arc(arc, done)
    backward = prepare_lite._simplify_arc(list(reversed(arc)), done)
    assert list(reversed(backward)) == forward
    assert forward == [(0.0, 0.0), (2.0, 0.5), (4.0, 0.0)]
