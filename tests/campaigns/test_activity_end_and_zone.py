"""The organiser gives the activity's end, and its time zone defaults to the city's (issue 15,
item 8): on the member form and through the API, refused when the end is not after the start."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from campaigns.models import Activity, Campaign
from tests.campaigns.factories import CampaignFactory
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign():
    return CampaignFactory(kind=Campaign.Kind.DAY_OF_ACTION)


@pytest.fixture
def member(client):
    membership = MembershipFactory()
    client.force_login(membership.user)
    return membership


def form_url(campaign: Campaign, lang: str = "en") -> str:
    return f"/{lang}/campaigns/{campaign.slug}/activities/new/"


def post(client, campaign, member, **fields):
    data = {
        "partner": member.partner.slug,
        "title": "Vigil at the border",
        "starts_at": "2026-12-18T18:00",
        "ends_at": "2026-12-18T20:30",
        "timezone_name": "",
        "city": "Tijuana",
        "country": "MX",
        "language": "es",
        **fields,
    }
    return client.post(form_url(campaign), data)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_zone_select_starts_on_the_citys_zone_and_lists_real_zones(
    client, campaign, member, lang
):
    page = BeautifulSoup(client.get(form_url(campaign, lang)).content, "html.parser")
    select = page.select_one("select[name=timezone_name]")
    assert select is not None
    options = [o["value"] for o in select.find_all("option")]
    selected = [o["value"] for o in select.find_all("option", selected=True)]
    assert selected == [""] or (not selected and options[0] == "")
    first_label = select.find("option").get_text()
    assert first_label == {"en": "The city's time zone", "es": "La zona horaria de la ciudad"}[lang]
    for zone in ("UTC", "America/Tijuana", "America/New_York", "Europe/Madrid", "Asia/Manila"):
        assert zone in options
    for alias in ("US/Eastern", "EST5EDT", "Etc/GMT+5"):
        assert alias not in options
    assert page.select_one("input[name=ends_at][type=datetime-local]") is not None


def test_left_on_the_default_the_activity_keeps_its_citys_zone(client, campaign, member):
    response = post(client, campaign, member)
    assert response.status_code == 302
    activity = Activity.objects.get()
    assert activity.timezone == "America/Tijuana"
    # 18:00 and 20:30 in Tijuana in December (UTC-8).
    assert activity.starts_at.isoformat() == "2026-12-19T02:00:00+00:00"
    assert activity.ends_at.isoformat() == "2026-12-19T04:30:00+00:00"


def test_a_city_the_gazetteer_does_not_know_gets_its_countrys_zone(client, campaign, member):
    response = post(client, campaign, member, city="Villa Inventada", country="ES")
    assert response.status_code == 302
    assert Activity.objects.get().timezone == "Europe/Madrid"


def test_a_zone_chosen_from_the_list_wins_over_the_citys(client, campaign, member):
    # An online event run from Mexico City by a partner registered in Tijuana.
    response = post(client, campaign, member, timezone_name="America/Mexico_City")
    assert response.status_code == 302
    activity = Activity.objects.get()
    assert activity.timezone == "America/Mexico_City"
    assert activity.starts_at.isoformat() == "2026-12-19T00:00:00+00:00"


def test_without_an_end_calendars_get_two_hours(client, campaign, member):
    assert post(client, campaign, member, ends_at="").status_code == 302
    activity = Activity.objects.get()
    assert activity.ends_at is None
    assert (activity.local_ends_at - activity.local_starts_at).total_seconds() == 2 * 3600


@pytest.mark.parametrize("ends_at", ["2026-12-18T18:00", "2026-12-18T17:59", "2026-12-17T20:00"])
def test_an_end_not_after_the_start_is_refused_and_nothing_is_stored(
    client, campaign, member, ends_at
):
    response = post(client, campaign, member, ends_at=ends_at)
    assert response.status_code == 400
    page = BeautifulSoup(response.content, "html.parser")
    assert "The end must be after the start." in page.select_one("#id_ends_at_errors").get_text()
    assert Activity.objects.count() == 0


def test_an_unknown_zone_is_refused_and_nothing_is_stored(client, campaign, member):
    response = post(client, campaign, member, timezone_name="Mars/Olympus_Mons")
    assert response.status_code == 400
    assert Activity.objects.count() == 0


def test_the_campaign_page_shows_start_and_end_in_the_activitys_zone(client, campaign, member):
    post(client, campaign, member)
    Activity.objects.update(status=Activity.Status.APPROVED)
    body = client.get(f"/en/campaigns/{campaign.slug}/").content.decode()
    assert ">18:00<" in body
    assert ">20:30<" in body
    assert "(America/Tijuana)" in body


def test_the_api_takes_an_end_and_the_citys_zone_is_not_assumed(campaign):
    from rest_framework.test import APIClient

    api = APIClient()
    membership = MembershipFactory()
    api.force_authenticate(membership.user)
    url = f"/api/v1/campaigns/{campaign.slug}/activities/"
    body = {
        "partner": membership.partner.slug,
        "title": "Vigil",
        "starts_at": "2026-12-18T18:00",
        "ends_at": "2026-12-18T21:00",
        "timezone": "America/Mexico_City",
        "city": "Mexico City",
        "country": "MX",
        "language": "es",
    }
    response = api.post(url, body, format="json")
    assert response.status_code == 201, response.json()
    activity = Activity.objects.get()
    assert activity.ends_at.isoformat() == "2026-12-19T03:00:00+00:00"
    Activity.objects.update(status=Activity.Status.APPROVED)
    [listed] = api.get(url).json()["results"]
    assert listed["ends_at"] == "2026-12-19T03:00:00Z"

    refused = api.post(url, {**body, "ends_at": "2026-12-18T17:00"}, format="json")
    assert refused.status_code == 400
    assert "ends_at" in refused.json()
    assert Activity.objects.count() == 1


def test_staff_edit_of_the_end_is_checked_too(client, campaign):
    from django.core.exceptions import ValidationError

    from campaigns.services.activities import activity_save
    from tests.campaigns.factories import ActivityFactory

    activity = ActivityFactory(campaign=campaign)
    client.force_login(UserFactory(is_staff=True))
    activity.ends_at = activity.starts_at
    with pytest.raises(ValidationError) as refused:
        activity_save(activity=activity)
    assert "ends_at" in refused.value.error_dict
    assert Activity.objects.get(pk=activity.pk).ends_at is None
