"""The campaigns API: public reads, 202 signing, member activities, throttles, schema."""

from __future__ import annotations

import pytest
from django.core import mail
from rest_framework.test import APIClient

from campaigns.models import Activity, Campaign, Pledge
from tests.campaigns.factories import ActivityFactory, CampaignFactory, PledgeFactory
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

PLEDGE = {
    "kind": "individual",
    "name": "Ana López",
    "country": "MX",
    "city": "Oaxaca",
    "email": "ana@example.net",
    "display": "initials",
    "language": "es",
}


@pytest.fixture
def api():
    return APIClient()


def test_list_and_detail_with_counts(api, campaign):
    CampaignFactory(is_published=False, slug="draft")
    PledgeFactory.create_batch(2, campaign=campaign)
    PledgeFactory(
        campaign=campaign, kind=Pledge.Kind.ORGANISATION, organisation_name="Org", country="US"
    )
    PledgeFactory(campaign=campaign, confirmed_at=None)
    listing = api.get("/api/v1/campaigns/")
    assert listing.status_code == 200
    assert [c["slug"] for c in listing.json()["results"]] == [campaign.slug]
    assert listing.json()["results"][0]["signature_count"] == 3
    detail = api.get(f"/api/v1/campaigns/{campaign.slug}/").json()
    assert detail["counts"]["total"] == 3
    assert detail["counts"]["organisations"] == 1
    assert detail["counts"]["individuals"] == 2
    assert {c["code"]: c["count"] for c in detail["counts"]["by_country"]} == {"MX": 2, "US": 1}
    assert api.get("/api/v1/campaigns/draft/").status_code == 404


def test_post_pledge_returns_202_and_creates_an_unconfirmed_pledge(
    api, campaign, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post(f"/api/v1/campaigns/{campaign.slug}/pledges/", PLEDGE, format="json")
    assert response.status_code == 202
    assert response.json()["status"] == "pending_confirmation"
    pledge = Pledge.objects.get()
    assert pledge.confirmed_at is None
    assert pledge.language == "es"
    assert len(mail.outbox) == 1
    # A repeat gets exactly the same answer: the API does not reveal who has signed.
    again = api.post(f"/api/v1/campaigns/{campaign.slug}/pledges/", PLEDGE, format="json")
    assert again.status_code == 202
    assert again.json() == response.json()
    assert Pledge.objects.count() == 1


def test_post_pledge_bad_input_is_400_and_stores_nothing(api, campaign):
    response = api.post(
        f"/api/v1/campaigns/{campaign.slug}/pledges/",
        {**PLEDGE, "name": "Ana\nBcc: x", "email": "nope"},
        format="json",
    )
    assert response.status_code == 400
    assert "email" in response.json()
    response = api.post(
        f"/api/v1/campaigns/{campaign.slug}/pledges/",
        {**PLEDGE, "name": "Ana\u202e"},
        format="json",
    )
    assert response.status_code == 400
    assert "name" in response.json()
    assert Pledge.objects.count() == 0


def test_post_pledge_honeypot_gets_202_and_stores_nothing(api, campaign):
    response = api.post(
        f"/api/v1/campaigns/{campaign.slug}/pledges/", {**PLEDGE, "website": "x"}, format="json"
    )
    assert response.status_code == 202
    assert Pledge.objects.count() == 0


def test_post_pledge_throttled_per_address(api, campaign, settings):
    settings.PLEDGE_SUBMISSIONS_PER_HOUR = 1
    url = f"/api/v1/campaigns/{campaign.slug}/pledges/"
    assert api.post(url, PLEDGE, format="json").status_code == 202
    response = api.post(url, {**PLEDGE, "email": "b@example.net"}, format="json")
    assert response.status_code == 429
    assert Pledge.objects.count() == 1


def test_scoped_api_throttle(api, campaign, settings):
    rates = {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "pledges": "2/hour"}
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
    url = f"/api/v1/campaigns/{campaign.slug}/pledges/"
    codes = [
        api.post(url, {**PLEDGE, "email": f"p{n}@example.net"}, format="json").status_code
        for n in range(3)
    ]
    assert codes == [202, 202, 429]
    assert Pledge.objects.count() == 2
    assert api.get(url).status_code == 200  # reads are not counted against the write budget


def test_pledge_list_is_public_data_only(api, campaign):
    PledgeFactory(campaign=campaign, name="Ana María López", email="ana@example.net")
    response = api.get(f"/api/v1/campaigns/{campaign.slug}/pledges/")
    assert response.status_code == 200
    (row,) = response.json()["results"]
    assert set(row) == {
        "kind",
        "name",
        "city",
        "country",
        "country_name",
        "verified",
        "partner_slug",
        "signed_on",
    }
    assert "example.net" not in response.content.decode()


def test_pledge_list_query_count_constant(api, django_assert_num_queries):
    for n in (3, 30):
        campaign = CampaignFactory()
        PledgeFactory.create_batch(n, campaign=campaign)
        with django_assert_num_queries(3):  # campaign, count, page
            assert api.get(f"/api/v1/campaigns/{campaign.slug}/pledges/").status_code == 200


def test_activities_get_lists_approved_only(api):
    campaign = CampaignFactory(kind=Campaign.Kind.DAY_OF_ACTION)
    ActivityFactory(campaign=campaign, title="Shown", address="Secret 1")
    ActivityFactory(campaign=campaign, title="Pending", status=Activity.Status.PENDING)
    body = api.get(f"/api/v1/campaigns/{campaign.slug}/activities/").json()
    assert [a["title"] for a in body["results"]] == ["Shown"]
    assert body["results"][0]["address"] == ""


ACTIVITY = {
    "title": "Vigil",
    "starts_at": "2026-12-18T18:00",
    "timezone": "America/Mexico_City",
    "city": "Mexico City",
    "country": "MX",
    "language": "es",
}


def test_member_posts_an_activity_in_local_time(api):
    campaign = CampaignFactory(kind=Campaign.Kind.DAY_OF_ACTION)
    membership = MembershipFactory()
    api.force_authenticate(membership.user)
    response = api.post(
        f"/api/v1/campaigns/{campaign.slug}/activities/",
        {**ACTIVITY, "partner": membership.partner.slug},
        format="json",
    )
    assert response.status_code == 201, response.json()
    activity = Activity.objects.get()
    assert activity.status == Activity.Status.PENDING
    # 18:00 in Mexico City is midnight UTC.
    assert activity.starts_at.isoformat() == "2026-12-19T00:00:00+00:00"
    assert activity.latitude is not None  # city-level point from the gazetteer


def test_activity_post_refusals(api):
    campaign = CampaignFactory(kind=Campaign.Kind.DAY_OF_ACTION)
    partner = MembershipFactory().partner
    url = f"/api/v1/campaigns/{campaign.slug}/activities/"
    assert api.post(url, {**ACTIVITY, "partner": partner.slug}, format="json").status_code == 401
    api.force_authenticate(UserFactory())
    assert api.post(url, {**ACTIVITY, "partner": partner.slug}, format="json").status_code == 403
    membership = MembershipFactory(partner=partner)
    api.force_authenticate(membership.user)
    bad_zone = api.post(
        url, {**ACTIVITY, "partner": partner.slug, "timezone": "Mars/Base"}, format="json"
    )
    assert bad_zone.status_code == 400
    not_day = CampaignFactory()
    response = api.post(
        f"/api/v1/campaigns/{not_day.slug}/activities/",
        {**ACTIVITY, "partner": partner.slug},
        format="json",
    )
    assert response.status_code == 400
    assert Activity.objects.count() == 0


def test_schema_documents_the_endpoints(api):
    schema = api.get("/api/schema/", HTTP_ACCEPT="application/json").content.decode()
    assert "/api/v1/campaigns/{slug}/pledges/" in schema
    assert "/api/v1/campaigns/{slug}/activities/" in schema
    assert "PledgeCreate" in schema
    assert '"202"' in schema or "'202'" in schema or "202:" in schema
