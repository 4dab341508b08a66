"""Referral counts (issue 15, item 3): the share link a signer is given after signing carries
a code of theirs (?ref=CODE, stored with their pledge); a pledge made through it records it;
the staff campaign page counts the confirmed signatures each share brought. All in the
database, so any process serving the next request agrees; never an e-mail on the way."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from campaigns.models import Campaign, Pledge
from campaigns.selectors import campaign_referral_counts
from campaigns.services.pledges import pledge_referral_code, referral_code_new
from campaigns.validators import REFERRAL_CODE_LENGTH, referral_code_or_blank
from tests.campaigns.conftest import sent_links
from tests.campaigns.factories import CampaignFactory, CampaignMessageFactory, PledgeFactory
from tests.factories import MembershipFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db

SHARE_LINK = re.compile(r'id="share-link" class="share-link" value="([^"]+)"')


def _individual(email: str, **extra: str) -> dict[str, str]:
    return {
        "kind": "individual",
        "individual-name": "Ana López",
        "individual-country": "MX",
        "individual-email": email,
        "individual-display": "full",
        "individual-website_url": "",
        **extra,
    }


def _share_link(html: str) -> str:
    match = SHARE_LINK.search(html)
    assert match is not None, html
    return match.group(1)


def _sign(client: Client, campaign: Campaign, email: str, capture, **extra: str) -> str:
    """Sign, and return the share link the "check your e-mail" page gives."""
    with capture(execute=True):
        response = client.post(f"/en/campaigns/{campaign.slug}/sign/", _individual(email, **extra))
    assert response.status_code == 302
    done = client.get(response["Location"])
    assert done.status_code == 200
    return _share_link(done.content.decode())


def _confirm_last(client: Client) -> str:
    response = client.post(sent_links("confirm")[-1])
    assert response.status_code == 200
    return response.content.decode()


def test_codes_are_short_random_and_well_formed():
    codes = {referral_code_new() for _ in range(200)}
    assert len(codes) == 200
    assert all(len(c) == REFERRAL_CODE_LENGTH and referral_code_or_blank(c) == c for c in codes)
    assert referral_code_or_blank("x' OR 1=1 --") == ""
    assert referral_code_or_blank("ABCDEFGHJK") == "abcdefghjk"
    assert referral_code_or_blank("0123456789") == ""  # 0 and 1 are not in the alphabet


def test_share_link_from_signing_brings_signatures_that_are_counted(
    client, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    campaign = CampaignFactory(slug="referrals", goal=10)
    CampaignMessageFactory(campaign=campaign)
    link = _sign(client, campaign, "ana@example.net", capture)
    ana = Pledge.objects.get(email="ana@example.net")
    assert ana.referral_code
    assert link.endswith(f"/en/campaigns/referrals/?ref={ana.referral_code}")
    _confirm_last(client)

    # Two friends follow the link, each in their own browser (their own session and process:
    # only the database connects them).
    for email in ("bea@example.net", "caro@example.net"):
        friend = Client()
        page = friend.get(link.split("testserver", 1)[1])
        assert f'name="individual-ref" value="{ana.referral_code}"' in page.content.decode()
        _sign(friend, campaign, email, capture, **{"individual-ref": ana.referral_code})
        _confirm_last(friend)
    # A third follows it but never confirms: not counted.
    _sign(Client(), campaign, "dani@example.net", capture, **{"individual-ref": ana.referral_code})

    bea = Pledge.objects.get(email="bea@example.net")
    assert bea.referred_by_id == ana.pk
    assert bea.referral_code not in (None, ana.referral_code)
    (count,) = campaign_referral_counts(campaign=campaign)
    assert (count.code, count.signer, count.count) == (ana.referral_code, "Ana López", 2)

    staff = Client()
    staff.force_login(StaffFactory())
    body = staff.get(f"/en/staff/campaigns/{campaign.slug}/edit/").content.decode()
    row = re.search(
        r"<tr><td>Ana López</td><td><code>(\w+)</code></td><td class=\"num\">(\d+)", body
    )
    assert row is not None
    assert row.groups() == (ana.referral_code, "2")
    assert "@example.net" not in body


def test_a_code_of_another_campaign_or_a_mangled_one_credits_nobody(
    client, django_capture_on_commit_callbacks
):
    campaign = CampaignFactory(slug="here")
    elsewhere = PledgeFactory(campaign=CampaignFactory(slug="elsewhere"))
    code = pledge_referral_code(pledge=elsewhere)
    for email, ref in (("a@example.net", code), ("b@example.net", "not a code!")):
        _sign(
            client, campaign, email, django_capture_on_commit_callbacks, **{"individual-ref": ref}
        )
    assert list(Pledge.objects.filter(campaign=campaign).values_list("referred_by", flat=True)) == [
        None,
        None,
    ]


def test_the_page_after_signing_looks_the_same_for_new_repeated_and_bot_signatures(
    client, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    campaign = CampaignFactory(slug="same-answer", goal=10)
    new = _sign(client, campaign, "eva@example.net", capture)
    again = _sign(Client(), campaign, "eva@example.net", capture)
    bot = _sign(Client(), campaign, "bot@example.net", capture, **{"individual-website_url": "x"})
    shape = re.compile(
        rf"^http://testserver/en/campaigns/same-answer/\?ref=[a-z2-9]{{{REFERRAL_CODE_LENGTH}}}$"
    )
    assert all(shape.match(link) for link in (new, again, bot)), (new, again, bot)
    # The repeat is the signer's own link again; the bot's is stored nowhere.
    assert new == again
    assert Pledge.objects.count() == 1
    assert not Pledge.objects.filter(referral_code=bot.rsplit("=", 1)[1]).exists()


def test_check_your_email_and_confirmed_pages_show_progress_and_share_panel(
    client, django_capture_on_commit_callbacks
):
    campaign = CampaignFactory(slug="after", goal=1000)
    CampaignMessageFactory(campaign=campaign)
    PledgeFactory.create_batch(3, campaign=campaign)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/en/campaigns/{campaign.slug}/sign/", _individual("fe@example.net"))
    code = Pledge.objects.get(email="fe@example.net").referral_code
    signed = client.get(f"/en/campaigns/{campaign.slug}/signed/").content.decode()
    confirmed = _confirm_last(client)
    # Unconfirmed, the new signature does not count yet; confirmed, it does.
    for body, progress in ((signed, "3 of 1,000 (0%)"), (confirmed, "4 of 1,000 (0%)")):
        assert '<progress id="progress-after"' in body
        assert progress in body
        assert "Ratify the Migrant Workers Convention now. #ICRMW #MigrantRights" in body
        assert f"ref%3D{code}" in body  # inside the share services' links too
        assert 'data-copy-target="share-link"' in body
        assert re.findall(r"<script\b[^>]*>", body) == ['<script src="/static/js/copy-buttons.js">']
        assert "fe@example.net" not in body


def test_a_pledge_from_before_referral_codes_is_given_one_once(db):
    pledge = PledgeFactory(referral_code=None)
    code = pledge_referral_code(pledge=pledge)
    assert referral_code_or_blank(code) == code
    stale = Pledge.objects.get(pk=pledge.pk)
    assert pledge_referral_code(pledge=stale) == code
    stale.referral_code = None  # another page, loaded before the first gave it a code
    assert pledge_referral_code(pledge=stale) == code


@pytest.mark.parametrize(
    ("persona", "status"), [("anonymous", 302), ("user", 403), ("member", 403), ("staff", 200)]
)
def test_referral_counts_are_for_staff_only(client, persona, status):
    campaign = CampaignFactory(slug="counts-staff")
    ana = PledgeFactory(campaign=campaign, name="Ana Referrer", referral_code="abcdefghjk")
    PledgeFactory(campaign=campaign, referred_by=ana)
    users = {"user": UserFactory, "member": lambda: MembershipFactory().user, "staff": StaffFactory}
    if persona in users:
        client.force_login(users[persona]())
    response = client.get(f"/en/staff/campaigns/{campaign.slug}/edit/")
    assert response.status_code == status
    assert ("abcdefghjk" in response.content.decode()) == (status == 200)
    public = client.get(f"/en/campaigns/{campaign.slug}/").content.decode()
    assert "abcdefghjk" not in public


def test_the_admin_shows_a_pledge_s_code_and_whose_share_brought_it(admin_client):
    ana = PledgeFactory(referral_code="abcdefghjk")
    bea = PledgeFactory(campaign=ana.campaign, referred_by=ana)
    body = admin_client.get(f"/en/admin/campaigns/pledge/{bea.pk}/change/").content.decode()
    assert f"{ana.campaign.slug} #{ana.pk}" in body
    assert (
        "abcdefghjk"
        in admin_client.get(f"/en/admin/campaigns/pledge/{ana.pk}/change/").content.decode()
    )
