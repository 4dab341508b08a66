"""Bump the map data version whenever something a map shows is written.

Model signals rather than one call per service, on purpose: a partner reaches the map through a
dozen writes (create, update, approve, publish, unpublish, the geocoder's own save, CSV import,
demo loader, join-request approval, the Django admin) and a treaty through imports, staff action
edits and the admin. Every one of them saves the model, so listening to the models covers the
paths that exist today and the ones added tomorrow, without `ratification` or `partners` having to
import `maps` (maps composes both; neither depends on it).

The one write that sends no per-row signal is the UNTC import's `bulk_create` of new actions; the
import then marks its run APPLIED with a plain `save()`, which is what we listen to for it.

Bumping costs one row update and one cache write after commit, so a save that changed nothing
visible (a verification date) costing a re-render is accepted; the saves that are only bookkeeping of the
geocoder's retries are skipped.

`map_data_changed` lives here rather than in maps.cache because it queues `maps.tasks`, which
renders through maps.rendering, which reads the version in maps.cache: the version stays a leaf
and this module, the one that reacts to writes, sits on top.
"""

from __future__ import annotations

import logging
from typing import Any

from celery import current_app
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from maps.cache import RERENDER_DEBOUNCE_SECONDS, RERENDER_PENDING_KEY, map_data_version_bump
from maps.tasks import maps_rerender_defaults
from partners.models import FocusArea, Language, Partner
from ratification.models import Country, ImportRun, Treaty, TreatyAction

logger = logging.getLogger(__name__)

# Saves touching only these fields change nothing on any map.
_PARTNER_BOOKKEEPING = frozenset(
    {"geocode_attempts", "geocode_error", "geocode_status", "last_verified_at", "updated_at"}
)


def _rerender_enqueue() -> None:
    if current_app.conf.CELERY_TASK_ALWAYS_EAGER:
        # No worker: rendering inline would make every partner save wait for folium. The next
        # visitor's request renders the map instead (and caches it).
        return
    if not cache.add(RERENDER_PENDING_KEY, 1, timeout=RERENDER_DEBOUNCE_SECONDS * 6):
        return
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


def _partner_saved(sender: Any, instance: Any, update_fields: Any = None, **_: Any) -> None:
    if update_fields is not None and set(update_fields) <= _PARTNER_BOOKKEEPING:
        return
    map_data_changed()


def _changed(sender: Any, **_: Any) -> None:
    map_data_changed()


def _m2m_changed(sender: Any, action: str, **_: Any) -> None:
    if action in {"post_add", "post_remove", "post_clear"}:
        map_data_changed()


def _import_run_saved(sender: Any, instance: Any, **_: Any) -> None:
    if instance.status == instance.Status.APPLIED:
        map_data_changed()


def connect() -> None:
    """Called from `MapsConfig.ready`, once every app's models are loaded."""
    post_save.connect(_partner_saved, sender=Partner, dispatch_uid="maps-partner-saved")
    post_delete.connect(_changed, sender=Partner, dispatch_uid="maps-partner-deleted")
    m2m_changed.connect(
        _m2m_changed, sender=Partner.focus_areas.through, dispatch_uid="maps-partner-focus"
    )
    # The directory's map (maps.directory_map) is cached per search: a partner's languages and
    # the language names decide what a language filter or a search for "portugués" finds.
    m2m_changed.connect(
        _m2m_changed, sender=Partner.languages.through, dispatch_uid="maps-partner-languages"
    )
    for model in (FocusArea, Language, Treaty, TreatyAction, Country):
        uid = f"maps-{model._meta.label_lower}"
        post_save.connect(_changed, sender=model, dispatch_uid=f"{uid}-saved")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"{uid}-deleted")
    post_save.connect(_import_run_saved, sender=ImportRun, dispatch_uid="maps-import-applied")
