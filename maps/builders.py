"""Pure map builders: plain data in, a self-hosted folium map out.

No ORM, no request, no network: maps/selectors.py turns the database into the dataclasses below,
the views translate every visible string into a MapText, and these functions only arrange them.

Why not folium's own layers: folium.Popup/Tooltip put text inside JavaScript template literals
without escaping (a partner named `${...}` or `</script>` runs code or blanks the map),
folium.Choropleth loads d3 from a CDN, and 10,000 folium markers take seconds to build. Here the
folium map is only the container: all data goes into one JSON object, escaped for an inline
script, and static/maps/coalition-maps.js draws it, putting every string in the page with
textContent. Leaflet, markercluster and the shapes are served from our own static files.
"""

from __future__ import annotations

import html
import json
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urlsplit

import folium
from branca.element import CssLink, Element, Figure, JavascriptLink, MacroElement
from folium.template import Template

from maps import shapes

STATUSES = ("party", "signatory", "none", "not_applicable")
# Okabe-Ito blue and orange for the two kinds of participation, then two pale neutrals. Told apart
# by hue for every common colour-vision deficiency and by lightness in greyscale (CIE L* about
# 46, 72, 95 and 83); "not applicable" also has a dashed outline. The status is always in text too.
COLOURS = {
    "party": "#0072b2",
    "signatory": "#e69f00",
    "none": "#f3efe6",
    "not_applicable": "#d0d0d0",
}
LAND = "#ece8df"  # land under partner markers when no status is shown
MIN_ZOOM, MAX_ZOOM = 1, 12  # markercluster needs a maxZoom; without tiles, beyond 12 shows nothing
WORLD = [[-56.0, -170.0], [76.0, 190.0]]  # Chukotka reaches 190° E after the antimeridian fix
MAX_BOUNDS = [[-80.0, -200.0], [86.0, 220.0]]
POINT_ZOOM = 6  # a single partner on a small map: country-level context around the point
_URL_UNSAFE_CHARS = re.compile(r"[\s\x00-\x1f\x7f]")  # browsers drop tabs: "java\tscript:"
_CSS_SIZE = re.compile(r"^\d+(\.\d+)?(px|%|vh|rem|em)$")
# `$` and the backtick too: harmless in a JSON literal, but then no user text can ever form `${`
# or close a template literal, should anyone paste the data into one.
_JS_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "$": "\\u0024",
    "`": "\\u0060",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
_JS_ESCAPE = re.compile("[<>&$`\u2028\u2029]")


@dataclass(frozen=True)
class CountryStatus:
    iso2: str  # ISO 3166-1 alpha-2, plus "XK" (Kosovo) and "EU"
    name: str  # already translated
    status: str  # "party" | "signatory" | "none" | "not_applicable"
    status_label: str  # translated text of the status
    signed_on: date | None
    party_on: date | None  # ratification / accession / succession date
    url: str  # the country page URL


@dataclass(frozen=True)
class PartnerPoint:
    name: str
    city: str
    country: str  # translated country name
    focus_areas: tuple[str, ...]
    url: str  # profile URL (http(s) or site-relative path only; anything else dropped)
    lat: float
    lon: float


def _iso(value: date) -> str:
    return value.isoformat()


@dataclass(frozen=True, kw_only=True)
class MapText:
    """Every visible string, already translated by the caller (the builders translate nothing)."""

    map_label: str  # aria-label of the map region
    legend_title: str  # e.g. "Migrant Workers Convention"
    party: str
    signatory: str
    no_action: str
    not_applicable: str
    status_as_at: str  # e.g. "Status as at 3 February 2026" (already formatted)
    layer_status: str  # "Ratification status"
    layer_partners: str  # "Partners"
    signed: str  # "Signed"
    party_since: str  # "Party since"
    open_profile: str  # "Open the profile"
    not_on_map: str  # heading for participants with no shape or dot (the European Union)
    attribution_shapes: str  # "Boundaries: Natural Earth"
    attribution_geonames: str  # "Capitals: GeoNames (CC BY 4.0)"
    disclaimer: str
    zoom_in: str
    zoom_out: str
    country_hint: str = ""  # e.g. "Click for the country page", under each country's tooltip
    tiles_attribution: str = ""  # credit of MAP_TILES_URL's provider, when tiles are used
    format_date: Callable[[date], str] = field(default=_iso)


@dataclass(frozen=True)
class MapParts:
    header: str  # <link>/<script> tags + css for <head>
    html: str  # the map <div>
    script: str  # the inline <script> that draws it


def js_json(value: Any) -> str:
    """JSON that is also safe inside an inline <script>: no `</script>`, `<!--`, `${`, backtick
    or line separator can come out of the data (json.dumps already escapes quotes and `\\`)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return _JS_ESCAPE.sub(lambda m: _JS_ESCAPES[m.group(0)], text)


def safe_url(url: str) -> str:
    """The URL if it is http(s) with a host or a site-relative path, else "" (never javascript:,
    data:, protocol-relative or backslash tricks)."""
    url = (url or "").strip()
    if not url or _URL_UNSAFE_CHARS.search(url):
        return ""
    if url.startswith("/"):
        return "" if url[1:2] in ("/", "\\") else url
    parts = urlsplit(url)
    return url if parts.scheme in ("http", "https") and parts.netloc else ""


def _attribute_text(text: str) -> str:
    """HTML-escaped, and with the characters js_json also encodes, so no user text appears raw."""
    return html.escape(text).translate(
        {ord("$"): "&#36;", ord("`"): "&#96;", 0x2028: "&#8232;", 0x2029: "&#8233;"}
    )


def _css_size(value: str) -> str:
    if not _CSS_SIZE.match(value):
        raise ValueError(f"height must be a CSS length such as '300px' or '100%', not {value!r}")
    return value


class _Rendered(Element):
    """Text that is already rendered.

    branca's MacroElement.render wraps each rendered macro in `Element(text)`, which compiles
    that text as a Jinja template a second time: any data in it containing `{{ … }}` would be
    evaluated on the server (template injection reaching Python objects; a partner named
    `{{ cycler.__init__.__globals__.os… }}` runs code), and compiling a 1 MB payload costs 0.2 s.
    """

    def __init__(self, text: str) -> None:
        super().__init__()
        self._text = text

    def render(self, **kwargs: Any) -> str:
        return self._text


def _render_macros(element: MacroElement, **kwargs: Any) -> None:
    """What MacroElement.render does, without the second template compilation."""
    figure = element.get_root()
    assert isinstance(figure, Figure), "render the map through render_parts()"
    module = element._template.module
    for part in ("header", "html", "script"):
        macro = getattr(module, part, None)
        if macro is not None:
            target = getattr(figure, part)
            target.add_child(_Rendered(macro(element, kwargs)), name=element.get_name())
    for child in element._children.values():
        child.render(**kwargs)


class CoalitionMap(folium.Map):
    """A folium map with no CDN links and no global CSS: the links are set on the instance
    (never folium's class-level lists, which every later map in the process would share), and
    the template writes only this map's own size, so the page keeps its layout."""

    _template = Template(
        """
        {% macro header(this, kwargs) %}<style>#{{ this.get_name() }}{position:relative;width:100%;height:{{ this.css_height }};}</style>
        {% endmacro %}
        {% macro html(this, kwargs) %}<div class="folium-map cm-map" id="{{ this.get_name() }}" role="region" aria-label="{{ this.label_html }}"></div>
        {% endmacro %}
        {% macro script(this, kwargs) %}var {{ this.get_name() }} = L.map("{{ this.get_name() }}", {{ this.options_json }});
        {% endmacro %}
        """
    )

    def __init__(
        self,
        *,
        static_url: Callable[[str], str],
        label: str,
        height: str,
        with_cluster: bool,
    ) -> None:
        super().__init__(location=[20, 10], zoom_start=2, tiles=None, zoom_control=False)
        self.css_height = _css_size(height)
        self.label_html = _attribute_text(label)
        self.skipped_points = 0
        self.options_json = js_json(
            {
                "center": [20, 10],
                "zoom": 2,
                "minZoom": MIN_ZOOM,
                "maxZoom": MAX_ZOOM,
                "maxBounds": MAX_BOUNDS,
                "maxBoundsViscosity": 0.8,
                "zoomControl": False,
                "worldCopyJump": False,
            }
        )
        # Same key names as folium's defaults, so nothing of folium's CDN list can come back.
        self.default_js = [
            ("leaflet", static_url("vendor/leaflet/leaflet.js")),
            ("coalition_shapes", static_url(shapes.BROWSER_SHAPES)),
            ("coalition_maps", static_url("maps/coalition-maps.js")),
        ]
        self.default_css = [
            ("leaflet_css", static_url("vendor/leaflet/leaflet.css")),
            ("coalition_maps_css", static_url("maps/maps.css")),
        ]
        if with_cluster:
            self.default_js.append(
                (
                    "markercluster",
                    static_url("vendor/leaflet.markercluster/leaflet.markercluster.js"),
                )
            )
            self.default_css += [
                ("markercluster_css", static_url("vendor/leaflet.markercluster/MarkerCluster.css")),
                (
                    "markercluster_default_css",
                    static_url("vendor/leaflet.markercluster/MarkerCluster.Default.css"),
                ),
            ]

    def render(self, **kwargs: Any) -> str:
        figure = self.get_root()
        assert isinstance(figure, Figure), "render the map through render_parts()"
        for name, url in self.default_js:
            figure.header.add_child(JavascriptLink(url), name=name)
        for name, url in self.default_css:
            figure.header.add_child(CssLink(url), name=name)
        _render_macros(self, **kwargs)
        return ""  # like MacroElement: the output went into the figure's header, html, script


class _Drawing(MacroElement):
    """One call into static/maps/coalition-maps.js with all the map's data as JSON."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}CoalitionMaps.{{ this.function }}({{ this._parent.get_name() }}, {{ this.payload }});
        {% endmacro %}
        """
    )

    def __init__(self, function: str, payload: dict[str, Any]) -> None:
        super().__init__()
        self._name = "CoalitionDrawing"
        self.function = function
        self.payload = js_json(payload)

    def render(self, **kwargs: Any) -> str:
        _render_macros(self, **kwargs)
        return ""


# --- payload pieces ----------------------------------------------------------------------------


def _text_payload(text: MapText) -> dict[str, str]:
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
    }


def _attribution(text: MapText, *, geonames: bool) -> list[str]:
    # Leaflet's attribution control takes HTML: escaped text only, no links to other sites.
    lines = [html.escape(text.attribution_shapes)]
    if geonames:
        lines.append(html.escape(text.attribution_geonames))
    return lines


def _tiles(tiles_url: str, text: MapText) -> dict[str, Any] | None:
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


def _status_payload(countries: Sequence[CountryStatus], text: MapText) -> dict[str, Any]:
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
        if country.iso2 not in drawable and country.status in ("party", "signatory")
    ]
    labels = {
        "party": text.party,
        "signatory": text.signatory,
        "none": text.no_action,
        "not_applicable": text.not_applicable,
    }
    return {
        "countries": by_code,
        "dots": [[d.iso2, d.lat, d.lon] for d in shapes.dots() if d.iso2 in by_code],
        "colours": COLOURS,
        "legend": [[status, labels[status]] for status in STATUSES],
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


def _partner_payload(
    points: Sequence[PartnerPoint],
    text: MapText,
    static_url: Callable[[str], str],
    *,
    cluster: bool,
) -> tuple[dict[str, Any], int]:
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


# --- builders ----------------------------------------------------------------------------------


def ratification_map(
    *,
    countries: Sequence[CountryStatus],
    partners: Sequence[PartnerPoint] | None,
    text: MapText,
    static_url: Callable[[str], str],
    tiles_url: str = "",
    height: str = "100%",
    show_legend: bool = True,
    link_target: str = "_self",
) -> folium.Map:
    """The world map: countries coloured by status (none if `countries` is empty), clustered
    partners (none if `partners` is None), legend, layer control, attribution and disclaimer.
    `link_target` "_top" or "_blank" makes country and profile links leave an embedding iframe."""
    target = _link_target(link_target)
    m = CoalitionMap(
        static_url=static_url,
        label=text.map_label,
        height=height,
        with_cluster=partners is not None,
    )
    status = _status_payload(countries, text) if countries else None
    if status:
        status["target"] = target
        # Over a tile layer the colours let the basemap show through; without one they are solid.
        status["fill_opacity"] = 0.7 if tiles_url else 1
    partner_data = None
    if partners is not None:
        partner_data, m.skipped_points = _partner_payload(partners, text, static_url, cluster=True)
        partner_data["target"] = target
    payload = {
        "status": status,
        "partners": partner_data,
        "show_legend": show_legend,
        "land": LAND,
        "view": WORLD,
        "tiles": _tiles(tiles_url, text),
        "attribution": _attribution(
            text, geonames=bool(status and status["dots"]) or bool(partners)
        ),
        "text": _text_payload(text),
    }
    m.add_child(_Drawing("ratification", payload))
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
) -> folium.Map:
    """A small map around one or a few points (partner profile, country page, campaign
    activities), fitted to them; `zoom` caps how far it zooms in (default 6)."""
    many = len(points) > 20  # a country page with many partners still stays readable
    m = CoalitionMap(static_url=static_url, label=text.map_label, height=height, with_cluster=many)
    partner_data, m.skipped_points = _partner_payload(points, text, static_url, cluster=many)
    partner_data["target"] = _link_target(link_target)
    payload = {
        "partners": partner_data,
        "land": LAND,
        "view": None if partner_data["rows"] else WORLD,
        "fit_max_zoom": zoom if zoom is not None else POINT_ZOOM,
        "tiles": _tiles(tiles_url, text),
        "attribution": _attribution(text, geonames=True),
        "text": _text_payload(text),
    }
    m.add_child(_Drawing("points", payload))
    return m


def _link_target(value: str) -> str:
    if value not in ("_self", "_top", "_blank"):
        raise ValueError(f"link_target must be _self, _top or _blank, not {value!r}")
    return value


def render_parts(m: folium.Map) -> MapParts:
    """Split a built map into what a Django template places in <head>, in the body, and at the
    end of the body. Renders the map once (folium would otherwise make a whole HTML document)."""
    figure = m.get_root()
    assert isinstance(figure, Figure)
    for child in figure._children.values():
        child.render()
    header = "\n".join(
        element.render()
        for name, element in figure.header._children.items()
        if name != "meta_http"  # the page has its own charset
    )
    return MapParts(
        header=header,
        html=figure.html.render(),
        script=f"<script>\n{figure.script.render()}\n</script>",
    )
