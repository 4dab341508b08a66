"""Tasks enqueued by the app travel through Redis and are consumed by a real worker process."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from partners.models import Partner
from tests.factories import PartnerFactory
from tests.integration.conftest import wait_until

pytestmark = pytest.mark.services


def test_geocode_task_enqueued_by_the_app_is_consumed_by_the_worker(celery_worker_process):
    from partners.tasks import partner_geocode

    partner = PartnerFactory(
        city="Quito", country="EC", address_1="", geocode_status=Partner.GeocodeStatus.PENDING
    )
    partner_geocode.delay(partner.pk)

    def located() -> bool:
        partner.refresh_from_db()
        return partner.geocode_status != Partner.GeocodeStatus.PENDING

    assert wait_until(located), "the worker did not process the geocoding task within 30 s"
    assert partner.geocode_status == Partner.GeocodeStatus.OK
    assert partner.location_source == Partner.LocationSource.GAZETTEER
    assert round(float(partner.latitude), 1) == -0.2


def test_cache_is_redis(settings):
    if "redis" not in settings.CACHES["default"]["BACKEND"].lower():
        pytest.skip("needs CACHE_URL (run `make test-services`)")
    cache.set("coalition:probe", "ok", 5)
    assert cache.get("coalition:probe") == "ok"
