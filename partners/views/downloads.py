"""The directory's results as files: CSV and GeoJSON of what the directory shows, with the same
filters, holding only what is public (contacts the partner chose to publish; the public point,
which is the city for a partner that hides its address)."""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_safe

from core.csv_export import csv_response, csv_text
from partners.forms import DirectoryFilterForm
from partners.models import Partner
from partners.selectors import partner_directory_search
from partners.selectors.profiles import (
    partner_geojson_collection,
    partner_page_url,
    partner_public_contact,
    partner_public_location,
)

CSV_COLUMNS = [
    "name",
    "slug",
    "url",
    "kind",
    "country",
    "state_province",
    "city",
    "website",
    "email",
    "phone",
    "address_1",
    "postal_code",
    "focus_areas",
    "languages",
    "latitude",
    "longitude",
    "last_verified_on",
]


def _filtered(request: HttpRequest) -> list[Partner]:
    _form, filters = DirectoryFilterForm.filters_from(request.GET)
    return list(partner_directory_search(filters=filters))


def _row(partner: Partner) -> list[Any]:
    contact = partner_public_contact(partner)
    point = partner_public_location(partner)
    return [
        partner.name,
        partner.slug,
        partner_page_url(partner.slug),
        partner.kind,
        str(partner.country.code),
        partner.state_province,
        partner.city,
        contact.get("website", ""),
        contact.get("email", ""),
        contact.get("phone", ""),
        contact.get("address_1", ""),
        contact.get("postal_code", ""),
        ";".join(sorted(f.slug for f in partner.focus_areas.all())),
        ";".join(sorted(lang.code for lang in partner.languages.all())),
        point[0] if point else "",
        point[1] if point else "",
        partner.last_verified_at.date().isoformat() if partner.last_verified_at else "",
    ]


def _filename(extension: str) -> str:
    return f"partners-{timezone.localdate().isoformat()}.{extension}"


@require_safe
def directory_csv(request: HttpRequest) -> HttpResponse:
    text = csv_text(CSV_COLUMNS, (_row(p) for p in _filtered(request)))
    return csv_response(text, filename=_filename("csv"), personal=False)


@require_safe
def directory_geojson(request: HttpRequest) -> HttpResponse:
    body = json.dumps(partner_geojson_collection(_filtered(request)), ensure_ascii=False)
    response = HttpResponse(body, content_type="application/geo+json")
    response["Content-Disposition"] = f'attachment; filename="{_filename("geojson")}"'
    return response
