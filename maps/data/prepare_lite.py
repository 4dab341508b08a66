"""Write the coarse outlines the small maps load: `python maps/data/prepare_lite.py`.

Reads the committed countries.geojson (written by prepare_shapes.py, with every correction of
PROVENANCE.md already made: Crimea with Ukraine, the antimeridian fix, no Antarctica) and writes
static/maps/countries-lite.js: the same features, ids and global as static/maps/countries.js, so
static/maps/coalition-maps.js draws either, but simplified far more and rounded to 0.1°. The
world map and its embed keep the detailed file; the home preview and the small maps (a country,
a partner, a day of action) load this one, so those pages stay within the page-weight budget.

Borders stay shared: the rings are cut into arcs at every point where the set of rings through
it changes (the arcs of prepare_shapes.py, recovered from the exact shared coordinates), and
each arc is simplified once, the same way in every ring that uses it. Needs only the standard
library; no npm. Run it again whenever countries.geojson changes (a test checks they agree).
"""

from __future__ import annotations

import json
import sys
from itertools import pairwise
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from maps.data.outlines import BROWSER_GLOBAL, Point, simplify  # noqa: E402

SOURCE = HERE / "countries.geojson"
LITE_SHAPES = ROOT / "static" / "maps" / "countries-lite.js"
# Degrees. At the zoom a small map shows a country (about 4-6) a pixel is 0.02-0.1°: coarse but
# recognisable outlines, at a fifth of the detailed file's weight.
TOLERANCE = 0.2
DECIMALS = 1


def _rings(collection: dict[str, Any]) -> list[list[Point]]:
    return [
        [(p[0], p[1]) for p in ring]
        for feature in collection["features"]
        for polygon in feature["geometry"]["coordinates"]
        for ring in polygon
    ]


def _canonical(arc: list[Point]) -> tuple[list[Point], bool]:
    """The arc in one fixed direction, so a shared arc simplifies identically from both sides."""
    if arc[-1] < arc[0]:
        return list(reversed(arc)), True
    return arc, False


def _simplify_arc(arc: list[Point], done: dict[tuple[Point, ...], list[Point]]) -> list[Point]:
    forward, flipped = _canonical(arc)
    key = tuple(forward)
    if key not in done:
        done[key] = simplify(forward, TOLERANCE)
    result = done[key]
    return list(reversed(result)) if flipped else list(result)


def _closed_canonical(ring: list[Point]) -> list[Point]:
    """A ring with no junction (an island, an enclave and the hole around it): start at its
    smallest point and go the way its smaller neighbour lies, so both copies agree."""
    body = ring[:-1]
    start = body.index(min(body))
    body = body[start:] + body[:start]
    if len(body) > 2 and body[-1] < body[1]:
        body = [body[0], *reversed(body[1:])]
    return [*body, body[0]]


def simplify_collection(collection: dict[str, Any]) -> dict[str, Any]:
    rings_through: dict[Point, set[int]] = {}
    for index, ring in enumerate(_rings(collection)):
        for point in ring:
            rings_through.setdefault(point, set()).add(index)
    done: dict[tuple[Point, ...], list[Point]] = {}

    def simplify_ring(ring: list[Point]) -> list[Point]:
        keys = [frozenset(rings_through[p]) for p in ring]
        n = len(ring)
        # A junction: a point whose rings differ from a neighbour's (the ring is closed, so the
        # neighbours of the first point are the second and the one before the last).
        fixed = [
            i
            for i in range(n - 1)
            if keys[i] != keys[(i + 1) % (n - 1)] or keys[i] != keys[(i - 1) % (n - 1)]
        ]
        if not fixed:
            closed = _closed_canonical(ring)
            return _simplify_arc(closed, done)
        body = ring[:-1]
        start = fixed[0]
        body = body[start:] + body[:start]  # begins at a junction
        positions = [(i - start) % (n - 1) for i in fixed] + [n - 1]
        loop = [*body, body[0]]
        out: list[Point] = []
        for first, last in pairwise(positions):
            arc = _simplify_arc(loop[first : last + 1], done)
            out.extend(arc if not out else arc[1:])
        return out

    features = []
    for feature in collection["features"]:
        polygons = []
        for polygon in feature["geometry"]["coordinates"]:
            rings = []
            for position, ring in enumerate(polygon):
                points = _rounded(simplify_ring([(p[0], p[1]) for p in ring]))
                if len(points) >= 4 and len({tuple(p) for p in points}) >= 3:
                    rings.append(points)
                elif position == 0:
                    break
            if rings:
                polygons.append(rings)
        if not polygons and feature["properties"]["iso2"]:
            # Too small to survive 0.1°: keep its largest ring as the detailed file has it, so
            # every territory stays on the small maps (a handful of points each).
            largest = max(feature["geometry"]["coordinates"], key=lambda poly: len(poly[0]))
            polygons = [[largest[0]]]
        if polygons:
            features.append(
                {
                    "type": "Feature",
                    "properties": {"iso2": feature["properties"]["iso2"]},
                    "geometry": {"type": "MultiPolygon", "coordinates": polygons},
                }
            )
    return {"type": "FeatureCollection", "features": features}


def _rounded(ring: list[Point]) -> list[list[float]]:
    points: list[list[float]] = []
    for lon, lat in ring:
        point = [round(lon, DECIMALS), round(lat, DECIMALS)]
        if not points or points[-1] != point:
            points.append(point)
    return points


def lite_script(collection: dict[str, Any]) -> str:
    body = json.dumps(simplify_collection(collection), separators=(",", ":"), ensure_ascii=True)
    return (
        "/* Coarse country outlines for small maps: Natural Earth 1:50m (public domain) via "
        "world-atlas 2.0.2 (ISC), prepared by maps/data/prepare_shapes.py and "
        "maps/data/prepare_lite.py; see maps/data/PROVENANCE.md. */\n"
        f"window.{BROWSER_GLOBAL} = {body};\n"
    )


def main() -> int:
    collection = json.loads(SOURCE.read_text(encoding="utf-8"))
    LITE_SHAPES.write_text(lite_script(collection), encoding="utf-8")
    print(f"{len(collection['features'])} features written to {LITE_SHAPES}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
