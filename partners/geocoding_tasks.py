"""The geocoding tasks, kept apart from `partners.tasks` so the services that queue them (the
profile services and the CSV import) can import them at the top: `partners.tasks` runs the CSV
import job, which writes through those services, so they cannot import `partners.tasks` itself.

`partners.tasks` imports these, so the worker (which looks for `<app>.tasks` modules) registers
them; their names stay `partners.tasks.*`, as queued messages and older workers know them.
"""

from __future__ import annotations

from typing import Any

from celery import shared_task

from partners.geocoding import GeocoderUnavailableError
from partners.services import geocoding as geocoding_service


@shared_task(
    bind=True,
    name="partners.tasks.partner_geocode",
    autoretry_for=(GeocoderUnavailableError,),
    retry_backoff=True,
    retry_jitter=True,
    max_retries=5,
)
def partner_geocode(self: Any, partner_id: int) -> None:
    """Geocode one partner after its profile was committed; retries only geocoder outages."""
    # On the last attempt the service records `failed` (visible to staff) instead of `retrying`.
    final_attempt = self.max_retries is not None and self.request.retries >= self.max_retries
    geocoding_service.partner_geocode(partner_id=partner_id, final_attempt=final_attempt)


@shared_task(name="partners.tasks.partners_geocode_batch")
def partners_geocode_batch(partner_ids: list[int]) -> None:
    """After a bulk import: queue one retrying geocode task per partner, from the worker rather
    than from the web request."""
    for partner_id in partner_ids:
        partner_geocode.delay(partner_id)


@shared_task(name="partners.tasks.partners_geocode_stalled")
def partners_geocode_stalled() -> None:
    """Beat: queue geocoding again for partners whose task was never queued or got lost."""
    for partner_id in geocoding_service.partners_geocode_stalled_ids():
        partner_geocode.delay(partner_id)
