from __future__ import annotations

from decimal import Decimal

import pytest
from geopy.exc import GeocoderTimedOut, GeocoderUnavailable

from partners import geocoding
from partners.geocoding import GeocodeResult, GeocoderUnavailableError
from partners.models import Partner
from partners.services.geocoding import partner_geocode
from tests.factories import PartnerFactory

# --- the wrapper -------------------------------------------------------------------------------


def test_gazetteer_finds_city_ignoring_case_and_accents(settings):
    settings.GEOCODER_NOMINATIM_ENABLED = False
    result = geocoding.geocode(
        address="Rua X 1", city="sao PAULO", state="", postal_code="", country_code="BR"
    )
    assert result is not None
    assert result.source == "gazetteer"
    assert result.precision == "city"
    assert abs(result.latitude - Decimal("-23.55")) < 1
    assert abs(result.longitude - Decimal("-46.63")) < 1


def test_gazetteer_matches_alternate_names_and_prefers_the_largest_city():
    # "Ciudad de México" is an alternate name of Mexico City.
    point = geocoding.city_coordinates("Ciudad de México", "mx")
    assert point is not None
    assert abs(point[0] - Decimal("19.43")) < Decimal("0.1")
    # Several places in Costa Rica are called San José; the capital is the most populous.
    san_jose = geocoding.city_coordinates("San José", "CR")
    assert san_jose is not None
    assert abs(san_jose[0] - Decimal("9.93")) < Decimal("0.1")


def test_gazetteer_unknown_city_or_country_gives_none():
    assert geocoding.city_coordinates("Nowhere-on-earth-xyz", "MX") is None
    assert geocoding.city_coordinates("Mexico City", "FR") is None
    assert geocoding.city_coordinates("", "MX") is None


def test_nominatim_client_is_configured_from_settings(settings):
    settings.GEOCODER_USER_AGENT = "coalition-tests/1.0"
    settings.GEOCODER_TIMEOUT = 3.5
    settings.GEOCODER_NOMINATIM_URL = "nominatim.example.org"
    geocoding._nominatim_geocode.cache_clear()
    try:
        limiter = geocoding._nominatim_geocode()
        client = limiter.func.__self__
        assert limiter.min_delay_seconds >= 1
        assert client.headers["User-Agent"] == "coalition-tests/1.0"
        assert client.timeout == 3.5
        assert client.domain == "nominatim.example.org"
        assert geocoding._nominatim_geocode() is limiter  # one limiter per process
    finally:
        geocoding._nominatim_geocode.cache_clear()


class _Location:
    latitude = 19.4326077
    longitude = -99.133208


def test_nominatim_result_is_street_level(settings, monkeypatch):
    settings.GEOCODER_NOMINATIM_ENABLED = True
    calls = []

    def fake(query, **kwargs):
        calls.append((query, kwargs))
        return _Location()

    monkeypatch.setattr(geocoding, "_nominatim_geocode", lambda: fake)
    result = geocoding.geocode(
        address="Calle Falsa 123", city="Mexico City", state="", postal_code="", country_code="MX"
    )
    assert result == GeocodeResult(
        Decimal("19.432608"), Decimal("-99.133208"), source="geocoder", precision="address"
    )
    assert calls[0][0] == {"street": "Calle Falsa 123", "city": "Mexico City"}
    assert calls[0][1]["country_codes"] == "mx"


def test_nominatim_not_found_falls_back_to_gazetteer(settings, monkeypatch):
    settings.GEOCODER_NOMINATIM_ENABLED = True
    monkeypatch.setattr(geocoding, "_nominatim_geocode", lambda: lambda query, **kw: None)
    result = geocoding.geocode(
        address="Nowhere 1", city="Mexico City", state="", postal_code="", country_code="MX"
    )
    assert result is not None
    assert result.source == "gazetteer"


@pytest.mark.parametrize("error", [GeocoderTimedOut("slow"), GeocoderUnavailable("down")])
def test_nominatim_outage_raises_with_gazetteer_fallback(settings, monkeypatch, error):
    settings.GEOCODER_NOMINATIM_ENABLED = True

    def broken(query, **kwargs):
        raise error

    monkeypatch.setattr(geocoding, "_nominatim_geocode", lambda: broken)
    with pytest.raises(GeocoderUnavailableError) as info:
        geocoding.geocode(
            address="Calle 1", city="Mexico City", state="", postal_code="", country_code="MX"
        )
    assert info.value.fallback is not None
    assert info.value.fallback.source == "gazetteer"


# --- the service -------------------------------------------------------------------------------


def _fake_geocoder(monkeypatch, result=None, error=None):
    calls = []

    def fake(**kwargs):
        calls.append(kwargs)
        if error is not None:
            raise error
        return result

    monkeypatch.setattr(geocoding, "geocode", fake)
    return calls


PRECISE = GeocodeResult(Decimal("19.400000"), Decimal("-99.100000"), "geocoder", "address")


@pytest.mark.django_db
def test_service_stores_precise_and_city_points(monkeypatch):
    partner = PartnerFactory(city="Mexico City", country="MX")
    calls = _fake_geocoder(monkeypatch, result=PRECISE)
    partner_geocode(partner_id=partner.pk)
    partner.refresh_from_db()
    assert calls[0]["address"] == "Calle Falsa 123"
    assert calls[0]["country_code"] == "MX"
    assert partner.latitude == Decimal("19.400000")
    assert partner.longitude == Decimal("-99.100000")
    assert partner.city_latitude is not None  # from the gazetteer, for hidden addresses
    assert partner.location_source == Partner.LocationSource.GEOCODER
    assert partner.geocode_status == Partner.GeocodeStatus.OK
    assert partner.geocode_attempts == 1
    assert partner.geocoded_at is not None


@pytest.mark.django_db
def test_service_twice_gives_the_same_result_and_no_extra_history(monkeypatch):
    partner = PartnerFactory(city="Mexico City", country="MX")
    _fake_geocoder(monkeypatch, result=PRECISE)
    partner_geocode(partner_id=partner.pk)
    first = Partner.objects.values().get(pk=partner.pk)
    history_rows = partner.history.count()
    partner_geocode(partner_id=partner.pk)
    assert Partner.objects.values().get(pk=partner.pk) == first
    assert partner.history.count() == history_rows


@pytest.mark.django_db
def test_service_never_overwrites_manual_location(monkeypatch):
    partner = PartnerFactory(
        latitude=Decimal("10.5"),
        longitude=Decimal("-20.25"),
        location_source=Partner.LocationSource.MANUAL,
        geocode_status=Partner.GeocodeStatus.MANUAL,
    )
    calls = _fake_geocoder(monkeypatch, result=PRECISE)
    partner_geocode(partner_id=partner.pk)
    partner_geocode(partner_id=partner.pk)
    partner.refresh_from_db()
    assert calls == []  # the address is not even sent anywhere
    assert partner.latitude == Decimal("10.5")
    assert partner.longitude == Decimal("-20.25")
    assert partner.location_source == Partner.LocationSource.MANUAL
    assert partner.city_latitude is not None  # the public city point is still refreshed


@pytest.mark.django_db
def test_service_not_found(monkeypatch):
    partner = PartnerFactory(city="Atlantis", country="MX")
    _fake_geocoder(monkeypatch, result=None)
    partner_geocode(partner_id=partner.pk)
    partner.refresh_from_db()
    assert partner.geocode_status == Partner.GeocodeStatus.NOT_FOUND
    assert partner.latitude is None
    assert partner.city_latitude is None


@pytest.mark.django_db
def test_service_outage_keeps_profile_and_stores_city_fallback(monkeypatch):
    partner = PartnerFactory(name="Still Here", city="Mexico City", country="MX")
    fallback = GeocodeResult(Decimal("19.428470"), Decimal("-99.127660"), "gazetteer", "city")
    _fake_geocoder(monkeypatch, error=GeocoderUnavailableError("timed out", fallback=fallback))
    with pytest.raises(GeocoderUnavailableError):
        partner_geocode(partner_id=partner.pk)
    partner.refresh_from_db()
    assert partner.name == "Still Here"
    assert partner.geocode_status == Partner.GeocodeStatus.RETRYING
    assert "timed out" in partner.geocode_error
    assert partner.latitude == Decimal("19.428470")
    assert partner.location_source == Partner.LocationSource.GAZETTEER
    assert partner.geocode_attempts == 1

    with pytest.raises(GeocoderUnavailableError):
        partner_geocode(partner_id=partner.pk, final_attempt=True)
    partner.refresh_from_db()
    assert partner.geocode_status == Partner.GeocodeStatus.FAILED
    assert partner.geocode_attempts == 2


@pytest.mark.django_db
def test_service_exits_cleanly_when_partner_is_gone(monkeypatch):
    calls = _fake_geocoder(monkeypatch, result=PRECISE)
    assert partner_geocode(partner_id=987654) is None
    assert calls == []


@pytest.mark.django_db
def test_geocode_partners_command_pending_sync(monkeypatch):
    from django.core.management import call_command

    pending = PartnerFactory(geocode_status=Partner.GeocodeStatus.PENDING)
    done = PartnerFactory(geocode_status=Partner.GeocodeStatus.OK)
    calls = _fake_geocoder(monkeypatch, result=PRECISE)
    call_command("geocode_partners", "--pending", "--sync")
    assert [c["address"] for c in calls] == [pending.address_1]
    pending.refresh_from_db()
    done.refresh_from_db()
    assert pending.geocode_status == Partner.GeocodeStatus.OK
    assert done.latitude is None
