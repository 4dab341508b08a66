"""Celery tasks for ratification. Thin: each takes ids and calls one service."""

from __future__ import annotations

import logging
from typing import Any

from celery import shared_task

from ratification.models import Treaty
from ratification.services.imports import (
    TreatyImportError,
    TreatySourceUnavailableError,
    treaty_import_from_source,
)

logger = logging.getLogger(__name__)


@shared_task(
    bind=True,
    # Only a network outage is worth retrying; a page that does not parse will not parse later.
    autoretry_for=(TreatySourceUnavailableError,),
    retry_backoff=60,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=2,
)
def treaty_refresh(self: Any, treaty_id: int) -> int | None:
    """Fetch a treaty's UNTC page and apply the diff. Returns the ImportRun id.

    Safe to run twice: a second import of the same page changes nothing. Every failed attempt is
    recorded as a FAILED ImportRun by the service; treaty data is untouched.
    """
    treaty = Treaty.objects.filter(pk=treaty_id).first()
    if treaty is None or not treaty.source_url:
        return None  # deleted, or entered by hand: nothing to refresh
    try:
        run = treaty_import_from_source(source=treaty.source_url, treaty_slug=treaty.slug)
    except TreatySourceUnavailableError:
        raise
    except TreatyImportError as exc:
        logger.warning("UNTC refresh of %s failed: %s", treaty.slug, exc)
        return exc.run.pk if exc.run else None
    return run.pk


@shared_task
def treaties_refresh_all() -> int:
    """Enqueue one refresh per UNTC treaty (scheduled by beat, see coalition/celery.py)."""
    ids = list(
        Treaty.objects.filter(source=Treaty.Source.UNTC)
        .exclude(source_url="")
        .values_list("pk", flat=True)
    )
    for treaty_id in ids:
        treaty_refresh.delay(treaty_id)
    return len(ids)
