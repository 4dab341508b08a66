"""No signer's e-mail address reaches any public response.

Signs with known addresses through every path (HTML form, API, member signing for a partner),
confirms some, then fetches every public page, endpoint, feed and export in both languages and
scans the bodies (and headers) for the addresses and their local parts.
"""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from campaigns.models import Campaign, Pledge
from tests.campaigns.conftest import sent_links
from tests.campaigns.factories import ActivityFactory, CampaignFactory, CampaignMessageFactory
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

SECRET_ADDRESSES = [
    "zelda.secret-signer@private.example",
    "Quetzal.Hidden@Private.Example",
    "org.contact.secret@private.example",
    "member.secret@private.example",
]


def test_no_signer_email_in_any_public_response(client, django_capture_on_commit_callbacks):
    campaign = CampaignFactory(slug="day", kind=Campaign.Kind.DAY_OF_ACTION, goal=10)
    CampaignMessageFactory(campaign=campaign)
    ActivityFactory(campaign=campaign)
    membership = MembershipFactory()
    api = APIClient()
    with django_capture_on_commit_callbacks(execute=True):
        for display, email in zip(["full", "initials"], SECRET_ADDRESSES[:2], strict=True):
            client.post(
                f"/en/campaigns/{campaign.slug}/sign/",
                {
                    "kind": "individual",
                    "individual-name": "Zelda Quetzal",
                    "individual-country": "MX",
                    "individual-email": email,
                    "individual-display": display,
                },
            )
        api.post(
            f"/api/v1/campaigns/{campaign.slug}/pledges/",
            {
                "kind": "organisation",
                "organisation_name": "Secret Shelter",
                "name": "Contact Person",
                "country": "US",
                "email": SECRET_ADDRESSES[2],
                "display": "country",
            },
            format="json",
        )
        member = APIClient()
        member.force_authenticate(membership.user)
        member.post(
            f"/api/v1/campaigns/{campaign.slug}/pledges/",
            {
                "kind": "organisation",
                "partner": membership.partner.slug,
                "name": "Member Person",
                "country": "MX",
                "email": SECRET_ADDRESSES[3],
            },
            format="json",
        )
    assert Pledge.objects.count() == 4
    for link in sent_links("confirm"):
        client.post(link)
    assert Pledge.objects.filter(confirmed_at__isnull=False).count() == 4

    anonymous = APIClient()
    paths = []
    for lang in ("en", "es"):
        paths += [
            f"/{lang}/",
            f"/{lang}/campaigns/",
            f"/{lang}/campaigns/{campaign.slug}/",
            f"/{lang}/campaigns/{campaign.slug}/signed/",
            f"/{lang}/campaigns/{campaign.slug}/widget/",
            f"/{lang}/campaigns/{campaign.slug}/activities.ics",
            f"/{lang}/campaigns/{campaign.slug}/signers.csv",
            f"/{lang}/partners/",
            f"/{lang}/partners/{membership.partner.slug}/",
        ]
    paths += [
        "/api/v1/campaigns/",
        f"/api/v1/campaigns/{campaign.slug}/",
        f"/api/v1/campaigns/{campaign.slug}/pledges/",
        f"/api/v1/campaigns/{campaign.slug}/activities/",
        "/api/v1/partners/",
        "/api/schema/",
    ]
    # The pages a signer reaches from their own e-mail are public URLs too.
    paths += sent_links("confirm") + sent_links("withdraw")
    needles = [a.casefold() for a in SECRET_ADDRESSES] + [
        a.split("@")[0].casefold() for a in SECRET_ADDRESSES
    ]
    for path in paths:
        response = anonymous.get(path)
        assert response.status_code == 200, path
        body = (response.content.decode() + str(response.headers)).casefold()
        for needle in needles:
            assert needle not in body, (path, needle)
