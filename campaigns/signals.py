"""Activities on the world map (`campaigns.maps.world_activity_points`): every write that can
change which activities it shows bumps the map data version, which every process reads from the
database (`maps.cache`), so no gunicorn worker keeps serving a render with a rejected, edited
or deleted activity. Model signals, as maps does for partners: approval in the staff page, the
admin's actions and edits, deletion, and a campaign published, unpublished or deleted."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save

from campaigns.models import Activity, Campaign
from maps.signals import map_data_changed


def _activity_changed(sender: Any, **_: Any) -> None:
    map_data_changed()


def _campaign_changed(sender: Any, instance: Campaign, **_: Any) -> None:
    if instance.kind == Campaign.Kind.DAY_OF_ACTION:
        map_data_changed()


def connect() -> None:
    post_save.connect(_activity_changed, sender=Activity, dispatch_uid="campaigns-activity-map")
    post_delete.connect(
        _activity_changed, sender=Activity, dispatch_uid="campaigns-activity-map-deleted"
    )
    post_save.connect(_campaign_changed, sender=Campaign, dispatch_uid="campaigns-campaign-map")
    post_delete.connect(
        _campaign_changed, sender=Campaign, dispatch_uid="campaigns-campaign-map-deleted"
    )
