"""The prepared country shapes and capital dots (maps/data/, written by prepare_shapes.py).

Read once per process and cached: the files are committed and never change at run time. The
browser gets the geometry from static/maps/countries.js; the builders only need to know which
codes have a shape and where the dots go.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from maps.data.outlines import simplify

DATA = Path(__file__).resolve().parent / "data"
SHAPES_FILE = DATA / "countries.geojson"
DOTS_FILE = DATA / "dots.json"
BROWSER_SHAPES = "maps/countries.js"  # static path of the same shapes for the browser
# The same features simplified to 0.2° and rounded to 0.1° (maps/data/prepare_lite.py): what the
# home preview and the small maps load, a fifth of the detailed file's weight.
BROWSER_SHAPES_LITE = "maps/countries-lite.js"
DETAIL_FULL, DETAIL_LITE = "full", "lite"
OUTLINES = {DETAIL_FULL: BROWSER_SHAPES, DETAIL_LITE: BROWSER_SHAPES_LITE}


def browser_outlines(detail: str) -> str:
    """The static path of the outline file for a level of detail ("full" or "lite")."""
    try:
        return OUTLINES[detail]
    except KeyError:
        raise ValueError(f"detail must be one of {sorted(OUTLINES)}, not {detail!r}") from None


@dataclass(frozen=True)
class Dot:
    iso2: str
    name: str
    capital: str
    lat: float
    lon: float
    reason: str  # "absent" (no shape) or "small" (under about 2,500 km²)


@lru_cache(maxsize=1)
def shape_collection() -> dict[str, Any]:
    """The full GeoJSON FeatureCollection (tests and tools; the builders need only the codes)."""
    data: dict[str, Any] = json.loads(SHAPES_FILE.read_text(encoding="utf-8"))
    return data


@lru_cache(maxsize=1)
def shape_codes() -> frozenset[str]:
    return frozenset(
        feature["properties"]["iso2"]
        for feature in shape_collection()["features"]
        if feature["properties"]["iso2"]
    )


@lru_cache(maxsize=1)
def dots() -> tuple[Dot, ...]:
    rows = json.loads(DOTS_FILE.read_text(encoding="utf-8"))
    return tuple(
        Dot(
            iso2=row["iso2"],
            name=row["name"],
            capital=row["capital"],
            lat=row["lat"],
            lon=row["lon"],
            reason=row["reason"],
        )
        for row in rows
    )


def drawable_codes() -> frozenset[str]:
    """Every code the ratification map can show: a shape, a dot, or both."""
    return shape_codes() | {dot.iso2 for dot in dots()}


# --- A small map's neighbourhood ------------------------------------------------------------
# A small map (a partner, a day of action, a country page) frames the country, not a point: its
# main landmass with room around it for the neighbours, drawn from the detailed outlines (the
# coarse file's 0.2° simplification shows at that scale), clipped to a window around the frame
# and simplified to about a pixel of it, so the page carries only what it shows.

Bounds = list[list[float]]  # [[south, west], [north, east]], Leaflet's order
MIN_FRAME_DEGREES = 6.0  # the least a frame spans: a small country still shows its neighbours
FRAME_PADDING = 0.25  # of the country's span, on each side
PIXELS_ACROSS = 1100  # the widest small map, in pixels (the main column at 1280)
# The clip window reaches a frame beyond the frame on each side (the fitted zoom is rounded down
# to a quarter step, so the view is a little larger than the frame), and wider still east and
# west: a small map is 300 px high and up to about four times as wide, so the frame's height
# decides the zoom and the view reaches far beyond its sides.
_WINDOW = 1.0
_WIDEST_ASPECT = 5.0
_SMALL_MAP_HEIGHT = 300


def _ring_bbox(ring: list[list[float]]) -> tuple[float, float, float, float]:
    lons = [p[0] for p in ring]
    lats = [p[1] for p in ring]
    return min(lons), min(lats), max(lons), max(lats)


def _contains(ring: list[list[float]], lon: float, lat: float) -> bool:
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y1 > lat) != (y2 > lat) and lon < (x2 - x1) * (lat - y1) / (y2 - y1) + x1:
            inside = not inside
    return inside


@lru_cache(maxsize=1)
def _features_by_code() -> dict[str, dict[str, Any]]:
    return {f["properties"]["iso2"]: f for f in shape_collection()["features"]}


def _main_polygon_bbox(
    feature: dict[str, Any], near: tuple[float, float] | None
) -> tuple[float, float, float, float]:
    """The bounding box of the polygon holding `near` (lat, lon), or of the largest one: France
    is framed around metropolitan France (or Réunion, for a partner there), not the world."""
    polygons = feature["geometry"]["coordinates"]
    if near is not None:
        lat, lon = near
        for polygon in polygons:
            if _contains([list(p) for p in polygon[0]], lon, lat):
                return _ring_bbox(polygon[0])

    def area(box: tuple[float, float, float, float]) -> float:
        return (box[2] - box[0]) * (box[3] - box[1])

    return max((_ring_bbox(polygon[0]) for polygon in polygons), key=area)


def country_frame(
    codes: Sequence[str], points: Sequence[tuple[float, float]] = ()
) -> Bounds | None:
    """The view a small map opens on: the main landmass of each of `codes` (the one holding a
    point, if any does) and every point, padded so the neighbours show. A state drawn only as a
    dot is framed around its dot. None when there is nothing to frame."""
    features = _features_by_code()
    dot_at = {dot.iso2: (dot.lat, dot.lon) for dot in dots()}
    boxes: list[tuple[float, float, float, float]] = []
    for code in codes:
        code = code.upper()
        feature = features.get(code)
        inside = [p for p in points if feature and _in_feature(feature, p)]
        if feature is not None:
            boxes.append(_main_polygon_bbox(feature, inside[0] if inside else None))
        elif code in dot_at:
            lat, lon = dot_at[code]
            boxes.append((lon, lat, lon, lat))
    boxes += [(lon, lat, lon, lat) for lat, lon in points]
    if not boxes:
        return None
    west, south = min(b[0] for b in boxes), min(b[1] for b in boxes)
    east, north = max(b[2] for b in boxes), max(b[3] for b in boxes)
    pad_lon = max((east - west) * FRAME_PADDING, (MIN_FRAME_DEGREES - (east - west)) / 2)
    pad_lat = max((north - south) * FRAME_PADDING, (MIN_FRAME_DEGREES - (north - south)) / 2)
    return [
        [round(max(south - pad_lat, -85.0), 3), round(west - pad_lon, 3)],
        [round(min(north + pad_lat, 85.0), 3), round(east + pad_lon, 3)],
    ]


def _in_feature(feature: dict[str, Any], point: tuple[float, float]) -> bool:
    lat, lon = point
    return any(_contains(polygon[0], lon, lat) for polygon in feature["geometry"]["coordinates"])


def _clip(ring: list[list[float]], box: tuple[float, float, float, float]) -> list[list[float]]:
    """Sutherland-Hodgman: the part of a ring inside the box (west, south, east, north)."""
    west, south, east, north = box

    def cut(points: list[list[float]], inside: Any, cross: Any) -> list[list[float]]:
        result: list[list[float]] = []
        for i, current in enumerate(points):
            previous = points[i - 1]
            if inside(current):
                if not inside(previous):
                    result.append(cross(previous, current))
                result.append(current)
            elif inside(previous):
                result.append(cross(previous, current))
        return result

    def at_lon(x: float) -> Any:
        def cross(a: list[float], b: list[float]) -> list[float]:
            return [x, a[1] + (b[1] - a[1]) * (x - a[0]) / (b[0] - a[0])]

        return cross

    def at_lat(y: float) -> Any:
        def cross(a: list[float], b: list[float]) -> list[float]:
            return [a[0] + (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1]), y]

        return cross

    points = [list(p) for p in ring[:-1]] if ring and ring[0] == ring[-1] else list(ring)
    points = cut(points, lambda p: p[0] >= west, at_lon(west))
    points = cut(points, lambda p: p[0] <= east, at_lon(east)) if points else points
    points = cut(points, lambda p: p[1] >= south, at_lat(south)) if points else points
    points = cut(points, lambda p: p[1] <= north, at_lat(north)) if points else points
    return points + points[:1] if len(points) >= 3 else []


def clip_window(frame: Bounds) -> Bounds:
    """How far around `frame` a small map's outlines reach: the view of the widest small map
    fitted to the frame, and half a frame more on every side."""
    (south, west), (north, east) = frame
    span_lon, span_lat = east - west, north - south
    stretch = 1 / max(math.cos(math.radians((north + south) / 2)), 0.1)
    # Half the widest view, from the frame's centre, minus the frame's own half width.
    wide = _WIDEST_ASPECT / 2 * span_lat * stretch - span_lon / 2
    reach_lon = min(max(span_lon * _WINDOW, wide + span_lon * _WINDOW), 180.0)
    return [
        [round(max(south - span_lat * _WINDOW, -89.0), 3), round(west - reach_lon, 3)],
        [round(min(north + span_lat * _WINDOW, 89.0), 3), round(east + reach_lon, 3)],
    ]


def neighbourhood(frame: Bounds, *, highlight: Sequence[str] = ()) -> dict[str, Any]:
    """The detailed outlines of every country reaching into a window around `frame` (the
    country and its neighbours), clipped to that window and simplified to about a pixel of the
    frame, as a GeoJSON FeatureCollection; `highlight` codes carry `"focus": true`."""
    (south, west), (north, east) = frame
    span_lon, span_lat = east - west, north - south
    (w_south, w_west), (w_north, w_east) = clip_window(frame)
    window = (w_west, w_south, w_east, w_north)
    stretch = 1 / max(math.cos(math.radians((north + south) / 2)), 0.1)  # Mercator, mid-frame
    # A pixel of the fitted view: the frame fits both ways, so whichever of its width (over the
    # widest small map) and its height (over 300 px) is the tighter decides the zoom.
    tolerance = max(span_lon / PIXELS_ACROSS, span_lat * stretch / _SMALL_MAP_HEIGHT)
    decimals = 2 if tolerance >= 0.01 else 3 if tolerance >= 0.001 else 4
    focus = {code.upper() for code in highlight}
    features = []
    for feature in shape_collection()["features"]:
        polygons = []
        for polygon in feature["geometry"]["coordinates"]:
            w, s, e, n = _ring_bbox(polygon[0])
            if e < window[0] or w > window[2] or n < window[1] or s > window[3]:
                continue
            rings = []
            for ring in polygon:
                clipped = _clip(ring, window)
                if len(clipped) < 4:
                    continue
                simple = simplify([(p[0], p[1]) for p in clipped], tolerance)
                rounded = [[round(x, decimals), round(y, decimals)] for x, y in simple]
                if len(rounded) >= 4:
                    rings.append(rounded)
            if rings:
                polygons.append(rings)
        if polygons:
            code = feature["properties"]["iso2"]
            features.append(
                {
                    "type": "Feature",
                    "properties": {"iso2": code, "focus": code in focus},
                    "geometry": {"type": "MultiPolygon", "coordinates": polygons},
                }
            )
    return {"type": "FeatureCollection", "features": features}
