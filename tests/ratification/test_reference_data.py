"""Reference data: M49 countries and the catalogue's treaty rows."""

from __future__ import annotations

import pytest

from ratification.models import Country, Treaty
from ratification.services.catalogue import treaty_sync_from_catalogue
from ratification.services.reference_data import countries_load
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


def test_every_catalogue_treaty_has_its_spanish_title_and_descriptions():
    for entry in CATALOGUE:
        assert entry.name_es.startswith(("Convención", "Pacto", "Protocolo", "Segundo")), entry
        assert entry.description, entry.slug
        assert entry.description_es, entry.slug
    assert BY_SLUG["icrmw"].name_es == (
        "Convención Internacional sobre la protección de los derechos de todos los "
        "trabajadores migratorios y de sus familiares"
    )
    assert BY_SLUG["iccpr"].short_name_es == "PIDCP"


def test_treaty_sync_fills_blank_spanish_texts_and_keeps_what_staff_wrote():
    entry = BY_SLUG["icrmw"]
    treaty = treaty_sync_from_catalogue(entry=entry)
    assert (treaty.name_es, treaty.description_es) == (entry.name_es, entry.description_es)

    # A database from before the Spanish texts: the next load fills them.
    Treaty.objects.filter(pk=treaty.pk).update(name_es="", description="", description_es="")
    treaty = treaty_sync_from_catalogue(entry=entry)
    treaty.refresh_from_db()
    assert (treaty.name_es, treaty.description) == (entry.name_es, entry.description)

    # A staff correction survives every later load.
    Treaty.objects.filter(pk=treaty.pk).update(name_es="Corregido por el personal")
    treaty_sync_from_catalogue(entry=entry)
    assert Treaty.objects.get(pk=treaty.pk).name_es == "Corregido por el personal"
