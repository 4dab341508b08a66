"""The map data version: one cache counter that every rendered map's cache key includes.

Rendered maps are cached per (treaty, date, layers, language) under the current version, so a
change never has to find and delete the renders it affects: bumping the counter makes every old
key unreachable (they expire on their own). `maps.signals.map_data_changed` bumps it after the
transaction commits, so a request rendering in between never caches a map of data that was rolled
back or not yet visible, and queues the re-render (`maps.tasks`) under the pending key below.

A leaf: it imports no other maps module, so rendering, tasks and signals can all read it.
"""

from __future__ import annotations

from django.core.cache import cache

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
