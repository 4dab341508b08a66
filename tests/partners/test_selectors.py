from __future__ import annotations

from decimal import Decimal

import pytest

from partners.models import Partner
from partners.selectors import commitments, directory, join_requests, members, profiles
from partners.selectors.directory import DirectoryFilters
from tests.factories import CountryFactory, FocusAreaFactory, LanguageFactory, PartnerFactory

pytestmark = pytest.mark.django_db


def test_partner_list_public_only_published_ordered_by_name():
    PartnerFactory(name="Zeta")
    PartnerFactory(name="Alpha")
    PartnerFactory(name="Hidden", is_published=False)
    assert [p.name for p in profiles.partner_list_public()] == ["Alpha", "Zeta"]


def test_partner_get_public_raises_for_unpublished():
    p = PartnerFactory(is_published=False)
    with pytest.raises(Partner.DoesNotExist):
        profiles.partner_get_public(slug=p.slug)


def test_partner_list_for_country():
    mx = PartnerFactory(country="MX")
    PartnerFactory(country="US")
    assert profiles.partner_list_for_country(country_code="mx") == [mx]


def test_public_location_precise_only_when_address_shown():
    p = PartnerFactory.build(
        latitude=Decimal("19.4"),
        longitude=Decimal("-99.1"),
        city_latitude=Decimal("19.0"),
        city_longitude=Decimal("-99.0"),
    )
    assert profiles.partner_public_location(p) == (19.4, -99.1)
    p.show_address = False
    assert profiles.partner_public_location(p) == (19.0, -99.0)
    p.city_latitude = p.city_longitude = None
    assert profiles.partner_public_location(p) is None


def test_public_contact_omits_hidden_fields():
    p = PartnerFactory.build(show_email=False, show_phone=False, show_address=False)
    contact = profiles.partner_public_contact(p)
    assert "email" not in contact
    assert "phone" not in contact
    assert "address_1" not in contact
    p.show_email = True
    assert profiles.partner_public_contact(p)["email"] == p.email


def test_directory_search_and_facets(django_assert_max_num_queries):
    CountryFactory()
    CountryFactory(iso2="FR", iso3="FRA", numeric="250", name="France", region="Europe")
    legal = FocusAreaFactory(slug="detention", name="Detention")
    es = LanguageFactory()
    a = PartnerFactory(name="Alpha rights", country="MX")
    a.focus_areas.add(legal)
    a.languages.add(es)
    PartnerFactory(name="Beta", country="FR", kind="union")
    PartnerFactory(name="Gamma", country="FR", is_published=False)

    results = list(directory.partner_directory_search(filters=DirectoryFilters(region="Europe")))
    assert [p.name for p in results] == ["Beta"]
    results = list(directory.partner_directory_search(filters=DirectoryFilters(q="alpha")))
    assert [p.name for p in results] == ["Alpha rights"]
    results = list(directory.partner_directory_search(filters=DirectoryFilters(focus="detention")))
    assert results == [a]

    with django_assert_max_num_queries(8):
        facets = directory.partner_directory_facets(filters=DirectoryFilters(kind="union"))
    assert {f.value: f.count for f in facets["country"]} == {"FR": 1}
    # The kind facet ignores its own filter so every kind keeps its count.
    assert {f.value: f.count for f in facets["kind"]} == {"ngo": 1, "union": 1}
    assert {f.value: f.count for f in facets["region"]} == {"Europe": 1}


# --- The not-found contract: `*_get*` raises DoesNotExist, views answer 404 --------------------


def test_get_selectors_raise_does_not_exist():
    from partners.models import Commitment, Invitation, JoinRequest, Membership

    partner = PartnerFactory()
    with pytest.raises(JoinRequest.DoesNotExist):
        join_requests.join_request_get(pk=999999)
    with pytest.raises(Invitation.DoesNotExist):
        members.invitation_get_by_token(token="nope")
    with pytest.raises(Commitment.DoesNotExist):
        commitments.commitment_get_for_partner(partner=partner, pk=999999)
    with pytest.raises(Membership.DoesNotExist):
        members.membership_get_for_partner(partner=partner, pk=999999)


def test_another_partners_commitment_is_not_found():
    from partners.models import Commitment
    from tests.factories import CommitmentFactory

    commitment = CommitmentFactory()
    with pytest.raises(Commitment.DoesNotExist):
        commitments.commitment_get_for_partner(partner=PartnerFactory(), pk=commitment.pk)


def test_staff_decide_unknown_request_is_404(client):
    from django.urls import reverse

    from tests.factories import StaffFactory

    client.force_login(StaffFactory())
    url = reverse("partners:join-request-decide", kwargs={"pk": 999999})
    assert client.post(url, {"decision": "approve"}).status_code == 404
