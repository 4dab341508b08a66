"""What the builders take: plain, already translated data (no models, no requests)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class CountryStatus:
    iso2: str  # ISO 3166-1 alpha-2, plus "XK" (Kosovo) and "EU"
    name: str  # already translated
    status: str  # "party" | "signatory" | "none" | "not_applicable"
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


@dataclass(frozen=True)
class PointColumns:
    """Many points as columns, one list per PartnerPoint field (the big map's 10,000 partners):
    the selectors fill the lists from `.values()` rows without an object per partner, and the
    payload is written from columns. Iterating gives PartnerPoints."""

    name: list[str] = field(default_factory=list)
    city: list[str] = field(default_factory=list)
    country: list[str] = field(default_factory=list)
    focus_areas: list[tuple[str, ...]] = field(default_factory=list)
    url: list[str] = field(default_factory=list)
    lat: list[float] = field(default_factory=list)
    lon: list[float] = field(default_factory=list)

    @classmethod
    def of(cls, points: Iterable[PartnerPoint]) -> PointColumns:
        columns = cls()
        for point in points:
            columns.append(point)
        return columns

    def append(self, point: PartnerPoint) -> None:
        self.name.append(point.name)
        self.city.append(point.city)
        self.country.append(point.country)
        self.focus_areas.append(point.focus_areas)
        self.url.append(point.url)
        self.lat.append(point.lat)
        self.lon.append(point.lon)

    def __len__(self) -> int:
        return len(self.name)

    def __bool__(self) -> bool:
        return bool(self.name)

    def __iter__(self) -> Iterator[PartnerPoint]:
        for values in zip(
            self.name,
            self.city,
            self.country,
            self.focus_areas,
            self.url,
            self.lat,
            self.lon,
            strict=True,
        ):
            yield PartnerPoint(*values)

    def __getitem__(self, index: int) -> PartnerPoint:
        return PartnerPoint(
            self.name[index],
            self.city[index],
            self.country[index],
            self.focus_areas[index],
            self.url[index],
            self.lat[index],
            self.lon[index],
        )


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
    country_hint: str = ""  # e.g. "Click for the country page", under each country's tooltip
    tiles_attribution: str = ""  # credit of MAP_TILES_URL's provider, when tiles are used
    format_date: Callable[[date], str] = field(default=_iso)


@dataclass(frozen=True)
class MapParts:
    header: str  # <link>/<script> tags + css for <head>
    html: str  # the map <div>
    script: str  # its options and data: a JSON data block that coalition-maps.js draws from
