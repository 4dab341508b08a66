"""Names made only of invisible or combining characters are refused wherever they are typed:
they were accepted and listed as blank signers, blank activities and blank partners."""

from __future__ import annotations

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from campaigns.models import Activity, Campaign, Pledge
from partners.models import JoinRequest, Partner
from tests.campaigns.factories import CampaignFactory
from tests.factories import MembershipFactory, StaffFactory

pytestmark = pytest.mark.django_db

INVISIBLE = [
    "\u200b\u200b",
    "\u200d\u200c",
    "\u3164",
    "\u115f\u1160\uffa0",
    "\u200e\u200f",
    "\u0301" * 110,
]
PLEDGE = {"kind": "individual", "country": "MX", "email": "ana@example.net"}


@pytest.mark.parametrize("name", INVISIBLE)
def test_api_refuses_an_invisible_signer_name(campaign, name):
    response = APIClient().post(
        f"/api/v1/campaigns/{campaign.slug}/pledges/", {**PLEDGE, "name": name}, format="json"
    )
    assert response.status_code == 400
    assert "name" in response.json()
    assert Pledge.objects.count() == 0


def test_api_refuses_an_invisible_organisation_name(campaign):
    response = APIClient().post(
        f"/api/v1/campaigns/{campaign.slug}/pledges/",
        {**PLEDGE, "kind": "organisation", "name": "Ana", "organisation_name": "\u3164\u200b"},
        format="json",
    )
    assert response.status_code == 400
    assert "organisation_name" in response.json()
    assert Pledge.objects.count() == 0


@pytest.mark.parametrize("name", INVISIBLE)
def test_sign_form_refuses_an_invisible_name(client, campaign, name):
    response = client.post(
        f"/en/campaigns/{campaign.slug}/sign/",
        {
            "kind": "individual",
            "individual-name": name,
            "individual-country": "MX",
            "individual-email": "ana@example.net",
            "individual-display": "full",
        },
    )
    assert response.status_code == 400
    assert list(response.context["individual_form"].errors) == ["name"]
    assert Pledge.objects.count() == 0


def test_api_refuses_an_invisible_activity_title():
    campaign = CampaignFactory(kind=Campaign.Kind.DAY_OF_ACTION)
    membership = MembershipFactory()
    api = APIClient()
    api.force_authenticate(membership.user)
    response = api.post(
        f"/api/v1/campaigns/{campaign.slug}/activities/",
        {
            "partner": membership.partner.slug,
            "title": "\u200b\u3164",
            "starts_at": "2026-12-18T18:00",
            "timezone": "America/Mexico_City",
            "city": "Mexico City",
            "country": "MX",
            "language": "es",
        },
        format="json",
    )
    assert response.status_code == 400
    assert "title" in response.json()
    assert Activity.objects.count() == 0


@pytest.mark.parametrize("name", INVISIBLE)
def test_partner_api_refuses_an_invisible_name(name):
    api = APIClient()
    api.force_authenticate(StaffFactory())
    response = api.post("/api/v1/partners/", {"name": name, "country": "MX"}, format="json")
    assert response.status_code == 400
    assert "name" in response.json()
    assert Partner.objects.count() == 0


def test_join_form_refuses_invisible_names(client):
    response = client.post(
        reverse("partners:partner-join"),
        {
            "organisation_name": "\u3164",
            "organisation_kind": "ngo",
            "country": "MX",
            "city": "Puebla",
            "contact_name": "\u200b\u200d",
            "contact_email": "ana@example.org",
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert {"organisation_name", "contact_name"} <= set(errors)
    assert JoinRequest.objects.count() == 0


def test_a_real_name_with_a_joiner_inside_is_accepted(campaign):
    response = APIClient().post(
        f"/api/v1/campaigns/{campaign.slug}/pledges/",
        {**PLEDGE, "name": "نرگس\u200cمحمدی"},
        format="json",
    )
    assert response.status_code == 202
    assert Pledge.objects.get().name == "نرگس\u200cمحمدی"
