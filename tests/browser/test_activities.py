"""An organiser's activity, from the member form to the world map, in a real browser (issue 15,
item 8): the end time and the time zone that defaults to the city's, then, once staff approve
it, the activity on /map/ and in the embed on another site, its title shown as text."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from campaigns.models import Activity, Campaign
from campaigns.services.activities import activity_moderate
from tests.browser.a11y_support import sign_in
from tests.browser.test_map import (
    SHAPES,
    _wait_drawn,
    _watch,
    data,  # noqa: F401 - the map's treaty fixture
)
from tests.campaigns.factories import CampaignFactory
from tests.factories import MembershipFactory, UserFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("data")]

HOSTILE = "Vigil </script><img src=x onerror=alert(1)>"
ACTIVITY = ".leaflet-overlay-pane path.cm-activity"


def test_organiser_sets_the_end_and_the_citys_zone_then_the_map_shows_it(
    page: Any, live_server: Any, screenshot: Any, other_site: Any
) -> None:
    campaign = CampaignFactory(slug="migrants-day", kind=Campaign.Kind.DAY_OF_ACTION)
    membership = MembershipFactory()
    sign_in(page.context, live_server.url, membership.user)
    day = (timezone.now() + datetime.timedelta(days=10)).date().isoformat()

    page.goto(f"{live_server.url}/en/campaigns/{campaign.slug}/activities/new/")
    zone = page.get_by_label("Time zone")
    assert zone.input_value() == ""  # the default: the city's zone
    assert zone.locator("option:checked").inner_text() == "The city's time zone"
    page.get_by_label("Partner").select_option(membership.partner.slug)
    page.get_by_label("Title").fill(HOSTILE)
    page.get_by_label("Starts").fill(f"{day}T18:00")
    page.get_by_label("Ends", exact=False).first.fill(f"{day}T17:00")  # before the start
    page.get_by_label("City").fill("Tijuana")
    page.locator("#id_country").select_option("MX")
    page.get_by_label("Language").select_option("es")
    page.get_by_role("button", name="Send for review").click(no_wait_after=True)
    error = page.locator("#id_ends_at_errors")
    error.wait_for()
    assert "The end must be after the start." in error.inner_text()
    assert Activity.objects.count() == 0

    page.locator("#id_ends_at").fill(f"{day}T20:30")
    page.get_by_role("button", name="Send for review").click()
    page.wait_for_url(f"{live_server.url}/en/campaigns/{campaign.slug}/")
    activity = Activity.objects.get()
    assert activity.timezone == "America/Tijuana"
    assert activity.local_starts_at.strftime("%H:%M") == "18:00"
    assert activity.local_ends_at.strftime("%H:%M") == "20:30"

    seen = _watch(page)
    page.goto(f"{live_server.url}/en/map/")
    _wait_drawn(page)
    assert page.locator(ACTIVITY).count() == 0  # not approved yet

    activity_moderate(
        activity=activity, status=Activity.Status.APPROVED, actor=UserFactory(is_staff=True)
    )
    page.goto(f"{live_server.url}/en/map/")
    _wait_drawn(page)
    marker = page.locator(ACTIVITY)
    marker.first.wait_for()
    assert marker.count() == 1
    marker.first.click(force=True)
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert popup.locator(".cm-popup-name").inner_text() == HOSTILE
    assert "(America/Tijuana)" in popup.inner_text()
    assert membership.partner.name in popup.inner_text()
    link = popup.get_by_role("link", name="See the activity")
    assert link.get_attribute("href") == f"/en/campaigns/{campaign.slug}/#activity-{activity.pk}"
    assert page.locator("input[name=layers][value=activities]").is_checked()
    assert page.locator(".leaflet-control-layers").get_by_label("Activities").is_checked()
    screenshot("map-activity-popup")
    assert not seen["dialogs"], seen["dialogs"]
    assert not seen["errors"], seen["errors"]
    assert page.evaluate("() => document.querySelectorAll('img[src=\"x\"]').length") == 0

    pages, origin = other_site
    pages["/partner-site/"] = (
        "<!doctype html><title>Partner site</title>"
        f'<iframe id="embed" src="{live_server.url}/en/map/embed/" width="800" height="420">'
        "</iframe>"
    ).encode()
    page.goto(f"{origin}/partner-site/")
    frame = page.frame_locator("#embed")
    frame.locator(SHAPES).nth(200).wait_for()
    embedded = frame.locator(ACTIVITY)
    embedded.first.wait_for()
    # Opened through Leaflet: at the embed's size the marker may sit under the zoom control.
    embed_frame = next(f for f in page.frames if "/map/embed/" in f.url)
    embed_frame.evaluate(
        """() => {
            const map = window[document.querySelector('.folium-map').id];
            map.eachLayer((layer) => {
                if (layer.options && layer.options.className === 'cm-activity') layer.fire('click');
            });
        }"""
    )
    frame_link = frame.locator(".leaflet-popup-content").get_by_role(
        "link", name="See the activity"
    )
    frame_link.wait_for()
    assert frame_link.get_attribute("target") == "_top"

    activity_moderate(
        activity=activity, status=Activity.Status.REJECTED, actor=UserFactory(is_staff=True)
    )
    page.goto(f"{live_server.url}/en/map/")
    _wait_drawn(page)
    assert page.locator(ACTIVITY).count() == 0
