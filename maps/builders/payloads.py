"""The JSON data each layer of a map receives."""

from __future__ import annotations

import html
import math
from collections.abc import Callable, Sequence
from typing import Any

from maps import shapes
from maps.builders.container import MAX_ZOOM, MIN_ZOOM
from maps.builders.escaping import safe_url
from maps.builders.inputs import CountryStatus, MapText, PartnerPoint

# The codes of ratification.status.TreatyStatus (the builders import no app), in legend order.
STATUSES = ("party", "signatory", "denounced", "none", "not_applicable")
# Okabe-Ito blue and orange for the two kinds of participation, then two pale neutrals. Told apart
# by hue for every common colour-vision deficiency and by lightness in greyscale (CIE L* about
# 46, 72, 95 and 83); "not applicable" also has a dashed outline. The status is always in text too.
COLOURS = {
    "party": "#0072b2",
    "signatory": "#e69f00",
    # Okabe-Ito reddish purple: a former party (denunciation in effect), told apart from both.
    "denounced": "#cc79a7",
    "none": "#f3efe6",
    "not_applicable": "#d0d0d0",
}
LAND = "#ece8df"  # land under partner markers when no status is shown


def text_payload(text: MapText) -> dict[str, str]:
    return {
        "signed": text.signed,
        "party_since": text.party_since,
        "open_profile": text.open_profile,
        "country_hint": text.country_hint,
        "zoom_in": text.zoom_in,
        "zoom_out": text.zoom_out,
        # Leaflet's layer control inserts overlay names as HTML.
        "layer_status": html.escape(text.layer_status),
        "layer_partners": html.escape(text.layer_partners),
        "layer_activities": html.escape(text.layer_activities),
    }


def attribution(text: MapText, *, geonames: bool) -> list[str]:
    # Leaflet's attribution control takes HTML: escaped text only, no links to other sites.
    lines = [html.escape(text.attribution_shapes)]
    if geonames:
        lines.append(html.escape(text.attribution_geonames))
    return lines


def tiles(tiles_url: str, text: MapText) -> dict[str, Any] | None:
    if not tiles_url:
        return None
    if not safe_url(tiles_url):
        raise ValueError("tiles_url must be an http(s) URL template or a site-relative path")
    return {
        "url": tiles_url,
        "min_zoom": MIN_ZOOM,
        "max_zoom": MAX_ZOOM,
        "attribution": html.escape(text.tiles_attribution),
    }


def status_payload(countries: Sequence[CountryStatus], text: MapText) -> dict[str, Any]:
    by_code: dict[str, list[str]] = {}
    for country in countries:
        if country.status not in STATUSES:
            raise ValueError(f"{country.iso2}: unknown status {country.status!r}")
        by_code[country.iso2] = [
            country.status,
            country.name,
            country.status_label,
            text.format_date(country.signed_on) if country.signed_on else "",
            text.format_date(country.party_on) if country.party_on else "",
            safe_url(country.url),
        ]
    drawable = shapes.drawable_codes()
    not_drawn = [
        [country.name, country.status_label]
        for country in countries
        if country.iso2 not in drawable and country.status in ("party", "signatory", "denounced")
    ]
    labels = {
        "party": text.party,
        "signatory": text.signatory,
        "denounced": text.denounced,
        "none": text.no_action,
        "not_applicable": text.not_applicable,
    }
    return {
        "countries": by_code,
        "dots": [[d.iso2, d.lat, d.lon] for d in shapes.dots() if d.iso2 in by_code],
        "colours": COLOURS,
        # "Former party" only where there is one: most treaties have no denunciation.
        "legend": [
            [status, labels[status]]
            for status in STATUSES
            if status != "denounced" or any(c.status == "denounced" for c in countries)
        ],
        "not_drawn": not_drawn,
        "target": "",
        "text": {
            "legend_title": text.legend_title,
            "status_as_at": text.status_as_at,
            "not_on_map": text.not_on_map,
            "disclaimer": text.disclaimer,
            "signed": text.signed,
            "party_since": text.party_since,
            "country_hint": text.country_hint,
        },
    }


ACTIVITY_COLOUR = "#009e73"  # Okabe-Ito bluish green: apart from the status blue and orange


def _point_rows(points: Sequence[PartnerPoint]) -> tuple[list[list[Any]], int]:
    rows: list[list[Any]] = []
    skipped = 0
    for point in points:
        lat, lon = float(point.lat), float(point.lon)
        if not (
            math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180
        ):
            skipped += 1  # the selector lists these under the map; a bad row must not break it
            continue
        rows.append(
            [
                # 5 decimals is about 1 m: more is noise, and it keeps 10,000 rows near 200 KB.
                round(lat, 5),
                round(lon, 5),
                point.name,
                point.city,
                point.country,
                ", ".join(point.focus_areas),
                safe_url(point.url),
            ]
        )
    return rows, skipped


def activity_payload(points: Sequence[PartnerPoint], text: MapText) -> tuple[dict[str, Any], int]:
    """Activities: the partner rows' shape ([lat, lon, title, city, country, "when · who", url]),
    drawn as round markers in their own colour so they are not taken for partners."""
    rows, skipped = _point_rows(points)
    return {
        "rows": rows,
        "colour": ACTIVITY_COLOUR,
        "target": "",
        "text": {"open_profile": text.open_activity},
    }, skipped


def partner_payload(
    points: Sequence[PartnerPoint],
    text: MapText,
    static_url: Callable[[str], str],
    *,
    cluster: bool,
) -> tuple[dict[str, Any], int]:
    rows, skipped = _point_rows(points)
    icon = {
        "iconUrl": static_url("vendor/leaflet/images/marker-icon.png"),
        "iconRetinaUrl": static_url("vendor/leaflet/images/marker-icon-2x.png"),
        "shadowUrl": static_url("vendor/leaflet/images/marker-shadow.png"),
        # Leaflet's default marker geometry; the URLs are explicit because Leaflet's own
        # detection of its image path fails on hashed static file names in production.
        "iconSize": [25, 41],
        "iconAnchor": [12, 41],
        "popupAnchor": [1, -34],
        "tooltipAnchor": [16, -28],
        "shadowSize": [41, 41],
    }
    return {
        "rows": rows,
        "icon": icon,
        "cluster": cluster,
        "target": "",
        "text": {"open_profile": text.open_profile},
    }, skipped
