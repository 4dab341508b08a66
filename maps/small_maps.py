"""Small maps: a country and its partners on the country page, one partner on its profile, and
points a caller built itself (a day of action's activities: campaigns.maps).

Rendered from the builders' plain data and cached under the map data version, so a page view
only runs folium the first time after a change. Maps takes plain points from the apps above it
and never imports them: campaigns turns its activities into `PartnerPoint`s and calls
`points_small_map`.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Sequence

from django.conf import settings
from django.core.cache import cache
from django.templatetags.static import static
from django.utils.translation import get_language

from maps.builders import CountryStatus, MapText, PartnerPoint, points_map, render_parts
from maps.cache import map_data_version
from maps.selectors import partner_layer
from maps.shapes import DETAIL_LITE
from maps.text import map_text
from partners.models import Partner

SMALL_MAP_TIMEOUT = 24 * 3600
# Small maps load the coarse outlines: the pages that show one stay under the page-weight budget.
DETAIL = DETAIL_LITE


def _render(
    key_parts: Sequence[str],
    points: Sequence[PartnerPoint],
    zoom: int | None,
    highlight: CountryStatus | None = None,
    text: MapText | None = None,
    countries: Sequence[str] = (),
) -> str:
    tiles = str(getattr(settings, "MAP_TILES_URL", "") or "")
    # The outline file is part of the key: a render cached before small maps moved to the coarse
    # outlines (or back) must not be served after.
    digest = hashlib.sha256(
        "\x1f".join([tiles, DETAIL, *key_parts, "countries", *countries]).encode()
    ).hexdigest()[:24]
    language = get_language() or settings.LANGUAGE_CODE
    key = f"maps:small:v{map_data_version()}:{language}:{digest}"
    html: str | None = cache.get(key)
    if html is None:
        parts = render_parts(
            points_map(
                points=points,
                text=text or map_text(),
                static_url=static,
                tiles_url=str(getattr(settings, "MAP_TILES_URL", "") or ""),
                height="300px",
                zoom=zoom,
                highlight=highlight,
                detail=DETAIL,
                countries=countries,
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
    # Framed on the partner's country and its neighbours (detailed outlines), the city labelled.
    code = str(partner.country.code or "") if partner.country else ""
    return _render(
        ["partner", str(partner.pk), repr(location)],
        points[:1],
        7,
        countries=[code] if code else [],
    )


def points_small_map(
    *,
    key: Sequence[str],
    points: Sequence[PartnerPoint],
    open_label: str,
    countries: Sequence[str] = (),
) -> str:
    """A small map of points at city level that the caller built, each popup linking with
    `open_label`, or "" when there are none; framed on `countries` (ISO codes of the points'
    countries) and their neighbours when given.

    The cache key is the caller's `key` and the points themselves (not only the map data version,
    which the caller's writes may not bump), so an added, edited or removed point shows on the
    next view."""
    if not points:
        return ""
    key_parts = [*key, *(repr(dataclasses.astuple(p)) for p in points)]
    text = dataclasses.replace(map_text(), open_profile=open_label)
    return _render(key_parts, points, 8, text=text, countries=sorted(set(countries)))
