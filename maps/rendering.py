"""Query parsing and the cached render of the ratification map.

A render is keyed by (kind: page, embed or the home preview; treaty, date, layers, language) and the data version
(`maps.cache.map_data_version`): any write a map shows bumps the version, so a cached render is
never stale and never needs deleting. On a hit nothing runs but the cache read: no query, no
folium (tests/maps/test_views.py patches the builder to prove it).
"""

from __future__ import annotations

import datetime
import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from maps.builders import ratification_map, render_parts
from maps.cache import map_data_version
from maps.selectors import (
    LAYER_ACTIVITIES,
    LAYER_COUNTRIES,
    LAYER_PARTNERS,
    LAYERS,
    STATUSES,
    PartnerLayer,
    RatificationData,
    map_activities,
    map_countries,
    map_partners,
    map_status_label,
    map_treaties,
)
from maps.shapes import DETAIL_FULL, DETAIL_LITE
from maps.text import map_text
from ratification.models import Treaty
from ratification.selectors.treaties import HEADLINE_TREATY

RENDER_TIMEOUT = 24 * 3600
EARLIEST_DATE = datetime.date(1945, 10, 24)  # the UN Charter's entry into force
KIND_PAGE = "page"
KIND_EMBED = "embed"
# The home page's preview: the embed's parts, but with the coarse outlines (maps/shapes.py) so
# the home page stays within the page-weight budget; its own kind, so its own cache key.
KIND_PREVIEW = "preview"
KINDS = (KIND_PAGE, KIND_EMBED, KIND_PREVIEW)
_SLUG = re.compile(r"^[a-z0-9-]{1,40}$")


class MapQueryError(ValueError):
    """A query value the map cannot show; the message is for the visitor."""


@dataclass(frozen=True)
class MapQuery:
    treaty: str
    on: datetime.date | None  # None: today
    layers: tuple[str, ...]

    @property
    def date(self) -> datetime.date:
        return self.on or timezone.localdate()

    def as_params(self) -> dict[str, str]:
        params = {"treaty": self.treaty}
        if self.on:
            params["as_of"] = self.on.isoformat()
        if self.layers != LAYERS:
            params["layers"] = ",".join(self.layers)
        return params


def map_query_parse(params: Mapping[str, str]) -> MapQuery:
    """Read `treaty`, `as_of` and `layers`; raise `MapQueryError` naming the bad value."""
    treaty = (params.get("treaty") or HEADLINE_TREATY).strip().lower()
    if not _SLUG.match(treaty):
        raise MapQueryError(_("There is no treaty with that name."))
    on = None
    raw_date = (params.get("as_of") or "").strip()
    if raw_date:
        try:
            on = datetime.date.fromisoformat(raw_date)
        except ValueError as exc:
            raise MapQueryError(
                _("The date must be written as YYYY-MM-DD, for example 2003-07-01.")
            ) from exc
        today = timezone.localdate()
        if not EARLIEST_DATE <= on <= today:
            raise MapQueryError(
                _("The date must be between %(start)s and %(end)s.")
                % {"start": EARLIEST_DATE.isoformat(), "end": today.isoformat()}
            )
    layers: tuple[str, ...]
    raw_layers = params.get("layers")
    if raw_layers is None or raw_layers == "":
        layers = LAYERS
    else:
        wanted = {item.strip().lower() for item in raw_layers.split(",") if item.strip()}
        if not wanted or not wanted <= set(LAYERS):
            raise MapQueryError(
                _("Layers can be: %(layers)s, separated by commas.") % {"layers": ", ".join(LAYERS)}
            )
        layers = tuple(layer for layer in LAYERS if layer in wanted)
    return MapQuery(treaty=treaty, on=on, layers=layers)


def _settings_tag() -> str:
    # What a render depends on besides the data: a changed MAP_TILES_URL must not be served
    # from renders cached (in Redis, across restarts) before the change.
    return hashlib.sha256(_tiles_url().encode()).hexdigest()[:8]


def _key(kind: str, query: MapQuery, language: str) -> str:
    return ":".join(
        [
            "maps:render",
            f"v{map_data_version()}",
            _settings_tag(),
            kind,
            query.treaty,
            query.date.isoformat(),
            "+".join(query.layers),
            language,
        ]
    )


def _tiles_url() -> str:
    return str(getattr(settings, "MAP_TILES_URL", "") or "")


def _summary(data: RatificationData) -> str:
    counts = data.un_member_counts
    parties, signatories = counts.get("party", 0), counts.get("signatory", 0)
    others = counts.get("none", 0)
    values = {
        "parties": parties,
        "members": data.un_members,
        "treaty": data.treaty.localized_short_name,
        "signatories": signatories,
        "others": others,
        "participants": data.participants,
    }
    first = ngettext(
        "%(parties)s of %(members)s UN member states is a party to the %(treaty)s",
        "%(parties)s of %(members)s UN member states are parties to the %(treaty)s",
        parties,
    )
    signed = ngettext(
        "%(signatories)s more has signed it", "%(signatories)s more have signed it", signatories
    )
    none = ngettext("%(others)s has taken no action", "%(others)s have taken no action", others)
    total = ngettext(
        "%(participants)s state or organisation in all has signed or joined it.",
        "%(participants)s states and organisations in all have signed or joined it.",
        data.participants,
    )
    # Translators: the three parts above, e.g. "60 of 193 … are parties to the ICRMW and 11
    # more have signed it; 122 have taken no action."
    sentence = _("%(parties)s and %(signed)s; %(none)s.") % {
        "parties": first,
        "signed": signed,
        "none": none,
    }
    return f"{sentence % values} {total % values}"


def _as_at(query: MapQuery, treaty: Treaty) -> datetime.date:
    # Without a chosen date the status is the latest the data knows: say as at when.
    if query.on:
        return query.on
    return min(treaty.as_of, query.date) if treaty.as_of else query.date


def map_render(*, query: MapQuery, kind: str = KIND_PAGE) -> dict[str, str] | None:
    """The map's head, body and script (and, for the page, its table twin), cached.

    None when the treaty does not exist (the view makes it a 404).
    """
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
    language = get_language() or settings.LANGUAGE_CODE
    key = _key(kind, query, language)
    cached: dict[str, str] | None = cache.get(key)
    if cached is not None:
        return cached
    treaties = map_treaties()
    treaty = next((t for t in treaties if t.slug == query.treaty), None)
    if treaty is None:
        return None
    data = map_countries(treaty=treaty, on=query.date)
    layer = (
        map_partners() if LAYER_PARTNERS in query.layers else PartnerLayer(points=[], unmapped=[])
    )
    as_at = _as_at(query, treaty)
    summary = _summary(data)
    as_at_display = date_format(as_at, "DATE_FORMAT")
    text = map_text(treaty=treaty, as_at=as_at)
    folium_map = ratification_map(
        countries=data.countries if LAYER_COUNTRIES in query.layers else [],
        partners=layer.points if LAYER_PARTNERS in query.layers else None,
        activities=map_activities() if LAYER_ACTIVITIES in query.layers else None,
        text=text,
        static_url=static,
        tiles_url=_tiles_url(),
        height="100%",
        show_legend=LAYER_COUNTRIES in query.layers,
        # In an iframe on a partner's site, a click on a country or profile leaves the frame.
        link_target="_top" if kind == KIND_EMBED else "_self",
        detail=DETAIL_LITE if kind == KIND_PREVIEW else DETAIL_FULL,
    )
    parts = render_parts(folium_map)
    context = {
        "parts": parts,
        "query": query,
        "treaty": treaty,
        "treaties": treaties,
        "data": data,
        "layer": layer,
        "as_at": as_at,
        "as_at_display": as_at_display,
        "summary": summary,
        "statuses": [(s, map_status_label(s)) for s in STATUSES],
        "layers": LAYERS,
        "kind": kind,
    }
    rendered: dict[str, str] = {
        "head": parts.header,
        "map": parts.html,
        "script": parts.script,
        "summary": summary,
        "title": treaty.localized_short_name,
        "as_at": as_at_display,
    }
    if kind == KIND_PAGE:
        rendered["twin"] = render_to_string("maps/includes/table_twin.html", context)
        rendered["unmapped"] = render_to_string("maps/includes/unmapped.html", context)
        rendered["controls"] = render_to_string("maps/includes/controls.html", context)
    cache.set(key, rendered, RENDER_TIMEOUT)
    return rendered


def maps_render_defaults() -> int:
    """Render the maps most visitors see: the ICRMW today with every layer, page and embed, in
    each language. Other treaties and dates render on their first request."""
    count = 0
    query = MapQuery(treaty=HEADLINE_TREATY, on=None, layers=LAYERS)
    home = MapQuery(treaty=HEADLINE_TREATY, on=None, layers=(LAYER_COUNTRIES,))  # home preview
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            for kind, q in ((KIND_PAGE, query), (KIND_EMBED, query), (KIND_PREVIEW, home)):
                if map_render(query=q, kind=kind) is not None:
                    count += 1
    return count
