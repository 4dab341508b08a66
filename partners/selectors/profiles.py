"""Reads of partner profiles. The public selectors here are the only way public pages, the API and
the map see a partner, so hidden fields (street address, e-mail, phone) are filtered here once.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet
from django.urls import NoReverseMatch, reverse

from partners.models import Partner


def partner_list_public() -> QuerySet[Partner]:
    """Published partners with their vocabularies prefetched, by name."""
    return (
        Partner.objects.filter(is_published=True)
        .prefetch_related("focus_areas", "languages")
        .order_by("name", "pk")
    )


def partner_get_public(*, slug: str) -> Partner:
    """A published partner; raises `Partner.DoesNotExist` otherwise (the caller makes it a 404)."""
    return partner_list_public().get(slug=slug)


def partner_list_for_country(*, country_code: str) -> list[Partner]:
    return list(partner_list_public().filter(country=country_code.upper()))


def partner_get_with_vocabularies(*, slug: str) -> Partner:
    """Any partner, published or not, with its vocabularies (the signed verification link)."""
    return Partner.objects.prefetch_related("focus_areas", "languages").get(slug=slug)


def partner_public_location(partner: Partner) -> tuple[float, float] | None:
    """The point the public may see: precise only when the address is public, else city-level."""
    if partner.show_address and partner.latitude is not None and partner.longitude is not None:
        return (float(partner.latitude), float(partner.longitude))
    if partner.city_latitude is not None and partner.city_longitude is not None:
        return (float(partner.city_latitude), float(partner.city_longitude))
    return None


def partner_page_url(slug: str) -> str:
    """The partner's public HTML page (relative), for map pop-ups and API clients."""
    try:
        return reverse("partners:partner-detail", kwargs={"slug": slug})
    except NoReverseMatch:  # the directory pages are optional for the API
        return ""


def partner_geojson_feature(partner: Partner) -> dict[str, Any] | None:
    """One GeoJSON Feature at the partner's public point (RFC 7946: [longitude, latitude])."""
    point = partner_public_location(partner)
    if point is None:
        return None
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [point[1], point[0]]},
        "properties": {
            "name": partner.name,
            "slug": partner.slug,
            "url": partner_page_url(partner.slug),
            "kind": partner.kind,
            "country": str(partner.country.code),
            "city": partner.city,
        },
    }


def partner_geojson_collection(partners: Iterable[Partner]) -> dict[str, Any]:
    """A FeatureCollection of the partners that have a public point."""
    features = [f for f in map(partner_geojson_feature, partners) if f is not None]
    return {"type": "FeatureCollection", "features": features}


def partner_public_contact(partner: Partner) -> dict[str, str]:
    """Contact details the partner chose to publish; hidden ones are absent, not blank."""
    contact: dict[str, str] = {}
    if partner.website:
        contact["website"] = partner.website
    if partner.show_email and partner.email:
        contact["email"] = partner.email
    if partner.show_phone and partner.phone:
        contact["phone"] = partner.phone
    if partner.show_address:
        if partner.address_1:
            contact["address_1"] = partner.address_1
        if partner.postal_code:
            contact["postal_code"] = partner.postal_code
    return contact


def partner_public_social_links(partner: Partner) -> list[str]:
    """Only web links: anything else (a `javascript:` URL slipped in via the admin or the API)
    would run in a visitor's browser when clicked."""
    return [
        link
        for link in partner.social_link_list
        if isinstance(link, str) and link.lower().startswith(("https://", "http://"))
    ]


def _field_label(name: str) -> str:
    try:
        return str(Partner._meta.get_field(name).verbose_name)  # type: ignore[union-attr]
    except Exception:  # a field removed since the record was written
        return name


def partner_history(*, partner: Partner, limit: int = 100) -> list[dict[str, Any]]:
    """History of a partner's profile: when, who, and which fields changed, newest first."""
    records = list(
        partner.history.select_related("history_user").order_by("-history_date", "-history_id")[
            : limit + 1
        ]
    )
    rows: list[dict[str, Any]] = []
    for newer, older in zip(records, [*records[1:], None], strict=False):
        if len(rows) >= limit:
            break
        changed: Iterable[str]
        if older is None:
            changed = []
        else:
            delta = newer.diff_against(older)
            changed = [c.field for c in delta.changes]
        rows.append(
            {
                "date": newer.history_date,
                "user": newer.history_user,
                "type": newer.get_history_type_display(),
                "fields": [_field_label(name) for name in changed],
            }
        )
    return rows


def demo_partner_count() -> int:
    """How many invented demo partners are loaded (one query), for the staff dashboard."""
    return Partner.objects.filter(is_demo=True).count()


# --- Partners as other apps refer to them (campaign signatures and activities) --------------


def partner_find(*, slug: str) -> Partner | None:
    """Any partner by slug, published or not, or None: the API names a partner to sign or act
    for, and who may do so is `partners.permissions`' decision, not the lookup's."""
    return Partner.objects.filter(slug=slug).first()


def partner_choices(*, pks: Iterable[int] = ()) -> QuerySet[Partner]:
    """The partners `pks` as a queryset, for a form's choice field (none by default)."""
    return Partner.objects.filter(pk__in=list(pks))
