"""Query parsing and the cached render of the ratification map.

A render is keyed by (kind: page, embed or the home preview; treaty, date, layers, language) and the
data version (`maps.cache.map_data_version`): any write a map shows bumps the version, so a
cached render is never stale and never needs deleting. On a hit nothing runs but cache reads: no
query, no folium (tests/maps/test_views.py patches the builder to prove it).

The number of renders is bounded:
- the date in the key is the date of the treaty's latest action on or before the one asked for
  (`_snapped`): the status, and so the map, only changes on a date something happened, so every
  `?as_of=` between two actions shares one render. The date a visitor asked for is written into
  the cached render per request (it stands there as a placeholder);
- today's maps (what most visitors see, and what the worker renders ahead) are kept a day;
  other dates an hour, and at most `DATED_RENDERS_MAX` of them a data version and hour: past
  that, a dated map is rendered for its request and not kept. With 10,000 partners a render is
  about 0.6 MB, so the dated ones hold 30 MB at most.
"""

from __future__ import annotations

import bisect
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

from maps.builders import PointColumns, ratification_map, render_parts
from maps.cache import map_data_version
from maps.selectors import (
    LAYER_COUNTRIES,
    LAYER_PARTNERS,
    LAYERS,
    STATUSES,
    PartnerLayer,
    RatificationData,
    map_countries,
    map_partners,
    map_status_label,
    map_treaties,
)
from maps.shapes import DETAIL_FULL, DETAIL_LITE
from maps.text import map_text
from ratification.selectors.treaties import HEADLINE_TREATY, TreatyDates, treaty_action_dates

RENDER_TIMEOUT = 24 * 3600
DATED_RENDER_TIMEOUT = 3600
DATED_RENDERS_MAX = 50
# In a cached render, where the date the visitor asked for goes (as text, and as the date
# field's YYYY-MM-DD value): one render serves every date up to the treaty's next action.
# Private-use characters: no translation, date or data produces them by accident, and nothing
# would come of it if one did but a date in its place.
AS_AT_MARK = "\ue000as-at\ue000"
AS_OF_MARK = "\ue000as-of\ue000"
_SAFE_DATE_TEXT = re.compile(r"^[\w .,-]*$")
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


def _treaty_dates(version: int) -> dict[str, TreatyDates]:
    """Every treaty's action dates, cached under the data version (two queries on a miss)."""
    key = f"maps:action-dates:v{version}"
    found: dict[str, TreatyDates] | None = cache.get(key)
    if found is None:
        found = treaty_action_dates()
        cache.set(key, found, RENDER_TIMEOUT)
    return found


def _snapped(query: MapQuery, dates: TreatyDates | None) -> str:
    """The latest action date of the treaty on or before the query's date ("none" before its
    first action): every date up to the next action shows the same statuses."""
    if dates is None:
        return "unknown"  # no such treaty: the render finds out and answers None
    day = query.date.isoformat()
    index = bisect.bisect_right(dates.action_dates, day)
    return dates.action_dates[index - 1] if index else "none"


def _key(
    kind: str,
    query: MapQuery,
    language: str,
    *,
    version: int | None = None,
    dates: dict[str, TreatyDates] | None = None,
) -> str:
    version = map_data_version() if version is None else version
    dates = _treaty_dates(version) if dates is None else dates
    return ":".join(
        [
            "maps:render",
            f"v{version}",
            _settings_tag(),
            kind,
            query.treaty,
            _snapped(query, dates.get(query.treaty)),
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


def _as_at(query: MapQuery, as_of: datetime.date | None) -> datetime.date:
    # Without a chosen date the status is the latest the data knows: say as at when.
    if query.on:
        return query.on
    return min(as_of, query.date) if as_of else query.date


def _with_dates(rendered: dict[str, str], as_at_display: str, as_of_value: str) -> dict[str, str]:
    """A cached render with the date its visitor asked for written in."""
    if not _SAFE_DATE_TEXT.match(as_at_display):  # it goes into HTML and JSON text as is
        raise ValueError(f"unexpected characters in a formatted date: {as_at_display!r}")
    return {
        name: value.replace(AS_AT_MARK, as_at_display).replace(AS_OF_MARK, as_of_value)
        for name, value in rendered.items()
    }


def _store(key: str, rendered: dict[str, str], query: MapQuery, version: int) -> None:
    if query.on is None:  # today: what most visitors see, and what the worker renders ahead
        cache.set(key, rendered, RENDER_TIMEOUT)
        return
    counter = f"maps:dated-renders:v{version}"
    cache.add(counter, 0, DATED_RENDER_TIMEOUT)
    try:
        count = int(cache.incr(counter))
    except ValueError:  # expired between add and incr
        count = 1
    if count <= DATED_RENDERS_MAX:
        cache.set(key, rendered, DATED_RENDER_TIMEOUT)


def map_render(*, query: MapQuery, kind: str = KIND_PAGE) -> dict[str, str] | None:
    """The map's head, body and script (and, for the page, its table twin), cached.

    None when the treaty does not exist (the view makes it a 404).
    """
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
    language = get_language() or settings.LANGUAGE_CODE
    version = map_data_version()
    dates = _treaty_dates(version)
    key = _key(kind, query, language, version=version, dates=dates)
    treaty_dates = dates.get(query.treaty)
    as_at = _as_at(query, treaty_dates.as_of if treaty_dates else None)
    as_at_display = date_format(as_at, "DATE_FORMAT")
    cached: dict[str, str] | None = cache.get(key)
    if cached is None:
        cached = _render(query, kind)
        if cached is None:
            return None
        _store(key, cached, query, version)
    return _with_dates(cached, as_at_display, query.on.isoformat() if query.on else "")


def _render(query: MapQuery, kind: str) -> dict[str, str] | None:
    """The render of `map_render`, with the date asked for left as placeholders."""
    treaties = map_treaties()
    treaty = next((t for t in treaties if t.slug == query.treaty), None)
    if treaty is None:
        return None
    data = map_countries(treaty=treaty, on=query.date)
    layer = (
        map_partners()
        if LAYER_PARTNERS in query.layers
        else PartnerLayer(points=PointColumns(), unmapped=[])
    )
    summary = _summary(data)
    text = map_text(treaty=treaty, as_at_text=AS_AT_MARK)
    folium_map = ratification_map(
        countries=data.countries if LAYER_COUNTRIES in query.layers else [],
        partners=layer.points if LAYER_PARTNERS in query.layers else None,
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
        "as_of_value": AS_OF_MARK,
        "treaty": treaty,
        "treaties": treaties,
        "data": data,
        "layer": layer,
        "as_at_display": AS_AT_MARK,
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
        "as_at": AS_AT_MARK,
    }
    if kind == KIND_PAGE:
        rendered["twin"] = render_to_string("maps/includes/table_twin.html", context)
        rendered["unmapped"] = render_to_string("maps/includes/unmapped.html", context)
        rendered["controls"] = render_to_string("maps/includes/controls.html", context)
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
