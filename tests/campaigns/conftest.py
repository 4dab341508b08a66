from __future__ import annotations

import re

import pytest
from django.core import mail

from tests.campaigns.factories import CampaignFactory


@pytest.fixture
def campaign(db):
    return CampaignFactory(slug="ratify-icrmw", title_en="Ratify the ICRMW")


def sent_links(kind: str) -> list[str]:
    """Paths of `confirm` or `withdraw` links in the e-mails sent so far."""
    pattern = rf"https?://[^/\s]+(/\w\w/campaigns/{kind}/[^\s]+/)"
    return [m for message in mail.outbox for m in re.findall(pattern, message.body)]
