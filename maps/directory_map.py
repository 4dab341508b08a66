"""The directory's map: the partners a directory search found, beside the list.

Every result of the search is drawn, not only the page of the list in view, each at its public
point (`partner_public_location`: the city for a partner that hides its address). The render is
cached under the map data version, the page's language and the filters, so a repeated search
costs no query and no folium; any write that changes what a search can find (a partner, its
focus areas or languages, a vocabulary, a country's region) bumps the version (maps.signals).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db.models import QuerySet
from django.templatetags.static import static
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from maps.builders import points_map, render_parts
from maps.builders.container import CoalitionMap
from maps.cache import map_data_version
from maps.selectors import map_partners_among
from maps.shapes import DETAIL_LITE
from maps.text import map_text
from partners.models import Partner

DIRECTORY_MAP_TIMEOUT = 24 * 3600
# Zoom 7 at most when fitting the results: the coarse outlines look broken closer in.
FIT_MAX_ZOOM = 7


@dataclass(frozen=True)
class DirectoryMap:
    head: str  # <link>/<script src> tags for <head>
    map: str  # the map's <div>
    script: str  # its data block, before </body>
    mapped: int  # results drawn on the map
    unmapped: int  # results with no public point yet (not geocoded)


def _key(filters: Mapping[str, str]) -> str:
    tiles = str(getattr(settings, "MAP_TILES_URL", "") or "")
    wanted = json.dumps(sorted(filters.items()), ensure_ascii=False)
    digest = hashlib.sha256("\x1f".join([tiles, DETAIL_LITE, wanted]).encode()).hexdigest()[:24]
    language = get_language() or settings.LANGUAGE_CODE
    return f"maps:directory:v{map_data_version()}:{language}:{digest}"


def directory_map(*, filters: Mapping[str, str], partners: QuerySet[Partner]) -> DirectoryMap:
    """The map of `partners`, the directory's search for `filters` (the filters only key the
    cache: the same filters must always give the same queryset)."""
    key = _key(filters)
    cached: dict[str, object] | None = cache.get(key)
    if cached is not None:
        return DirectoryMap(**cached)  # type: ignore[arg-type]
    layer = map_partners_among(partners)
    text = dataclasses.replace(map_text(), map_label=_("Map of the partners found"))
    folium_map = points_map(
        points=layer.points,
        text=text,
        static_url=static,
        tiles_url=str(getattr(settings, "MAP_TILES_URL", "") or ""),
        height="100%",
        zoom=FIT_MAX_ZOOM,
        detail=DETAIL_LITE,
    )
    parts = render_parts(folium_map)
    # A point the builder refused (out of range) is not drawn: count it with the unmapped.
    assert isinstance(folium_map, CoalitionMap)
    skipped = folium_map.skipped_points
    result = DirectoryMap(
        head=parts.header,
        map=parts.html,
        script=parts.script,
        mapped=len(layer.points) - skipped,
        unmapped=len(layer.unmapped) + skipped,
    )
    cache.set(key, dataclasses.asdict(result), DIRECTORY_MAP_TIMEOUT)
    return result
