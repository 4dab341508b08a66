"""Reads of the country table (UN M49 regions) that other apps build on.

Not-found contract (all selector modules): `*_get` returns None when there is no such object and
the caller decides (a view raises Http404, the API lets the exception handler answer 404);
list selectors return an empty list.
"""

from __future__ import annotations

from django.db.models import QuerySet

from ratification.models import Country


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
