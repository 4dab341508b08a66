"""Celery tasks for partners. Thin: each takes ids and calls one service."""

from __future__ import annotations

from celery import shared_task


@shared_task
def partner_geocode(partner_id: int) -> None:
    """Geocode one partner (placeholder until the geocoding work lands)."""


@shared_task
def partners_send_verification_reminders() -> None:
    """Yearly "is your profile still right?" e-mails (placeholder)."""
