from __future__ import annotations

from decimal import Decimal

import pytest
from celery.exceptions import Retry

from partners import geocoding, tasks
from partners.geocoding import GeocodeResult, GeocoderUnavailableError
from partners.models import Partner
from tests.factories import PartnerFactory

PRECISE = GeocodeResult(Decimal("19.400000"), Decimal("-99.100000"), "geocoder", "address")


def _fake_geocoder(monkeypatch, *, result=None, error=None):
    calls = []

    def fake(**kwargs):
        calls.append(kwargs)
        if error is not None:
            raise error
        return result

    monkeypatch.setattr(geocoding, "geocode", fake)
    return calls


@pytest.fixture
def eager(settings):
    # Without a broker (the test settings) tasks run in-process: `.delay()` is `.apply()`.
    from coalition.celery import app

    assert app.conf.task_always_eager


@pytest.mark.django_db
def test_outage_leaves_profile_saved_and_task_retrying(monkeypatch):
    partner = PartnerFactory(name="Saved Before Geocoding", city="Mexico City", country="MX")
    calls = _fake_geocoder(monkeypatch, error=GeocoderUnavailableError("GeocoderTimedOut"))
    scheduled = []

    def fake_retry(*args, **kwargs):
        # Stands in for the broker: record the retry instead of running it.
        scheduled.append(kwargs)
        raise Retry("retry", exc=kwargs.get("exc"))

    monkeypatch.setattr(tasks.partner_geocode, "retry", fake_retry)
    result = tasks.partner_geocode.apply(args=(partner.pk,))

    assert result.state == "RETRY"
    assert len(calls) == 1
    assert isinstance(scheduled[0]["exc"], GeocoderUnavailableError)
    assert scheduled[0]["countdown"] >= 0  # retry_backoff computed a delay
    partner.refresh_from_db()
    assert partner.name == "Saved Before Geocoding"
    assert partner.geocode_status == Partner.GeocodeStatus.RETRYING
    assert partner.geocode_error == "GeocoderTimedOut"
    assert partner.geocode_attempts == 1


@pytest.mark.django_db
def test_outage_raises_celery_retry(monkeypatch):
    partner = PartnerFactory()
    calls = _fake_geocoder(monkeypatch, error=GeocoderUnavailableError("down"))
    with pytest.raises(Retry):
        tasks.partner_geocode.apply(args=(partner.pk,), throw=True)
    assert len(calls) == 1
    partner.refresh_from_db()
    assert partner.geocode_status == Partner.GeocodeStatus.RETRYING


@pytest.mark.django_db
def test_eager_outage_retries_five_times_then_fails_visibly(monkeypatch, eager):
    partner = PartnerFactory(name="Saved Before Geocoding")
    calls = _fake_geocoder(monkeypatch, error=GeocoderUnavailableError("down"))
    # Eager mode runs the retries inline (no countdown); the last one gives up, and the error
    # does not propagate to the request that saved the profile.
    result = tasks.partner_geocode.delay(partner.pk)
    assert result.state == "FAILURE"
    assert len(calls) == 6
    partner.refresh_from_db()
    assert partner.name == "Saved Before Geocoding"
    assert partner.geocode_status == Partner.GeocodeStatus.FAILED
    assert partner.geocode_attempts == 6


@pytest.mark.django_db
def test_last_retry_marks_failed_for_staff(monkeypatch):
    partner = PartnerFactory()
    _fake_geocoder(monkeypatch, error=GeocoderUnavailableError("still down"))
    result = tasks.partner_geocode.apply(args=(partner.pk,), retries=5)
    assert result.state == "FAILURE"
    partner.refresh_from_db()
    assert partner.geocode_status == Partner.GeocodeStatus.FAILED
    assert partner.geocode_error == "still down"


@pytest.mark.django_db
def test_task_twice_gives_same_result(monkeypatch, eager):
    partner = PartnerFactory(city="Mexico City", country="MX")
    _fake_geocoder(monkeypatch, result=PRECISE)
    tasks.partner_geocode.delay(partner.pk)
    first = Partner.objects.values().get(pk=partner.pk)
    tasks.partner_geocode.delay(partner.pk)
    assert Partner.objects.values().get(pk=partner.pk) == first
    assert first["geocode_status"] == Partner.GeocodeStatus.OK
    assert first["latitude"] == Decimal("19.400000")


@pytest.mark.django_db
def test_manual_coordinates_survive_regeocoding(monkeypatch, eager):
    partner = PartnerFactory(
        latitude=Decimal("1.5"),
        longitude=Decimal("2.5"),
        location_source=Partner.LocationSource.MANUAL,
        geocode_status=Partner.GeocodeStatus.MANUAL,
    )
    _fake_geocoder(monkeypatch, result=PRECISE)
    tasks.partner_geocode.delay(partner.pk)
    tasks.partner_geocode.delay(partner.pk)
    partner.refresh_from_db()
    assert (partner.latitude, partner.longitude) == (Decimal("1.5"), Decimal("2.5"))
    assert partner.location_source == Partner.LocationSource.MANUAL


@pytest.mark.django_db
def test_task_for_deleted_partner_exits_cleanly(monkeypatch, eager):
    calls = _fake_geocoder(monkeypatch, result=PRECISE)
    tasks.partner_geocode.delay(424242)
    assert calls == []


@pytest.mark.django_db(transaction=True)
def test_update_through_service_geocodes_after_commit(monkeypatch, eager):
    from partners.services.profiles import partner_update

    partner = PartnerFactory(city="Mexico City", country="MX")
    _fake_geocoder(monkeypatch, result=PRECISE)
    partner_update(partner=partner, address_1="Avenida Nueva 1")
    partner.refresh_from_db()
    assert partner.geocode_status == Partner.GeocodeStatus.OK
    assert partner.latitude == Decimal("19.400000")


def test_verification_reminders_task_calls_the_service(monkeypatch):
    verification = pytest.importorskip("partners.services.verification")

    called = []
    monkeypatch.setattr(
        verification, "partners_send_verification_reminders", lambda **kw: called.append(kw)
    )
    tasks.partners_send_verification_reminders.apply()
    assert called == [{}]
