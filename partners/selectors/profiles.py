"""Reads of partner profiles. The public selectors here are the only way public pages, the API and
the map see a partner, so hidden fields (street address, e-mail, phone) are filtered here once.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db.models import QuerySet
from django.urls import NoReverseMatch, reverse
from django_countries import countries

from partners.models import Partner
from partners.validators import social_links_or_empty


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


def public_point(
    show_address: bool,
    latitude: Any,
    longitude: Any,
    city_latitude: Any,
    city_longitude: Any,
) -> tuple[float, float] | None:
    """The one rule for the point the public may see, from plain column values (the lists read
    `.values()`, not models): precise only when the address is public, else city-level."""
    if show_address and latitude is not None and longitude is not None:
        return (float(latitude), float(longitude))
    if city_latitude is not None and city_longitude is not None:
        return (float(city_latitude), float(city_longitude))
    return None


def partner_public_location(partner: Partner) -> tuple[float, float] | None:
    """The point the public may see: precise only when the address is public, else city-level."""
    return public_point(
        partner.show_address,
        partner.latitude,
        partner.longitude,
        partner.city_latitude,
        partner.city_longitude,
    )


def partner_page_url(slug: str) -> str:
    """The partner's public HTML page (relative), for map pop-ups and API clients."""
    try:
        return reverse("partners:partner-detail", kwargs={"slug": slug})
    except NoReverseMatch:  # the directory pages are optional for the API
        return ""


# Slugs are [-a-zA-Z0-9_]: putting them into one reversed URL needs no escaping and is far
# cheaper than a reverse() per row.
_SLUG_PLACEHOLDER = "slug-placeholder"


def _page_url_pattern() -> str:
    return partner_page_url(_SLUG_PLACEHOLDER)


def _feature(point: tuple[float, float], **properties: str) -> dict[str, Any]:
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [point[1], point[0]]},
        "properties": properties,
    }


def partner_geojson_feature(partner: Partner) -> dict[str, Any] | None:
    """One GeoJSON Feature at the partner's public point (RFC 7946: [longitude, latitude])."""
    point = partner_public_location(partner)
    if point is None:
        return None
    return _feature(
        point,
        name=partner.name,
        slug=partner.slug,
        url=partner_page_url(partner.slug),
        kind=partner.kind,
        country=str(partner.country.code),
        city=partner.city,
    )


def public_contact(row: Mapping[str, Any]) -> dict[str, str]:
    """The one rule for public contact details, from a row of `PUBLIC_CONTACT_COLUMNS`: only
    what the partner chose to publish; hidden ones are absent, not blank."""
    contact: dict[str, str] = {}
    if row["website"]:
        contact["website"] = row["website"]
    if row["show_email"] and row["email"]:
        contact["email"] = row["email"]
    if row["show_phone"] and row["phone"]:
        contact["phone"] = row["phone"]
    if row["show_address"]:
        if row["address_1"]:
            contact["address_1"] = row["address_1"]
        if row["postal_code"]:
            contact["postal_code"] = row["postal_code"]
    return contact


PUBLIC_CONTACT_COLUMNS = (
    "website",
    "show_email",
    "email",
    "show_phone",
    "phone",
    "show_address",
    "address_1",
    "postal_code",
)


# --- Lists as plain rows: the API reads `.values()`, not models ------------------------------

# Columns `partner_public_rows` reads. Private ones (e-mail, phone, street address, the precise
# point) are among them only so that the rules above can decide; no row it returns carries one
# the partner did not publish.
PUBLIC_ROW_COLUMNS = (
    "pk",
    "slug",
    "name",
    "kind",
    "description",
    "description_language",
    "description_translation",
    "country",
    "city",
    "state_province",
    *PUBLIC_CONTACT_COLUMNS,
    "latitude",
    "longitude",
    "city_latitude",
    "city_longitude",
    "social_links",
    "last_verified_at",
    "updated_at",
)
_LOCATION_COLUMNS = ("show_address", "latitude", "longitude", "city_latitude", "city_longitude")


def partner_public_values(partners: QuerySet[Partner]) -> QuerySet[Partner, dict[str, Any]]:
    """`partners` (already limited to published ones) as the rows `partner_public_rows` needs:
    one query, no model instances, no prefetching."""
    return partners.prefetch_related(None).values(*PUBLIC_ROW_COLUMNS)


def _vocabularies(
    ids: list[int], through: Any, target: str, columns: tuple[str, str, str]
) -> dict[int, list[dict[str, str]]]:
    """Focus areas or languages of the partners `ids`, by name as the models order them: one
    query for any number of partners."""
    key, name, name_es = columns
    grouped: dict[int, list[dict[str, str]]] = {pk: [] for pk in ids}
    if not ids:
        return grouped
    rows = (
        through.objects.filter(partner_id__in=ids)
        .order_by(f"{target}__name", f"{target}__pk")
        .values_list("partner_id", f"{target}__{key}", f"{target}__name", f"{target}__name_es")
    )
    for partner_id, value, label, label_es in rows:
        grouped[partner_id].append({key: value, name: label, name_es: label_es})
    return grouped


def partner_public_rows(rows: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Rows of `partner_public_values` as the public API shows them (`PartnerPublicSerializer`'s
    fields, datetimes left as datetimes), with their focus areas and languages: two queries
    for any number of rows, and the same visibility rules as `partner_public_contact`,
    `partner_public_location` and `partner_public_social_links`."""
    rows = list(rows)
    ids = [row["pk"] for row in rows]
    focus = _vocabularies(
        ids, Partner.focus_areas.through, "focusarea", ("slug", "name", "name_es")
    )
    languages = _vocabularies(
        ids, Partner.languages.through, "language", ("code", "name", "name_es")
    )
    page_url = _page_url_pattern()
    result = []
    for row in rows:
        point = public_point(*(row[name] for name in _LOCATION_COLUMNS))
        code = str(row["country"])
        result.append(
            {
                "slug": row["slug"],
                "name": row["name"],
                "kind": row["kind"],
                "description": row["description"],
                "description_language": row["description_language"],
                "description_translation": row["description_translation"],
                "country": code,
                "country_name": str(countries.name(code)),
                "city": row["city"],
                "state_province": row["state_province"],
                "contact": public_contact(row),
                "location": None
                if point is None
                else {"latitude": point[0], "longitude": point[1]},
                "social_links": public_social_links(row["social_links"]),
                "focus_areas": focus[row["pk"]],
                "languages": languages[row["pk"]],
                "last_verified_at": row["last_verified_at"],
                "updated_at": row["updated_at"],
                "page_url": page_url.replace(_SLUG_PLACEHOLDER, row["slug"]) if page_url else "",
            }
        )
    return result


GEOJSON_COLUMNS = ("name", "slug", "kind", "country", "city", *_LOCATION_COLUMNS)


def partner_geojson_features(partners: QuerySet[Partner]) -> list[dict[str, Any]]:
    """GeoJSON Features of `partners` at their public points (see `partner_geojson_feature`),
    from one `.values()` query; partners without a public point are left out."""
    page_url = _page_url_pattern()
    features = []
    for row in partners.prefetch_related(None).values(*GEOJSON_COLUMNS):
        point = public_point(*(row[name] for name in _LOCATION_COLUMNS))
        if point is None:
            continue
        features.append(
            _feature(
                point,
                name=row["name"],
                slug=row["slug"],
                url=page_url.replace(_SLUG_PLACEHOLDER, row["slug"]) if page_url else "",
                kind=row["kind"],
                country=str(row["country"]),
                city=row["city"],
            )
        )
    return features


def partner_public_contact(partner: Partner) -> dict[str, str]:
    """Contact details the partner chose to publish; hidden ones are absent, not blank."""
    return public_contact({name: getattr(partner, name) for name in PUBLIC_CONTACT_COLUMNS})


def public_social_links(value: Any) -> list[str]:
    """Only web links, from the stored value: anything else (a `javascript:` URL slipped in via
    the admin or the API) would run in a visitor's browser when clicked."""
    return [
        link
        for link in social_links_or_empty(value)
        if link.lower().startswith(("https://", "http://"))
    ]


def partner_public_social_links(partner: Partner) -> list[str]:
    """Only web links (see `public_social_links`)."""
    return public_social_links(partner.social_links)


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
