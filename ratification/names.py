"""Names of countries, UN M49 regions and sub-regions in the active language.

A country has ONE display name per language, whichever page, map or API field shows it
(`country_name`): in English the shipped M49 table's short name (ratification/data/
countries_m49.csv: "United States", "DR Congo"), in any other language django-countries' own
translation catalogue. django-countries itself is told the same names (`catalogue_overrides`,
in settings.COUNTRIES_OVERRIDE), so `partner.country.name`, the country selects and the API's
`country_name` fields say what the country pages say. Regions and sub-regions are named by the
gettext labels below; an entry no source knows keeps its stored English name, or its code.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path
from typing import cast

from django.utils.functional import Promise, lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries import Countries
from django_countries import countries as iso_countries

M49_FILE = Path(__file__).resolve().parent / "data" / "countries_m49.csv"

# UN M49 regions as stored in `Country.region`.
REGION_LABELS: dict[str, Promise] = {
    "Africa": _("Africa"),
    "Americas": _("Americas"),
    "Antarctica": _("Antarctica"),
    "Asia": _("Asia"),
    "Europe": _("Europe"),
    "Oceania": _("Oceania"),
}

# The five inhabited M49 regions: what a region filter may name.
M49_REGIONS = ["Africa", "Americas", "Asia", "Europe", "Oceania"]

# UN M49 sub-regions (and the intermediate regions the shipped table uses as sub-regions), plus
# the two groupings M49 puts between them, so that a re-generated table still translates.
SUBREGION_LABELS: dict[str, Promise] = {
    "Antarctica": _("Antarctica"),
    "Australia and New Zealand": _("Australia and New Zealand"),
    "Caribbean": _("Caribbean"),
    "Central America": _("Central America"),
    "Central Asia": _("Central Asia"),
    "Eastern Africa": _("Eastern Africa"),
    "Eastern Asia": _("Eastern Asia"),
    "Eastern Europe": _("Eastern Europe"),
    "Latin America and the Caribbean": _("Latin America and the Caribbean"),
    "Melanesia": _("Melanesia"),
    "Micronesia": _("Micronesia"),
    "Middle Africa": _("Middle Africa"),
    "Northern Africa": _("Northern Africa"),
    "Northern America": _("Northern America"),
    "Northern Europe": _("Northern Europe"),
    "Polynesia": _("Polynesia"),
    "South America": _("South America"),
    "South-eastern Asia": _("South-eastern Asia"),
    "Southern Africa": _("Southern Africa"),
    "Southern Asia": _("Southern Asia"),
    "Southern Europe": _("Southern Europe"),
    "Sub-Saharan Africa": _("Sub-Saharan Africa"),
    "Western Africa": _("Western Africa"),
    "Western Asia": _("Western Asia"),
    "Western Europe": _("Western Europe"),
}


def is_english() -> bool:
    return (get_language() or "en").split("-")[0] == "en"


def region_label(region: str) -> str:
    return str(REGION_LABELS.get(region, region))


def subregion_label(subregion: str) -> str:
    return str(SUBREGION_LABELS.get(subregion, subregion))


@lru_cache(maxsize=1)
def m49_english_names() -> dict[str, str]:
    """ISO code -> the M49 table's English name, read from the shipped file (no query)."""
    with M49_FILE.open(encoding="utf-8", newline="") as handle:
        return {row["iso_alpha2"]: row["name"] for row in csv.DictReader(handle)}


class _Catalogue(Countries):
    """django-countries' names without the project's overrides: the translations to fall back
    on outside English."""

    override: dict[str, object] = {}  # read by Countries.get_option: no overrides


_catalogue = _Catalogue()


def _display_name(code: str) -> str:
    english = m49_english_names()[code]
    if is_english():
        return english
    return str(_catalogue.name(code)) or english


def catalogue_overrides() -> dict[str, Promise]:
    """COUNTRIES_OVERRIDE entries that make django-countries name every M49 country as
    `country_name` does: a lazy name that is the M49 name in English ("United States", where the
    catalogue says "United States of America") and the catalogue's translation in any other
    language (so Spanish keeps "Estados Unidos"). Read by settings, before translation is set
    up: nothing here is translated until a name is shown."""
    lazy_name = lazy(_display_name, str)
    # lazy() is typed as returning the result type; what it returns is a Promise.
    return {code: cast(Promise, lazy_name(code)) for code in m49_english_names()}


def country_name(code: str, english: str = "") -> str:
    """The display name of the country `code` in the active language: the same on every page,
    map and API field.

    `english` is the M49 table's name when the caller has the row (`Country.localized_name`):
    the table is loaded from the same shipped file, so in English it is the name django-countries
    is told too; it is also the fallback for a code no source knows.
    """
    if english and is_english():
        return english
    return str(iso_countries.name(code.upper())) or english or code
