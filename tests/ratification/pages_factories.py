"""Data builders for the treaty/country page, API and dashboard tests (not the importer's)."""

from __future__ import annotations

import datetime

from django_countries import countries

from ratification.models import ActionKind, Country, Treaty, TreatyAction
from tests.factories import CountryFactory, TreatyActionFactory, TreatyFactory

REGIONS = ["Africa", "Americas", "Asia", "Europe", "Oceania"]


def country_codes(n: int, *, skip: tuple[str, ...] = ()) -> list[str]:
    """`n` real ISO codes (the CountryField validates against them)."""
    return [c.code for c in countries if c.code not in skip][:n]


def make_country(code: str, *, name: str | None = None, region: str = "Europe") -> Country:
    return CountryFactory(
        iso2=code,
        iso3=f"{code}X",
        numeric="",
        name=name or str(countries.name(code)),
        region=region,
        subregion="",
    )


def make_icrmw(**kwargs: object) -> Treaty:
    return TreatyFactory(
        as_of=datetime.date(2026, 2, 3), source_url="https://treaties.un.org/x", **kwargs
    )


def make_treaty(slug: str, position: int = 10) -> Treaty:
    return TreatyFactory(
        slug=slug,
        short_name=slug.upper(),
        name=f"Convention {slug}",
        untc_reference=f"IV-{position}",
        position=position,
        eif_delay_months=0,
        eif_delay_days=30,
        eif_first_of_next_month=False,
        entry_into_force_on=datetime.date(1980, 1, 1),
    )


def make_participants(treaty: Treaty, n: int, *, start: int = 0) -> list[str]:
    """`n` states: even ones parties (signed then ratified), odd ones signatories only."""
    codes = country_codes(start + n)[start:]
    for i, code in enumerate(codes, start=start):
        make_country(code, region=REGIONS[i % len(REGIONS)])
        TreatyActionFactory(
            treaty=treaty, country=code, kind=ActionKind.SIGNATURE, date=datetime.date(1991, 1, 1)
        )
        if i % 2 == 0:
            TreatyActionFactory(
                treaty=treaty,
                country=code,
                kind=ActionKind.RATIFICATION,
                date=datetime.date(2000, 1, 1) + datetime.timedelta(days=30 * i),
            )
    return codes


def act(
    treaty: Treaty, code: str, kind: str, date: datetime.date, article: str = "", text: str = ""
) -> TreatyAction:
    return TreatyActionFactory(
        treaty=treaty, country=code, kind=kind, date=date, article=article, text=text
    )
