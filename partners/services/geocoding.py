"""Geocoding a partner: turn its address into coordinates, record how and how well."""

from __future__ import annotations

import datetime
import logging
from decimal import Decimal
from typing import Any

from django.utils import timezone

from partners import geocoding
from partners.models import Partner

logger = logging.getLogger(__name__)

_LOCATION_FIELDS = ("latitude", "longitude", "city_latitude", "city_longitude")


def _same(a: Decimal | None, b: Decimal | None) -> bool:
    if a is None or b is None:
        return a is b
    return Decimal(a) == Decimal(b)


def _apply(partner: Partner, changes: dict[str, Any]) -> list[str]:
    """Set the fields that really differ and return their names (nothing → no save)."""
    changed = []
    for field, value in changes.items():
        current = getattr(partner, field)
        if field in _LOCATION_FIELDS:
            if _same(current, value):
                continue
        elif current == value:
            continue
        setattr(partner, field, value)
        changed.append(field)
    return changed


def _save(partner: Partner, changed: list[str]) -> None:
    if not changed:
        # Idempotence: a re-run that learns nothing new writes nothing (no history row either).
        return
    now = timezone.now()
    partner.geocoded_at = now
    partner.geocode_attempts = (partner.geocode_attempts or 0) + 1
    fields = [*changed, "geocoded_at", "geocode_attempts"]
    if any(field in _LOCATION_FIELDS for field in changed):
        # The public point moved: API clients syncing with `updated_since` must see it.
        partner.updated_at = now
        fields.append("updated_at")
    # Validate only what geocoding wrote: an unrelated stale field must not block the location.
    partner.full_clean(
        exclude=[f.name for f in Partner._meta.concrete_fields if f.name not in fields],
        validate_unique=False,
        validate_constraints=False,
    )
    partner.save(update_fields=fields)


def partner_geocode(*, partner_id: int, final_attempt: bool = False) -> Partner | None:
    """Geocode one partner and store the outcome; return it, or None if it no longer exists.

    - A location set by hand is never overwritten: only the city-level point is refreshed.
    - When the online geocoder is down the gazetteer's city point is stored, the status becomes
      `retrying` (`failed` on the last attempt) and `GeocoderUnavailableError` is re-raised so the
      task retries. The profile itself was saved before this ran: an outage never blocks it.
    - Not atomic on purpose: the row must stay saved when the error is re-raised.
    """
    partner = Partner.objects.filter(pk=partner_id).first()
    if partner is None:
        logger.info("Partner %s is gone; nothing to geocode.", partner_id)
        return None

    country = str(partner.country.code or "") if partner.country else ""
    city_point = geocoding.city_coordinates(partner.city, country)
    city_changes: dict[str, Any] = {
        "city_latitude": city_point[0] if city_point else None,
        "city_longitude": city_point[1] if city_point else None,
    }

    if partner.has_manual_location:
        changes = {
            **city_changes,
            "geocode_status": Partner.GeocodeStatus.MANUAL,
            "geocode_error": "",
        }
        _save(partner, _apply(partner, changes))
        return partner

    try:
        result = geocoding.geocode(
            address=partner.address_1,
            city=partner.city,
            state=partner.state_province,
            postal_code=partner.postal_code,
            country_code=country,
        )
    except geocoding.GeocoderUnavailableError as exc:
        changes = {
            **city_changes,
            "geocode_status": (
                Partner.GeocodeStatus.FAILED if final_attempt else Partner.GeocodeStatus.RETRYING
            ),
            "geocode_error": str(exc)[:300],
        }
        if exc.fallback is not None and partner.latitude is None:
            # Keep a better point from an earlier run; otherwise the city is better than nothing.
            changes.update(
                latitude=exc.fallback.latitude,
                longitude=exc.fallback.longitude,
                location_source=Partner.LocationSource.GAZETTEER,
            )
        changed = _apply(partner, changes)
        # Every failed attempt is counted, so staff see the retries even if nothing else moved.
        _save(partner, changed or ["geocode_status"])
        raise

    if result is None:
        changes = {
            **city_changes,
            "latitude": None,
            "longitude": None,
            "location_source": Partner.LocationSource.NONE,
            "geocode_status": Partner.GeocodeStatus.NOT_FOUND,
            "geocode_error": "",
        }
    else:
        if city_point is None and result.precision == "city":
            # The gazetteer did not know the city but Nominatim did at city level: that point
            # reveals no more than the city name, so it may serve as the public point too.
            city_changes = {"city_latitude": result.latitude, "city_longitude": result.longitude}
        changes = {
            **city_changes,
            "latitude": result.latitude,
            "longitude": result.longitude,
            "location_source": (
                Partner.LocationSource.GEOCODER
                if result.source == "geocoder"
                else Partner.LocationSource.GAZETTEER
            ),
            "geocode_status": Partner.GeocodeStatus.OK,
            "geocode_error": "",
        }
    _save(partner, _apply(partner, changes))
    return partner


def partners_geocode_queryset_ids(*, only_pending: bool) -> list[int]:
    """Ids of the partners a bulk geocode should visit (manual locations are left alone)."""
    queryset = Partner.objects.exclude(location_source=Partner.LocationSource.MANUAL)
    if only_pending:
        queryset = queryset.filter(
            geocode_status__in=[
                Partner.GeocodeStatus.PENDING,
                Partner.GeocodeStatus.RETRYING,
                Partner.GeocodeStatus.FAILED,
            ]
        )
    return list(queryset.order_by("pk").values_list("pk", flat=True))


def partners_geocode_stalled_ids(*, idle_minutes: int = 30, limit: int = 200) -> list[int]:
    """Partners still waiting for a location `idle_minutes` after their last change: their
    geocoding task was never queued (broker down at the time) or its retries were lost. The
    periodic sweep (`partners.tasks.partners_geocode_stalled`) queues them again."""
    cutoff = timezone.now() - datetime.timedelta(minutes=idle_minutes)
    return list(
        Partner.objects.exclude(location_source=Partner.LocationSource.MANUAL)
        .filter(
            geocode_status__in=[Partner.GeocodeStatus.PENDING, Partner.GeocodeStatus.RETRYING],
            updated_at__lt=cutoff,
        )
        .order_by("updated_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )
