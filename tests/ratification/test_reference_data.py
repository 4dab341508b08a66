"""Reference data: M49 countries and the catalogue's treaty rows."""

from __future__ import annotations

import pytest

from ratification.models import Country, Treaty
from ratification.services.reference_data import countries_load, treaty_sync_from_catalogue
from ratification.treaties import BY_SLUG, CATALOGUE

pytestmark = pytest.mark.django_db


def test_countries_load_is_idempotent_and_repairs_edits():
    created, updated = countries_load()
    assert (created, updated) == (Country.objects.count(), 0)
    assert created > 240
    mexico = Country.objects.get(iso2="MX")
    assert (mexico.iso3, mexico.region) == ("MEX", "Americas")
    assert Country.objects.get(iso2="PS").name  # non-member observer State is present

    assert countries_load() == (0, 0)

    Country.objects.filter(iso2="MX").update(region="Europe")
    assert countries_load() == (0, 1)
    assert Country.objects.get(iso2="MX").region == "Americas"


def test_treaty_sync_creates_then_updates_catalogue_fields_only():
    for entry in sorted(CATALOGUE, key=lambda e: bool(e.parent_slug)):
        treaty_sync_from_catalogue(entry=entry)
    assert Treaty.objects.count() == 18
    protocol = Treaty.objects.get(slug="cedaw-op")
    assert protocol.parent == Treaty.objects.get(slug="cedaw")
    assert protocol.eif_delay_months == 3

    # A name taken from an imported page is kept; a drifted catalogue field is repaired.
    Treaty.objects.filter(slug="icrmw").update(name="From the page", eif_delay_days=30)
    treaty = treaty_sync_from_catalogue(entry=BY_SLUG["icrmw"])
    assert (treaty.name, treaty.eif_delay_days) == ("From the page", 0)
    assert Treaty.objects.count() == 18
