"""prepare_shapes.build() on a tiny hand-made topology: every correction, without npm."""

from __future__ import annotations

from typing import Any

import pytest

from maps.data import prepare_shapes


def _arc(*points: tuple[int, int]) -> list[list[int]]:
    """Delta-encode absolute integer points (TopoJSON with scale 1 and no translation)."""
    out, x0, y0 = [], 0, 0
    for x, y in points:
        out.append([x - x0, y - y0])
        x0, y0 = x, y
    return out


def _square(west: int, south: int, east: int, north: int) -> list[list[int]]:
    return _arc((west, south), (east, south), (east, north), (west, north), (west, south))


@pytest.fixture
def built(monkeypatch) -> tuple[dict[str, Any], list[dict[str, Any]], list[str]]:
    arcs = [
        _square(33, 45, 36, 46),  # 0 Crimea
        _square(37, 55, 39, 57),  # 1 around Moscow
        _arc((170, 65), (-170, 65), (-170, 70), (170, 70), (170, 65)),  # 2 across 180°
        _square(30, 48, 33, 52),  # 3 mainland Ukraine
        _square(-60, -85, 60, -70),  # 4 Antarctica
        _square(20, 42, 21, 43),  # 5 Kosovo
        _square(120, -35, 150, -15),  # 6 Australia
        _square(123, -13, 124, -12),  # 7 Ashmore and Cartier
        _square(77, 35, 78, 36),  # 8 Siachen
    ]
    topology = {
        "type": "Topology",
        "transform": {"scale": [1, 1], "translate": [0, 0]},
        "arcs": arcs,
        "objects": {
            "countries": {
                "type": "GeometryCollection",
                "geometries": [
                    {
                        "type": "MultiPolygon",
                        "arcs": [[[0]], [[1]], [[2]]],
                        "id": "643",
                        "properties": {"name": "Russia"},
                    },
                    {
                        "type": "Polygon",
                        "arcs": [[3]],
                        "id": "804",
                        "properties": {"name": "Ukraine"},
                    },
                    {
                        "type": "Polygon",
                        "arcs": [[4]],
                        "id": "010",
                        "properties": {"name": "Antarctica"},
                    },
                    {"type": "Polygon", "arcs": [[5]], "properties": {"name": "Kosovo"}},
                    {
                        "type": "Polygon",
                        "arcs": [[6]],
                        "id": "036",
                        "properties": {"name": "Australia"},
                    },
                    {
                        "type": "Polygon",
                        "arcs": [[7]],
                        "id": "036",
                        "properties": {"name": "Ashmore and Cartier Is."},
                    },
                    {"type": "Polygon", "arcs": [[8]], "properties": {"name": "Siachen Glacier"}},
                ],
            }
        },
    }
    # GeoNames is not needed to test the geometry: every capital is at (0, 0).
    monkeypatch.setattr(
        prepare_shapes, "capital_points", lambda codes: dict.fromkeys(codes, ("Capital", 0.0, 0.0))
    )
    return prepare_shapes.build(topology)


def _by_code(collection: dict[str, Any]) -> dict[str | None, dict[str, Any]]:
    return {f["properties"]["iso2"]: f for f in collection["features"]}


def test_russia_without_exactly_one_crimea_polygon_is_refused(monkeypatch):
    topology = {
        "type": "Topology",
        "transform": {"scale": [1, 1], "translate": [0, 0]},
        "arcs": [_square(37, 55, 39, 57)],
        "objects": {
            "countries": {
                "type": "GeometryCollection",
                "geometries": [
                    {
                        "type": "Polygon",
                        "arcs": [[0]],
                        "id": "643",
                        "properties": {"name": "Russia"},
                    }
                ],
            }
        },
    }
    with pytest.raises(SystemExit, match="Crimea"):
        prepare_shapes.build(topology)


def test_crimea_moves_to_ukraine(built):
    features = _by_code(built[0])
    ukraine = features["UA"]["geometry"]["coordinates"]
    russia = features["RU"]["geometry"]["coordinates"]
    assert len(ukraine) == 2
    assert any([33.0, 45.0] in polygon[0] for polygon in ukraine)
    assert all([33.0, 45.0] not in polygon[0] for polygon in russia)
    assert any("Crimea" in line for line in built[2])


def test_the_antimeridian_ring_is_shifted_east(built):
    russia = _by_code(built[0])["RU"]["geometry"]["coordinates"]
    lons = [point[0] for polygon in russia for point in polygon[0]]
    assert min(lons) >= 0
    assert max(lons) == 190.0


def test_antarctica_is_dropped_and_ids_are_resolved(built):
    features = _by_code(built[0])
    assert "AQ" not in features
    assert "XK" in features
    assert len([f for f in built[0]["features"] if f["properties"]["iso2"] == "AU"]) == 1
    assert len(features["AU"]["geometry"]["coordinates"]) == 2  # with Ashmore and Cartier
    assert features[None]["properties"]["name"] == "Siachen Glacier"
    ids = [f["id"] for f in built[0]["features"]]
    assert len(ids) == len(set(ids))


def test_states_without_a_big_enough_shape_get_dots(built):
    dots = {dot["iso2"]: dot for dot in built[1]}
    assert dots["MX"]["reason"] == "absent"  # not in this tiny topology
    assert "XK" not in dots  # a 1° square at 42° N is about 9,000 km²: big enough
    for code in ("AU", "UA", "RU"):
        assert code not in dots
    assert "VA" in dots  # observer states count as states
    assert "PS" in dots
    assert "GL" not in dots  # a territory, not a state


def test_a_tiny_state_gets_a_dot_beside_its_shape(monkeypatch):
    arcs = [_square(0, 0, 1, 1)]
    # A 0.1° square, about 90 km², standing for Monaco: drawn, but too small to see alone.
    topology = {
        "type": "Topology",
        "transform": {"scale": [0.1, 0.1], "translate": [7.4, 43.7]},
        "arcs": arcs,
        "objects": {
            "countries": {
                "type": "GeometryCollection",
                "geometries": [
                    {
                        "type": "Polygon",
                        "arcs": [[0]],
                        "id": "492",
                        "properties": {"name": "Monaco"},
                    }
                ],
            }
        },
    }
    monkeypatch.setattr(
        prepare_shapes, "capital_points", lambda codes: dict.fromkeys(codes, ("Capital", 0.0, 0.0))
    )
    collection, dots, _log = prepare_shapes.build(topology)
    assert [f["properties"]["iso2"] for f in collection["features"]] == ["MC"]
    monaco = next(dot for dot in dots if dot["iso2"] == "MC")
    assert monaco["reason"] == "small"
    assert monaco["area_km2"] < prepare_shapes.SMALL_KM2
