"""The public directory: search by the directory filters, and the counts per filter value.

The counts come in one pass over the published partners rather than one scan per facet: one
grouped query by (country, kind) (with a flag column for each of the focus area and language
filters, when set) gives the country, region and kind facets, the number of matching partners
and, without a search text, the unfiltered total; one grouped query each gives the focus area and
language facets. Four queries whatever the number of partners (pinned in
tests/partners/test_directory_queries.py), each served by an index on published partners
(`Partner.Meta.indexes`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.db.models.lookups import Contains
from django.utils import translation
from django_countries import countries

from core.search import Folded, fold, search_words, text_matches
from partners.models import FocusArea, Language, Partner
from partners.selectors.profiles import partner_list_public
from ratification.names import region_label
from ratification.selectors.countries import country_regions
from ratification.selectors.treaties import name_key


@dataclass(frozen=True)
class DirectoryFilters:
    q: str = ""
    country: str = ""
    region: str = ""
    kind: str = ""
    focus: str = ""
    language: str = ""

    def as_dict(self) -> dict[str, str]:
        return {k: v for k, v in self.__dict__.items() if v}


@dataclass(frozen=True)
class Facet:
    value: str
    label: str
    count: int


@dataclass(frozen=True)
class DirectoryCounts:
    facets: dict[str, list[Facet]]
    matching: int  # partners matching every filter: the directory's row count
    total: int | None = field(default=None)  # published partners, when filters.q is empty


# What the search box looks in: the partner's own texts in both languages...
SEARCH_FIELDS = ["name", "description", "description_translation", "city", "state_province"]


def _vocabulary_matches(word: str) -> Q:
    """...and the names, in English and in Spanish, of its country (django-countries' names,
    folded here), its focus areas and its languages (folded in the database: no extra query)."""
    focus = Partner.focus_areas.through.objects.filter(
        Q(Contains(Folded(F("focusarea__name")), word))
        | Q(Contains(Folded(F("focusarea__name_es")), word))
    ).values("partner_id")
    spoken = Partner.languages.through.objects.filter(
        Q(Contains(Folded(F("language__name")), word))
        | Q(Contains(Folded(F("language__name_es")), word))
    ).values("partner_id")
    country_codes: set[str] = set()
    for language in ("en", "es"):
        with translation.override(language):
            country_codes.update(code for code, name in countries if word in fold(name))
    return Q(country__in=sorted(country_codes)) | Q(pk__in=focus) | Q(pk__in=spoken)


def _search(query: str) -> Q:
    """Every word typed is found somewhere: in a text (full-text search on PostgreSQL) or in a
    vocabulary name, accent- and case-blind ("asociacion" finds "Asociación")."""
    q = Q()
    for word in search_words(query):
        q &= text_matches(connection, SEARCH_FIELDS, word) | _vocabulary_matches(word)
    return q


def _codes_in_region(region: str, region_of: dict[str, str]) -> list[str]:
    wanted = region.strip().casefold()
    return sorted(code for code, name in region_of.items() if name.casefold() == wanted)


def _has_focus(slug: str, partner: str) -> Exists:
    through = Partner.focus_areas.through
    return Exists(through.objects.filter(partner_id=OuterRef(partner), focusarea__slug=slug))


def _has_language(code: str, partner: str) -> Exists:
    through = Partner.languages.through
    return Exists(through.objects.filter(partner_id=OuterRef(partner), language_id=code))


def _partner_q(
    filters: DirectoryFilters, region_of: dict[str, str], *, skip: Iterable[str] = ()
) -> Q:
    """The filters as one condition on partners. Many-valued filters are EXISTS conditions,
    never joins: a partner is counted once."""
    skip = set(skip)
    q = Q(is_published=True)
    if filters.q:
        q &= _search(filters.q)
    if filters.country and "country" not in skip:
        q &= Q(country=filters.country.upper())
    if filters.region and "region" not in skip:
        q &= Q(country__in=_codes_in_region(filters.region, region_of))
    if filters.kind and "kind" not in skip:
        q &= Q(kind=filters.kind)
    if filters.focus and "focus" not in skip:
        q &= Q(_has_focus(filters.focus, "pk"))
    if filters.language and "language" not in skip:
        q &= Q(_has_language(filters.language, "pk"))
    return q


def partner_directory_search(
    *, filters: DirectoryFilters, region_of: dict[str, str] | None = None
) -> QuerySet[Partner]:
    """Published partners matching the directory filters, by name, with the focus areas the
    directory shows prefetched. Pass the `region_of` of `partner_directory_counts` to save its
    query."""
    region_of = region_of if region_of is not None else country_regions()
    return (
        partner_list_public()
        .prefetch_related(None)
        .prefetch_related("focus_areas")
        .filter(_partner_q(filters, region_of))
    )


def partner_directory_total() -> int:
    """How many partners the directory lists without filters (one query)."""
    return Partner.objects.filter(is_published=True).count()


def _vocabulary_facets(
    model: type[FocusArea] | type[Language],
    filters: DirectoryFilters,
    region_of: dict[str, str],
    skip: str,
    value: str,
) -> list[Facet]:
    """Focus areas or languages with the number of partners matching every other filter."""
    partners = Partner.objects.filter(_partner_q(filters, region_of, skip=[skip])).values("pk")
    rows = (
        model.objects.filter(partners__in=partners).annotate(n=Count("partners")).order_by("name")
    )
    return [Facet(str(getattr(row, value)), row.label, row.n) for row in rows]


def partner_directory_counts(
    *, filters: DirectoryFilters, region_of: dict[str, str] | None = None
) -> DirectoryCounts:
    """Counts per filter value, each facet counted with every *other* filter applied (so a
    visitor sees how many results each choice would give from where they are), and the number
    of matching partners. Four queries (five with a search text: the unfiltered total)."""
    region_of = region_of if region_of is not None else country_regions()
    base = Partner.objects.filter(_partner_q(filters, region_of, skip=_ALL_BUT_Q))
    columns = ["country", "kind"]
    flags: dict[str, Any] = {}
    if filters.focus:
        flags["has_focus"] = _has_focus(filters.focus, "pk")
    if filters.language:
        flags["has_language"] = _has_language(filters.language, "pk")
    groups = base.annotate(**flags).values(*columns, *flags).annotate(n=Count("pk")).order_by()

    wanted_region = filters.region.strip().casefold()
    by_country: dict[str, int] = defaultdict(int)
    by_region: dict[str, int] = defaultdict(int)
    by_kind: dict[str, int] = defaultdict(int)
    matching = total = 0
    for row in groups:
        code, kind, n = str(row["country"]), row["kind"], row["n"]
        region = region_of.get(code, "")
        ok = {
            "country": not filters.country or code == filters.country.upper(),
            "region": not wanted_region or region.casefold() == wanted_region,
            "kind": not filters.kind or kind == filters.kind,
            "focus": row.get("has_focus", True),
            "language": row.get("has_language", True),
        }
        total += n
        if all(ok.values()):
            matching += n
        if all(v for k, v in ok.items() if k != "country"):
            by_country[code] += n
        if region and all(v for k, v in ok.items() if k != "region"):
            by_region[region] += n
        if all(v for k, v in ok.items() if k != "kind"):
            by_kind[kind] += n

    kind_labels = dict(Partner.Kind.choices)
    facets = {
        "country": sorted(
            (Facet(c, str(countries.name(c) or c), n) for c, n in by_country.items()),
            key=lambda f: name_key(f.label),  # "Åland" with the A's, "Perú" before "Polonia"
        ),
        "region": sorted(
            (Facet(r, region_label(r), n) for r, n in by_region.items()),
            key=lambda f: name_key(f.label),
        ),
        "kind": [
            Facet(k, str(kind_labels.get(k, k)), by_kind[k]) for k in sorted(by_kind) if by_kind[k]
        ],
        "focus": _vocabulary_facets(FocusArea, filters, region_of, "focus", "slug"),
        "language": _vocabulary_facets(Language, filters, region_of, "language", "code"),
    }
    return DirectoryCounts(
        facets=facets,
        matching=matching,
        total=None if filters.q else total,
    )


# The grouped query applies only the search text: every other filter is a column it groups by.
_ALL_BUT_Q = ("country", "region", "kind", "focus", "language")


def partner_directory_facets(*, filters: DirectoryFilters) -> dict[str, list[Facet]]:
    """Counts per filter value (see `partner_directory_counts`)."""
    return partner_directory_counts(filters=filters).facets
