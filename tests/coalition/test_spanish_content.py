"""The /es/ pages name treaties, countries, regions and sub-regions in Spanish (issue 9).

One crawl of the main public pages in Spanish, against the whole M49 table and the whole treaty
catalogue: the test fails if any English name whose Spanish differs shows in the visible text
(or a title, label or alt text, or the map's data in a script) of a page. Text a partner wrote in English is marked `lang="en"`
and is not the page's own words, so it is left out.
"""

from __future__ import annotations

import datetime
import re

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation

from campaigns.models import Campaign
from ratification import names
from ratification import treaties as catalogue
from ratification.models import ActionKind, Country, Treaty
from ratification.services.catalogue import treaty_sync_from_catalogue
from ratification.services.reference_data import countries_load
from tests.campaigns.factories import CampaignFactory
from tests.factories import PartnerFactory, TreatyActionFactory

D = datetime.date
VISIBLE_ATTRIBUTES = ("title", "aria-label", "alt", "placeholder", "content")


@pytest.fixture
def world(db):
    """The shipped M49 table and catalogue, a few actions, a partner and a campaign."""
    countries_load()
    entries = sorted(catalogue.CATALOGUE, key=lambda e: (bool(e.parent_slug), e.position))
    treaties = {e.slug: treaty_sync_from_catalogue(entry=e) for e in entries}
    icrmw = treaties["icrmw"]
    Treaty.objects.filter(pk=icrmw.pk).update(as_of=D(2026, 2, 3))
    for code, kind, date in [
        ("MX", ActionKind.SIGNATURE, D(1991, 5, 22)),
        ("MX", ActionKind.RATIFICATION, D(1999, 3, 8)),
        ("TR", ActionKind.RATIFICATION, D(2004, 9, 27)),
        ("DE", ActionKind.SIGNATURE, D(2010, 1, 1)),
        ("CI", ActionKind.SIGNATURE, D(2012, 6, 1)),
    ]:
        TreatyActionFactory(treaty=icrmw, country=code, kind=kind, date=date)
    TreatyActionFactory(treaty=treaties["iccpr"], country="MX", date=D(1981, 3, 23))
    TreatyActionFactory(treaty=treaties["crc-op-sc"], country="MX", date=D(2002, 3, 15))
    partner = PartnerFactory(
        name="Sin Fronteras IAP",
        slug="sin-fronteras",
        city="Tijuana",
        description="Defensa de los derechos de las personas migrantes.",
        description_language="es",
    )
    campaign = CampaignFactory(
        slug="ratifica-mx",
        kind=Campaign.Kind.RATIFICATION,
        treaty=icrmw,
        target_country="MX",
    )
    return {"partner": partner, "campaign": campaign}


def english_names() -> dict[str, str]:
    """Every English treaty, country, region and sub-region name whose Spanish differs, with
    the Spanish it should have been."""
    expected: dict[str, str] = {}
    with translation.override("es"):
        for treaty in Treaty.objects.all():
            expected[treaty.name] = treaty.localized_name
            expected[treaty.short_name] = treaty.localized_short_name
        for country in Country.objects.all():
            expected[country.name] = country.localized_name
        for english in (*names.REGION_LABELS, *names.SUBREGION_LABELS):
            expected[english] = str(
                names.REGION_LABELS.get(english) or names.SUBREGION_LABELS[english]
            )
    spanish = set(expected.values())
    return {
        english: es
        for english, es in expected.items()
        # Skip names that are the same in Spanish, or that are part of a Spanish name
        # ("Guinea" in "Guinea-Bisáu").
        if english != es and not any(_word(english).search(s) for s in spanish)
    }


def _word(text: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(text)}(?!\w)")


def page_text(html: str) -> str:
    """What a reader sees or hears: text and labelling attributes, and the scripts (the map's
    tooltips and legend are data in them), minus styles and content marked as written in
    another language."""
    soup = BeautifulSoup(html, "html.parser")
    for element in soup(["style"]):
        element.decompose()
    for element in soup.select("[lang]"):
        if element.name != "html" and not str(element["lang"]).startswith("es"):
            element.decompose()
    parts = [soup.get_text(" ")]
    for element in soup.find_all(True):
        parts.extend(str(element[a]) for a in VISIBLE_ATTRIBUTES if element.has_attr(a))
    return "\n".join(parts)


def spanish_pages(world, language: str = "es") -> list[str]:
    with translation.override(language):
        return [
            reverse("home"),
            reverse("maps:map"),
            reverse("ratification:treaty-list"),
            reverse("ratification:treaty-detail", kwargs={"slug": "icrmw"}),
            reverse("ratification:treaty-detail", kwargs={"slug": "crc-op-sc"}),
            reverse("ratification:country-list"),
            reverse("maps:country-detail", kwargs={"iso2": "mx"}),
            reverse("maps:country-detail", kwargs={"iso2": "tr"}),
            reverse("maps:country-card", kwargs={"iso2": "mx"}),
            reverse("partners:partner-list"),
            reverse("partners:partner-detail", kwargs={"slug": world["partner"].slug}),
            reverse("campaigns:campaign-list"),
            reverse("campaigns:campaign-detail", kwargs={"slug": world["campaign"].slug}),
        ]


def test_no_english_treaty_country_or_region_name_on_the_spanish_pages(client, world):
    forbidden = english_names()
    # The check has teeth: the ICRMW's English title, Mexico and Central America are in it.
    assert "Mexico" in forbidden
    assert "Central America" in forbidden
    assert catalogue.BY_SLUG["icrmw"].name in forbidden
    assert "ICCPR" in forbidden
    patterns = {english: _word(english) for english in forbidden}
    # English first: whatever a process computes once (form choices, caches) must not freeze
    # the language of the first request (the campaign's country list once did).
    for url in spanish_pages(world, "en"):
        assert client.get(url).status_code == 200, url
    found: dict[str, list[str]] = {}
    for url in spanish_pages(world):
        assert url.startswith("/es/")
        response = client.get(url)
        assert response.status_code == 200, url
        text = page_text(response.content.decode())
        hits = [f"{e} (→ {forbidden[e]})" for e, p in patterns.items() if p.search(text)]
        if hits:
            found[url] = hits
    assert found == {}


def test_the_spanish_names_are_there(client, world):
    with translation.override("es"):
        country = client.get(reverse("maps:country-detail", kwargs={"iso2": "mx"}))
        treaty = client.get(reverse("ratification:treaty-detail", kwargs={"slug": "icrmw"}))
        campaign = client.get(
            reverse("campaigns:campaign-detail", kwargs={"slug": world["campaign"].slug})
        )
    body = country.content.decode()
    assert "<h1>México</h1>" in body
    assert "Américas · América Central" not in body  # the sub-region has the UN's name
    assert "Centroamérica" in body or "América Latina y el Caribe" in body
    assert "PIDCP" in body
    assert "8 de marzo de 1999" in body
    body = treaty.content.decode()
    assert (
        "<h1>Convención Internacional sobre la protección de los derechos de todos los "
        "trabajadores migratorios y de sus familiares</h1>"
    ) in body
    assert "3 de febrero de 2026" in body
    assert "Estados partes al 3 de febrero de 2026." in body  # the chart's description too
    assert "Turquía" in body
    assert "Costa de Marfil" in body
    assert "México" in campaign.content.decode()


def test_the_crawl_catches_an_english_name(client, world):
    """The same check fails on the English pages, so a regression would be seen."""
    forbidden = english_names()
    with translation.override("en"):
        url = reverse("maps:country-detail", kwargs={"iso2": "mx"})
    assert url.startswith("/en/")
    response = client.get(url)
    text = page_text(response.content.decode())
    assert _word("Mexico").search(text)
    assert any(_word(e).search(text) for e in forbidden if e != "Mexico")
