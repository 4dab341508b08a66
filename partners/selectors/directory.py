"""The public directory: search by the directory filters, and the counts per filter value."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import Count, F, Q, QuerySet
from django.db.models.lookups import Contains
from django.utils import translation
from django_countries import countries

from core.search import Folded, fold, search_words, text_matches
from partners.models import FocusArea, Language, Partner
from partners.selectors.profiles import partner_list_public
from ratification.names import region_label
from ratification.selectors.countries import country_codes_in_region, country_regions
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


def _countries_in_region(region: str) -> list[str]:
    return list(country_codes_in_region(region=region))


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


def _search(qs: QuerySet[Partner], query: str) -> QuerySet[Partner]:
    """Every word typed is found somewhere: in a text (full-text search on PostgreSQL) or in a
    vocabulary name, accent- and case-blind ("asociacion" finds "Asociación")."""
    for word in search_words(query):
        qs = qs.filter(text_matches(connection, SEARCH_FIELDS, word) | _vocabulary_matches(word))
    return qs


def _apply_filters(
    qs: QuerySet[Partner], filters: DirectoryFilters, *, skip: str = ""
) -> QuerySet[Partner]:
    if filters.q:
        qs = _search(qs, filters.q)
    if filters.country and skip != "country":
        qs = qs.filter(country=filters.country.upper())
    if filters.region and skip != "region":
        qs = qs.filter(country__in=_countries_in_region(filters.region))
    if filters.kind and skip != "kind":
        qs = qs.filter(kind=filters.kind)
    if filters.focus and skip != "focus":
        qs = qs.filter(focus_areas__slug=filters.focus)
    if filters.language and skip != "language":
        qs = qs.filter(languages__code=filters.language)
    return qs


def partner_directory_search(*, filters: DirectoryFilters) -> QuerySet[Partner]:
    """Published partners matching the directory filters (distinct, prefetched, by name)."""
    base = Partner.objects.filter(is_published=True)
    ids = _apply_filters(base, filters).values("pk")
    return partner_list_public().filter(pk__in=ids)


def partner_directory_total() -> int:
    """How many partners the directory lists without filters (one query)."""
    return Partner.objects.filter(is_published=True).count()


@dataclass(frozen=True)
class Facet:
    value: str
    label: str
    count: int


def partner_directory_facets(*, filters: DirectoryFilters) -> dict[str, list[Facet]]:
    """Counts per filter value, one aggregate query per facet (not per row).

    Each facet is counted with every *other* filter applied, so a user sees how many results
    each choice would give from where they are.
    """
    published = Partner.objects.filter(is_published=True)
    facets: dict[str, list[Facet]] = {}

    def ids(skip: str) -> Any:
        return _apply_filters(published, filters, skip=skip).values("pk")

    country_rows = (
        Partner.objects.filter(pk__in=ids("country"))
        .values("country")
        .annotate(n=Count("pk"))
        .order_by("country")
    )
    facets["country"] = sorted(
        (
            Facet(str(r["country"]), str(countries.name(r["country"]) or r["country"]), r["n"])
            for r in country_rows
        ),
        key=lambda f: name_key(f.label),  # "Åland" with the A's, "Perú" before "Polonia"
    )

    region_counts: dict[str, int] = {}
    region_of = country_regions()
    for r in (
        Partner.objects.filter(pk__in=ids("region"))
        .values("country")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        region = region_of.get(str(r["country"]))
        if region:
            region_counts[region] = region_counts.get(region, 0) + r["n"]
    facets["region"] = sorted(
        (Facet(k, region_label(k), v) for k, v in region_counts.items()),
        key=lambda f: name_key(f.label),
    )

    kind_labels = dict(Partner.Kind.choices)
    facets["kind"] = [
        Facet(r["kind"], str(kind_labels.get(r["kind"], r["kind"])), r["n"])
        for r in Partner.objects.filter(pk__in=ids("kind"))
        .values("kind")
        .annotate(n=Count("pk"))
        .order_by("kind")
    ]

    focus_rows = (
        FocusArea.objects.filter(partners__in=ids("focus"))
        .annotate(n=Count("partners", distinct=True))
        .order_by("name")
    )
    facets["focus"] = [Facet(f.slug, f.label, f.n) for f in focus_rows]

    language_rows = (
        Language.objects.filter(partners__in=ids("language"))
        .annotate(n=Count("partners", distinct=True))
        .order_by("name")
    )
    facets["language"] = [Facet(lang.code, lang.label, lang.n) for lang in language_rows]
    return facets
