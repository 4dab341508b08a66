"""Writes to partner profiles: create, update, approve, publish.

Every entry point (member form, API, CSV import, the Django admin's save_model, the demo loader)
goes through these, so validation, history, the geocoding trigger and the manual-location rule
live in one place.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from core.fields import reject_unknown_fields
from core.users import AnyUser, history_user_set
from partners import geocoding_tasks
from partners.models import FocusArea, Language, Partner
from partners.validators import reserved_slugs

# Fields whose change means the partner has moved, so its coordinates must be recomputed.
LOCATION_FIELDS = frozenset({"address_1", "postal_code", "city", "state_province", "country"})
M2M_FIELDS = frozenset({"focus_areas", "languages"})
# The public profile as its own members edit it (HTML form and API alike), in display order.
PROFILE_FIELDS = (
    "name",
    "kind",
    "description",
    "description_language",
    "description_translation",
    "website",
    "email",
    "show_email",
    "phone",
    "show_phone",
    "social_links",
    "country",
    "state_province",
    "city",
    "address_1",
    "postal_code",
    "show_address",
    "latitude",
    "longitude",
)
# What services may set: the profile plus fields written by staff (admin), the CSV import and the
# demo loader. The geocoder writes its own result fields in services/geocoding.py.
EDITABLE_FIELDS = frozenset(PROFILE_FIELDS) | {
    "city_latitude",
    "city_longitude",
    "is_published",
    "last_verified_at",
    "is_demo",
}


def _slug_base(name: str) -> str:
    base = slugify(name)[:70].strip("-") or "partner"
    if base in reserved_slugs():
        base = f"{base}-partner"
    return base


def partner_slug_not_in(name: str, *, taken: set[str]) -> str:
    """A slug for `name` that is not in `taken` (for bulk creation: no query per row); the
    caller adds it to `taken`."""
    base = candidate = _slug_base(name)
    n = 2
    while candidate in taken:
        candidate = f"{base}-{n}"
        n += 1
    return candidate


def partner_unique_slug(name: str, *, exclude_pk: int | None = None) -> str:
    base = _slug_base(name)
    candidate = base
    n = 2
    qs = Partner.objects.all()
    if exclude_pk is not None:
        qs = qs.exclude(pk=exclude_pk)
    while qs.filter(slug=candidate).exists():
        candidate = f"{base}-{n}"
        n += 1
    return candidate


def _enqueue_geocode(partner: Partner) -> None:
    # The geocoder must only run once the row is committed (a worker reading it earlier would
    # see the old address or no row at all).
    pk = partner.pk
    transaction.on_commit(lambda: geocoding_tasks.partner_geocode.delay(pk))


def _set_m2m(
    partner: Partner,
    focus_areas: Iterable[FocusArea | str] | None,
    languages: Iterable[Language | str] | None,
) -> bool:
    changed = False
    if focus_areas is not None:
        items = list(focus_areas)
        slugs = [f for f in items if isinstance(f, str)]
        wanted: set[int] = {f.pk for f in items if isinstance(f, FocusArea)}
        if slugs:
            wanted |= set(FocusArea.objects.filter(slug__in=slugs).values_list("pk", flat=True))
        if wanted != set(partner.focus_areas.values_list("pk", flat=True)):
            partner.focus_areas.set(list(wanted))
            changed = True
    if languages is not None:
        codes = {lang.pk if isinstance(lang, Language) else lang for lang in languages}
        if codes != set(partner.languages.values_list("pk", flat=True)):
            partner.languages.set(list(Language.objects.filter(pk__in=codes)))
            changed = True
    return changed


@transaction.atomic
def partner_create(
    *,
    name: str,
    country: str,
    user: AnyUser = None,
    focus_areas: Iterable[FocusArea | str] | None = None,
    languages: Iterable[Language | str] | None = None,
    slug: str = "",
    **fields: Any,
) -> Partner:
    """Create a partner (unpublished unless `is_published=True` is passed) and geocode it after
    commit unless coordinates were given."""
    reject_unknown_fields(fields, EDITABLE_FIELDS | {"approved_at"}, what="partner")
    partner = Partner(name=name, country=country, slug=slug or partner_unique_slug(name), **fields)
    if partner.latitude is not None and partner.longitude is not None:
        partner.location_source = Partner.LocationSource.MANUAL
        partner.geocode_status = Partner.GeocodeStatus.MANUAL
    else:
        partner.geocode_status = Partner.GeocodeStatus.PENDING
    partner.full_clean()
    history_user_set(partner, user)
    partner.save()
    _set_m2m(partner, focus_areas, languages)
    if partner.geocode_status == Partner.GeocodeStatus.PENDING:
        _enqueue_geocode(partner)
    return partner


def partner_apply_changes(*, partner: Partner, fields: dict[str, Any]) -> tuple[set[str], bool]:
    """Set the changed scalar `fields` on `partner` in memory and apply the location rules.

    Returns the fields to save and whether the partner must be geocoded again. Shared by
    `partner_update` and the bulk CSV import so both follow one rule: changing latitude and
    longitude (to values other than the stored ones) pins the location, clearing them hands it
    back to the geocoder, and a changed address re-geocodes a partner that is not pinned.
    """
    changed = [name for name, value in fields.items() if getattr(partner, name) != value]
    for name in changed:
        setattr(partner, name, fields[name])
    update_fields = set(changed)
    geocode = False

    # Only coordinates that differ from the stored ones are a decision to pin the point: the
    # edit form always posts back the geocoded point it showed, and treating that as "set by
    # hand" froze every profile saved once (a later move of city never re-geocoded it).
    if {"latitude", "longitude"} & update_fields:
        if partner.latitude is not None and partner.longitude is not None:
            partner.location_source = Partner.LocationSource.MANUAL
            partner.geocode_status = Partner.GeocodeStatus.MANUAL
            update_fields |= {"location_source", "geocode_status"}
        else:
            # Cleared: hand the location back to the geocoder.
            partner.latitude = partner.longitude = None
            partner.location_source = Partner.LocationSource.NONE
            update_fields |= {"latitude", "longitude", "location_source"}
            geocode = True
    if LOCATION_FIELDS & update_fields and not partner.has_manual_location:
        geocode = True
    if geocode:
        partner.geocode_status = Partner.GeocodeStatus.PENDING
        partner.geocode_attempts = 0
        partner.geocode_error = ""
        update_fields |= {"geocode_status", "geocode_attempts", "geocode_error"}

    return update_fields, geocode


@transaction.atomic
def partner_update(*, partner: Partner, user: AnyUser = None, **fields: Any) -> Partner:
    """Apply `fields` to `partner`.

    Changing latitude and longitude (to values other than the stored ones) pins the location:
    the geocoder never overwrites it; clearing both hands it back to the geocoder. A changed
    address re-geocodes a partner that is not pinned.
    """
    focus_areas = fields.pop("focus_areas", None)
    languages = fields.pop("languages", None)
    reject_unknown_fields(fields, EDITABLE_FIELDS, what="partner")

    update_fields, geocode = partner_apply_changes(partner=partner, fields=fields)

    if "name" in update_fields and not partner.slug:
        partner.slug = partner_unique_slug(partner.name, exclude_pk=partner.pk)
        update_fields.add("slug")

    partner.full_clean()
    m2m_changed = _set_m2m(partner, focus_areas, languages)
    if update_fields or m2m_changed:
        history_user_set(partner, user)
        # Saving even for an m2m-only change writes a history row recording the new sets.
        partner.save(update_fields=sorted(update_fields | {"updated_at"}))
    if geocode:
        _enqueue_geocode(partner)
    return partner


@transaction.atomic
def partner_approve(*, partner: Partner, user: AnyUser = None) -> Partner:
    """Staff approval: the profile becomes public and counts as verified today."""
    now = timezone.now()
    partner.approved_at = partner.approved_at or now
    partner.is_published = True
    partner.last_verified_at = partner.last_verified_at or now
    history_user_set(partner, user)
    partner.save(update_fields=["approved_at", "is_published", "last_verified_at", "updated_at"])
    return partner


def partner_set_published(*, partner: Partner, published: bool, user: AnyUser = None) -> Partner:
    if partner.is_published == published:
        return partner
    partner.is_published = published
    if published and partner.approved_at is None:
        partner.approved_at = timezone.now()
    history_user_set(partner, user)
    partner.save(update_fields=["is_published", "approved_at", "updated_at"])
    return partner


@transaction.atomic
def partner_delete(*, partner: Partner, user: AnyUser = None) -> None:
    """Delete a partner with its memberships, invitations and commitments (staff only)."""
    history_user_set(partner, user)
    partner.delete()
