"""The folium container: a self-hosted map and one JSON data block for static/maps/coalition-maps.js.

Nothing inline runs: the page's Content-Security-Policy allows scripts and styles only from the
site's own files. The map's options and data go into `<script type="application/json">`, which
the browser never executes, and coalition-maps.js creates each map from its block; the map's
size is a class of static/maps/coalition-maps.css, not a <style> element.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import folium
from branca.element import CssLink, Element, Figure, JavascriptLink, MacroElement
from folium.template import Template

from maps import shapes
from maps.builders.escaping import attribute_text, js_json
from maps.builders.inputs import MapParts

# markercluster needs a maxZoom; without tiles, beyond 12 shows nothing. Zoom 0 and quarter steps
# so that the whole world fits a phone: at zoom 1 it is 512 px wide, wider than a 390 px screen.
MIN_ZOOM, MAX_ZOOM = 0, 12
ZOOM_SNAP = 0.25
MAX_BOUNDS = [[-80.0, -200.0], [86.0, 220.0]]
# The heights a map can have, as classes of static/maps/coalition-maps.css: filling its container
# (which then needs a height), or a small map's fixed 300px.
HEIGHT_CLASSES = {"100%": "cm-map-fill", "300px": "cm-map-small"}
DATA_CLASS = "cm-map-data"  # the data block's class, which coalition-maps.js looks for


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
    """A folium map with no CDN links, no global CSS and no inline script: the links are set on
    the instance (never folium's class-level lists, which every later map in the process would
    share), the template writes only the map's <div>, sized by a class, and its options go into
    the data block `render_parts` writes."""

    _template = Template(
        """
        {% macro html(this, kwargs) %}<div class="folium-map cm-map {{ this.height_class }}" id="{{ this.get_name() }}" role="region" aria-label="{{ this.label_html }}"></div>
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
        detail: str = shapes.DETAIL_FULL,
    ) -> None:
        super().__init__(location=[20, 10], zoom_start=2, tiles=None, zoom_control=False)
        if height not in HEIGHT_CLASSES:
            raise ValueError(f"height must be one of {sorted(HEIGHT_CLASSES)}, not {height!r}")
        self.height_class = HEIGHT_CLASSES[height]
        self.label_html = attribute_text(label)
        self.skipped_points = 0
        self.map_options: dict[str, Any] = {
            "center": [20, 10],
            "zoom": 2,
            "minZoom": MIN_ZOOM,
            "maxZoom": MAX_ZOOM,
            "zoomSnap": ZOOM_SNAP,
            "maxBounds": MAX_BOUNDS,
            "maxBoundsViscosity": 0.8,
            "zoomControl": False,
            "worldCopyJump": False,
        }
        # Same key names as folium's defaults, so nothing of folium's CDN list can come back.
        self.default_js = [
            ("leaflet", static_url("vendor/leaflet/leaflet.js")),
            ("coalition_shapes", static_url(shapes.browser_outlines(detail))),
            ("coalition_maps", static_url("maps/coalition-maps.js")),
        ]
        self.default_css = [
            ("leaflet_css", static_url("vendor/leaflet/leaflet.css")),
            ("coalition_maps_css", static_url("maps/coalition-maps.css")),
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


class Drawing(MacroElement):
    """Which function of static/maps/coalition-maps.js draws the map, and all its data; written
    into the map's data block by `render_parts`, never as script."""

    _template = Template("")

    def __init__(self, function: str, payload: dict[str, Any]) -> None:
        super().__init__()
        self._name = "CoalitionDrawing"
        self.function = function
        self.payload = payload

    def render(self, **kwargs: Any) -> str:
        return ""


def render_parts(m: folium.Map) -> MapParts:
    """Split a built map into what a Django template places in <head>, in the body, and at the
    end of the body. Renders the map once (folium would otherwise make a whole HTML document)."""
    if not isinstance(m, CoalitionMap):
        raise TypeError("build the map with ratification_map() or points_map()")
    figure = m.get_root()
    assert isinstance(figure, Figure)
    for child in figure._children.values():
        child.render()
    leftover = figure.script.render().strip()
    if leftover:
        # A folium element that writes inline script would be refused by the page's CSP.
        raise ValueError(f"inline script in the map, which the CSP refuses: {leftover[:200]!r}")
    (drawing,) = (child for child in m._children.values() if isinstance(child, Drawing))
    spec = {
        "map": m.get_name(),
        "options": m.map_options,
        "draw": drawing.function,
        "data": drawing.payload,
    }
    header = "\n".join(
        element.render()
        for name, element in figure.header._children.items()
        if name != "meta_http"  # the page has its own charset
    )
    return MapParts(
        header=header,
        html=figure.html.render(),
        # js_json: no `</script>` or `<!--` can come out of the data and end the block early.
        script=f'<script type="application/json" class="{DATA_CLASS}">{js_json(spec)}</script>',
    )
