"""Reads for campaign pages, the API, the widget and exports.

`pledge_public_list` is the only way signers reach the public: it applies each signer's display
choice and never selects the e-mail column, so no public path can leak an address by accident.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext as _
from django_countries import countries

from campaigns.models import (
    ACTIVITY_DEFAULT_DURATION,
    Activity,
    Campaign,
    CampaignMessage,
    Material,
    Pledge,
)
from core.permissions import user_is_staff
from partners.models import Partner
from partners.selectors import memberships_for_user
from ratification.models import TreatyAction
from ratification.selectors.treaties import name_key
from ratification.status import (
    DENOUNCED,
    NONE,
    PARTY,
    SIGNATORY,
    CountryStatus,
    derive_status,
    status_label,
)

# The columns a public signer is built from; `email` and `email_normalised` are deliberately absent.
_PUBLIC_COLUMNS = (
    "pk",
    "kind",
    "organisation_name",
    "name",
    "country",
    "city",
    "display",
    "hidden_by_staff",
    "partner_verified",
    "partner__slug",
    "confirmed_at",
)


def _confirmed() -> Q:
    return Q(confirmed_at__isnull=False)


def campaign_list_public() -> QuerySet[Campaign]:
    """Published campaigns, each with its confirmed signature count (one query)."""
    return (
        Campaign.objects.filter(is_published=True)
        .annotate(signature_count=Count("pledges", filter=Q(pledges__confirmed_at__isnull=False)))
        .order_by("-opens_on", "slug")
    )


def campaign_get_public(*, slug: str, user: User | AnonymousUser | None = None) -> Campaign:
    """A published campaign; staff may preview drafts. Raises Campaign.DoesNotExist."""
    campaign = Campaign.objects.select_related("treaty").get(slug=slug)
    if campaign.is_published or user_is_staff(user):
        return campaign
    raise Campaign.DoesNotExist


def campaign_get(*, slug: str) -> Campaign:
    """Any campaign, published or not (staff pages). Raises Campaign.DoesNotExist."""
    return Campaign.objects.get(slug=slug)


def campaign_get_with_content(*, pk: int) -> Campaign:
    """A campaign with its messages and materials prefetched (the API's detail)."""
    return Campaign.objects.prefetch_related("messages", "materials").get(pk=pk)


@dataclass(frozen=True, slots=True)
class CountryCount:
    code: str
    name: str
    count: int


@dataclass(frozen=True, slots=True)
class PledgeCounts:
    total: int
    organisations: int
    individuals: int
    by_country: list[CountryCount] = field(default_factory=list)


def campaign_counts(*, campaign: Campaign, by_country: bool = True) -> PledgeCounts:
    """Confirmed signatures: two aggregate queries whatever the number of pledges (one without
    the per-country breakdown, which the widget does not show)."""
    confirmed = Pledge.objects.filter(campaign=campaign).filter(_confirmed())
    totals = confirmed.aggregate(
        total=Count("pk"),
        organisations=Count("pk", filter=Q(kind=Pledge.Kind.ORGANISATION)),
        individuals=Count("pk", filter=Q(kind=Pledge.Kind.INDIVIDUAL)),
    )
    per_country = (
        [
            CountryCount(
                code=row["country"], name=str(countries.name(row["country"])), count=row["n"]
            )
            for row in confirmed.order_by()
            .values("country")
            .annotate(n=Count("pk"))
            .order_by("-n", "country")
        ]
        if by_country
        else []
    )
    return PledgeCounts(
        total=totals["total"] or 0,
        organisations=totals["organisations"] or 0,
        individuals=totals["individuals"] or 0,
        by_country=per_country,
    )


@dataclass(frozen=True, slots=True)
class Progress:
    """Confirmed signatures against the goal in effect (no query: from a count already made)."""

    count: int
    goal: int  # the goal in effect: the next goal once the first is met; 0 for none
    percent: int  # rounded down, so 999 of 1,000 reads 99%, never a premature 100%
    maximum: int  # the <progress> element's max: the goal, or the count once past it
    met_goal: int  # the first goal, when it is met and the next goal is shown; else 0


def campaign_progress(*, campaign: Campaign, count: int) -> Progress:
    goal, met = campaign.goal, 0
    if goal and count >= goal and campaign.next_goal > goal:
        goal, met = campaign.next_goal, campaign.goal
    return Progress(
        count=count,
        goal=goal,
        percent=count * 100 // goal if goal else 0,
        maximum=max(goal, count),
        met_goal=met,
    )


@dataclass(frozen=True, slots=True)
class PublicSigner:
    """A signer as the public may see them. Empty `name` means "country only"."""

    kind: str
    name: str
    city: str
    country: str
    country_name: str
    verified: bool
    partner_slug: str
    signed_on: datetime.date | None


def initials(text: str) -> str:
    """ "Ana María López" → "A. M. L." (at most four letters, so a long name is not spelled out)."""
    letters = [word[0].upper() for word in text.split() if word and word[0].isalnum()]
    return " ".join(f"{letter}." for letter in letters[:4])


def _public_signer(row: dict[str, object]) -> PublicSigner:
    display = row["display"]
    label = str(
        row["organisation_name"] if row["kind"] == Pledge.Kind.ORGANISATION else row["name"]
    )
    full = display == Pledge.Display.FULL
    name = label if full else initials(label) if display == Pledge.Display.INITIALS else ""
    confirmed_at = row["confirmed_at"]
    code = str(row["country"])
    return PublicSigner(
        kind=str(row["kind"]),
        name=name,
        city=str(row["city"]) if full else "",
        country=code,
        country_name=str(countries.name(code)),
        # The partner link would name an organisation that chose to appear by initials only.
        verified=bool(row["partner_verified"]) and full,
        partner_slug=str(row["partner__slug"] or "") if full and row["partner_verified"] else "",
        signed_on=confirmed_at.date() if isinstance(confirmed_at, datetime.datetime) else None,
    )


def pledge_public_queryset(*, campaign: Campaign) -> QuerySet[Pledge]:
    """Confirmed, listable pledges (not hidden by the signer or by staff), newest first."""
    return (
        Pledge.objects.filter(campaign=campaign)
        .filter(_confirmed())
        .exclude(display=Pledge.Display.HIDDEN)
        .exclude(hidden_by_staff=True)
        .order_by("-confirmed_at", "-pk")
    )


def pledge_public_list(
    *, campaign: Campaign, limit: int | None = None, offset: int = 0
) -> list[PublicSigner]:
    rows = pledge_public_queryset(campaign=campaign).values(*_PUBLIC_COLUMNS)
    if limit is not None:
        rows = rows[offset : offset + limit]
    return [_public_signer(row) for row in rows]


def pledge_public_rows(*, pledges: list[dict[str, object]]) -> list[PublicSigner]:
    return [_public_signer(row) for row in pledges]


def pledge_public_values(*, campaign: Campaign) -> QuerySet[Pledge, dict[str, object]]:
    """The public columns only, for paginated API responses."""
    return pledge_public_queryset(campaign=campaign).values(*_PUBLIC_COLUMNS)


@dataclass(frozen=True, slots=True)
class TargetStatus:
    code: str
    name: str
    status: str
    label: str
    signed_on: datetime.date | None
    consent_on: datetime.date | None


def campaign_target_status(*, campaign: Campaign) -> TargetStatus | None:
    """Where the target country stands on the campaign's treaty today (one query)."""
    if not campaign.treaty_id or not campaign.target_country:
        return None
    treaty = campaign.treaty
    assert treaty is not None
    code = str(campaign.target_country)
    actions = list(TreatyAction.objects.filter(treaty_id=treaty.pk, country=code))
    status = derive_status(actions, entry_into_force=treaty.entry_into_force_for_state).get(
        code, CountryStatus(country_code=code)
    )
    labels = {
        PARTY: _("Party"),
        SIGNATORY: _("Signed, not ratified"),
        NONE: _("Neither signed nor ratified"),
        DENOUNCED: status_label(DENOUNCED),
    }
    return TargetStatus(
        code=code,
        name=str(countries.name(code)),
        status=status.status,
        label=str(labels.get(status.status, status.status)),
        signed_on=status.signed_on,
        consent_on=status.consent_on,
    )


def campaign_messages(*, campaign: Campaign) -> list[CampaignMessage]:
    return list(campaign.messages.all())


def campaign_materials(*, campaign: Campaign) -> list[Material]:
    return list(campaign.materials.all())


def activity_public_queryset(*, campaign: Campaign) -> QuerySet[Activity]:
    return (
        # An unpublished partner's activities go with it: its name is on every activity shown.
        Activity.objects.filter(
            campaign=campaign, status=Activity.Status.APPROVED, partner__is_published=True
        )
        .select_related("partner")
        .order_by("starts_at", "pk")
    )


# An activity stays on the world map until a day after it ends (renders are cached for up to a
# day on top of that, see maps.rendering.RENDER_TIMEOUT).
ACTIVITY_MAP_GRACE = datetime.timedelta(days=1)


def activity_map_public(*, now: datetime.datetime | None = None) -> QuerySet[Activity]:
    """What the world map's activities layer shows: approved activities of published days of
    action, at their city-level point, not yet ended (one query, partner and campaign joined)."""
    cutoff = (now or timezone.now()) - ACTIVITY_MAP_GRACE
    return (
        Activity.objects.filter(
            status=Activity.Status.APPROVED,
            campaign__is_published=True,
            partner__is_published=True,
            campaign__kind=Campaign.Kind.DAY_OF_ACTION,
            latitude__isnull=False,
            longitude__isnull=False,
        )
        .filter(
            Q(ends_at__gte=cutoff)
            | Q(ends_at__isnull=True, starts_at__gte=cutoff - ACTIVITY_DEFAULT_DURATION)
        )
        .select_related("partner", "campaign")
        .order_by("starts_at", "pk")
    )


@dataclass(frozen=True, slots=True)
class CountryActivities:
    code: str
    name: str
    activities: list[Activity]


def activities_by_country(*, campaign: Campaign) -> list[CountryActivities]:
    """Approved activities grouped by country (by name), each group in date order."""
    groups: dict[str, list[Activity]] = defaultdict(list)
    for activity in activity_public_queryset(campaign=campaign):
        groups[str(activity.country)].append(activity)
    result = [
        CountryActivities(code=code, name=str(countries.name(code)), activities=items)
        for code, items in groups.items()
    ]
    return sorted(result, key=lambda g: name_key(g.name))  # accent-blind, in any language


def activity_get(*, pk: int) -> Activity:
    """Any activity, whatever its status (staff moderation). Raises Activity.DoesNotExist."""
    return Activity.objects.get(pk=pk)


def activity_pending_list() -> list[Activity]:
    return list(
        Activity.objects.filter(status=Activity.Status.PENDING)
        .select_related("campaign", "partner")
        .order_by("created_at")
    )


def activity_pending_count() -> int:
    """How many day-of-action activities wait for staff review (one query)."""
    return Activity.objects.filter(status=Activity.Status.PENDING).count()


def member_partners(*, user: User | AnonymousUser) -> list[Partner]:
    """Partners the user may sign for or add activities to."""
    return [m.partner for m in memberships_for_user(user=user)]


def partner_campaigns(*, partner: Partner) -> list[Campaign]:
    """Published campaigns this partner has signed (verified, confirmed), for its profile."""
    return list(
        Campaign.objects.filter(
            is_published=True,
            pledges__partner=partner,
            pledges__partner_verified=True,
            pledges__confirmed_at__isnull=False,
        )
        .distinct()
        .order_by("-opens_on", "slug")
    )


def signatures_per_day(
    *, days: int = 14, today: datetime.date | None = None
) -> list[tuple[datetime.date, int]]:
    """Confirmed signatures per day over the last `days` days, all campaigns (one query)."""
    end = today or timezone.localdate()
    start = end - datetime.timedelta(days=days - 1)
    counts = {
        row["day"]: row["n"]
        for row in Pledge.objects.filter(confirmed_at__date__gte=start)
        .annotate(day=TruncDate("confirmed_at"))
        .values("day")
        .annotate(n=Count("pk"))
        .order_by()
    }
    return [
        (start + datetime.timedelta(days=i), counts.get(start + datetime.timedelta(days=i), 0))
        for i in range(days)
    ]


def campaign_draft_count() -> int:
    return Campaign.objects.filter(is_published=False).count()


def campaign_drafts() -> list[Campaign]:
    return list(Campaign.objects.filter(is_published=False).order_by("slug"))


def campaign_list_staff() -> QuerySet[Campaign]:
    return Campaign.objects.annotate(
        confirmed=Count("pledges", filter=Q(pledges__confirmed_at__isnull=False)),
        unconfirmed=Count("pledges", filter=Q(pledges__confirmed_at__isnull=True)),
    ).order_by("-opens_on", "slug")


@dataclass(frozen=True, slots=True)
class ReferralCount:
    """Confirmed signatures brought by one signer's share link (Action Network's referral
    counts). The signer is named as staff see them; never their e-mail."""

    code: str
    signer: str
    count: int


def campaign_referral_counts(*, campaign: Campaign) -> list[ReferralCount]:
    """Each share link that brought a confirmed signature, most first (one query)."""
    rows = (
        Pledge.objects.filter(campaign=campaign, referred_by__isnull=False)
        .filter(_confirmed())
        .values(
            "referred_by__referral_code",
            "referred_by__kind",
            "referred_by__name",
            "referred_by__organisation_name",
        )
        .annotate(n=Count("pk"))
        .order_by("-n", "referred_by__referral_code")
    )
    return [
        ReferralCount(
            code=str(row["referred_by__referral_code"]),
            signer=str(
                row["referred_by__organisation_name"]
                if row["referred_by__kind"] == Pledge.Kind.ORGANISATION
                else row["referred_by__name"]
            ),
            count=row["n"],
        )
        for row in rows
    ]
