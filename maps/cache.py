"""The map data version: one cache counter that every rendered map's cache key includes.

Rendered maps are cached per (treaty, date, layers, language) under the current version, so a
change never has to find and delete the renders it affects: bumping the counter makes every old
key unreachable (they expire on their own). The bump happens after the transaction commits, so a
request rendering in between never caches a map of data that was rolled back or not yet visible.
"""

from __future__ import annotations

import logging

from celery import current_app
from django.core.cache import cache
from django.db import transaction

logger = logging.getLogger(__name__)

VERSION_KEY = "maps:data-version"
# While this key exists a re-render of the default maps is already queued: further changes in
# the next few seconds ride on it instead of queueing one render each (an import of 200 actions
# or a CSV import of 500 partners bumps the version hundreds of times).
RERENDER_PENDING_KEY = "maps:rerender-pending"
RERENDER_DEBOUNCE_SECONDS = 10


def map_data_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        # `add` so two processes starting at once agree on the first value; no expiry, a lost
        # counter (cache flush) only means renders are redone once.
        cache.add(VERSION_KEY, 1, timeout=None)
        version = cache.get(VERSION_KEY, 1)
    return int(version)


def map_data_version_bump() -> int:
    try:
        return int(cache.incr(VERSION_KEY))
    except ValueError:  # the counter was evicted or never set
        cache.add(VERSION_KEY, 1, timeout=None)
        return int(cache.incr(VERSION_KEY))


def _rerender_enqueue() -> None:
    if current_app.conf.CELERY_TASK_ALWAYS_EAGER:
        # No worker: rendering inline would make every partner save wait for folium. The next
        # visitor's request renders the map instead (and caches it).
        return
    if not cache.add(RERENDER_PENDING_KEY, 1, timeout=RERENDER_DEBOUNCE_SECONDS * 6):
        return
    from maps.tasks import maps_rerender_defaults

    try:
        maps_rerender_defaults.apply_async(countdown=RERENDER_DEBOUNCE_SECONDS)
    except Exception:  # a broker outage must not fail the write that already committed
        cache.delete(RERENDER_PENDING_KEY)
        logger.exception("Could not queue the map re-render; maps render on the next request.")


def _after_commit() -> None:
    map_data_version_bump()
    _rerender_enqueue()


def map_data_changed() -> None:
    """Call from any write that changes what a map shows; acts once the transaction commits."""
    transaction.on_commit(_after_commit)
