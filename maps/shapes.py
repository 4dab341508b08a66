"""The prepared country shapes and capital dots (maps/data/, written by prepare_shapes.py).

Read once per process and cached: the files are committed and never change at run time. The
browser gets the geometry from static/maps/countries.js; the builders only need to know which
codes have a shape and where the dots go.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

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
