from __future__ import annotations

from decimal import Decimal

import pytest

from partners.models import Partner
from partners.services.profiles import partner_create, partner_update
from tests.factories import PartnerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def enqueued(monkeypatch):
    calls: list[int] = []
    monkeypatch.setattr("partners.tasks.partner_geocode.delay", lambda pk: calls.append(pk))
    return calls


def test_create_generates_unique_slug_and_geocodes_after_commit(
    enqueued, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        a = partner_create(name="Casa Migrante", country="MX")
        b = partner_create(name="Casa Migrante", country="MX")
    assert (a.slug, b.slug) == ("casa-migrante", "casa-migrante-2")
    assert not a.is_published
    assert enqueued == [a.pk, b.pk]


def test_reserved_slug_is_avoided(enqueued):
    assert partner_create(name="Join", country="MX").slug == "join-partner"


def test_address_change_requeues_geocoding_only_after_commit(
    enqueued, django_capture_on_commit_callbacks
):
    partner = PartnerFactory(geocode_status="ok")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        partner_update(partner=partner, city="Puebla")
        assert enqueued == []
    for callback in callbacks:
        callback()
    assert enqueued == [partner.pk]
    assert Partner.objects.get(pk=partner.pk).geocode_status == "pending"


def test_non_location_change_does_not_geocode(enqueued, django_capture_on_commit_callbacks):
    partner = PartnerFactory(geocode_status="ok")
    with django_capture_on_commit_callbacks(execute=True):
        partner_update(partner=partner, description="new")
    assert enqueued == []


def test_manual_location_survives_address_change(enqueued, django_capture_on_commit_callbacks):
    partner = PartnerFactory()
    with django_capture_on_commit_callbacks(execute=True):
        partner_update(partner=partner, latitude=Decimal("1.5"), longitude=Decimal("2.5"))
        partner_update(
            partner=partner, city="Elsewhere", latitude=Decimal("1.5"), longitude=Decimal("2.5")
        )
    partner.refresh_from_db()
    assert partner.location_source == "manual"
    assert partner.geocode_status == "manual"
    assert partner.latitude == Decimal("1.5")
    assert enqueued == []


def test_invalid_update_raises_and_saves_nothing(enqueued):
    from django.core.exceptions import ValidationError

    partner = PartnerFactory(name="Keep")
    with pytest.raises(ValidationError):
        partner_update(partner=partner, name="", latitude=Decimal("123"), longitude=Decimal("0"))
    assert Partner.objects.get(pk=partner.pk).name == "Keep"


@pytest.mark.django_db
def test_update_with_the_stored_coordinates_does_not_pin_them(monkeypatch):
    """Issue 7 #12: the edit form and API clients post back the point they were shown."""
    calls = []
    monkeypatch.setattr("partners.tasks.partner_geocode.delay", lambda pk: calls.append(pk))
    partner = PartnerFactory(
        city="Chicago",
        country="US",
        latitude=Decimal("41.850030"),
        longitude=Decimal("-87.650050"),
        location_source=Partner.LocationSource.GEOCODER,
        geocode_status=Partner.GeocodeStatus.OK,
    )
    same = {"latitude": Decimal("41.85003"), "longitude": Decimal("-87.65005")}
    partner_update(partner=partner, **same)
    partner.refresh_from_db()
    assert partner.location_source == Partner.LocationSource.GEOCODER
    assert partner.geocode_status == Partner.GeocodeStatus.OK
    partner_update(partner=partner, city="Los Angeles", **same)
    partner.refresh_from_db()
    assert partner.location_source == Partner.LocationSource.GEOCODER
    assert partner.geocode_status == Partner.GeocodeStatus.PENDING
