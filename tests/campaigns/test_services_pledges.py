"""pledge_create / confirm / withdraw / hide / purge, through the services."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from campaigns.links import LinkExpired, LinkInvalid, Purpose, pledge_token
from campaigns.models import Campaign, Pledge
from campaigns.services.pledges import (
    PledgeThrottled,
    pledge_confirm,
    pledge_create,
    pledge_hide,
    pledge_purge_unconfirmed,
    pledge_withdraw,
)
from tests.campaigns.factories import CampaignFactory, PledgeFactory
from tests.factories import MembershipFactory, PartnerFactory, UserFactory

pytestmark = pytest.mark.django_db


def sign(campaign: Campaign, **overrides: object):
    data = {
        "campaign": campaign,
        "kind": Pledge.Kind.INDIVIDUAL,
        "name": "Ana López",
        "email": "ana@example.net",
        "country": "MX",
        "city": "Oaxaca",
        "client_address": "203.0.113.5",
    }
    data.update(overrides)
    return pledge_create(**data)  # type: ignore[arg-type]


def test_create_stores_an_unconfirmed_pledge_and_mails_the_link(
    campaign, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        outcome = sign(campaign, email="  Ana@Example.NET ", language="es")
    assert outcome.status == "created"
    pledge = Pledge.objects.get()
    assert pledge.confirmed_at is None
    assert pledge.email == "Ana@Example.NET"
    assert pledge.email_normalised == "ana@example.net"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["Ana@Example.NET"]
    # In the signer's language, with Spanish links.
    assert "Confirme" in message.subject or "confirme" in message.subject
    assert "/es/campaigns/confirm/" in message.body
    assert "/es/campaigns/withdraw/" in message.body


@pytest.mark.parametrize("variant", ["ANA@example.net", "  ana@example.net  ", "Ana@EXAMPLE.net"])
def test_duplicate_email_in_another_form_creates_no_second_pledge(campaign, variant):
    sign(campaign)
    outcome = sign(campaign, email=variant, name="Someone Else")
    assert outcome.status == "already_signed"
    assert Pledge.objects.count() == 1
    assert Pledge.objects.get().name == "Ana López"


def test_repeat_sends_at_most_one_reminder_a_day(campaign, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        sign(campaign)
        sign(campaign)
        sign(campaign)
    assert len(mail.outbox) == 2  # confirmation + one reminder
    Pledge.objects.update(last_reminder_at=timezone.now() - datetime.timedelta(days=1, minutes=1))
    with django_capture_on_commit_callbacks(execute=True):
        sign(campaign)
    assert len(mail.outbox) == 3


def test_reminder_for_a_confirmed_pledge_says_so(campaign, django_capture_on_commit_callbacks):
    PledgeFactory(campaign=campaign, email="ana@example.net")
    with django_capture_on_commit_callbacks(execute=True):
        outcome = sign(campaign)
    assert outcome.status == "already_signed"
    assert "already signed" in mail.outbox[0].subject
    assert "/campaigns/confirm/" not in mail.outbox[0].body


def test_honeypot_stores_nothing_and_sends_nothing(campaign, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        outcome = sign(campaign, honeypot="http://spam.example")
    assert outcome.status == "discarded"
    assert Pledge.objects.count() == 0
    assert mail.outbox == []


def test_throttle_per_client_address(campaign, settings):
    settings.PLEDGE_SUBMISSIONS_PER_HOUR = 2
    sign(campaign, email="a@example.net")
    sign(campaign, email="b@example.net")
    with pytest.raises(PledgeThrottled):
        sign(campaign, email="c@example.net")
    assert Pledge.objects.count() == 2
    # Another address is not affected, and the address is never stored with a pledge.
    sign(campaign, email="d@example.net", client_address="198.51.100.7")
    assert Pledge.objects.count() == 3
    stored = " ".join(str(v) for row in Pledge.objects.values() for v in row.values())
    assert "203.0.113.5" not in stored
    assert "198.51.100.7" not in stored


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name", "Ana\nLópez"),
        ("name", "Ana\x00"),
        ("name", "Ana \u202eLópez"),
        ("name", "x" * 121),
        ("city", "Oax\taca"),
        ("email", "not-an-address"),
        ("organisation_name", "Org\r\nBcc: x@example.org"),
    ],
)
def test_bad_input_is_refused_and_nothing_stored(campaign, field, value):
    overrides = {field: value}
    if field == "organisation_name":
        overrides["kind"] = Pledge.Kind.ORGANISATION
    with pytest.raises(ValidationError):
        sign(campaign, **overrides)
    assert Pledge.objects.count() == 0


def test_organisation_pledge_needs_a_name(campaign):
    with pytest.raises(ValidationError):
        sign(campaign, kind=Pledge.Kind.ORGANISATION, organisation_name="")


def test_campaign_signers_rule_is_enforced(db):
    orgs_only = CampaignFactory(signers=Campaign.Signers.ORGANISATIONS)
    with pytest.raises(ValidationError):
        sign(orgs_only, kind=Pledge.Kind.INDIVIDUAL)


def test_closed_or_draft_campaign_takes_no_signatures(db):
    closed = CampaignFactory(closes_on=datetime.date(2020, 1, 1))
    draft = CampaignFactory(is_published=False)
    for c in (closed, draft):
        with pytest.raises(ValidationError):
            sign(c)
    assert Pledge.objects.count() == 0


def test_member_signing_for_their_partner_is_verified(campaign):
    membership = MembershipFactory()
    outcome = sign(
        campaign,
        kind=Pledge.Kind.ORGANISATION,
        organisation_name="ignored",
        user=membership.user,
        partner=membership.partner,
    )
    assert outcome.pledge is not None
    assert outcome.pledge.partner == membership.partner
    assert outcome.pledge.partner_verified
    assert outcome.pledge.organisation_name == membership.partner.name


def test_outsider_cannot_sign_for_a_partner(campaign):
    with pytest.raises(PermissionDenied):
        sign(
            campaign,
            kind=Pledge.Kind.ORGANISATION,
            organisation_name="x",
            user=UserFactory(),
            partner=PartnerFactory(),
        )
    assert Pledge.objects.count() == 0


def test_confirm_and_withdraw_links(campaign):
    pledge = sign(campaign).pledge
    confirm = pledge_token(pledge=pledge, purpose=Purpose.CONFIRM)
    withdraw = pledge_token(pledge=pledge, purpose=Purpose.WITHDRAW)
    # The salts differ: one purpose's link never works for the other.
    with pytest.raises(LinkInvalid):
        pledge_confirm(token=withdraw)
    with pytest.raises(LinkInvalid):
        pledge_withdraw(token=confirm)
    assert pledge_confirm(token=confirm).confirmed_at is not None
    first = Pledge.objects.get().confirmed_at
    pledge_confirm(token=confirm)  # repeating changes nothing
    assert Pledge.objects.get().confirmed_at == first
    pledge_withdraw(token=withdraw)
    assert Pledge.objects.count() == 0
    with pytest.raises(LinkInvalid):
        pledge_withdraw(token=withdraw)


@pytest.mark.parametrize("mangle", [lambda t: t[:-2] + "xx", lambda t: "9" + t, lambda t: ""])
def test_tampered_confirm_link_is_refused(campaign, mangle):
    pledge = sign(campaign).pledge
    token = pledge_token(pledge=pledge, purpose=Purpose.CONFIRM)
    with pytest.raises(LinkInvalid):
        pledge_confirm(token=mangle(token))
    assert Pledge.objects.get().confirmed_at is None


def test_expired_confirm_link_is_refused(campaign, settings, monkeypatch):
    settings.PLEDGE_UNCONFIRMED_DAYS = 3
    pledge = sign(campaign).pledge
    token = pledge_token(pledge=pledge, purpose=Purpose.CONFIRM)
    import time

    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() + 3 * 86400 + 60)
    with pytest.raises(LinkExpired):
        pledge_confirm(token=token)
    assert Pledge.objects.get().confirmed_at is None


def test_link_for_a_replaced_pledge_does_not_work(campaign):
    pledge = sign(campaign).pledge
    token = pledge_token(pledge=pledge, purpose=Purpose.CONFIRM)
    # Same id, different address (as if an id were reused): the fingerprint no longer matches.
    Pledge.objects.filter(pk=pledge.pk).update(email_normalised="other@example.net")
    with pytest.raises(LinkInvalid):
        pledge_confirm(token=token)


def test_hide_keeps_the_pledge_counted(campaign):
    pledge = PledgeFactory(campaign=campaign)
    pledge_hide(pledge=pledge, hidden=True)
    pledge.refresh_from_db()
    assert pledge.hidden_by_staff
    assert Pledge.objects.filter(confirmed_at__isnull=False).count() == 1


def test_purge_deletes_only_old_unconfirmed(campaign, settings):
    settings.PLEDGE_UNCONFIRMED_DAYS = 7
    now = timezone.now()
    old = PledgeFactory(campaign=campaign, confirmed_at=None)
    fresh = PledgeFactory(campaign=campaign, confirmed_at=None)
    confirmed_old = PledgeFactory(campaign=campaign)
    Pledge.objects.filter(pk__in=[old.pk, confirmed_old.pk]).update(
        created_at=now - datetime.timedelta(days=8)
    )
    assert pledge_purge_unconfirmed(now=now) == 1
    assert set(Pledge.objects.values_list("pk", flat=True)) == {fresh.pk, confirmed_old.pk}


def test_purge_task_runs_the_service(campaign):
    from campaigns.tasks import pledges_purge_unconfirmed

    old = PledgeFactory(campaign=campaign, confirmed_at=None)
    Pledge.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=30))
    assert pledges_purge_unconfirmed.delay().get() == 1
    assert not Pledge.objects.exists()


def test_purge_command(campaign):
    from io import StringIO

    from django.core.management import call_command

    old = PledgeFactory(campaign=campaign, confirmed_at=None)
    Pledge.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=30))
    out = StringIO()
    call_command("purge_unconfirmed_pledges", stdout=out)
    assert "Deleted 1 pledge(s)" in out.getvalue()
    assert not Pledge.objects.exists()
