"""The directory's counts come from one grouped pass, not one scan per facet: they must equal a
recount partner by partner for any combination of filters, and the page's queries are pinned."""

from __future__ import annotations

import itertools
import random

import pytest
from django.urls import reverse

from partners.models import Partner
from partners.selectors.directory import DirectoryFilters, partner_directory_counts
from ratification.selectors.countries import country_regions
from tests.factories import CountryFactory, FocusAreaFactory, LanguageFactory, PartnerFactory

pytestmark = pytest.mark.django_db

COUNTRIES = [
    ("MX", "MEX", "484", "Mexico", "Americas"),
    ("GT", "GTM", "320", "Guatemala", "Americas"),
    ("FR", "FRA", "250", "France", "Europe"),
    ("PH", "PHL", "608", "Philippines", "Asia"),
    ("KE", "KEN", "404", "Kenya", "Africa"),
]


def _world(rng: random.Random, n: int = 60) -> None:
    for iso2, iso3, numeric, name, region in COUNTRIES:
        CountryFactory(iso2=iso2, iso3=iso3, numeric=numeric, name=name, region=region)
    areas = [FocusAreaFactory(slug=s, name=s.title()) for s in ("detention", "health", "legal")]
    languages = [
        LanguageFactory(code="es", name="Spanish"),
        LanguageFactory(code="en", name="English", name_es="Inglés"),
        LanguageFactory(code="tl", name="Tagalog", name_es=""),
    ]
    kinds = [Partner.Kind.NGO, Partner.Kind.UNION, Partner.Kind.LEGAL]
    for i in range(n):
        partner = PartnerFactory(
            name=f"{rng.choice(['Alpha', 'Beta', 'Casa'])} {i}",
            description=rng.choice(["Legal aid.", "Shelter for families.", ""]),
            # ZZ: a code with no region (a partner whose country is not in the M49 table).
            country=rng.choice([c[0] for c in COUNTRIES] + ["ZZ"]),
            kind=rng.choice(kinds),
            is_published=rng.random() > 0.15,
        )
        partner.focus_areas.set(rng.sample(areas, rng.randint(0, 2)))
        partner.languages.set(rng.sample(languages, rng.randint(0, 2)))


def _matches(p: Partner, f: DirectoryFilters, region_of: dict[str, str], skip: str = "") -> bool:
    focus = {a.slug for a in p.focus_areas.all()}
    languages = {lang.code for lang in p.languages.all()}
    text = f.q.casefold()
    return (
        p.is_published
        and (not f.q or text in p.name.casefold() or text in p.description.casefold())
        and (skip == "country" or not f.country or str(p.country) == f.country)
        and (skip == "region" or not f.region or region_of.get(str(p.country)) == f.region)
        and (skip == "kind" or not f.kind or p.kind == f.kind)
        and (skip == "focus" or not f.focus or f.focus in focus)
        and (skip == "language" or not f.language or f.language in languages)
    )


def _recount(f: DirectoryFilters, region_of: dict[str, str]) -> dict[str, dict[str, int]]:
    partners = list(Partner.objects.prefetch_related("focus_areas", "languages"))
    counts: dict[str, dict[str, int]] = {k: {} for k in ("country", "region", "kind")}
    counts |= {"focus": {}, "language": {}}
    for p in partners:
        values = {
            "country": [str(p.country)],
            "region": [region_of[str(p.country)]] if str(p.country) in region_of else [],
            "kind": [p.kind],
            "focus": [a.slug for a in p.focus_areas.all()],
            "language": [lang.code for lang in p.languages.all()],
        }
        for facet, keys in values.items():
            if _matches(p, f, region_of, skip=facet):
                for key in keys:
                    counts[facet][key] = counts[facet].get(key, 0) + 1
    return counts


def test_counts_equal_a_recount_for_every_filter_combination():
    rng = random.Random(14)
    _world(rng)
    region_of = country_regions()
    options = {
        "q": ["", "alpha", "shelter"],
        "country": ["", "MX", "FR"],
        "region": ["", "Americas"],
        "kind": ["", "union"],
        "focus": ["", "health"],
        "language": ["", "en"],
    }
    for values in itertools.product(*options.values()):
        filters = DirectoryFilters(**dict(zip(options, values, strict=True)))
        counts = partner_directory_counts(filters=filters)
        expected = _recount(filters, region_of)
        got = {k: {f.value: f.count for f in v} for k, v in counts.facets.items()}
        assert got == expected, filters
        published = list(Partner.objects.prefetch_related("focus_areas", "languages"))
        matching = [p for p in published if _matches(p, filters, region_of)]
        assert counts.matching == len(matching), filters
        if not filters.q:
            assert counts.total == Partner.objects.filter(is_published=True).count()


def test_region_filter_is_case_insensitive_and_search_stays_correct(client):
    _world(random.Random(7), n=20)
    page = client.get(reverse("partners:partner-list"), {"region": "americas"})
    assert page.status_code == 200
    shown = {p.pk for p in page.context["partners"]}
    region_of = country_regions()
    expected = [
        p
        for p in Partner.objects.filter(is_published=True).order_by("name", "pk")
        if region_of.get(str(p.country)) == "Americas"
    ]
    assert shown == {p.pk for p in expected[:25]}
    assert page.context["page"].paginator.count == len(expected)


@pytest.mark.parametrize(
    ("params", "queries"),
    [
        # regions, grouped counts, focus facet, language facet, page, the page's focus areas
        ({}, 6),
        ({"country": "MX", "kind": "ngo", "focus": "health", "language": "en"}, 6),
        # and the form's region check (one query), and with a search text the unfiltered total
        ({"q": "alpha", "region": "Americas"}, 8),
    ],
)
def test_directory_page_queries_are_pinned(client, django_assert_num_queries, params, queries):
    _world(random.Random(3), n=40)
    match = PartnerFactory(name="Alpha match", country="MX", kind="ngo")
    match.focus_areas.add(FocusAreaFactory(slug="health"))
    match.languages.add(LanguageFactory(code="en"))
    client.get(reverse("partners:partner-list"))  # sessions, translations: not what is pinned
    with django_assert_num_queries(queries):
        response = client.get(reverse("partners:partner-list"), params)
    assert response.status_code == 200
    assert match in response.context["partners"]


def test_directory_page_queries_do_not_grow_with_partners(client, django_assert_num_queries):
    _world(random.Random(5), n=10)
    url = reverse("partners:partner-list")
    client.get(url)
    with django_assert_num_queries(6):
        client.get(url)
    _world(random.Random(6), n=60)
    with django_assert_num_queries(6):
        client.get(url)
