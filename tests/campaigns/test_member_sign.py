"""A signed-in member signing for their own organisation (issue 15, item 3): the organisation
form is prefilled, and a signature made with the account's proven address (the one their
invitation was sent to and accepted from) is confirmed at once, with a receipt still sent
through the outbox. Any other address, or an account with no proven address, is asked to
confirm by e-mail as before."""

from __future__ import annotations

import pytest
from django.core import mail
from django.utils import timezone
from post_office.models import Email

from campaigns.models import Pledge
from partners.selectors import user_verified_email_for
from tests.campaigns.factories import CampaignFactory
from tests.factories import InvitationFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def member():
    """A member who joined by an invitation to their account's address."""
    membership = MembershipFactory(
        user=UserFactory(username="marta", first_name="Marta", last_name="Ríos"),
        partner__name="Red Migrante",
        partner__country="GT",
        partner__city="Quetzaltenango",
    )
    user = membership.user
    InvitationFactory(
        partner=membership.partner,
        email=user.email.upper(),  # invitations are matched whatever the case
        accepted_by=user,
        accepted_at=timezone.now(),
    )
    return membership


def _org_post(partner_slug: str, email: str) -> dict[str, str]:
    return {
        "kind": "organisation",
        "organisation-partner": partner_slug,
        "organisation-name": "Marta Ríos",
        "organisation-country": "GT",
        "organisation-email": email,
        "organisation-display": "full",
        "organisation-website_url": "",
    }


def test_proof_of_address_is_an_accepted_invitation_to_it(member):
    user = member.user
    assert user_verified_email_for(user=user) == user.email
    assert user_verified_email_for(user=UserFactory()) == ""  # no invitation
    stranger = UserFactory()
    InvitationFactory(email="other@example.org", accepted_by=stranger, accepted_at=timezone.now())
    assert user_verified_email_for(user=stranger) == ""  # invited at another address


def test_organisation_form_is_prefilled_for_a_member(client, member):
    campaign = CampaignFactory(slug="member-prefill")
    client.force_login(member.user)
    form = client.get(f"/en/campaigns/{campaign.slug}/").context["org_form"]
    assert form["name"].value() == "Marta Ríos"
    assert form["email"].value() == member.user.email
    assert form["partner"].value() == member.partner.slug
    assert form["country"].value() == "GT"
    assert form["city"].value() == "Quetzaltenango"
    html = str(form["partner"])
    assert f'<option value="{member.partner.slug}" selected>' in html


def test_anonymous_forms_are_not_prefilled(client):
    campaign = CampaignFactory(slug="anon-prefill")
    context = client.get(f"/en/campaigns/{campaign.slug}/").context
    assert context["org_form"]["email"].value() is None
    assert context["org_form"]["country"].value() is None


def test_member_with_proven_address_is_confirmed_at_once(
    client, member, django_capture_on_commit_callbacks
):
    campaign = CampaignFactory(slug="member-instant", goal=10)
    client.force_login(member.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/en/campaigns/{campaign.slug}/sign/",
            _org_post(member.partner.slug, member.user.email.replace("marta", "Marta")),
        )
    assert response.status_code == 302
    pledge = Pledge.objects.get()
    assert pledge.confirmed_at is not None
    assert pledge.partner_verified
    assert pledge.organisation_name == "Red Migrante"
    # The receipt goes through the durable outbox like every other mail.
    stored = Email.objects.get()
    assert stored.to == [pledge.email]
    assert stored.subject == f"Your signature is confirmed: {campaign.title}"
    (message,) = mail.outbox
    assert "/en/campaigns/withdraw/" in message.body
    assert "/en/campaigns/confirm/" not in message.body

    done = client.get(response["Location"]).content.decode()
    assert "Thank you: your signature is confirmed" in done
    assert "1 of 10 (10%)" in done
    assert f"?ref={pledge.referral_code}" in done


def test_member_signing_with_another_address_confirms_by_mail(
    client, member, django_capture_on_commit_callbacks
):
    campaign = CampaignFactory(slug="member-other-address")
    client.force_login(member.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/en/campaigns/{campaign.slug}/sign/",
            _org_post(member.partner.slug, "office@redmigrante.example"),
        )
    assert response.status_code == 302
    assert Pledge.objects.get().confirmed_at is None
    (message,) = mail.outbox
    assert message.subject.startswith("Please confirm your signature")
    assert "Check your e-mail" in client.get(response["Location"]).content.decode()


def test_member_without_a_proven_address_confirms_by_mail(
    client, django_capture_on_commit_callbacks
):
    membership = MembershipFactory()  # added by staff: the account's address was never tested
    campaign = CampaignFactory(slug="member-unproven")
    client.force_login(membership.user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/en/campaigns/{campaign.slug}/sign/",
            _org_post(membership.partner.slug, membership.user.email),
        )
    assert Pledge.objects.get().confirmed_at is None
    assert mail.outbox[0].subject.startswith("Please confirm your signature")


def test_proven_address_signing_as_an_individual_still_confirms_by_mail(
    client, member, django_capture_on_commit_callbacks
):
    campaign = CampaignFactory(slug="member-individual")
    client.force_login(member.user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/en/campaigns/{campaign.slug}/sign/",
            {
                "kind": "individual",
                "individual-name": "Marta Ríos",
                "individual-country": "GT",
                "individual-email": member.user.email,
                "individual-display": "full",
                "individual-website_url": "",
            },
        )
    assert Pledge.objects.get().confirmed_at is None
