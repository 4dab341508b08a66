"""What the maps show, as the builders' plain data.

Composes the ratification and partner selectors (maps is the one app allowed to import both):
every country with its status under a treaty at a date, and the published partners at their
PUBLIC point only. The numbers of queries are fixed, whatever the number of countries or partners
(pinned in tests/maps/test_selectors.py).
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from django.db.models import QuerySet
from django.urls import reverse
from django_countries import countries as iso_countries

from maps.builders import CountryStatus, PartnerPoint
from partners.models import FocusArea, Partner
from partners.selectors import (
    partner_list_for_country,
    partner_list_public,
    partner_public_location,
)
from ratification.models import Country, Treaty
from ratification.selectors.treaties import (
    HEADLINE_TREATY,
    CountryOverview,
    country_overview,
    name_key,
    treaty_participants,
)
from ratification.status import (
    NONE,
    PARTY,
    TreatyStatus,
    applicable_status,
    status_label,
)

# The shared vocabulary (ratification.status.TreatyStatus), in legend order.
STATUSES = tuple(TreatyStatus.values)

LAYER_COUNTRIES = "countries"
LAYER_PARTNERS = "partners"
LAYER_ACTIVITIES = "activities"
LAYERS = (LAYER_COUNTRIES, LAYER_PARTNERS, LAYER_ACTIVITIES)

# The days of action's approved activities, as points: campaigns lies above maps, so it hands
# maps the function that lists them (`CampaignsConfig.ready`) and maps never imports campaigns.
# Whatever writes change that list must call `maps.signals.map_data_changed`, as campaigns'
# signals do, so no cached render keeps an activity after its rejection.
ActivityPoints = Callable[[], Sequence[PartnerPoint]]
_activity_points: list[ActivityPoints] = []


def map_activities_register(provider: ActivityPoints) -> None:
    _activity_points[:] = [provider]


def map_activities() -> list[PartnerPoint]:
    """The public activities' points for the world map (none if no app provides them)."""
    return [point for provider in _activity_points for point in provider()]


# Coordinates are rounded to about a metre: more digits only make the page heavier.
_DECIMALS = 5
_SLUG_PLACEHOLDER = "slug-placeholder"


def map_status_label(status: str) -> str:
    """The same words as every other page (kept under this name for the map's callers)."""
    return status_label(status)


# --- Countries ------------------------------------------------------------------------------


@dataclass(frozen=True)
class RatificationData:
    treaty: Treaty
    on: datetime.date
    countries: list[CountryStatus]  # by name
    un_members: int
    un_member_counts: dict[str, int]  # status -> number of UN member states
    participants: int  # every participant, members or not (the EU, Cook Islands, Niue…)


def map_treaties() -> list[Treaty]:
    """The treaties the map can show, the ICRMW first (one query)."""
    return sorted(Treaty.objects.all(), key=lambda t: (t.slug != HEADLINE_TREATY, t.position))


def map_countries(*, treaty: Treaty, on: datetime.date) -> RatificationData:
    """Every country and territory with its status under `treaty` on `on`: three queries.

    UN member states and observer states that took no action are "none"; territories are
    "not_applicable"; a participant that is neither (the EU under the CRPD) is shown with its
    status all the same.
    """
    participants = treaty_participants(treaty=treaty, on=on)
    rows = {r.country_code: r for r in participants.rows}
    url_pattern = reverse("maps:country-detail", kwargs={"iso2": "ZZ"})
    result: list[CountryStatus] = []
    member_counts: Counter[str] = Counter()
    un_members = 0
    seen: set[str] = set()
    for country in Country.objects.all():
        seen.add(country.iso2)
        row = rows.get(country.iso2)
        is_member = country.un_member_since is not None
        status = applicable_status(
            row.status if row is not None else NONE, code=country.iso2, un_member=is_member
        )
        if is_member:
            un_members += 1
            member_counts[status] += 1
        result.append(
            CountryStatus(
                iso2=country.iso2,
                name=country.localized_name,
                status=status,
                status_label=map_status_label(status),
                signed_on=row.signed_on if row else None,
                party_on=row.consent_on if row and row.status == PARTY else None,
                url=url_pattern.replace("ZZ", country.iso2),
            )
        )
    for code, row in rows.items():
        if code in seen:
            continue
        result.append(
            CountryStatus(
                iso2=code,
                name=row.country_name,
                status=row.status,
                status_label=map_status_label(row.status),
                signed_on=row.signed_on,
                party_on=row.consent_on if row.status == PARTY else None,
                url=url_pattern.replace("ZZ", code),
            )
        )
    result.sort(key=lambda c: name_key(c.name))
    return RatificationData(
        treaty=treaty,
        on=on,
        countries=result,
        un_members=un_members,
        un_member_counts=dict(member_counts),
        participants=len(rows),
    )


# --- Partners -------------------------------------------------------------------------------


@dataclass(frozen=True)
class UnmappedPartner:
    name: str
    city: str
    country: str
    url: str


@dataclass(frozen=True)
class PartnerLayer:
    points: list[PartnerPoint]
    unmapped: list[UnmappedPartner]  # published, but with no public point yet


def _country_names() -> dict[str, str]:
    return {code: str(name) for code, name in iso_countries}


def _public_partners() -> QuerySet[Partner]:
    # Only what the map needs; focus areas come separately (see map_partners).
    return (
        partner_list_public()
        .prefetch_related(None)
        .only(
            "name",
            "slug",
            "city",
            "country",
            "show_address",
            "latitude",
            "longitude",
            "city_latitude",
            "city_longitude",
        )
    )


def _focus_labels(partners: QuerySet[Partner]) -> dict[int, tuple[str, ...]]:
    """Focus area labels per partner id in two flat queries.

    `prefetch_related` would build a model instance per (partner, area) pair and a queryset per
    partner: 30,000 objects and three quarters of the time for a 10,000-partner map.
    """
    areas = list(FocusArea.objects.order_by("name", "slug"))
    rank = {area.pk: i for i, area in enumerate(areas)}
    labels = {area.pk: area.label for area in areas}
    through = Partner.focus_areas.through
    grouped: dict[int, list[int]] = defaultdict(list)
    for partner_id, area_id in (
        through.objects.filter(partner__in=partners.values("pk"))
        .order_by()
        .values_list("partner_id", "focusarea_id")
    ):
        grouped[partner_id].append(area_id)
    return {
        pid: tuple(labels[a] for a in sorted(ids, key=rank.__getitem__))
        for pid, ids in grouped.items()
    }


def partner_layer(
    partners: Iterable[Partner], *, focus: dict[int, tuple[str, ...]] | None = None
) -> PartnerLayer:
    """Split partners into map points and the unmapped rest. `focus` maps partner ids to focus
    area labels; without it each partner's (prefetched) `focus_areas` are read.

    Only `partner_public_location` decides the point: a partner that hid its address is shown at
    its city, never at the exact point the geocoder found.
    """
    names = _country_names()
    url_pattern = reverse("partners:partner-detail", kwargs={"slug": _SLUG_PLACEHOLDER})
    points: list[PartnerPoint] = []
    unmapped: list[UnmappedPartner] = []
    for partner in partners:
        code = str(partner.country.code or "") if partner.country else ""
        country_name = names.get(code, code)
        # Slugs are [-a-zA-Z0-9_]: substituting them into one reversed URL needs no escaping
        # and is far cheaper than 10,000 calls to reverse().
        url = url_pattern.replace(_SLUG_PLACEHOLDER, partner.slug)
        point = partner_public_location(partner)
        if point is None:
            unmapped.append(UnmappedPartner(partner.name, partner.city, country_name, url))
            continue
        if focus is None:
            areas = tuple(area.label for area in partner.focus_areas.all())
        else:
            areas = focus.get(partner.pk, ())
        points.append(
            PartnerPoint(
                name=partner.name,
                city=partner.city,
                country=country_name,
                focus_areas=areas,
                url=url,
                lat=round(point[0], _DECIMALS),
                lon=round(point[1], _DECIMALS),
            )
        )
    return PartnerLayer(points=points, unmapped=unmapped)


def map_partners(*, country: str = "") -> PartnerLayer:
    """Published partners (of one country, if given) at their public point: three queries."""
    qs = _public_partners()
    if country:
        qs = qs.filter(country=country.upper())
    return partner_layer(qs, focus=_focus_labels(qs))


def map_partners_among(partners: QuerySet[Partner]) -> PartnerLayer:
    """The published partners among `partners` (the directory's filtered search, for one) at
    their public points: three queries, whatever the number of partners."""
    qs = _public_partners().filter(pk__in=partners.values("pk"))
    return partner_layer(qs, focus=_focus_labels(qs))


# --- Country card and country page ----------------------------------------------------------


@dataclass(frozen=True)
class CountryCard:
    code: str
    name: str
    region_label: str
    status: str  # under the ICRMW, today
    status_label: str
    signed_on: datetime.date | None
    party_on: datetime.date | None
    untc_party_count: int
    untc_treaty_count: int
    partners: Sequence[Partner]
    partner_layer: PartnerLayer


def country_icrmw_status(overview: CountryOverview) -> CountryStatus:
    """A country's ICRMW status today, as the map draws it (one query)."""
    icrmw = next((r for r in overview.rows if r.treaty.slug == HEADLINE_TREATY), None)
    status: str = icrmw.status if icrmw else NONE
    if icrmw is None:  # no ICRMW in the database: what the overview says of a treaty, said here
        is_member = Country.objects.filter(
            iso2=overview.code, un_member_since__isnull=False
        ).exists()
        status = applicable_status(NONE, code=overview.code, un_member=is_member)
    return CountryStatus(
        iso2=overview.code,
        name=overview.name,
        status=status,
        status_label=map_status_label(status),
        signed_on=icrmw.signed_on if icrmw else None,
        party_on=icrmw.consent_on if icrmw and icrmw.status == PARTY else None,
        url=reverse("maps:country-detail", kwargs={"iso2": overview.code}),
    )


def country_card(*, iso2: str) -> CountryCard | None:
    """A country's ICRMW status and the partners based there, or None for an unknown code."""
    overview = country_overview(iso2=iso2)
    if overview is None:
        return None
    icrmw = country_icrmw_status(overview)
    partners = partner_list_for_country(country_code=overview.code)
    return CountryCard(
        code=overview.code,
        name=overview.name,
        region_label=overview.region_label,
        status=icrmw.status,
        status_label=icrmw.status_label,
        signed_on=icrmw.signed_on,
        party_on=icrmw.party_on,
        untc_party_count=overview.untc_party_count,
        untc_treaty_count=overview.untc_treaty_count,
        partners=partners,
        partner_layer=partner_layer(partners),
    )
