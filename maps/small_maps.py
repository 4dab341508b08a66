"""Small maps: a country and its partners on the country page, one partner on its profile, the
approved activities of a day of action on its campaign page.

Rendered from the builders' plain data and cached under the map data version, so a page view
only runs folium the first time after a change.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Sequence

from django.conf import settings
from django.core.cache import cache
from django.templatetags.static import static
from django.utils import formats
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from campaigns.models import Activity
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
) -> str:
    tiles = str(getattr(settings, "MAP_TILES_URL", "") or "")
    # The outline file is part of the key: a render cached before small maps moved to the coarse
    # outlines (or back) must not be served after.
    digest = hashlib.sha256("\x1f".join([tiles, DETAIL, *key_parts]).encode()).hexdigest()[:24]
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
    # Zoom 7 at most: the small maps draw the coarse outlines (countries-lite.js, 0.1° rounding),
    # whose coastline looks broken closer in; the point itself is exact.
    return _render(["partner", str(partner.pk), repr(location)], points[:1], 7)


def activity_points(*, activities: Sequence[Activity], page_path: str) -> list[PartnerPoint]:
    """Approved activities as map points at their public, city-level point (from the gazetteer;
    the street address never reaches the map), each linking to its entry in the page's list."""
    points = []
    for activity in activities:
        if activity.latitude is None or activity.longitude is None:
            continue
        when = formats.date_format(activity.local_starts_at, "DATETIME_FORMAT")
        points.append(
            PartnerPoint(
                name=activity.title,
                city=activity.city,
                country=str(activity.country.name),
                # The popup's detail line: when, and who organises it.
                focus_areas=(f"{when} ({activity.timezone})", activity.partner.name),
                url=f"{page_path}#activity-{activity.pk}",
                lat=float(activity.latitude),
                lon=float(activity.longitude),
            )
        )
    return points


def activities_small_map(*, activities: Sequence[Activity], page_path: str) -> str:
    """The map of a day of action's approved activities (partner prefetched), or "" when none
    has a point.

    The cache key is the points themselves (not only the map data version, which activities do
    not bump), so an approved, edited or removed activity shows on the next view."""
    points = activity_points(activities=activities, page_path=page_path)
    if not points:
        return ""
    key = ["activities", page_path, *(repr(dataclasses.astuple(p)) for p in points)]
    text = dataclasses.replace(map_text(), open_profile=_("See the activity"))
    return _render(key, points, 8, text=text)
