"""The map data version: one counter that every rendered map's cache key includes.

Rendered maps are cached per (treaty, date, layers, language) under the current version, so a
change never has to find and delete the renders it affects: bumping the counter makes every old
key unreachable (they expire on their own). `maps.signals.map_data_changed` bumps it after the
transaction commits, so a request rendering in between never caches a map of data that was rolled
back or not yet visible, and queues the re-render (`maps.tasks`) under the pending key below.

Every process must agree on the version, or one keeps serving a map another has changed (a
partner's hidden address, an unpublished profile). So the version is kept in the database
(`maps.models.MapDataVersion`), which every gunicorn worker, Celery worker and management command
shares and which a cache flush, eviction or Redis outage cannot lose. The shared cache holds a
copy for `VERSION_CACHE_SECONDS`, so a cached map costs no query: a bump publishes the new value
at once (`cache_raise_to`, which never moves the copy back), and a missing copy is read again
from the database. A bump made while Redis is unreachable reaches the copy when it expires.

A leaf: it imports no other maps module but the models, so rendering, tasks and signals can all
read it.
"""

from __future__ import annotations

from django.core.cache import cache
from django.db import transaction
from django.db.models import F

from core.cache import cache_raise_to
from maps.models import MapDataVersion

VERSION_KEY = "maps:data-version"
VERSION_CACHE_SECONDS = 10
# While this key exists a re-render of the default maps is already queued: further changes in
# the next few seconds ride on it instead of queueing one render each (an import of 200 actions
# or a CSV import of 500 partners bumps the version hundreds of times).
RERENDER_PENDING_KEY = "maps:rerender-pending"
RERENDER_DEBOUNCE_SECONDS = 10
_ROW = 1


def map_data_version() -> int:
    cached = cache.get(VERSION_KEY)
    if cached is not None:
        return int(cached)
    stored = MapDataVersion.objects.filter(pk=_ROW).values_list("value", flat=True).first()
    return cache_raise_to(VERSION_KEY, stored or 1, timeout=VERSION_CACHE_SECONDS)


def map_data_version_bump() -> int:
    """Add one to the stored version and publish it to the cache; returns the new version."""
    with transaction.atomic():
        if not MapDataVersion.objects.filter(pk=_ROW).update(value=F("value") + 1):
            MapDataVersion.objects.get_or_create(pk=_ROW)
            MapDataVersion.objects.filter(pk=_ROW).update(value=F("value") + 1)
        version = MapDataVersion.objects.values_list("value", flat=True).get(pk=_ROW)
    return cache_raise_to(VERSION_KEY, version, timeout=VERSION_CACHE_SECONDS)
