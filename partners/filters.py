"""django-filter FilterSets for the partner API."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from core.filtering import CaseInsensitiveChoiceFilter
from partners.models import Partner
from ratification.selectors.countries import country_codes_in_region

BBox = tuple[Decimal, Decimal, Decimal, Decimal]


class BBoxField(forms.CharField):
    """`min_lon,min_lat,max_lon,max_lat` in WGS84 degrees (the GeoJSON / OGC API order)."""

    default_error_messages = {
        "invalid": _(
            "Use bbox=min_lon,min_lat,max_lon,max_lat with four numbers, longitudes between "
            "-180 and 180, latitudes between -90 and 90, and each minimum below its maximum."
        )
    }

    def clean(self, value: Any) -> BBox | None:
        value = super().clean(value)
        if not value:
            return None
        parts = [part.strip() for part in str(value).split(",")]
        try:
            min_lon, min_lat, max_lon, max_lat = (Decimal(part) for part in parts)
        except (ValueError, InvalidOperation):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None
        numbers = (min_lon, min_lat, max_lon, max_lat)
        # NaN/Infinity parse as Decimals but cannot be compared: reject them first.
        if not all(n.is_finite() for n in numbers):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        in_range = all(-180 <= lon <= 180 for lon in (min_lon, max_lon)) and all(
            -90 <= lat <= 90 for lat in (min_lat, max_lat)
        )
        if not (in_range and min_lon <= max_lon and min_lat <= max_lat):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return (min_lon, min_lat, max_lon, max_lat)


@extend_schema_field(OpenApiTypes.STR)
class BBoxFilter(django_filters.Filter):
    field_class = BBoxField

    def filter(self, qs: QuerySet[Partner], value: BBox | None) -> QuerySet[Partner]:
        if not value:
            return qs
        min_lon, min_lat, max_lon, max_lat = value
        # Mirrors `partners.selectors.profiles.partner_public_location`: the precise point only
        # counts when the address is public, otherwise the city-level point does. Filtering on the
        # precise point of a hidden address would let a client triangulate it with tiny boxes.
        precise_public = Q(show_address=True, latitude__isnull=False, longitude__isnull=False)
        precise_inside = Q(
            latitude__gte=min_lat,
            latitude__lte=max_lat,
            longitude__gte=min_lon,
            longitude__lte=max_lon,
        )
        city_inside = Q(
            city_latitude__gte=min_lat,
            city_latitude__lte=max_lat,
            city_longitude__gte=min_lon,
            city_longitude__lte=max_lon,
        )
        return qs.filter((precise_public & precise_inside) | (~precise_public & city_inside))


class PartnerFilter(django_filters.FilterSet):
    country = django_filters.CharFilter(
        method="filter_country", label=_("Country (ISO 3166-1 alpha-2, e.g. MX)")
    )
    region = django_filters.CharFilter(
        method="filter_region", label=_("UN M49 region (e.g. Americas, Africa)")
    )
    kind = CaseInsensitiveChoiceFilter(choices=Partner.Kind.choices, label=_("Kind"))
    focus_area = django_filters.CharFilter(
        field_name="focus_areas__slug", lookup_expr="iexact", label=_("Focus area (slug)")
    )
    language = django_filters.CharFilter(
        field_name="languages__code", lookup_expr="iexact", label=_("Language (ISO 639-1 code)")
    )
    updated_since = django_filters.IsoDateTimeFilter(
        field_name="updated_at",
        lookup_expr="gte",
        label=_("Changed at or after this ISO 8601 date-time"),
    )
    bbox = BBoxFilter(label=_("Bounding box: min_lon,min_lat,max_lon,max_lat"))

    class Meta:
        model = Partner
        fields = ["country", "region", "kind", "focus_area", "language", "updated_since", "bbox"]

    def filter_country(self, qs: QuerySet[Partner], name: str, value: str) -> QuerySet[Partner]:
        return qs.filter(country=value.strip().upper())

    def filter_region(self, qs: QuerySet[Partner], name: str, value: str) -> QuerySet[Partner]:
        # A subquery, not a list: the filter stays one SQL statement whatever the region size.
        return qs.filter(country__in=country_codes_in_region(region=value))
