"""The activities feed as calendar clients read it: Mozilla's ical.js (what Thunderbird uses),
run under node, and Python's icalendar.

ical.js comes from `make icaljs` (npm `ical.js`, pinned, under var/tools/icaljs/) or ICALJS.
Without node or ical.js the ical.js tests are skipped locally and fail in CI (`CI=true`), like
the browser tests: a CI image that lost them cannot pass silently.
"""

from __future__ import annotations

import datetime
import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import icalendar
import pytest

from campaigns.models import Activity, Campaign
from campaigns.services.activities import activity_moderate, activity_save
from tests.campaigns.factories import ActivityFactory, CampaignFactory
from tests.factories import PartnerFactory, UserFactory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
ICALJS = Path(
    os.environ.get("ICALJS", ROOT / "var/tools/icaljs/node_modules/ical.js/dist/ical.es5.cjs")
)
READER = Path(__file__).with_name("icaljs_read.cjs")
UTC = datetime.UTC


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def icaljs_read(body: bytes, tmp_path: Path) -> dict[str, Any]:
    """What ical.js makes of `body`: the calendar's name, zones and events (start and end in
    UTC, as a client places them on its grid)."""
    node = shutil.which("node")
    reason = ""
    if node is None:
        reason = "no node (apt-get install -y nodejs npm)"
    elif not ICALJS.is_file():
        reason = f"no ical.js at {ICALJS} (run `make icaljs`, or set ICALJS)"
    if reason:
        if _in_ci():
            pytest.fail(f"The ical.js check cannot run in CI: {reason}", pytrace=False)
        pytest.skip(reason)
    feed = tmp_path / "feed.ics"
    feed.write_bytes(body)
    done = subprocess.run(  # noqa: S603 - fixed arguments, no shell
        [str(node), str(READER), str(ICALJS), str(feed)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def feed(client: Any, campaign: Campaign, host: str = "testserver") -> bytes:
    response = client.get(f"/en/campaigns/{campaign.slug}/activities.ics", HTTP_HOST=host)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return response.content


def python_read(body: bytes) -> icalendar.Calendar:
    cal = icalendar.Calendar.from_ical(body)
    assert cal.name == "VCALENDAR"
    assert str(cal["version"]) == "2.0"
    assert cal["prodid"]
    # RFC 5545 3.4 and 3.6: at least one component, every TZID defined by a VTIMEZONE.
    assert cal.subcomponents
    assert cal.get_missing_tzids() == set()
    return cal


def test_a_new_york_evening_is_2300_utc_in_icaljs_not_floating(client, tmp_path):
    campaign = CampaignFactory(kind=Campaign.Kind.DAY_OF_ACTION)
    ActivityFactory(
        campaign=campaign,
        title="Vigil in Queens",
        timezone="America/New_York",
        city="New York",
        country="US",
        starts_at=datetime.datetime(2026, 12, 18, 23, 0, tzinfo=UTC),  # 18:00 EST
        ends_at=datetime.datetime(2026, 12, 19, 1, 30, tzinfo=UTC),  # 20:30 EST
    )
    body = feed(client, campaign)
    assert b"DTSTART;TZID=America/New_York:20261218T180000" in body
    read = icaljs_read(body, tmp_path)
    [event] = read["events"]
    # Without a VTIMEZONE ical.js reads 18:00 as floating and places it at 18:00 UTC.
    assert event["start_utc"] == "2026-12-18T23:00:00.000Z"
    assert event["end_utc"] == "2026-12-19T01:30:00.000Z"
    assert event["start_zone"] == "America/New_York"
    assert event["start_floating"] is False
    assert read["timezones"] == ["America/New_York"]
    [py_event] = python_read(body).walk("VEVENT")
    assert py_event.start.astimezone(UTC) == datetime.datetime(2026, 12, 18, 23, 0, tzinfo=UTC)


def test_every_zone_in_the_feed_has_its_vtimezone_with_summer_time(client, tmp_path):
    campaign = CampaignFactory(kind=Campaign.Kind.DAY_OF_ACTION)
    cases = {
        # title: (zone, city, country, start in UTC); Madrid in June keeps summer time (+2).
        "Madrid": ("Europe/Madrid", "Madrid", "ES", datetime.datetime(2026, 6, 20, 16, 0)),
        "Mexico City": (
            "America/Mexico_City",
            "Mexico City",
            "MX",
            datetime.datetime(2026, 12, 18, 17, 0),
        ),
        "Manila": ("Asia/Manila", "Manila", "PH", datetime.datetime(2026, 12, 18, 1, 0)),
        "New York summer": (
            "America/New_York",
            "New York",
            "US",
            datetime.datetime(2026, 7, 4, 22, 0),
        ),
    }
    for title, (zone, city, country, starts_at) in cases.items():
        ActivityFactory(
            campaign=campaign,
            title=title,
            timezone=zone,
            city=city,
            country=country,
            starts_at=starts_at.replace(tzinfo=UTC),
        )
    body = feed(client, campaign)
    read = icaljs_read(body, tmp_path)
    assert sorted(read["timezones"]) == sorted({zone for zone, *_ in cases.values()})
    starts = {e["summary"]: e for e in read["events"]}
    for title, (zone, _city, _country, starts_at) in cases.items():
        assert starts[title]["start_zone"] == zone
        assert starts[title]["start_utc"] == starts_at.strftime("%Y-%m-%dT%H:%M:00.000Z")
        # No end given: the default two hours.
        end = starts_at + datetime.timedelta(hours=2)
        assert starts[title]["end_utc"] == end.strftime("%Y-%m-%dT%H:%M:00.000Z")
    assert b"TZID=Europe/Madrid:20260620T180000" in body
    python_read(body)


def test_an_edit_raises_sequence_and_last_modified_in_every_client(client, tmp_path):
    campaign = CampaignFactory(kind=Campaign.Kind.DAY_OF_ACTION)
    activity = ActivityFactory(campaign=campaign, title="Rally")
    earlier = datetime.datetime(2026, 11, 1, 12, 0, tzinfo=UTC)
    Activity.objects.filter(pk=activity.pk).update(updated_at=earlier)
    [before] = icaljs_read(feed(client, campaign), tmp_path)["events"]
    assert before["sequence"] == 0
    assert before["last_modified_utc"] == "2026-11-01T12:00:00.000Z"

    # Another process (a fresh row, as a second gunicorn worker would load it) edits the time.
    edited = Activity.objects.get(pk=activity.pk)
    edited.starts_at += datetime.timedelta(hours=1)
    activity_save(activity=edited)
    body = feed(client, campaign)
    [after] = icaljs_read(body, tmp_path)["events"]
    assert after["uid"] == before["uid"]
    assert after["sequence"] == 1
    assert after["last_modified_utc"] > before["last_modified_utc"]
    [py_event] = python_read(body).walk("VEVENT")
    assert py_event["sequence"] == 1

    # A third process edits the title: the stored revision counts on, not a per-process one.
    again = Activity.objects.get(pk=activity.pk)
    again.title = "Rally, moved"
    activity_save(activity=again)
    [third] = icaljs_read(feed(client, campaign), tmp_path)["events"]
    assert (third["sequence"], third["summary"]) == (2, "Rally, moved")


def test_a_save_that_changes_nothing_or_only_moderates_keeps_the_revision(client):
    campaign = CampaignFactory(kind=Campaign.Kind.DAY_OF_ACTION)
    activity = activity_save(
        activity=ActivityFactory.build(
            campaign=campaign, partner=PartnerFactory(), status=Activity.Status.PENDING
        )
    )
    earlier = datetime.datetime(2026, 11, 1, 12, 0, tzinfo=UTC)
    Activity.objects.filter(pk=activity.pk).update(updated_at=earlier)
    assert activity.latitude is not None  # the city's point, from the gazetteer
    activity_save(activity=Activity.objects.get(pk=activity.pk))
    activity_moderate(
        activity=Activity.objects.get(pk=activity.pk),
        status=Activity.Status.APPROVED,
        actor=UserFactory(is_staff=True),
    )
    stored = Activity.objects.get(pk=activity.pk)
    assert (stored.sequence, stored.updated_at) == (0, earlier)
    [event] = python_read(feed(client, campaign)).walk("VEVENT")
    assert event["sequence"] == 0
    assert event["last-modified"].dt == earlier


def test_uids_are_the_same_whatever_site_url_or_host_says(client, settings, tmp_path):
    campaign = CampaignFactory(kind=Campaign.Kind.DAY_OF_ACTION)
    activity = ActivityFactory(campaign=campaign)
    settings.SITE_URL = "https://coalition.example.org"
    settings.ALLOWED_HOSTS = ["*"]
    first = icaljs_read(feed(client, campaign, host="coalition.example.org"), tmp_path)
    settings.SITE_URL = "http://127.0.0.1:8765"
    second = icaljs_read(feed(client, campaign, host="127.0.0.1:8765"), tmp_path)
    uids = {first["events"][0]["uid"], second["events"][0]["uid"]}
    assert uids == {f"campaign-activity-{activity.pk}@activities.coalition"}


def test_the_calendar_name_is_escaped(client, tmp_path):
    title = "Day of action; ratify, now \\ ¡ya!"
    campaign = CampaignFactory(kind=Campaign.Kind.DAY_OF_ACTION, title_en=title)
    ActivityFactory(campaign=campaign)
    body = feed(client, campaign)
    assert "X-WR-CALNAME:Day of action\\; ratify\\, now \\\\ ¡ya!".encode() in body
    assert icaljs_read(body, tmp_path)["calname"] == title
    # icalendar keeps an X- property's value raw: undo RFC 5545's TEXT escapes (3.3.11) here.
    raw = python_read(body)["x-wr-calname"].to_ical().decode()
    unescaped = re.sub(r"\\([\\;,nN])", lambda m: "\n" if m[1] in "nN" else m[1], raw)
    assert unescaped == title


def test_a_feed_with_no_events_is_still_a_valid_calendar(client, tmp_path):
    campaign = CampaignFactory(kind=Campaign.Kind.DAY_OF_ACTION, title_en="Quiet day")
    ActivityFactory(campaign=campaign, status=Activity.Status.PENDING)  # not public yet
    body = feed(client, campaign)
    assert body.startswith(b"BEGIN:VCALENDAR\r\n")
    assert body.endswith(b"END:VCALENDAR\r\n")
    read = icaljs_read(body, tmp_path)
    assert (read["name"], read["version"], read["calname"]) == ("vcalendar", "2.0", "Quiet day")
    assert read["events"] == []
    cal = python_read(body)
    assert [c.name for c in cal.subcomponents] == ["VTIMEZONE"]
