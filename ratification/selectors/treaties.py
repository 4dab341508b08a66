"""Public reads: treaty list, participants tables, country pages.

Status is never stored: every function below fetches the actions it needs in ONE query (per
treaty, or for all treaties at once) and derives status with `ratification.status`, so the number
of queries does not grow with the number of participants, countries or treaties.

Not-found contract (every selectors module): `*_get` raises the model's `DoesNotExist`; a read
whose "nothing" is an ordinary answer (`country_overview` for a code with no treaty data)
returns None.
"""

from __future__ import annotations

import datetime
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.formats import date_format
from django_countries import countries as iso_countries

from ratification.models import ActionKind, Country, Treaty, TreatyAction
from ratification.names import country_name, region_label, subregion_label
from ratification.status import (
    PARTY,
    SIGNATORY,
    STATUS_ORDER,
    ActionRecord,
    CountryStatus,
    Status,
    applicable_status,
    count_by_status,
    count_signed,
    derive_status,
    parties_over_time,
    status_label,
)

HEADLINE_TREATY = "icrmw"
# ICRMW art. 76(2) and 77(8): each procedure becomes operative once ten States Parties have made
# the declaration.
DECLARATIONS_NEEDED = 10


# --- Building blocks ------------------------------------------------------------------------
# `status_label` (re-exported above) is ratification.status's: one vocabulary on every page.


def kind_label(kind: str) -> str:
    return str(ActionKind(kind).label) if kind in ActionKind.values else kind


def actions_by_treaty(treaty_ids: Iterable[int] | None = None) -> dict[int, list[ActionRecord]]:
    """Every action as a plain record, grouped by treaty: one query, however many rows."""
    qs = TreatyAction.objects.all()
    if treaty_ids is not None:
        qs = qs.filter(treaty_id__in=list(treaty_ids))
    grouped: dict[int, list[ActionRecord]] = defaultdict(list)
    for treaty_id, code, kind, date, article in qs.order_by().values_list(
        "treaty_id", "country", "kind", "date", "article"
    ):
        grouped[treaty_id].append(ActionRecord(str(code), kind, date, article))
    return grouped


def _country_map(codes: Iterable[str] | None = None) -> dict[str, Country]:
    qs = Country.objects.all()
    if codes is not None:
        qs = qs.filter(iso2__in=list(codes))
    return {c.iso2: c for c in qs}


def country_name_for(code: str, known: dict[str, Country]) -> str:
    """The name in the active language; a participant missing from the M49 table (should not
    happen after load_reference_data) still gets a readable name rather than a bare code."""
    if code in known:
        return known[code].localized_name
    return country_name(code)


def name_key(name: str) -> str:
    """Sort "Åland Islands" with the A's and "Türkiye" with the T's, whatever the locale."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()


def _declarations_display(declarations: list[tuple[str, datetime.date]]) -> str:
    return "; ".join(f"art. {article} ({date.isoformat()})" for article, date in declarations)


# --- Treaty list and headline ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TreatySummary:
    treaty: Treaty
    parties: int
    signatories: int  # signed and not (yet) a party
    signatories_total: int  # every state that signed: the UN's "Signatories" count

    @property
    def is_headline(self) -> bool:
        return self.treaty.slug == HEADLINE_TREATY


def _summarise(
    treaty: Treaty, actions: list[ActionRecord], on: datetime.date | None
) -> TreatySummary:
    statuses = derive_status(actions, on=on).values()
    counts = count_by_status(statuses)
    return TreatySummary(
        treaty=treaty,
        parties=counts[PARTY],
        signatories=counts[SIGNATORY],
        signatories_total=count_signed(statuses),
    )


def treaty_summaries(*, on: datetime.date | None = None) -> list[TreatySummary]:
    """Every treaty with its counts, the ICRMW first: two queries."""
    treaties = sorted(Treaty.objects.all(), key=lambda t: (t.slug != HEADLINE_TREATY, t.position))
    actions = actions_by_treaty()
    return [_summarise(t, actions.get(t.pk, []), on) for t in treaties]


def treaty_summary(*, treaty: Treaty, on: datetime.date | None = None) -> TreatySummary:
    return _summarise(treaty, actions_by_treaty([treaty.pk]).get(treaty.pk, []), on)


def headline_summary() -> TreatySummary | None:
    """The ICRMW numbers for the home page (two light queries), or None before any import."""
    treaty = Treaty.objects.filter(slug=HEADLINE_TREATY).first()
    return treaty_summary(treaty=treaty) if treaty else None


def treaty_get(*, slug: str) -> Treaty:
    """Raises `Treaty.DoesNotExist` (the project's selector contract, see partners/selectors/__init__.py)."""
    return Treaty.objects.get(slug=slug)


# --- Participants ---------------------------------------------------------------------------


class _StatusCells:
    """Labels shared by every row that shows a state's status and dates under one treaty."""

    __slots__ = ()
    status: Status
    consent_kind: str
    declarations: list[tuple[str, datetime.date]]

    @property
    def status_label(self) -> str:
        return status_label(self.status)

    @property
    def consent_kind_label(self) -> str:
        return kind_label(self.consent_kind) if self.consent_kind else ""

    @property
    def declarations_display(self) -> str:
        """ISO dates, for the CSV download and the API."""
        return _declarations_display(self.declarations)

    @property
    def declarations_text(self) -> str:
        """For pages: the dates in the page's language."""
        return "; ".join(f"art. {a} ({date_format(d)})" for a, d in self.declarations)


@dataclass(slots=True)
class ParticipantRow(_StatusCells):
    country_code: str
    country_name: str
    region: str
    status: Status
    signed_on: datetime.date | None
    signature_kind: str
    consent_on: datetime.date | None
    consent_kind: str
    entry_into_force_on: datetime.date | None
    declarations: list[tuple[str, datetime.date]] = field(default_factory=list)

    @property
    def region_label(self) -> str:
        return region_label(self.region)

    @property
    def signature_kind_label(self) -> str:
        return kind_label(self.signature_kind) if self.signature_kind else ""


SORT_KEYS = ("country", "status", "signed", "ratified")


def _sort_rows(rows: list[ParticipantRow], sort: str) -> list[ParticipantRow]:
    reverse = sort.startswith("-")
    key = sort.lstrip("-")
    far = datetime.date.max  # states without the date sort last, either direction
    if key == "status":
        rows.sort(key=lambda r: name_key(r.country_name))
        rows.sort(key=lambda r: STATUS_ORDER[r.status], reverse=reverse)
    elif key in ("signed", "ratified"):
        attr = "signed_on" if key == "signed" else "consent_on"
        rows.sort(key=lambda r: name_key(r.country_name))
        dated = [r for r in rows if getattr(r, attr)]
        undated = [r for r in rows if not getattr(r, attr)]
        dated.sort(key=lambda r: getattr(r, attr) or far, reverse=reverse)
        rows = dated + undated
    else:
        rows.sort(key=lambda r: name_key(r.country_name), reverse=reverse)
    return rows


@dataclass(slots=True)
class TreatyParticipants:
    treaty: Treaty
    on: datetime.date | None
    parties: int
    signatories: int  # signed and not (yet) a party
    signatories_total: int  # every state that signed: the UN's "Signatories" count
    rows: list[ParticipantRow]  # after the region/status filters and the sort
    total: int  # participants before the filters
    series: list[tuple[datetime.date, int]]  # parties over time, up to `on`
    declarations: dict[str, list[ParticipantRow]]  # article -> declaring states (all, unfiltered)


def treaty_participants(
    *,
    treaty: Treaty,
    on: datetime.date | None = None,
    region: str = "",
    status: str = "",
    sort: str = "country",
) -> TreatyParticipants:
    """The participants table of one treaty at a date: two queries whatever the number of rows."""
    actions = actions_by_treaty([treaty.pk]).get(treaty.pk, [])
    if on is not None:
        actions = [a for a in actions if a.date <= on]
    statuses = derive_status(actions, on=on, entry_into_force=treaty.entry_into_force_for_state)
    countries = _country_map(statuses)
    all_rows = [_row(s, countries) for s in statuses.values()]
    counts = count_by_status(statuses.values())
    declarations: dict[str, list[ParticipantRow]] = defaultdict(list)
    for row in sorted(all_rows, key=lambda r: name_key(r.country_name)):
        for article, _date in row.declarations:
            if row not in declarations[article]:
                declarations[article].append(row)
    rows = [
        r
        for r in all_rows
        if (not region or r.region == region) and (not status or r.status == status)
    ]
    return TreatyParticipants(
        treaty=treaty,
        on=on,
        parties=counts[PARTY],
        signatories=counts[SIGNATORY],
        signatories_total=count_signed(statuses.values()),
        rows=_sort_rows(rows, sort if sort.lstrip("-") in SORT_KEYS else "country"),
        total=len(all_rows),
        series=parties_over_time(actions),
        declarations=dict(declarations),
    )


def _row(s: CountryStatus, countries: dict[str, Country]) -> ParticipantRow:
    country = countries.get(s.country_code)
    return ParticipantRow(
        country_code=s.country_code,
        country_name=country_name_for(s.country_code, countries),
        region=country.region if country else "",
        status=s.status,
        signed_on=s.signed_on,
        signature_kind=s.signature_kind,
        consent_on=s.consent_on,
        consent_kind=s.consent_kind,
        entry_into_force_on=s.entry_into_force_on,
        declarations=sorted(s.declarations),
    )


# --- Country page ---------------------------------------------------------------------------


@dataclass(slots=True)
class CountryTreatyRow(_StatusCells):
    treaty: Treaty
    status: Status
    signed_on: datetime.date | None
    consent_on: datetime.date | None
    consent_kind: str
    entry_into_force_on: datetime.date | None
    declarations: list[tuple[str, datetime.date]]


@dataclass(slots=True)
class CountryOverview:
    code: str
    name: str
    region: str
    subregion: str
    rows: list[CountryTreatyRow]
    untc_party_count: int  # "party to N of M" counts the UNTC treaties only
    untc_treaty_count: int

    @property
    def region_label(self) -> str:
        return region_label(self.region)

    @property
    def subregion_label(self) -> str:
        return subregion_label(self.subregion)


def country_overview(*, iso2: str) -> CountryOverview | None:
    """Every treaty's status for one country (three queries), or None for an unknown code."""
    code = iso2.upper()
    country = Country.objects.filter(iso2=code).first()
    if country is None and not (len(code) == 2 and code in dict(iso_countries)):
        return None
    treaties = sorted(Treaty.objects.all(), key=lambda t: (t.slug != HEADLINE_TREATY, t.position))
    records: dict[int, list[ActionRecord]] = defaultdict(list)
    for treaty_id, kind, date, article in (
        TreatyAction.objects.filter(country=code)
        .order_by()
        .values_list("treaty_id", "kind", "date", "article")
    ):
        records[treaty_id].append(ActionRecord(code, kind, date, article))
    un_member = country is not None and country.un_member_since is not None
    rows = []
    for treaty in treaties:
        s = derive_status(
            records.get(treaty.pk, []), entry_into_force=treaty.entry_into_force_for_state
        ).get(code, CountryStatus(country_code=code))
        rows.append(
            CountryTreatyRow(
                treaty=treaty,
                # A territory with no action of its own reads "not applicable", as on the map.
                status=applicable_status(s.status, code=code, un_member=un_member),
                signed_on=s.signed_on,
                consent_on=s.consent_on,
                consent_kind=s.consent_kind,
                entry_into_force_on=s.entry_into_force_on,
                declarations=sorted(s.declarations),
            )
        )
    untc = [r for r in rows if r.treaty.source == Treaty.Source.UNTC]
    return CountryOverview(
        code=code,
        name=country.localized_name if country else country_name_for(code, {}),
        region=country.region if country else "",
        subregion=country.subregion if country else "",
        rows=rows,
        untc_party_count=sum(1 for r in untc if r.status == PARTY),
        untc_treaty_count=len(untc),
    )
