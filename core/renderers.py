"""Response renderers the API uses beyond DRF's own."""

from __future__ import annotations

from rest_framework.renderers import JSONRenderer


class GeoJSONRenderer(JSONRenderer):
    """RFC 7946 GeoJSON: JSON under its own media type."""

    media_type = "application/geo+json"
    format = "geojson"
