"""The day-of-action page maps approved activities at their city, and no public output (page,
map, iCalendar feed, API) carries a street address the partner chose to keep private."""

from __future__ import annotations

from decimal import Decimal
from unittest import mock

import pytest

from campaigns.models import Activity, Campaign
from tests.campaigns.factories import ActivityFactory, CampaignFactory

pytestmark = pytest.mark.django_db

SECRET_STREET = "Calle Escondida 742"


@pytest.fixture
def day_of_action():
    return CampaignFactory(slug="migrants-day", kind=Campaign.Kind.DAY_OF_ACTION)


def _activity(campaign, **kwargs):
    defaults = {
        "campaign": campaign,
        "city": "Oaxaca",
        "latitude": Decimal("17.06542"),
        "longitude": Decimal("-96.72365"),
    }
    return ActivityFactory(**(defaults | kwargs))


def _page(client, campaign, lang="en"):
    response = client.get(f"/{lang}/campaigns/{campaign.slug}/")
    assert response.status_code == 200
    return response.content.decode()


def test_approved_activities_are_on_the_map_at_their_city(client, day_of_action):
    shown = _activity(day_of_action, title="Vigil at the border")
    _activity(
        day_of_action,
        title="Pending march",
        status=Activity.Status.PENDING,
        latitude=Decimal("19.4"),
        longitude=Decimal("-99.13579"),
    )

    body = _page(client, day_of_action)

    assert 'aria-label="Map of the activities"' in body
    assert "Vigil at the border" in body
    assert "17.06542" in body
    assert "-96.72365" in body
    assert "Pending march" not in body
    # (A coordinate no outline has: the small map now carries the outlines around Mexico.)
    assert "-99.13579" not in body
    # Each marker links to the activity's entry in the list below the map.
    assert f"/en/campaigns/migrants-day/#activity-{shown.pk}" in body
    assert f'id="activity-{shown.pk}"' in body
    assert "See the activity" in body


def test_no_map_without_a_point_or_for_other_campaign_kinds(client, day_of_action):
    _activity(day_of_action, title="Somewhere unknown", latitude=None, longitude=None)
    body = _page(client, day_of_action)
    assert "Somewhere unknown" in body  # listed
    assert "Map of the activities" not in body

    call = CampaignFactory(kind=Campaign.Kind.RATIFICATION)
    assert "Map of the activities" not in _page(client, call)


def test_user_text_reaches_the_map_only_as_escaped_data(client, day_of_action):
    # branca renders strings as Jinja templates: "{{ 7 * 7 }}" must stay text, not become 49.
    _activity(day_of_action, title="{{ 7 * 7 }} </script><script>alert(1)</script>")
    body = _page(client, day_of_action)
    assert "<script>alert(1)</script>" not in body
    # Not `"49 " not in body`: factory names such as "Organisation 49" made that flaky.
    for rendered in ("49 </script>", "49 &lt;/script&gt;", "49 \\u003c/script"):
        assert rendered not in body
    assert "7 * 7" in body


def test_the_map_is_cached_and_follows_changes(client, day_of_action):
    activity = _activity(day_of_action, title="Teach-in")
    _page(client, day_of_action)
    with mock.patch("maps.small_maps.points_map") as builder:
        _page(client, day_of_action)
    builder.assert_not_called()  # served from the cache

    activity.title = "Teach-in, new time"
    activity.save()
    body = _page(client, day_of_action)
    assert (
        "Teach-in, new time"
        in body.split('aria-label="Map of the activities"')[1].split("</section>")[0]
    )


def test_no_public_output_leaks_a_hidden_street_address(client, day_of_action):
    _activity(day_of_action, title="Hidden place", address=SECRET_STREET, show_address=False)
    _activity(day_of_action, title="Open place", address="Plaza Mayor 1", show_address=True)

    outputs = {
        "page en": _page(client, day_of_action),
        "page es": _page(client, day_of_action, lang="es"),
        "ics": client.get(f"/en/campaigns/{day_of_action.slug}/activities.ics").content.decode(),
        "api": client.get(f"/api/v1/campaigns/{day_of_action.slug}/activities/").content.decode(),
    }
    for name, body in outputs.items():
        assert "Hidden place" in body, name
        assert SECRET_STREET not in body, name
        assert "Escondida" not in body, name
    # The partner chose to show this one: the list, feed and API give it (the map stays at the
    # city either way).
    for name in ("page en", "ics", "api"):
        assert "Plaza Mayor 1" in outputs[name], name
    map_html = (
        outputs["page en"].split('aria-label="Map of the activities"')[1].split("</section>")[0]
    )
    assert "Plaza Mayor" not in map_html
