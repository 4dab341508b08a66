"""Celery tasks for partners. Thin: each takes ids and calls one service.

The geocoding tasks are defined in `partners.geocoding_tasks`, below the services that queue
them (the import job run here writes through those services). They are imported here so the
worker, which loads every app's `tasks` module, registers them."""

from __future__ import annotations

from celery import shared_task

from partners.geocoding_tasks import (
    partner_geocode,
    partners_geocode_batch,
    partners_geocode_stalled,
)
from partners.services import csv_job_run, staff_digest, verification

__all__ = [
    "join_requests_notify_staff",
    "partner_geocode",
    "partner_import_job_run",
    "partner_import_jobs_requeue_stalled",
    "partners_geocode_batch",
    "partners_geocode_stalled",
    "partners_send_verification_reminders",
]


@shared_task
def partners_send_verification_reminders() -> None:
    """Yearly "is your profile still right?" e-mails."""
    verification.partners_send_verification_reminders()


@shared_task
def partner_import_job_run(job_id: str) -> None:
    """Preview or apply a large staff CSV import (queued by partners.services.csv_jobs)."""
    csv_job_run.partner_import_job_run(job_id=job_id)


@shared_task
def partner_import_jobs_requeue_stalled() -> None:
    """Beat: queue again the import jobs still waiting for a worker (never queued)."""
    for job_id in csv_job_run.partner_import_jobs_stalled_ids():
        partner_import_job_run.delay(job_id)


@shared_task(
    autoretry_for=(OSError,),
    retry_backoff=True,
    retry_jitter=True,
    max_retries=5,
)
def join_requests_notify_staff() -> None:
    """One e-mail to staff listing the join/claim requests not announced yet (safe to run
    twice: each request is announced once)."""
    staff_digest.join_requests_notify_staff()
