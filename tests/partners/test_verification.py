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


def test_reminders_go_to_members_of_stale_partners_once(
    mailoutbox, django_capture_on_commit_callbacks
):
    now = timezone.now()
    stale = PartnerFactory(last_verified_at=now - OLD)
    MembershipFactory(partner=stale, user__email="m1@example.org")
    fresh = PartnerFactory()
    MembershipFactory(partner=fresh)
    # E-mails leave after the reminder is recorded (committed), through the mail task.
    with django_capture_on_commit_callbacks(execute=True):
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


def test_reminders_use_site_url_and_survive_a_bad_partner(
    mailoutbox, settings, django_capture_on_commit_callbacks, monkeypatch
):
    # Issue 7, defect 3: a name with a newline crashed the job at that partner, and partners
    # after it were never reminded. A failure on one partner is logged and the job goes on.
    settings.SITE_URL = "https://coalition.example.org"
    now = timezone.now()
    first = PartnerFactory(last_verified_at=now - OLD, name="Org\nBcc: x@y")
    MembershipFactory(partner=first, user__email="first@example.org")
    broken = PartnerFactory(last_verified_at=now - OLD)
    MembershipFactory(partner=broken, user__email="broken@example.org")
    last = PartnerFactory(last_verified_at=now - OLD)
    MembershipFactory(partner=last, user__email="last@example.org")
    real_make = verification.verification_token_make

    def failing_make(partner):
        if partner.pk == broken.pk:
            raise RuntimeError("boom")
        return real_make(partner)

    monkeypatch.setattr(verification, "verification_token_make", failing_make)
    with django_capture_on_commit_callbacks(execute=True):
        sent = verification.partners_send_verification_reminders(now=now)
    assert sent == 2
    assert sorted(m.to[0] for m in mailoutbox) == ["first@example.org", "last@example.org"]
    assert all("\n" not in m.subject for m in mailoutbox)
    assert all("https://coalition.example.org/en/partners/" in m.body for m in mailoutbox)
    broken.refresh_from_db()
    last.refresh_from_db()
    assert broken.verification_reminded_at is None  # tried again on the next run
    assert last.verification_reminded_at == now
