"""What the builders take: plain, already translated data (no models, no requests)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class CountryStatus:
    iso2: str  # ISO 3166-1 alpha-2, plus "XK" (Kosovo) and "EU"
    name: str  # already translated
    status: str  # "party" | "signatory" | "denounced" | "none" | "not_applicable"
    status_label: str  # translated text of the status
    signed_on: date | None
    party_on: date | None  # ratification / accession / succession date
    url: str  # the country page URL


@dataclass(frozen=True)
class PartnerPoint:
    name: str
    city: str
    country: str  # translated country name
    focus_areas: tuple[str, ...]
    url: str  # profile URL (http(s) or site-relative path only; anything else dropped)
    lat: float
    lon: float


def _iso(value: date) -> str:
    return value.isoformat()


@dataclass(frozen=True, kw_only=True)
class MapText:
    """Every visible string, already translated by the caller (the builders translate nothing)."""

    map_label: str  # aria-label of the map region
    legend_title: str  # e.g. "Migrant Workers Convention"
    party: str
    signatory: str
    no_action: str
    not_applicable: str
    status_as_at: str  # e.g. "Status as at 3 February 2026" (already formatted)
    layer_status: str  # "Ratification status"
    layer_partners: str  # "Partners"
    signed: str  # "Signed"
    party_since: str  # "Party since"
    open_profile: str  # "Open the profile"
    not_on_map: str  # heading for participants with no shape or dot (the European Union)
    attribution_shapes: str  # "Boundaries: Natural Earth"
    attribution_geonames: str  # "Capitals: GeoNames (CC BY 4.0)"
    disclaimer: str
    zoom_in: str
    zoom_out: str
    denounced: str = "Former party"  # a state whose denunciation has taken effect
    country_hint: str = ""  # e.g. "Click for the country page", under each country's tooltip
    layer_activities: str = ""  # "Activities"
    open_activity: str = ""  # "See the activity"
    tiles_attribution: str = ""  # credit of MAP_TILES_URL's provider, when tiles are used
    format_date: Callable[[date], str] = field(default=_iso)


@dataclass(frozen=True)
class MapParts:
    header: str  # <link>/<script> tags + css for <head>
    html: str  # the map <div>
    script: str  # its options and data: a JSON data block that coalition-maps.js draws from
