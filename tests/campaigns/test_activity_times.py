"""An activity's time is shown in its own time zone, the one named beside it: templates convert
aware datetimes to the site's zone unless told otherwise, which once showed a 11:00 march in
Mexico City as "17:00 (America/Mexico_City)"."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from campaigns.models import Activity, Campaign
from tests.campaigns.factories import ActivityFactory, CampaignFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

NOON_IN_MEXICO_CITY = datetime.datetime(2026, 12, 18, 18, 0, tzinfo=datetime.UTC)


@pytest.fixture
def activity():
    campaign = CampaignFactory(slug="migrants-day", kind=Campaign.Kind.DAY_OF_ACTION)
    return ActivityFactory(
        campaign=campaign, starts_at=NOON_IN_MEXICO_CITY, timezone="America/Mexico_City"
    )


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_campaign_page_shows_the_local_time_of_the_activity(client, activity, lang):
    body = client.get(f"/{lang}/campaigns/{activity.campaign.slug}/").content.decode()
    assert ">12:00<" in body
    assert ">18:00<" not in body
    assert "America/Mexico_City" in body


def test_the_staff_page_shows_the_local_time_of_the_activity(client, activity):
    activity.status = Activity.Status.PENDING  # the staff page lists those awaiting a decision
    activity.save(update_fields=["status"])
    client.force_login(UserFactory(is_staff=True))
    body = client.get(reverse("campaigns:staff-overview")).content.decode()
    assert ">12:00<" in body
    assert ">18:00<" not in body
