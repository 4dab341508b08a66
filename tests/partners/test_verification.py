from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from partners.models import Partner
from partners.services import verification
from tests.factories import MembershipFactory, PartnerFactory

pytestmark = pytest.mark.django_db
OLD = datetime.timedelta(days=400)


def test_reminders_go_to_members_of_stale_partners_once(mailoutbox):
    now = timezone.now()
    stale = PartnerFactory(last_verified_at=now - OLD)
    MembershipFactory(partner=stale, user__email="m1@example.org")
    fresh = PartnerFactory()
    MembershipFactory(partner=fresh)
    assert verification.partners_send_verification_reminders(now=now) == 1
    assert mailoutbox[0].to == ["m1@example.org"]
    assert f"/partners/{stale.slug}/verify/" in mailoutbox[0].body
    # Not reminded again on the next run...
    assert (
        verification.partners_send_verification_reminders(now=now + datetime.timedelta(days=1)) == 0
    )
    # ...but again after the pause.
    assert (
        verification.partners_send_verification_reminders(now=now + datetime.timedelta(days=31))
        == 1
    )


def test_get_changes_nothing_post_confirms(client):
    partner = PartnerFactory(last_verified_at=timezone.now() - OLD)
    before = partner.last_verified_at
    url = reverse(
        "partners:partner-verify",
        kwargs={"slug": partner.slug, "token": verification.verification_token_make(partner)},
    )
    response = client.get(url)
    assert response.status_code == 200
    assert "Yes, this is still right" in response.content.decode()
    assert Partner.objects.get(pk=partner.pk).last_verified_at == before
    response = client.post(url)
    assert response.status_code == 200
    partner.refresh_from_db()
    assert partner.last_verified_at > before
    assert not partner.verification_is_stale()


def test_bad_or_foreign_token_changes_nothing(client):
    partner = PartnerFactory(last_verified_at=timezone.now() - OLD)
    other = PartnerFactory()
    before = partner.last_verified_at
    for token in ("garbage", verification.verification_token_make(other)):
        url = reverse("partners:partner-verify", kwargs={"slug": partner.slug, "token": token})
        assert client.post(url).status_code == 400
    assert Partner.objects.get(pk=partner.pk).last_verified_at == before


def test_stale_after_a_year():
    now = timezone.now()
    assert PartnerFactory.build(last_verified_at=now - OLD).verification_is_stale(now=now)
    assert not PartnerFactory.build(last_verified_at=now).verification_is_stale(now=now)
    assert PartnerFactory.build(last_verified_at=None).verification_is_stale(now=now)
