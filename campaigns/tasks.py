"""Celery tasks for campaigns. Thin: each calls one service."""

from __future__ import annotations

import logging

from celery import shared_task

from campaigns.services.pledges import pledge_purge_unconfirmed

logger = logging.getLogger(__name__)


@shared_task
def pledges_purge_unconfirmed() -> int:
    """Hourly (beat): delete pledges left unconfirmed past PLEDGE_UNCONFIRMED_DAYS."""
    deleted = pledge_purge_unconfirmed()
    if deleted:
        logger.info("Purged %s unconfirmed pledges", deleted)
    return deleted
