from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from partners.models import Membership
from tests.factories import (
    CommitmentFactory,
    CountryFactory,
    MembershipFactory,
    PartnerFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

XSS = "<script>alert(1)</script>"


def test_hidden_fields_never_reach_public_pages(client):
    partner = PartnerFactory(
        name="Discreet Shelter",
        email="secret-inbox@shelter.example.org",
        phone="+1 555 0100 999",
        address_1="17 Hidden Lane",
        postal_code="99999",
        show_email=False,
        show_phone=False,
        show_address=False,
    )
    for url in (
        reverse("partners:partner-list"),
        reverse("partners:partner-detail", kwargs={"slug": partner.slug}),
    ):
        body = client.get(url).content.decode()
        assert "Discreet Shelter" in body
        for secret in (
            "secret-inbox@shelter.example.org",
            "+1 555 0100 999",
            "17 Hidden Lane",
            "99999",
        ):
            assert secret not in body


def test_shown_fields_appear_on_detail(client):
    partner = PartnerFactory(email="open@example.org", address_1="1 Open Street")
    body = client.get(
        reverse("partners:partner-detail", kwargs={"slug": partner.slug})
    ).content.decode()
    assert "open@example.org" in body
    assert "1 Open Street" in body


def test_script_name_is_escaped_everywhere(client):
    partner = PartnerFactory(name=XSS, description=XSS)
    user = UserFactory()
    MembershipFactory(user=user, partner=partner, role=Membership.Role.ADMIN)
    client.force_login(user)
    urls = [
        reverse("partners:partner-list"),
        reverse("partners:partner-detail", kwargs={"slug": partner.slug}),
        reverse("partners:member-home"),
        reverse("partners:partner-edit", kwargs={"slug": partner.slug}),
        reverse("partners:commitment-list", kwargs={"slug": partner.slug}),
        reverse("partners:membership-list", kwargs={"slug": partner.slug}),
        reverse("partners:partner-history", kwargs={"slug": partner.slug}),
    ]
    for url in urls:
        body = client.get(url).content.decode()
        assert XSS not in body, url
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body, url


def test_javascript_social_link_is_not_rendered(client):
    partner = PartnerFactory(social_links=["javascript:alert(1)", "https://social.example/org"])
    body = client.get(
        reverse("partners:partner-detail", kwargs={"slug": partner.slug})
    ).content.decode()
    assert "javascript:alert(1)" not in body
    assert "https://social.example/org" in body


def test_unpublished_is_404_for_public(client):
    partner = PartnerFactory(is_published=False)
    assert (
        client.get(reverse("partners:partner-detail", kwargs={"slug": partner.slug})).status_code
        == 404
    )
    assert partner.name not in client.get(reverse("partners:partner-list")).content.decode()


def test_stale_notice_after_a_year(client):
    fresh = PartnerFactory()
    stale = PartnerFactory(last_verified_at=timezone.now() - datetime.timedelta(days=400))
    fresh_body = client.get(
        reverse("partners:partner-detail", kwargs={"slug": fresh.slug})
    ).content.decode()
    stale_body = client.get(
        reverse("partners:partner-detail", kwargs={"slug": stale.slug})
    ).content.decode()
    assert "over a year ago" in stale_body
    assert "over a year ago" not in fresh_body
    assert "Last verified" in fresh_body


def test_commitments_shown_on_published_profile(client):
    commitment = CommitmentFactory(text="Lobby the senate for ratification")
    body = client.get(
        reverse("partners:partner-detail", kwargs={"slug": commitment.partner.slug})
    ).content.decode()
    assert "Lobby the senate for ratification" in body


def test_directory_filters_and_facet_counts(client):
    CountryFactory()
    CountryFactory(iso2="SN", iso3="SEN", numeric="686", name="Senegal", region="Africa")
    PartnerFactory(name="Dakar Org", country="SN", city="Dakar", kind="union")
    PartnerFactory(name="Mexico Org", country="MX")
    body = client.get(reverse("partners:partner-list"), {"region": "Africa"}).content.decode()
    assert "Dakar Org" in body
    assert "Mexico Org" not in body
    assert "Trade union (1)" in body
    body = client.get(reverse("partners:partner-list"), {"q": "mexico"}).content.decode()
    assert "Mexico Org" in body
    assert "Dakar Org" not in body


def test_directory_paginates_by_25_and_query_count_is_flat(client):
    PartnerFactory.create_batch(3)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(reverse("partners:partner-list"))  # warm per-process caches (context processors)
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("partners:partner-list"))
    PartnerFactory.create_batch(27)
    with CaptureQueriesContext(connection) as large:
        response = client.get(reverse("partners:partner-list"))
    assert len(small) == len(large)
    assert len(response.context["partners"]) == 25
    assert client.get(reverse("partners:partner-list"), {"page": 2}).context["page"].number == 2


def test_country_partners_include_renders():
    from django.template.loader import render_to_string

    partner = PartnerFactory(name=XSS)
    html = render_to_string("partners/includes/country_partners.html", {"partners": [partner]})
    assert "&lt;script&gt;" in html
    assert XSS not in html
