"""The e-mail a write causes is in the outbox if and only if the write committed: the pledge
and its confirmation, the join request and its acknowledgement commit together."""

from __future__ import annotations

import pytest
from post_office.models import Email

from campaigns.models import Pledge
from campaigns.services.pledges import pledge_create
from partners.models import JoinRequest
from partners.services.moderation import join_request_create
from tests.campaigns.factories import CampaignFactory

pytestmark = pytest.mark.django_db(transaction=True)


class OutboxDown(Exception):
    pass


@pytest.fixture
def outbox_fails(monkeypatch):
    def fail(**kwargs):
        raise OutboxDown

    monkeypatch.setattr("core.mail.outbox_write_template", fail)


def _sign(campaign, email: str = "ana@example.net"):
    return pledge_create(
        campaign=campaign,
        kind=Pledge.Kind.INDIVIDUAL,
        name="Ana López",
        email=email,
        country="MX",
        client_address="203.0.113.5",
    )


def test_a_pledge_whose_mail_cannot_be_queued_is_not_saved(outbox_fails):
    campaign = CampaignFactory()
    with pytest.raises(OutboxDown):
        _sign(campaign)
    assert Pledge.objects.count() == 0


def test_a_pledge_and_its_confirmation_are_one_row_each(mailoutbox):
    campaign = CampaignFactory()
    assert _sign(campaign).status == "created"
    assert _sign(campaign).status == "already_signed"  # the reminder, once a day
    assert Pledge.objects.count() == 1
    assert Email.objects.filter(to="ana@example.net").count() == 2
    assert len(mailoutbox) == 2


def test_a_join_request_whose_acknowledgement_cannot_be_queued_is_not_saved(outbox_fails):
    with pytest.raises(OutboxDown):
        join_request_create(
            kind=JoinRequest.Kind.JOIN,
            organisation_name="New Org",
            organisation_kind="ngo",
            country="MX",
            city="Puebla",
            contact_name="Ana",
            contact_email="ana@example.org",
        )
    assert JoinRequest.objects.count() == 0
