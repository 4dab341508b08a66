from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = _("Campaigns")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The world map's activities layer: maps lies below campaigns and takes the points from
        # here; the signals keep its cached renders in step with approvals and edits.
        from campaigns import signals
        from campaigns.maps import world_activity_points
        from maps.selectors import map_activities_register

        map_activities_register(world_activity_points)
        signals.connect()
