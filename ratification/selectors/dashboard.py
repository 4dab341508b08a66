"""Reads for the staff dashboard: ICRMW progress, recent actions, the last import, next ratifiers.

`staff_dashboard()` runs a fixed number of queries (treaties, all actions, countries, recent
actions, last import) however many treaties, states or actions are loaded.

Not-found contract (every selectors module): `*_get` raises the model's `DoesNotExist`; here
nothing is looked up by key, and an empty database gives an empty dashboard.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass

from ratification.models import Country, ImportRun, Treaty, TreatyAction
from ratification.selectors.treaties import (
    HEADLINE_TREATY,
    actions_by_treaty,
    country_name_for,
    kind_label,
    name_key,
    region_label,
)
from ratification.status import (
    PARTY,
    SIGNATORY,
    count_signed,
    derive_status,
    parties_over_time,
)

NEXT_RATIFIERS_LIMIT = 15
RECENT_ACTIONS_LIMIT = 20


@dataclass(frozen=True, slots=True)
class RegionProgress:
    region: str
    parties: int
    signatories: int
    countries: int  # countries and areas of the region in the M49 table

    @property
    def label(self) -> str:
        return region_label(self.region)


@dataclass(frozen=True, slots=True)
class RecentAction:
    action: TreatyAction
    country_name: str

    @property
    def kind_label(self) -> str:
        return kind_label(self.action.kind)


@dataclass(frozen=True, slots=True)
class Candidate:
    code: str
    name: str
    region: str
    party_to: int  # number of the other core treaties this state is party to
    signed_on: datetime.date | None

    @property
    def region_label(self) -> str:
        return region_label(self.region)


@dataclass(slots=True)
class StaffDashboard:
    headline: Treaty | None
    parties: int
    signatories: int  # signed and not (yet) a party
    signatories_total: int  # every state that signed: the UN's "Signatories" count
    series: list[tuple[datetime.date, int]]
    by_region: list[RegionProgress]
    recent_actions: list[RecentAction]
    last_import: ImportRun | None
    signatories_not_parties: list[Candidate]
    likeliest: list[Candidate]
    other_treaty_count: int


def staff_dashboard() -> StaffDashboard:
    treaties = list(Treaty.objects.all())
    actions = actions_by_treaty()
    countries = {c.iso2: c for c in Country.objects.all()}
    recent = [
        RecentAction(action=a, country_name=country_name_for(str(a.country.code), countries))
        for a in TreatyAction.objects.select_related("treaty").order_by("-date", "-id")[
            :RECENT_ACTIONS_LIMIT
        ]
    ]
    last_import = ImportRun.objects.select_related("treaty", "created_by").first()

    headline = next((t for t in treaties if t.slug == HEADLINE_TREATY), None)
    headline_actions = actions.get(headline.pk, []) if headline else []
    statuses = derive_status(headline_actions)

    region_totals = Counter(c.region for c in countries.values() if c.region)
    party_regions = Counter(
        countries[c].region if c in countries else "" for c, s in statuses.items() if s.is_party
    )
    signatory_regions = Counter(
        countries[c].region if c in countries else ""
        for c, s in statuses.items()
        if s.status == SIGNATORY
    )
    regions = sorted(set(region_totals) | set(party_regions) | set(signatory_regions))
    by_region = [
        RegionProgress(
            region=r,
            parties=party_regions[r],
            signatories=signatory_regions[r],
            countries=region_totals[r],
        )
        for r in regions
    ]

    def candidate(code: str, party_to: int) -> Candidate:
        country = countries.get(code)
        s = statuses.get(code)
        return Candidate(
            code=code,
            name=country_name_for(code, countries),
            region=country.region if country else "",
            party_to=party_to,
            signed_on=s.signed_on if s else None,
        )

    # "Other core treaties" are the UNTC instruments besides the headline one; ILO conventions
    # entered by hand are not part of the comparison.
    others = [t for t in treaties if t.source == Treaty.Source.UNTC and t.slug != HEADLINE_TREATY]
    party_counts: Counter[str] = Counter()
    for treaty in others:
        for code, s in derive_status(actions.get(treaty.pk, [])).items():
            if s.status == PARTY:
                party_counts[code] += 1

    signatories = sorted(
        (candidate(c, party_counts[c]) for c, s in statuses.items() if s.status == SIGNATORY),
        key=lambda c: (-c.party_to, name_key(c.name)),
    )
    non_parties = [
        (code, n)
        for code, n in party_counts.items()
        if code not in statuses or statuses[code].status != PARTY
    ]
    likeliest = sorted(
        (candidate(code, n) for code, n in non_parties),
        key=lambda c: (-c.party_to, name_key(c.name)),
    )[:NEXT_RATIFIERS_LIMIT]

    return StaffDashboard(
        headline=headline,
        parties=sum(1 for s in statuses.values() if s.status == PARTY),
        signatories=len(signatories),
        signatories_total=count_signed(statuses.values()),
        series=parties_over_time(headline_actions),
        by_region=by_region,
        recent_actions=recent,
        last_import=last_import,
        signatories_not_parties=signatories,
        likeliest=likeliest,
        other_treaty_count=len(others),
    )
