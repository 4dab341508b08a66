"""INTERIM builders (maps-b): the agreed interface, so that pages, caching and browser tests can be
built before maps-a's `maps/builders.py` lands; at merge maps-a's module replaces this one.

Pure functions from plain data to a `folium.Map`: no ORM, no network. Every visible string comes
in `MapText`, already translated. Names, cities and URLs reach the page only as JSON data and are
shown with `textContent` (folium's Popup/Tooltip do not escape, see the security note in
maps/data/PROVENANCE.md and the shared notes), and only http(s) links are kept.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import folium
from branca.element import Element, MacroElement
from jinja2 import Template

DATA_DIR = Path(__file__).resolve().parent / "data"

STATUS_COLOURS = {
    # Okabe-Ito blue and orange: distinguishable with the common colour-vision deficiencies.
    "party": "#0072b2",
    "signatory": "#e69f00",
    "none": "#d4d4d4",
    "not_applicable": "#f7f7f7",
}


@dataclass(frozen=True)
class CountryStatus:
    iso2: str
    name: str
    status: str  # "party" | "signatory" | "none" | "not_applicable"
    status_label: str
    signed_on: datetime.date | None
    party_on: datetime.date | None
    url: str


@dataclass(frozen=True)
class PartnerPoint:
    name: str
    city: str
    country: str
    focus_areas: tuple[str, ...]
    url: str
    lat: float
    lon: float


@dataclass(frozen=True)
class MapText:
    legend_title: str = "Status"
    status_labels: dict[str, str] = field(default_factory=dict)
    status_as_at: str = ""
    countries_layer: str = "Countries"
    partners_layer: str = "Partners"
    signed_on: str = "Signed"
    party_on: str = "Party since"
    open_profile: str = "Open the profile"
    attribution: str = ""
    disclaimer: str = ""


@dataclass(frozen=True)
class MapParts:
    header: str
    html: str
    script: str


@cache
def _shapes() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((DATA_DIR / "countries.geojson").read_text())
    return data


@cache
def _dots() -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads((DATA_DIR / "dots.json").read_text())
    return data


def _json(value: object) -> str:
    """JSON safe inside an inline <script>: no `</script>`, no `<!--`, no U+2028."""
    return (
        json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _safe_url(url: str) -> str:
    return url if url.startswith(("/", "https://", "http://")) and not url.startswith("//") else ""


class _Map(folium.Map):
    pass


def _base_map(
    *, static_url: Callable[[str], str], tiles_url: str, height: str, text: MapText
) -> folium.Map:
    m = _Map(
        location=[20, 10],
        zoom_start=2,
        tiles=None,
        height=height,
        min_zoom=1,
        max_zoom=18,
        world_copy_jump=False,
        control_scale=False,
        prefer_canvas=False,
    )
    # On the instance: add_js_link() would change the class list for every later map.
    m.default_js = [("leaflet", static_url("vendor/leaflet/leaflet.js"))]
    m.default_css = [("leaflet_css", static_url("vendor/leaflet/leaflet.css"))]
    m.options["minZoom"] = 1
    m.options["maxZoom"] = 18
    if tiles_url:
        folium.TileLayer(tiles=tiles_url, attr=text.attribution or " ", name=" ").add_to(m)
    m.get_root().header.add_child(  # type: ignore[attr-defined]
        Element(
            "<style>.leaflet-container{background:#dfe9f2}"
            ".map-legend{background:#fff;padding:6px 8px;font:12px/1.4 sans-serif;"
            "border-radius:4px;box-shadow:0 1px 4px rgba(0,0,0,.3)}"
            ".map-legend i{display:inline-block;width:12px;height:12px;margin-right:4px;"
            "border:1px solid #555;vertical-align:middle}</style>"
        )
    )
    return m


class _Script(MacroElement):
    _template = Template(
        "{% macro script(this, kwargs) %}(function(){var map={{ this._parent.get_name() }};"
        "{{ this.code }}})();{% endmacro %}"
    )

    def __init__(self, code: str) -> None:
        super().__init__()
        self.code = code


_COUNTRIES_JS = """
var C=%(data)s, S=%(shapes)s, D=%(dots)s, T=%(text)s, K=%(colours)s;
var byIso={}; C.forEach(function(c){byIso[c.iso2]=c;});
function tip(c){var el=document.createElement('div');var b=document.createElement('strong');
b.textContent=c.name;el.appendChild(b);el.appendChild(document.createElement('br'));
el.appendChild(document.createTextNode(c.status_label));
if(c.signed_on){el.appendChild(document.createElement('br'));el.appendChild(document.createTextNode(T.signed_on+': '+c.signed_on));}
if(c.party_on){el.appendChild(document.createElement('br'));el.appendChild(document.createTextNode(T.party_on+': '+c.party_on));}
return el;}
function bind(layer,c){layer.bindTooltip(function(){return tip(c);},{sticky:true});
if(c.url){layer.on('click',function(){window.top.location.href=c.url;});}}
var group=L.featureGroup();
L.geoJSON(S,{style:function(f){var c=byIso[f.properties.iso2];var s=c?c.status:'not_applicable';
return {fillColor:K[s],fillOpacity:1,color:'#777',weight:0.5,
className:'country country-'+(f.properties.iso2||'none')+' status-'+s};},
onEachFeature:function(f,layer){var c=byIso[f.properties.iso2];if(c){bind(layer,c);}}}).addTo(group);
D.forEach(function(d){var c=byIso[d.iso2];if(!c){return;}
var m=L.circleMarker([d.lat,d.lon],{radius:4,fillColor:K[c.status],fillOpacity:1,color:'#333',weight:1,
className:'country-dot country-'+d.iso2+' status-'+c.status});bind(m,c);m.addTo(group);});
group.addTo(map);window.__mapLayers=window.__mapLayers||{};window.__mapLayers.countries=group;
if(T.show_legend){var legend=L.control({position:'bottomleft'});legend.onAdd=function(){
var div=L.DomUtil.create('div','map-legend');var h=document.createElement('strong');h.textContent=T.legend_title;div.appendChild(h);
T.order.forEach(function(s){var row=document.createElement('div');var i=document.createElement('i');i.style.background=K[s];
row.appendChild(i);row.appendChild(document.createTextNode(T.status_labels[s]||s));div.appendChild(row);});
if(T.status_as_at){var p=document.createElement('div');p.textContent=T.status_as_at;div.appendChild(p);}
return div;};legend.addTo(map);}
"""

_PARTNERS_JS = """
var P=%(points)s, T=%(text)s;
var cluster=L.markerClusterGroup({chunkedLoading:true});
var markers=[];
P.forEach(function(p){var m=L.marker([p[0],p[1]]);m.bindPopup(function(){
var el=document.createElement('div');el.className='partner-popup';
var a=document.createElement(p[6]?'a':'strong');if(p[6]){a.href=p[6];}a.textContent=p[2];el.appendChild(a);
var line=[p[3],p[4]].filter(Boolean).join(', ');if(line){var d=document.createElement('div');d.textContent=line;el.appendChild(d);}
if(p[5]){var f=document.createElement('div');f.textContent=p[5];el.appendChild(f);}
return el;});markers.push(m);});
cluster.addLayers(markers);cluster.addTo(map);
window.__mapLayers=window.__mapLayers||{};window.__mapLayers.partners=cluster;
"""


def _add_layer_control(
    m: folium.Map, text: MapText, has_countries: bool, has_partners: bool
) -> None:
    names = {"countries": text.countries_layer, "partners": text.partners_layer}
    code = (
        "var L_=window.__mapLayers||{};var o={};var N=__NAMES__;"
        "Object.keys(L_).forEach(function(k){o[N[k]]=L_[k];});"
        "if(Object.keys(o).length>1){L.control.layers(null,o,{collapsed:false}).addTo(map);}"
    ).replace("__NAMES__", _json(names))
    if has_countries or has_partners:
        m.add_child(_Script(code))


def ratification_map(
    *,
    countries: Sequence[CountryStatus],
    partners: Sequence[PartnerPoint] | None,
    text: MapText,
    static_url: Callable[[str], str],
    tiles_url: str = "",
    height: str = "100%",
    show_legend: bool = True,
) -> folium.Map:
    m = _base_map(static_url=static_url, tiles_url=tiles_url, height=height, text=text)
    m.options["worldCopyJump"] = False
    m.fit_bounds([[-50, -160], [75, 175]])
    if countries:
        data = [
            {
                "iso2": c.iso2,
                "name": c.name,
                "status": c.status,
                "status_label": c.status_label,
                "signed_on": c.signed_on.isoformat() if c.signed_on else "",
                "party_on": c.party_on.isoformat() if c.party_on else "",
                "url": _safe_url(c.url),
            }
            for c in countries
        ]
        js_text = {
            "signed_on": text.signed_on,
            "party_on": text.party_on,
            "legend_title": text.legend_title,
            "status_labels": text.status_labels,
            "status_as_at": text.status_as_at,
            "order": list(STATUS_COLOURS),
            "show_legend": show_legend,
        }
        m.add_child(
            _Script(
                _COUNTRIES_JS
                % {
                    "data": _json(data),
                    "shapes": _json(_shapes()),
                    "dots": _json(_dots()),
                    "text": _json(js_text),
                    "colours": _json(STATUS_COLOURS),
                }
            )
        )
    if partners is not None:
        _add_partners(m, partners, static_url)
    _add_layer_control(m, text, bool(countries), partners is not None)
    _attribution(m, text)
    return m


def _add_partners(
    m: folium.Map, partners: Sequence[PartnerPoint], static_url: Callable[[str], str]
) -> None:
    m.default_js = [
        *m.default_js,
        ("markercluster", static_url("vendor/leaflet.markercluster/leaflet.markercluster.js")),
    ]
    m.default_css = [
        *m.default_css,
        ("markercluster_css", static_url("vendor/leaflet.markercluster/MarkerCluster.css")),
        (
            "markercluster_default_css",
            static_url("vendor/leaflet.markercluster/MarkerCluster.Default.css"),
        ),
    ]
    rows = [
        [p.lat, p.lon, p.name, p.city, p.country, ", ".join(p.focus_areas), _safe_url(p.url)]
        for p in partners
    ]
    code = _PARTNERS_JS.replace("%(text)s", "{}").replace("%(points)s", _json(rows))
    # Leaflet's default icon path is guessed from the CSS URL; say it outright.
    code = "L.Icon.Default.imagePath=" + _json(static_url("vendor/leaflet/images/")) + ";" + code
    m.add_child(_Script(code))


def _attribution(m: folium.Map, text: MapText) -> None:
    parts = [t for t in (text.attribution, text.disclaimer) if t]
    if parts:
        code = (
            "map.attributionControl.setPrefix(false);"
            "var s=document.createElement('span');s.textContent=__TEXT__;"
            "map.attributionControl.addAttribution(s.outerHTML);"
        ).replace("__TEXT__", _json(" · ".join(parts)))
        m.add_child(_Script(code))


def points_map(
    *,
    points: Sequence[PartnerPoint],
    text: MapText,
    static_url: Callable[[str], str],
    tiles_url: str = "",
    height: str = "300px",
    zoom: int | None = None,
) -> folium.Map:
    m = _base_map(static_url=static_url, tiles_url=tiles_url, height=height, text=text)
    shapes = _json(_shapes())
    m.add_child(
        _Script(
            "L.geoJSON("
            + shapes
            + ",{style:{fillColor:'#f2efe9',fillOpacity:1,color:'#999',weight:0.5},"
            "interactive:false}).addTo(map);"
        )
    )
    _add_partners(m, points, static_url)
    if points:
        lats = [p.lat for p in points]
        lons = [p.lon for p in points]
        if len(points) == 1 or zoom is not None:
            m.location = [sum(lats) / len(lats), sum(lons) / len(lons)]
            m.options["zoom"] = zoom or 6
            m.options["center"] = m.location
        else:
            m.fit_bounds([[min(lats) - 1, min(lons) - 1], [max(lats) + 1, max(lons) + 1]])
    _attribution(m, text)
    return m


def render_parts(m: folium.Map) -> MapParts:
    root = m.get_root()
    root.render()
    header = root.header.render()  # type: ignore[attr-defined]
    html = root.html.render()  # type: ignore[attr-defined]
    script = root.script.render()  # type: ignore[attr-defined]
    return MapParts(header=header, html=html, script=f"<script>{script}</script>")
