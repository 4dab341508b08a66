"""A day of action's map: its approved activities as plain map points, drawn by maps.

Campaigns lies above maps, so turning an Activity into a point happens here and maps only takes
the points (`maps.small_maps.points_small_map`); maps never imports campaigns.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _

from campaigns import selectors
from campaigns.models import Activity
from maps.builders import PartnerPoint
from maps.small_maps import points_small_map


def activity_points(*, activities: Sequence[Activity], page_path: str) -> list[PartnerPoint]:
    """Approved activities as map points at their public, city-level point (from the gazetteer;
    the street address never reaches the map), each linking to its entry in the page's list."""
    points = []
    for activity in activities:
        if activity.latitude is None or activity.longitude is None:
            continue
        when = formats.date_format(activity.local_starts_at, "DATETIME_FORMAT")
        points.append(
            PartnerPoint(
                name=activity.title,
                city=activity.city,
                country=str(activity.country.name),
                # The popup's detail line: when, and who organises it.
                focus_areas=(f"{when} ({activity.timezone})", activity.partner.name),
                url=f"{page_path}#activity-{activity.pk}",
                lat=float(activity.latitude),
                lon=float(activity.longitude),
            )
        )
    return points


def world_activity_points() -> list[PartnerPoint]:
    """The activities layer of /map/ and its embed (registered with maps in
    `CampaignsConfig.ready`): each links to its entry on its campaign's page, in the language
    being rendered."""
    by_campaign: dict[int, list[Activity]] = {}
    for activity in selectors.activity_map_public():
        by_campaign.setdefault(activity.campaign_id, []).append(activity)
    points: list[PartnerPoint] = []
    for activities in by_campaign.values():
        page_path = reverse(
            "campaigns:campaign-detail", kwargs={"slug": activities[0].campaign.slug}
        )
        points.extend(activity_points(activities=activities, page_path=page_path))
    return points


def activities_small_map(*, activities: Sequence[Activity], page_path: str) -> str:
    """The map of a day of action's approved activities (partner prefetched), or "" when none
    has a point.

    Cached by maps under the points themselves (activities do not bump the map data version), so
    an approved, edited or removed activity shows on the next view."""
    return points_small_map(
        key=["activities", page_path],
        points=activity_points(activities=activities, page_path=page_path),
        open_label=_("See the activity"),
        # Framed on the activities' countries and their neighbours, not on one point.
        countries=[
            str(a.country.code)
            for a in activities
            if a.country and a.latitude is not None and a.longitude is not None
        ],
    )
