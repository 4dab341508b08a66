"""The iCalendar feed of a day of action's approved activities (RFC 5545, via `icalendar`)."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

import icalendar
from django.conf import settings

from campaigns.models import Activity, Campaign

DEFAULT_DURATION = datetime.timedelta(hours=2)


def activities_ical(*, campaign: Campaign, activities: Sequence[Activity], page_url: str) -> bytes:
    cal = icalendar.Calendar()
    cal.add("prodid", "-//Coalition//Campaign activities//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", campaign.title)
    host = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0] or "coalition"
    for activity in activities:
        event = icalendar.Event()
        event.add("uid", f"campaign-activity-{activity.pk}@{host}")
        event.add("summary", activity.title)
        event.add("dtstart", activity.local_starts_at)
        event.add("dtend", activity.local_starts_at + DEFAULT_DURATION)
        event.add("dtstamp", activity.created_at)
        where = [activity.city, str(activity.country.name)]
        if activity.show_address and activity.address:
            where.insert(0, activity.address)
        event.add("location", ", ".join(part for part in where if part))
        description = activity.description
        if activity.online_url:
            description = f"{description}\n\n{activity.online_url}".strip()
        event.add("description", f"{description}\n\n{activity.partner.name}".strip())
        event.add("url", activity.online_url or page_url)
        if activity.latitude is not None and activity.longitude is not None:
            event.add("geo", (float(activity.latitude), float(activity.longitude)))
        cal.add_component(event)
    return cal.to_ical()
