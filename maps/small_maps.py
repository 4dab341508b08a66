"""Small maps: a country and its partners on the country page, one partner on its profile.

Rendered from the builders' plain data and cached under the map data version, so a page view
only runs folium the first time after a change.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from django.conf import settings
from django.core.cache import cache
from django.templatetags.static import static
from django.utils.translation import get_language

from maps.builders import CountryStatus, PartnerPoint, points_map, render_parts
from maps.cache import map_data_version
from maps.selectors import partner_layer
from maps.text import map_text
from partners.models import Partner

SMALL_MAP_TIMEOUT = 24 * 3600


def _render(
    key_parts: Sequence[str],
    points: Sequence[PartnerPoint],
    zoom: int | None,
    highlight: CountryStatus | None = None,
) -> str:
    tiles = str(getattr(settings, "MAP_TILES_URL", "") or "")
    digest = hashlib.sha256("\x1f".join([tiles, *key_parts]).encode()).hexdigest()[:24]
    language = get_language() or settings.LANGUAGE_CODE
    key = f"maps:small:v{map_data_version()}:{language}:{digest}"
    html: str | None = cache.get(key)
    if html is None:
        parts = render_parts(
            points_map(
                points=points,
                text=map_text(),
                static_url=static,
                tiles_url=str(getattr(settings, "MAP_TILES_URL", "") or ""),
                height="300px",
                zoom=zoom,
                highlight=highlight,
            )
        )
        html = parts.header + parts.html + parts.script
        cache.set(key, html, SMALL_MAP_TIMEOUT)
    return html


def country_small_map(*, country: CountryStatus, partners: Sequence[Partner]) -> str:
    """The country in its ICRMW status colour with the partners based there (focus areas
    prefetched) at their public points."""
    points = partner_layer(partners).points
    return _render(["country", country.iso2], points, None, highlight=country)


def partner_small_map(*, partner: Partner, location: tuple[float, float] | None) -> str:
    """One partner at its public point (`partner_public_location`), or "" without one."""
    if location is None:
        return ""
    points = partner_layer([partner]).points
    if not points:
        return ""
    return _render(["partner", str(partner.pk), repr(location)], points[:1], 10)
