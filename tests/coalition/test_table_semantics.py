"""Data tables say what they are (<caption>), every header cell has a name, and sortable
headers say how the table is sorted (aria-sort, an arrow, and words)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from partners.models import Membership
from tests.factories import (
    CommitmentFactory,
    MembershipFactory,
    PartnerFactory,
    TreatyActionFactory,
    TreatyFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _tables(body: str) -> list[str]:
    return re.findall(r"<table.*?</table>", body, re.S)


def _assert_semantic_tables(body: str) -> None:
    tables = _tables(body)
    assert tables
    for table in tables:
        assert "<caption" in table, table[:200]
        assert not re.search(r"<th[^>]*>\s*</th>", table), table[:300]


def test_participants_table_says_how_it_is_sorted(client):
    TreatyActionFactory(treaty=TreatyFactory(), country="MX")
    url = reverse("ratification:treaty-detail", kwargs={"slug": "icrmw"})
    body = client.get(url).content.decode()
    _assert_semantic_tables(body)
    country = re.search(r'<th scope="col" aria-sort="ascending"><a [^>]*>Country(.*?)</th>', body)
    assert country
    assert "▲" in country.group(1)
    assert "sorted ascending" in country.group(1)
    assert body.count("aria-sort=") == 1

    body = client.get(url + "?sort=-signed").content.decode()
    signed = re.search(r'<th scope="col" aria-sort="descending"><a [^>]*>Signature(.*?)</th>', body)
    assert signed
    assert "▼" in signed.group(1)
    assert "sorted descending" in signed.group(1)
    assert body.count("aria-sort=") == 1

    spanish = client.get(url.replace("/en/", "/es/")).content.decode()
    assert "orden ascendente" in spanish


def test_member_tables_have_captions_and_named_action_columns(client):
    partner = PartnerFactory(slug="mine")
    user = UserFactory()
    MembershipFactory(user=user, partner=partner, role=Membership.Role.ADMIN)
    CommitmentFactory(partner=partner)
    client.force_login(user)
    for url in [
        reverse("partners:member-home"),
        reverse("partners:commitment-list", kwargs={"slug": "mine"}),
        reverse("partners:membership-list", kwargs={"slug": "mine"}),
    ]:
        body = client.get(url).content.decode()
        _assert_semantic_tables(body)
        # (The member area follows the member's own language, whatever the URL says.)
        assert re.search(r'<span class="visually-hidden">(Actions|Acciones)</span>', body)


def test_public_list_tables_have_captions(client):
    PartnerFactory()
    TreatyFactory()
    for url in [reverse("partners:partner-list"), reverse("ratification:country-list")]:
        _assert_semantic_tables(client.get(url).content.decode())
