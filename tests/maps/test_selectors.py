from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from maps.selectors import country_card, map_countries, map_partners
from tests.factories import FocusAreaFactory, PartnerFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 2, 3)


def test_every_country_with_its_status(icrmw):
    data = map_countries(treaty=icrmw, on=TODAY)
    by_code = {c.iso2: c for c in data.countries}
    assert by_code["MX"].status == "party"
    assert by_code["MX"].party_on == datetime.date(1999, 3, 8)
    assert by_code["MX"].signed_on == datetime.date(1991, 5, 22)
    assert by_code["MX"].url == reverse("maps:country-detail", kwargs={"iso2": "MX"})
    assert by_code["CL"].status == "signatory"
    assert by_code["CL"].party_on is None
    assert by_code["FR"].status == "none"
    assert by_code["FR"].status_label == "No action"
    # Territories are "not applicable"; states outside the UN that join treaties are not.
    assert by_code["BM"].status == "not_applicable"
    assert by_code["VA"].status == "none"
    assert by_code["CK"].status == "none"
    assert data.un_members == 193
    assert data.un_member_counts == {"party": 2, "signatory": 1, "none": 190}
    assert data.participants == 3


def test_status_at_a_date(icrmw):
    by_code = {
        c.iso2: c for c in map_countries(treaty=icrmw, on=datetime.date(1998, 1, 1)).countries
    }
    assert by_code["MX"].status == "signatory"
    assert by_code["PH"].status == "party"
    by_code = {
        c.iso2: c for c in map_countries(treaty=icrmw, on=datetime.date(1990, 1, 1)).countries
    }
    assert by_code["MX"].status == "none"


def test_a_participant_missing_from_the_country_table_is_still_shown(icrmw):
    from ratification.models import ActionKind
    from tests.factories import TreatyActionFactory

    TreatyActionFactory(
        treaty=icrmw,
        country="EU",
        kind=ActionKind.FORMAL_CONFIRMATION,
        date=datetime.date(2010, 12, 23),
    )
    by_code = {c.iso2: c for c in map_countries(treaty=icrmw, on=TODAY).countries}
    assert by_code["EU"].status == "party"


def test_partners_only_at_their_public_point(db):
    hidden = PartnerFactory(
        name="Hidden Address",
        show_address=False,
        latitude=19.4326,
        longitude=-99.1332,
        city_latitude=19.42847,
        city_longitude=-99.12766,
    )
    public = PartnerFactory(
        name="Public Address",
        show_address=True,
        latitude=10.123456789,
        longitude=-84.1,
        city_latitude=9.9,
        city_longitude=-84.0,
    )
    PartnerFactory(name="Nowhere", latitude=None, longitude=None, city="Atlantis")
    PartnerFactory(
        name="Unpublished", is_published=False, latitude=1, longitude=1, show_address=True
    )
    hidden.focus_areas.add(FocusAreaFactory(name="Labour rights"))
    layer = map_partners()
    points = {p.name: p for p in layer.points}
    assert set(points) == {"Hidden Address", "Public Address"}
    assert (points["Hidden Address"].lat, points["Hidden Address"].lon) == (19.42847, -99.12766)
    assert (points["Public Address"].lat, points["Public Address"].lon) == (10.12346, -84.1)
    assert points["Hidden Address"].focus_areas == ("Labour rights",)
    assert points["Hidden Address"].country == "Mexico"
    assert points["Public Address"].url == reverse(
        "partners:partner-detail", kwargs={"slug": public.slug}
    )
    assert [(p.name, p.city) for p in layer.unmapped] == [("Nowhere", "Atlantis")]


@pytest.mark.parametrize("n", [3, 30])
def test_partner_layer_query_count_is_constant(n, django_assert_num_queries):
    area = FocusAreaFactory()
    for partner in PartnerFactory.create_batch(n, latitude=1, longitude=2, show_address=True):
        partner.focus_areas.add(area)
    with django_assert_num_queries(3):
        assert len(map_partners().points) == n


@pytest.mark.parametrize("n", [3, 30])
def test_country_layer_query_count_is_constant(icrmw, n, django_assert_num_queries):
    from tests.ratification.pages_factories import make_participants

    make_participants(icrmw, n, start=10)
    with django_assert_num_queries(3):
        map_countries(treaty=icrmw, on=TODAY)


@pytest.mark.parametrize("n", [3, 30])
def test_country_card_query_count_is_constant(icrmw, n, django_assert_num_queries):
    PartnerFactory.create_batch(n, latitude=1, longitude=2, show_address=True)
    with django_assert_num_queries(6):
        card = country_card(iso2="mx")
    assert card is not None
    assert card.status == "party"
    assert len(card.partners) == n
    assert len(card.partner_layer.points) == n


def test_country_card_for_territory_and_unknown_code(icrmw):
    card = country_card(iso2="BM")
    assert card is not None
    assert card.status == "not_applicable"
    assert country_card(iso2="QQ") is None
