"""The iCalendar feed of a day of action's approved activities (RFC 5545, via `icalendar`).

Written for the calendar clients people subscribe with (Thunderbird reads it with Mozilla's
ical.js, tests/campaigns/test_ical_clients.py): every TZID has its VTIMEZONE, or such a client
reads the local times as floating; UIDs are the activity's own, not the site's address, so
moving the site does not duplicate every event; SEQUENCE and LAST-MODIFIED come from the stored
revision (`Activity.sequence`, raised by `activity_save`), so an edit replaces the event.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

import icalendar

from campaigns.models import Activity, Campaign

# Stable whatever SITE_URL says: a subscribed calendar matches events by UID alone.
UID_DOMAIN = "activities.coalition"
# The transitions each VTIMEZONE spells out: a little before the first event to a little after
# the last (the full 1970-2038 default is kilobytes per zone, in every refresh of the feed),
# within ZONE_RANGE: an event stored for the year 9000 (the model allows it) must not make
# every refresh spell out seven millennia of summer time. Beyond it, clients apply the last
# offset given.
ZONE_MARGIN = datetime.timedelta(days=366)
ZONE_RANGE = (datetime.date(1900, 1, 1), datetime.date(2100, 1, 1))


def activity_uid(activity: Activity) -> str:
    return f"campaign-activity-{activity.pk}@{UID_DOMAIN}"


def activities_ical(*, campaign: Campaign, activities: Sequence[Activity], page_url: str) -> bytes:
    cal = icalendar.Calendar()
    cal.add("prodid", "-//Coalition//Campaign activities//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    # A TEXT value: icalendar escapes its commas, semicolons, backslashes and line breaks.
    cal.add("x-wr-calname", icalendar.vText(campaign.title))
    for activity in activities:
        event = icalendar.Event()
        event.add("uid", activity_uid(activity))
        event.add("summary", activity.title)
        event.add("dtstart", activity.local_starts_at)
        event.add("dtend", activity.local_ends_at)
        # No METHOD: so DTSTAMP is when the event was last revised (RFC 5545, 3.8.7.2).
        event.add("dtstamp", activity.updated_at)
        event.add("created", activity.created_at)
        event.add("last-modified", activity.updated_at)
        event.add("sequence", activity.sequence)
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
    if activities:
        cal.add_missing_timezones(*_zone_range(activities))
    else:
        # RFC 5545 wants at least one component in a calendar: an empty day of action still
        # publishes a valid, subscribable feed, with UTC's definition as that component.
        cal.add_component(_utc_timezone())
    return cal.to_ical()


def _zone_range(activities: Sequence[Activity]) -> tuple[datetime.date, datetime.date]:
    floor, ceiling = ZONE_RANGE
    first = min(a.local_starts_at.date() for a in activities)
    last = max(a.local_ends_at.date() for a in activities)
    first = max(floor, first - ZONE_MARGIN if first > floor + ZONE_MARGIN else floor)
    last = min(ceiling, last + ZONE_MARGIN if last < ceiling - ZONE_MARGIN else ceiling)
    if first >= last:  # every event after the ceiling
        first = ceiling - ZONE_MARGIN
    return first, last


def _utc_timezone() -> icalendar.Timezone:
    zone = icalendar.Timezone()
    zone.add("tzid", "UTC")
    standard = icalendar.TimezoneStandard()
    standard.add("dtstart", datetime.datetime(1970, 1, 1))
    standard.add("tzoffsetfrom", datetime.timedelta(0))
    standard.add("tzoffsetto", datetime.timedelta(0))
    standard.add("tzname", "UTC")
    zone.add_component(standard)
    return zone
