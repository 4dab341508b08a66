"""Activity times are bounded to what both databases store and Python reads back.

`9999-12-31T23:59` in Los Angeles is year 10000 in UTC: PostgreSQL stored it and then every staff
page and admin view listing the row failed (psycopg cannot read the year back); SQLite failed on
the insert. An offset of `+23:59` reached PostgreSQL, which refuses anything past ±15:59. Both are
now a 400 from the API and a form error on the member page, and the database refuses them too.
These tests run on SQLite (`make test`) and PostgreSQL (`make test-services`) alike.
"""

from __future__ import annotations

import datetime

import pytest
from django.db import IntegrityError, transaction
from rest_framework.test import APIClient

from campaigns.models import Activity, Campaign
from tests.campaigns.factories import ActivityFactory, CampaignFactory
from tests.factories import MembershipFactory, StaffFactory

pytestmark = pytest.mark.django_db

ACTIVITY = {
    "title": "Vigil",
    "timezone": "America/Los_Angeles",
    "city": "Los Angeles",
    "country": "US",
    "language": "en",
}
LAST_STORABLE = datetime.datetime(9998, 12, 31, 23, 59, tzinfo=datetime.UTC)


@pytest.fixture
def member_api():
    campaign = CampaignFactory(kind=Campaign.Kind.DAY_OF_ACTION)
    membership = MembershipFactory()
    api = APIClient()
    api.force_authenticate(membership.user)
    api.campaign, api.partner = campaign, membership.partner
    return api


def _post(api, starts_at, **extra):
    return api.post(
        f"/api/v1/campaigns/{api.campaign.slug}/activities/",
        {**ACTIVITY, "partner": api.partner.slug, "starts_at": starts_at, **extra},
        format="json",
    )


@pytest.mark.parametrize(
    ("starts_at", "timezone"),
    [
        ("9999-12-31T23:59", "America/Los_Angeles"),  # year 10000 in UTC
        ("9999-06-01T12:00", "UTC"),  # in range for Python, past the bound
        ("9999-12-31T23:59-08:00", "UTC"),
        ("0001-01-01T00:00", "Asia/Tokyo"),  # before year 1 in UTC
        ("1899-12-31T23:59", "UTC"),
    ],
)
def test_api_refuses_times_outside_the_storable_range(member_api, starts_at, timezone):
    response = _post(member_api, starts_at, timezone=timezone)
    assert response.status_code == 400
    assert "starts_at" in response.json()
    assert Activity.objects.count() == 0


@pytest.mark.parametrize("starts_at", ["2026-12-18T18:00+23:59", "2026-12-18T18:00-14:01"])
def test_api_refuses_offsets_past_fourteen_hours(member_api, starts_at):
    response = _post(member_api, starts_at)
    assert response.status_code == 400
    assert "starts_at" in response.json()
    assert Activity.objects.count() == 0


def test_api_refuses_an_offset_it_cannot_parse(member_api):
    response = _post(member_api, "2026-12-18T18:00+24:00")
    assert response.status_code == 400
    assert list(response.json()) == ["starts_at"]


@pytest.mark.parametrize(
    ("starts_at", "stored"),
    [
        ("2026-12-18T18:00+14:00", "2026-12-18T04:00:00+00:00"),
        ("2026-12-18T18:00-12:00", "2026-12-19T06:00:00+00:00"),
        ("9998-12-31T23:59+00:00", "9998-12-31T23:59:00+00:00"),
        ("1900-01-01T00:00Z", "1900-01-01T00:00:00+00:00"),
    ],
)
def test_api_accepts_the_edges_of_the_range(member_api, starts_at, stored):
    response = _post(member_api, starts_at)
    assert response.status_code == 201, response.json()
    activity = Activity.objects.get()
    activity.refresh_from_db()  # read back from the database, not the instance in memory
    assert activity.starts_at.isoformat() == stored


def test_member_form_refuses_year_ten_thousand(client):
    campaign = CampaignFactory(kind=Campaign.Kind.DAY_OF_ACTION)
    membership = MembershipFactory()
    client.force_login(membership.user)
    response = client.post(
        f"/en/campaigns/{campaign.slug}/activities/new/",
        {
            "partner": membership.partner.slug,
            "title": "Vigil",
            "starts_at": "9999-12-31T23:59",
            "timezone_name": "America/Los_Angeles",
            "city": "Los Angeles",
            "country": "US",
            "language": "en",
        },
    )
    assert response.status_code == 400
    assert "starts_at" in response.context["form"].errors
    assert Activity.objects.count() == 0


def test_the_database_refuses_a_time_past_the_bound_even_without_full_clean():
    activity = ActivityFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Activity.objects.filter(pk=activity.pk).update(
            starts_at=datetime.datetime(9999, 6, 1, tzinfo=datetime.UTC)
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Activity.objects.filter(pk=activity.pk).update(
            starts_at=datetime.datetime(1850, 6, 1, tzinfo=datetime.UTC)
        )


@pytest.mark.parametrize("status", [Activity.Status.PENDING, Activity.Status.APPROVED])
def test_every_page_reads_the_latest_storable_time(client, status):
    """The last instant allowed, shown in the zone furthest east of UTC (Kiribati, +14:00, so
    already year 9999 locally): the staff page, the admin list, change, delete and bulk reject,
    and the public page and calendar feed all answer."""
    activity = ActivityFactory(
        starts_at=LAST_STORABLE, timezone="Pacific/Kiritimati", status=status
    )
    slug = activity.campaign.slug
    assert client.get(f"/en/campaigns/{slug}/").status_code == 200
    assert client.get(f"/en/campaigns/{slug}/activities.ics").status_code == 200
    client.force_login(StaffFactory(is_superuser=True))
    admin = "/en/admin/campaigns/activity/"
    for url in (
        "/en/staff/campaigns/",
        admin,
        f"{admin}{activity.pk}/change/",
        f"{admin}{activity.pk}/delete/",
    ):
        assert client.get(url).status_code == 200, url
    response = client.post(admin, {"action": "reject", "_selected_action": [activity.pk]})
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.status == Activity.Status.REJECTED
    assert activity.local_starts_at.year == 9999


def test_the_admin_refuses_a_time_past_the_bound_with_a_form_error(client):
    activity = ActivityFactory()
    client.force_login(StaffFactory(is_superuser=True))
    url = f"/en/admin/campaigns/activity/{activity.pk}/change/"
    form = client.get(url).context["adminform"].form
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None or value is False:
            continue
        data[name] = "on" if value is True else value
    data.update({"starts_at_0": "9999-06-01", "starts_at_1": "12:00:00"})
    response = client.post(url, data)
    assert response.status_code == 200
    assert list(response.context["adminform"].form.errors) == ["starts_at"]
    activity.refresh_from_db()
    assert activity.starts_at.year == 2026
