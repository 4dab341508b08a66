"""Celery tasks for maps. Thin: they call one function in maps.rendering."""

from __future__ import annotations

from celery import shared_task
from django.core.cache import cache

from maps.cache import RERENDER_PENDING_KEY
from maps.rendering import maps_render_defaults


@shared_task
def maps_rerender_defaults() -> int:
    """Re-render the default maps after data changed, so visitors never wait for folium.

    Enqueued (debounced) by `maps.signals.map_data_changed` after commit. The pending flag is
    cleared first: a change committed while this runs queues the next render instead of being
    lost. Idempotent: a second run finds every render cached under the current version.
    """
    cache.delete(RERENDER_PENDING_KEY)
    return maps_render_defaults()
