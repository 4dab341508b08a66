"""Reads for partners. Public selectors are the only way public pages, the API and the map see a
partner, so hidden fields (street address, e-mail, phone) are filtered here once.

Not-found contract (every selectors module in the project): a `*_get*` selector returns the
object or raises the model's `DoesNotExist`, like `QuerySet.get`; HTML views turn that into a
404 with `core.http.object_or_404`, and the API's exception handler answers 404 by itself.
A read whose "nothing" is an ordinary answer is named `*_for_*`/`*_find` and returns None or an
empty list.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.db.models import Count, Prefetch, Q, QuerySet
from django.urls import NoReverseMatch, reverse
from rest_framework.authtoken.models import Token

from core.users import AnyUser, actor_or_none
from partners.models import (
    Commitment,
    CommitmentUpdate,
    FocusArea,
    Invitation,
    JoinRequest,
    Language,
    Membership,
    Partner,
)
from ratification.names import region_label
from ratification.selectors.countries import country_codes_in_region, country_regions
from ratification.selectors.treaties import name_key


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


def partner_public_commitments(*, partner: Partner) -> list[Commitment]:
    """Commitments of a published partner with their dated updates (empty when unpublished)."""
    if not partner.is_published:
        return []
    return list(
        partner.commitments.select_related("treaty").prefetch_related(
            Prefetch("updates", queryset=CommitmentUpdate.objects.order_by("-date", "-id"))
        )
    )


# --- Directory search and facets -------------------------------------------------------------


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


def _apply_filters(
    qs: QuerySet[Partner], filters: DirectoryFilters, *, skip: str = ""
) -> QuerySet[Partner]:
    if filters.q:
        qs = qs.filter(Q(name__icontains=filters.q) | Q(description__icontains=filters.q))
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


def demo_partner_count() -> int:
    """How many invented demo partners are loaded (one query), for the staff dashboard."""
    return Partner.objects.filter(is_demo=True).count()


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
    from django_countries import countries

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


# --- Member-side reads -----------------------------------------------------------------------


def memberships_for_user(*, user: AnyUser) -> list[Membership]:
    actor = actor_or_none(user)
    if actor is None:
        return []
    return list(
        Membership.objects.filter(user=actor).select_related("partner").order_by("partner__name")
    )


def partner_members(*, partner: Partner) -> list[Membership]:
    return list(partner.memberships.select_related("user").order_by("role", "user__username"))


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


def partner_commitments(*, partner: Partner) -> list[Commitment]:
    """All of a partner's commitments (members' view, public or not) with treaty and updates."""
    return list(partner.commitments.select_related("treaty").prefetch_related("updates"))


def commitment_get_for_partner(*, partner: Partner, pk: int) -> Commitment:
    return Commitment.objects.select_related("partner").get(pk=pk, partner=partner)


def commitment_updates(*, commitment: Commitment) -> list[CommitmentUpdate]:
    return list(commitment.updates.select_related("created_by"))


def membership_get_for_partner(*, partner: Partner, pk: int) -> Membership:
    return Membership.objects.select_related("user").get(pk=pk, partner=partner)


def invitation_get_for_partner(*, partner: Partner, pk: int) -> Invitation:
    return Invitation.objects.get(pk=pk, partner=partner)


def invitation_get_by_token(*, token: str) -> Invitation:
    return Invitation.objects.select_related("partner").get(token=token)


def partner_open_invitations(*, partner: Partner) -> list[Invitation]:
    """Invitations that can still be accepted (not used, revoked or expired)."""
    return [i for i in partner.invitations.select_related("invited_by") if i.is_usable()]


def token_for_user(*, user: User) -> Token | None:
    """The user's API token, or None when they have not created one."""
    return Token.objects.filter(user=user).first()


# --- Staff reads -----------------------------------------------------------------------------

# After a verification reminder, wait this long before sending another one to the same partner.
REMIND_AGAIN_AFTER = datetime.timedelta(days=30)


def join_requests_pending() -> list[JoinRequest]:
    return list(
        JoinRequest.objects.filter(status=JoinRequest.Status.PENDING).select_related("partner")
    )


def staff_notify_addresses() -> list[str]:
    """Where join/claim request notices go: `STAFF_NOTIFY_EMAILS`, or else every active staff
    user with an e-mail address."""
    if settings.STAFF_NOTIFY_EMAILS:
        return list(settings.STAFF_NOTIFY_EMAILS)
    addresses = (
        User.objects.filter(is_staff=True, is_active=True)
        .exclude(email="")
        .order_by("email")
        .values_list("email", flat=True)
        .distinct()
    )
    return list(addresses)


def join_requests_pending_count() -> int:
    """How many join and claim requests wait for a staff decision (one query)."""
    return JoinRequest.objects.filter(status=JoinRequest.Status.PENDING).count()


def join_requests_recently_decided(*, limit: int = 20) -> list[JoinRequest]:
    return list(
        JoinRequest.objects.exclude(status=JoinRequest.Status.PENDING)
        .select_related("partner", "reviewed_by")
        .order_by("-reviewed_at")[:limit]
    )


def join_request_get(*, pk: int) -> JoinRequest:
    return JoinRequest.objects.select_related("partner").get(pk=pk)


def partners_due_for_verification(*, now: datetime.datetime) -> list[Partner]:
    """Real partners not verified for `PARTNER_VERIFY_MAX_AGE_DAYS` and not reminded recently,
    with their members' users (for the reminder's recipients)."""
    stale_before = now - datetime.timedelta(days=settings.PARTNER_VERIFY_MAX_AGE_DAYS)
    return list(
        Partner.objects.filter(is_demo=False)
        .filter(Q(last_verified_at__isnull=True) | Q(last_verified_at__lt=stale_before))
        .filter(
            Q(verification_reminded_at__isnull=True)
            | Q(verification_reminded_at__lt=now - REMIND_AGAIN_AFTER)
        )
        .prefetch_related("memberships__user")
        .order_by("pk")
    )


# --- Partners as other apps refer to them (campaign signatures and activities) --------------


def partner_find(*, slug: str) -> Partner | None:
    """Any partner by slug, published or not, or None: the API names a partner to sign or act
    for, and who may do so is `partners.permissions`' decision, not the lookup's."""
    return Partner.objects.filter(slug=slug).first()


def partner_choices(*, pks: Iterable[int] = ()) -> QuerySet[Partner]:
    """The partners `pks` as a queryset, for a form's choice field (none by default)."""
    return Partner.objects.filter(pk__in=list(pks))
