from __future__ import annotations

import pytest
from django.core.management import call_command

from campaigns.models import Campaign
from campaigns.services.reference_data import campaigns_load_reference
from tests.factories import TreatyFactory

pytestmark = pytest.mark.django_db


def test_three_real_campaigns_as_drafts_idempotent_and_edits_kept():
    TreatyFactory()
    first = campaigns_load_reference()
    assert [r.created for r in first] == [True, True, True]
    campaigns = {c.slug: c for c in Campaign.objects.all()}
    assert set(campaigns) == {
        "us-ratify-icrmw",
        "international-migrants-day",
        "endorse-border-principles",
    }
    assert not any(c.is_published for c in campaigns.values())
    us = campaigns["us-ratify-icrmw"]
    assert us.target_country == "US"
    assert us.treaty is not None
    assert us.treaty.slug == "icrmw"
    assert campaigns["international-migrants-day"].kind == Campaign.Kind.DAY_OF_ACTION
    assert campaigns["endorse-border-principles"].kind == Campaign.Kind.ENDORSEMENT
    assert all(c.title_es and c.text_es and c.messages.exists() for c in campaigns.values())
    assert "2014" in campaigns["endorse-border-principles"].text_en

    Campaign.objects.filter(slug="us-ratify-icrmw").update(goal=5, is_published=True)
    second = campaigns_load_reference()
    assert [r.created for r in second] == [False, False, False]
    assert Campaign.objects.count() == 3
    us.refresh_from_db()
    assert (us.goal, us.is_published) == (5, True)


def test_load_reference_data_command_creates_them(monkeypatch):
    from ratification.management.commands import load_reference_data

    monkeypatch.setattr(load_reference_data, "reference_data_load", lambda force: [])
    call_command("load_reference_data")
    call_command("load_campaign_reference_data")
    assert Campaign.objects.count() == 3
