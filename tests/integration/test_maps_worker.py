"""A partner saved in the app leads, through Redis and a real worker, to the default map being
rendered and cached under the new data version, so no visitor waits for folium."""

from __future__ import annotations

import datetime

import pytest
from django.utils import translation

from ratification.services.reference_data import countries_load
from tests.factories import PartnerFactory, TreatyFactory
from tests.integration.conftest import wait_until

pytestmark = pytest.mark.services


def test_a_partner_save_rerenders_the_default_map_in_the_worker(celery_worker_process):
    from maps import rendering
    from maps.cache import map_data_version
    from maps.selectors import LAYERS

    countries_load()
    TreatyFactory(as_of=datetime.date(2026, 2, 3))
    before = map_data_version()
    PartnerFactory(name="Rendered By The Worker", latitude=1, longitude=2, show_address=True)
    assert map_data_version() > before  # bumped on commit (transactional test)

    query = rendering.MapQuery(treaty="icrmw", on=None, layers=LAYERS)
    with translation.override("en"):
        key = rendering._key(rendering.KIND_PAGE, query, "en")

    def rendered() -> bool:
        from django.core.cache import cache

        return cache.get(key) is not None

    # The re-render is debounced by RERENDER_DEBOUNCE_SECONDS (10 s), then renders six maps.
    assert wait_until(rendered, timeout=60), "the worker did not render the map within 60 s"
    from django.core.cache import cache

    assert "Rendered By The Worker" in cache.get(key)["script"]
