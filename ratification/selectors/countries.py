"""Reads of the country table (UN M49 regions) that other apps build on.

Not-found contract (all selector modules, see partners/selectors/__init__.py): `*_get` raises
the model's `DoesNotExist` (a view answers 404, the API's exception handler too); list selectors
return an empty list.

The country index: every country and territory with its ICRMW status and how many of the core
UN human-rights treaties it is party to. Three queries, whatever the number of rows.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from ratification.models import Country, Treaty
from ratification.names import country_name
from ratification.selectors.treaties import (
    HEADLINE_TREATY,
    actions_by_treaty,
    name_key,
    region_label,
)
from ratification.status import (
    NONE,
    PARTY,
    STATUS_ORDER,
    CountryStatus,
    TreatyStatus,
    applicable_status,
    derive_status,
    status_label,
)

KIND_MEMBER = "member"
KIND_OBSERVER = "observer"
KIND_OTHER = "other"  # territories and areas; participants that are neither (the EU)
# Non-member observer States of the UN, which may join its treaties.
OBSERVER_STATES = frozenset({"PS", "VA"})
KIND_LABELS = {
    KIND_MEMBER: _("UN member state"),
    KIND_OBSERVER: _("Non-member observer state"),
    KIND_OTHER: _("Territory or other participant"),
}
INDEX_STATUSES = tuple(TreatyStatus.values)


@dataclass(frozen=True, slots=True)
class CountryIndexRow:
    code: str
    name: str
    region: str
    kind: str
    status: str  # under the ICRMW
    signed_on: datetime.date | None
    party_on: datetime.date | None
    party_to: int  # UNTC treaties it is party to

    @property
    def status_label(self) -> str:
        return status_label(self.status)

    @property
    def region_label(self) -> str:
        return region_label(self.region) if self.region else ""

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS[self.kind])


@dataclass(frozen=True, slots=True)
class CountryIndex:
    rows: list[CountryIndexRow]  # after the filters, in the chosen order (by name by default)
    total: int  # before the filters
    untc_treaty_count: int


# Columns the index sorts by; "-key" sorts descending.
COUNTRY_SORT_KEYS = ("country", "status", "signed", "party", "treaties")


def _sort_index(rows: list[CountryIndexRow], sort: str) -> list[CountryIndexRow]:
    """By name, then by the chosen column (stable, so name breaks ties); rows without the date
    go last in either direction."""
    reverse = sort.startswith("-")
    key = sort.lstrip("-")
    rows.sort(key=lambda r: name_key(r.name))
    if key == "status":
        rows.sort(key=lambda r: STATUS_ORDER.get(r.status, len(STATUS_ORDER)), reverse=reverse)
    elif key in ("signed", "party"):
        attr = "signed_on" if key == "signed" else "party_on"
        dated = [r for r in rows if getattr(r, attr)]
        undated = [r for r in rows if not getattr(r, attr)]
        dated.sort(key=lambda r: getattr(r, attr), reverse=reverse)
        rows = dated + undated
    elif key == "treaties":
        rows.sort(key=lambda r: r.party_to, reverse=reverse)
    elif reverse:
        rows.reverse()
    return rows


def country_index(
    *, q: str = "", status: str = "", region: str = "", kind: str = "", sort: str = "country"
) -> CountryIndex:
    treaties = list(Treaty.objects.all())
    actions = actions_by_treaty()
    party_to: dict[str, int] = {}
    icrmw: dict[str, CountryStatus] = {}
    untc = 0
    for treaty in treaties:
        statuses = derive_status(
            actions.get(treaty.pk, []), entry_into_force=treaty.entry_into_force_for_state
        )
        if treaty.slug == HEADLINE_TREATY:
            icrmw = statuses
        if treaty.source == Treaty.Source.UNTC:
            untc += 1
            for code, s in statuses.items():
                if s.status == PARTY:
                    party_to[code] = party_to.get(code, 0) + 1
    countries = {c.iso2: c for c in Country.objects.all()}
    codes = set(countries) | set(party_to) | set(icrmw)
    rows: list[CountryIndexRow] = []
    for code in codes:
        country = countries.get(code)
        st = icrmw.get(code)
        un_member = country is not None and country.un_member_since is not None
        if un_member:
            kind_ = KIND_MEMBER
        elif code in OBSERVER_STATES:
            kind_ = KIND_OBSERVER
        else:
            kind_ = KIND_OTHER
        rows.append(
            CountryIndexRow(
                code=code,
                name=country.localized_name if country else country_name(code),
                region=country.region if country else "",
                kind=kind_,
                # Åland is "not applicable (territory)", as on the map, not "no action".
                status=applicable_status(st.status if st else NONE, code=code, un_member=un_member),
                signed_on=st.signed_on if st else None,
                party_on=st.consent_on if st and st.status == PARTY else None,
                party_to=party_to.get(code, 0),
            )
        )
    total = len(rows)
    needle = name_key(q.strip()) if q else ""
    rows = [
        r
        for r in rows
        if (not needle or needle in _search_key(r, countries) or needle == r.code.casefold())
        and (not status or r.status == status)
        and (not region or r.region == region)
        and (not kind or r.kind == kind)
    ]
    rows = _sort_index(rows, sort if sort.lstrip("-") in COUNTRY_SORT_KEYS else "country")
    return CountryIndex(rows=rows, total=total, untc_treaty_count=untc)


def _search_key(row: CountryIndexRow, countries: dict[str, Country]) -> str:
    """The shown name and the UN English one: "Germany" finds "Alemania" on a Spanish page."""
    country = countries.get(row.code)
    english = name_key(country.name) if country else ""
    return f"{name_key(row.name)}\n{english}"


def region_choices() -> list[str]:
    """The regions present in the country table (one query), in alphabetical order."""
    return sorted(
        r for r in Country.objects.order_by().values_list("region", flat=True).distinct() if r
    )


def country_codes_in_region(*, region: str) -> QuerySet[Country, str]:
    """ISO codes of the countries in `region` (case-insensitive), as a subquery-ready queryset."""
    return Country.objects.filter(region__iexact=region.strip()).values_list("iso2", flat=True)


def country_regions() -> dict[str, str]:
    """ISO code → region for every country with a region (one query)."""
    return dict(Country.objects.exclude(region="").values_list("iso2", "region"))
