"""Celery tasks of the project core. Thin: each calls one thing in core.outbox."""

from __future__ import annotations

import logging
from typing import Any

from celery import shared_task
from django.conf import settings
from django.utils import translation

from core.outbox import outbox_deliver, outbox_purge, outbox_write_template

logger = logging.getLogger(__name__)


@shared_task(ignore_result=True)
def mail_deliver(**legacy_payload: Any) -> None:
    """Send the outbox's due e-mails (core.outbox). Queued after each commit that wrote one, and
    run by beat every `MAIL_SWEEP_SECONDS` for what the broker never carried.

    A message queued before the outbox existed (keyword arguments `to`, `subject`, `template`,
    `context`, `language`, still in the broker across an upgrade) is written to the outbox
    first, so it is sent rather than dropped."""
    if legacy_payload:
        legacy_payload.setdefault("language", translation.get_language() or settings.LANGUAGE_CODE)
        outbox_write_template(**legacy_payload)
    outbox_deliver()


@shared_task(ignore_result=True)
def mail_outbox_purge() -> None:
    """Delete sent and failed e-mails older than `MAIL_KEEP_DAYS` (they hold personal data)."""
    deleted = outbox_purge(older_than_days=settings.MAIL_KEEP_DAYS)
    if deleted:
        logger.info("Outbox: deleted %s old e-mail rows", deleted)
