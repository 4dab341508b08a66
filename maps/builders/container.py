"""The folium container: a self-hosted map and one call into static/maps/coalition-maps.js."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import folium
from branca.element import CssLink, Element, Figure, JavascriptLink, MacroElement
from folium.template import Template

from maps import shapes
from maps.builders.escaping import attribute_text, css_size, js_json
from maps.builders.inputs import MapParts

MIN_ZOOM, MAX_ZOOM = 1, 12  # markercluster needs a maxZoom; without tiles, beyond 12 shows nothing
MAX_BOUNDS = [[-80.0, -200.0], [86.0, 220.0]]


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
        detail: str = shapes.DETAIL_FULL,
    ) -> None:
        super().__init__(location=[20, 10], zoom_start=2, tiles=None, zoom_control=False)
        self.css_height = css_size(height)
        self.label_html = attribute_text(label)
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
