"""Celery tasks for partners. Thin: each takes ids and calls one service."""

from __future__ import annotations

from typing import Any

from celery import shared_task

from partners.geocoding import GeocoderUnavailableError


@shared_task(
    bind=True,
    autoretry_for=(GeocoderUnavailableError,),
    retry_backoff=True,
    retry_jitter=True,
    max_retries=5,
)
def partner_geocode(self: Any, partner_id: int) -> None:
    """Geocode one partner after its profile was committed; retries only geocoder outages."""
    from partners.services.geocoding import partner_geocode as geocode_service

    # On the last attempt the service records `failed` (visible to staff) instead of `retrying`.
    final_attempt = self.max_retries is not None and self.request.retries >= self.max_retries
    geocode_service(partner_id=partner_id, final_attempt=final_attempt)


@shared_task
def partners_send_verification_reminders() -> None:
    """Yearly "is your profile still right?" e-mails."""
    from partners.services.verification import (
        partners_send_verification_reminders as send_reminders,
    )

    send_reminders()


@shared_task
def partners_geocode_batch(partner_ids: list[int]) -> None:
    """After a bulk import: queue one retrying geocode task per partner, from the worker rather
    than from the web request."""
    for partner_id in partner_ids:
        partner_geocode.delay(partner_id)


@shared_task
def partner_import_job_run(job_id: str) -> None:
    """Preview or apply a large staff CSV import (see partners.services.csv_jobs)."""
    from partners.services.csv_jobs import partner_import_job_run as run

    run(job_id=job_id)


@shared_task(
    autoretry_for=(OSError,),
    retry_backoff=True,
    retry_jitter=True,
    max_retries=5,
)
def join_requests_notify_staff() -> None:
    """One e-mail to staff listing the join/claim requests not announced yet (safe to run
    twice: each request is announced once)."""
    from partners.services.moderation import join_requests_notify_staff as notify

    notify()
