"""Names of countries, UN M49 regions and sub-regions in the active language.

The M49 table (`Country`) stores the UN's English names, which stay the English display names.
In any other language a country is named by django-countries' own translation catalogue (the
same names the partner pages use), and regions and sub-regions by the gettext labels below; an
entry either source does not know falls back to the stored English name rather than a code.
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries import countries as iso_countries

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


def country_name(code: str, english: str = "") -> str:
    """The name of the country `code` in the active language.

    `english` is the M49 table's name when the caller has it: the English pages keep the UN's
    wording ("Bolivia (Plurinational State of)"), and it is the fallback for a code that
    django-countries does not know.
    """
    if english and is_english():
        return english
    return str(iso_countries.name(code.upper())) or english or code
