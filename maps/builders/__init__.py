"""Pure map builders: plain data in, a self-hosted folium map out.

No ORM, no request, no network: maps/selectors.py turns the database into the dataclasses of
inputs.py (re-exported here), the views translate every visible string into a MapText, and these
functions only arrange them. In a view:

    from django.templatetags.static import static
    parts = render_parts(ratification_map(countries=..., partners=..., text=..., static_url=static))
    # template: {{ parts.header|safe }} in <head>, {{ parts.html|safe }} where the map goes (its
    # container needs a height when height="100%"), {{ parts.script|safe }} before </body>.

Why not folium's own layers: folium.Popup/Tooltip put text inside JavaScript template literals
without escaping (a partner named `${...}` or `</script>` runs code or blanks the map),
folium.Choropleth loads d3 from a CDN, and 10,000 folium markers take seconds to build. Here the
folium map is only the container: all data goes into one JSON object, escaped for an inline
script, and static/maps/coalition-maps.js draws it, putting every string in the page with
textContent. Leaflet, markercluster and the shapes are served from our own static files.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import folium

from maps import shapes
from maps.builders import payloads
from maps.builders.container import CoalitionMap, Drawing, render_parts
from maps.builders.escaping import js_json, safe_url
from maps.builders.inputs import CountryStatus, MapParts, MapText, PartnerPoint
from maps.builders.payloads import COLOURS, LAND, STATUSES

__all__ = [
    "COLOURS",
    "STATUSES",
    "CountryStatus",
    "MapParts",
    "MapText",
    "PartnerPoint",
    "js_json",
    "points_map",
    "ratification_map",
    "render_parts",
    "safe_url",
]

WORLD = [[-56.0, -170.0], [76.0, 190.0]]  # Chukotka reaches 190° E after the antimeridian fix
POINT_ZOOM = 6  # a single partner on a small map: country-level context around the point


def ratification_map(
    *,
    countries: Sequence[CountryStatus],
    partners: Sequence[PartnerPoint] | None,
    text: MapText,
    static_url: Callable[[str], str],
    activities: Sequence[PartnerPoint] | None = None,
    tiles_url: str = "",
    height: str = "100%",
    show_legend: bool = True,
    link_target: str = "_self",
    detail: str = shapes.DETAIL_FULL,
) -> folium.Map:
    """The world map: countries coloured by status (none if `countries` is empty), clustered
    partners (none if `partners` is None), day-of-action activities as round markers (none if
    `activities` is None), legend, layer control, attribution and disclaimer.
    `link_target` "_top" or "_blank" makes country and profile links leave an embedding iframe.
    `detail` "lite" loads the coarse outlines (a preview: a fifth of the weight) instead of the
    detailed ones."""
    target = _link_target(link_target)
    m = CoalitionMap(
        static_url=static_url,
        label=text.map_label,
        height=height,
        with_cluster=partners is not None,
        detail=detail,
    )
    status = payloads.status_payload(countries, text) if countries else None
    if status:
        status["target"] = target
        # Over a tile layer the colours let the basemap show through; without one they are solid.
        status["fill_opacity"] = 0.7 if tiles_url else 1
    partner_data = None
    if partners is not None:
        partner_data, m.skipped_points = payloads.partner_payload(
            partners, text, static_url, cluster=True
        )
        partner_data["target"] = target
    activity_data = None
    if activities is not None:
        activity_data, skipped = payloads.activity_payload(activities, text)
        m.skipped_points += skipped
        activity_data["target"] = target
    payload = {
        "status": status,
        "partners": partner_data,
        "activities": activity_data,
        "show_legend": show_legend,
        "land": LAND,
        "view": WORLD,
        "tiles": payloads.tiles(tiles_url, text),
        "attribution": payloads.attribution(
            text, geonames=bool(status and status["dots"]) or bool(partners) or bool(activities)
        ),
        "text": payloads.text_payload(text),
    }
    m.add_child(Drawing("ratification", payload))
    return m


def points_map(
    *,
    points: Sequence[PartnerPoint],
    text: MapText,
    static_url: Callable[[str], str],
    tiles_url: str = "",
    height: str = "300px",
    zoom: int | None = None,
    link_target: str = "_self",
    highlight: CountryStatus | None = None,
    detail: str = shapes.DETAIL_LITE,
    countries: Sequence[str] = (),
) -> folium.Map:
    """A small map around one or a few points (partner profile, country page, campaign
    activities); `zoom` caps how far it zooms in (default 6). `highlight` (the country page)
    draws that country in its status colour, with its tooltip.

    With `countries` (ISO codes: where the points are) or a `highlight`, the map opens on that
    country and its neighbours, not on a point: the frame of `shapes.country_frame`, drawn from
    the detailed outlines of the neighbourhood (`shapes.neighbourhood`, carried in the data),
    the country outlined and each point's city labelled. Otherwise it is fitted to the points
    over the outlines of `detail` ("lite", the coarse file, by default; "full")."""
    many = len(points) > 20  # a country page with many partners still stays readable
    m = CoalitionMap(
        static_url=static_url,
        label=text.map_label,
        height=height,
        with_cluster=many,
        detail=detail,
    )
    partner_data, m.skipped_points = payloads.partner_payload(
        points, text, static_url, cluster=many
    )
    partner_data["target"] = _link_target(link_target)
    status = payloads.status_payload([highlight], text) if highlight else None
    if status:
        status["target"] = partner_data["target"]
    drawable = highlight is not None and highlight.iso2 in shapes.drawable_codes()
    codes = [*countries, *([highlight.iso2] if highlight else [])]
    frame = shapes.country_frame(codes, [(row[0], row[1]) for row in partner_data["rows"]])
    local = None
    if codes and frame is not None:
        local = {"frame": frame, "shapes": shapes.neighbourhood(frame, highlight=codes)}
    # The city of each point is labelled on the map (a few points only: a cluster has no room).
    partner_data["labels"] = not many
    payload = {
        "partners": partner_data,
        "status": status,
        "local": local,
        "land": LAND,
        "view": None if partner_data["rows"] or drawable or local else WORLD,
        "fit_max_zoom": zoom if zoom is not None else POINT_ZOOM,
        "tiles": payloads.tiles(tiles_url, text),
        "attribution": payloads.attribution(text, geonames=True),
        "text": payloads.text_payload(text),
    }
    m.add_child(Drawing("points", payload))
    return m


def _link_target(value: str) -> str:
    if value not in ("_self", "_top", "_blank"):
        raise ValueError(f"link_target must be _self, _top or _blank, not {value!r}")
    return value
