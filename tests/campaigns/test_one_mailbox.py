"""One mailbox, one pledge.

One mailbox once signed a campaign 9 times: a zero-width space in the domain, `exämple.org` and
`xn--exmple-cua.org`, quoted local parts, plus-tags, Gmail's dots and the IP literal
`[127.0.0.1]`. Addresses no one types for a real mailbox are now refused; the others count once
(`mailbox_key`), while mail still goes to the address as typed. Both databases run these.
"""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from rest_framework.test import APIClient

from campaigns.models import Pledge
from campaigns.validators import mailbox_key
from core.validators import canonical_email, email_domain_ascii, validate_mailbox
from tests.campaigns.factories import CampaignFactory

PLEDGE = {"kind": "individual", "name": "Ana", "country": "MX"}


@pytest.fixture(autouse=True)
def _no_throttles(settings):
    """Every spelling is tried from one client address: the throttles are not under test."""
    settings.PLEDGE_SUBMISSIONS_PER_HOUR = 1000
    rates = {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "pledges": "1000/hour"}
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}


ONE_MAILBOX_EACH = {
    "ana@example.org": ["ana@example.org", "ana+1@example.org", "Ana+news@EXAMPLE.org"],
    "ana@xn--exmple-cua.org": ["ana@exämple.org", "ana@xn--exmple-cua.org", "ANA@EXÄMPLE.ORG"],
    "ana@gmail.com": ["a.na@gmail.com", "ana@gmail.com", "A.N.A+x@googlemail.com"],
}
REFUSED = [
    "ana@ex\u200bample.org",  # zero-width space
    "ana@example\u200d.org",  # zero-width joiner
    "\ufeffana@example.org",  # BOM
    "ana\u200e@example.org",  # left-to-right mark
    "ana@ex\u00adample.org",  # soft hyphen
    '"ana"@example.org',
    '"a.na"@gmail.com',
    "ana@[127.0.0.1]",
    "ana@[IPv6:::1]",
    "ana@10.0.0.12",
    "ana@xn--zz.org",  # not a valid A-label
]


# --- The key and the validator --------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "spelling"),
    [(key, spelling) for key, spellings in ONE_MAILBOX_EACH.items() for spelling in spellings],
)
def test_spellings_of_one_mailbox_have_one_key(key, spelling):
    assert mailbox_key(spelling) == key


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("ana@example.org", "ana@exämple.org"),  # another domain
        ("a.na@example.org", "ana@example.org"),  # dots count outside Gmail
        ("ana@gmail.com", "bob@gmail.com"),
        ("ana@straße.de", "ana@strasse.de"),  # two domains under IDNA 2008
    ],
)
def test_different_mailboxes_keep_different_keys(a, b):
    assert mailbox_key(a) != mailbox_key(b)


def test_the_key_never_fails_on_addresses_stored_before_the_checks():
    """The migration keys every stored row: invisible characters are dropped, quotes removed,
    and a domain IDNA refuses is kept as it is."""
    assert mailbox_key("ana@ex\u200bample.org") == "ana@example.org"
    assert mailbox_key('"ana"@example.org') == "ana@example.org"
    assert mailbox_key("ana@[127.0.0.1]") == "ana@[127.0.0.1]"
    assert mailbox_key("not an address") == "notanaddress"
    assert len(mailbox_key("a@" + "ä" * 250 + ".org")) <= 254


def test_the_domain_is_normalised_with_idna_2008():
    assert email_domain_ascii("EXÄMPLE.org") == "xn--exmple-cua.org"
    assert email_domain_ascii("xn--exmple-cua.org") == "xn--exmple-cua.org"
    fullwidth = "\uff45\uff58\uff41\uff4d\uff50\uff4c\uff45\u3002org"  # and an ideographic dot
    assert email_domain_ascii(fullwidth) == "example.org"
    assert canonical_email("Ana@Example.ORG") == "ana@example.org"
    with pytest.raises(ValueError, match="not allowed"):
        email_domain_ascii("ex_ample.org")


@pytest.mark.parametrize("address", REFUSED)
def test_the_validator_refuses_what_no_mailbox_is_typed_as(address):
    with pytest.raises(ValidationError):
        validate_mailbox(address)


@pytest.mark.parametrize(
    "address",
    ["ana@example.org", "ana+tag@exämple.org", "a.na@gmail.com", "o'brien@example.ie"],
)
def test_the_validator_accepts_real_addresses(address):
    validate_mailbox(address)


def test_the_validator_measures_the_ascii_form():
    validate_mailbox("a@" + "ä" * 50 + ".org")
    with pytest.raises(ValidationError) as info:
        validate_mailbox("a" * 64 + "@" + ".".join(["ä" * 40] * 4) + ".org")
    assert info.value.code in {"email_too_long", "email_domain"}


# --- Signing ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_api_counts_each_mailbox_once_and_mails_the_address_typed(
    mailoutbox, django_capture_on_commit_callbacks
):
    campaign = CampaignFactory()
    url = f"/api/v1/campaigns/{campaign.slug}/pledges/"
    api = APIClient()
    with django_capture_on_commit_callbacks(execute=True):
        for spellings in ONE_MAILBOX_EACH.values():
            for spelling in spellings:
                response = api.post(url, {**PLEDGE, "email": spelling}, format="json")
                # The same answer for a new signer and a repeat: no oracle of who signed.
                assert response.status_code == 202, (spelling, response.json())
        for address in REFUSED:
            response = api.post(url, {**PLEDGE, "email": address}, format="json")
            assert response.status_code == 400, address
            assert "email" in response.json()
    pledges = Pledge.objects.order_by("pk")
    assert [p.email_canonical for p in pledges] == list(ONE_MAILBOX_EACH)
    assert [p.email for p in pledges] == [s[0] for s in ONE_MAILBOX_EACH.values()]
    # Confirmations (and the one reminder a repeat sends) go to the address as first typed.
    assert {tuple(m.to) for m in mailoutbox} == {(s[0],) for s in ONE_MAILBOX_EACH.values()}


@pytest.mark.django_db
def test_the_sign_form_counts_each_mailbox_once_and_refuses_the_rest(client):
    campaign = CampaignFactory()
    url = f"/en/campaigns/{campaign.slug}/sign/"

    def post(email):
        return client.post(
            url,
            {
                "kind": "individual",
                "individual-name": "Ana",
                "individual-country": "MX",
                "individual-email": email,
                "individual-display": "full",
            },
        )

    for spelling in ONE_MAILBOX_EACH["ana@gmail.com"]:
        assert post(spelling).status_code == 302
    for address in REFUSED:
        response = post(address)
        assert response.status_code == 400, address
        assert "email" in response.context["individual_form"].errors
    assert Pledge.objects.get().email == "a.na@gmail.com"


# --- The migration ----------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_the_migration_keys_stored_pledges_and_keeps_one_per_mailbox():
    before = [("campaigns", "0004_activity_times_in_range")]
    after = [("campaigns", "0005_one_pledge_per_mailbox")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    Campaign = old.get_model("campaigns", "Campaign")
    OldPledge = old.get_model("campaigns", "Pledge")
    campaign = Campaign.objects.create(slug="c", kind="ratification", title_en="C", text_en="C")
    other = Campaign.objects.create(slug="d", kind="ratification", title_en="D", text_en="D")

    def pledge(on, email, confirmed):
        return OldPledge.objects.create(
            campaign=on,
            kind="individual",
            name="Ana",
            country="MX",
            email=email,
            email_normalised=email.strip().casefold(),
            confirmed_at="2026-01-02T00:00:00Z" if confirmed else None,
        ).pk

    unconfirmed = pledge(campaign, "ana@gmail.com", confirmed=False)
    confirmed = pledge(campaign, "a.na+x@googlemail.com", confirmed=True)
    plain = pledge(campaign, "bob@exämple.org", confirmed=True)
    elsewhere = pledge(other, "ana@gmail.com", confirmed=False)
    try:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(after)
        new = executor.loader.project_state(after).apps
        NewPledge = new.get_model("campaigns", "Pledge")
        kept = dict(NewPledge.objects.values_list("pk", "email_canonical"))
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
    # The confirmed signature of the mailbox stays, the repeat goes; each campaign has its own.
    assert kept == {
        confirmed: "ana@gmail.com",
        plain: "bob@xn--exmple-cua.org",
        elsewhere: "ana@gmail.com",
    }
    assert unconfirmed not in kept
