"""Partner activities for days of action: proposed by members, public once staff approve."""

from __future__ import annotations

import datetime
import zoneinfo

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.models import Activity, Campaign
from campaigns.validators import clean_single_line, validate_timezone
from core.permissions import user_is_staff
from core.users import actor_or_none
from partners.geocoding import city_coordinates, city_timezone
from partners.models import Partner
from partners.permissions import user_can_edit_partner

# The rate (`REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]`, `API_THROTTLE_ACTIVITIES`) that bounds
# how many activities one member or client proposes, through the API and the member form alike.
ACTIVITY_THROTTLE_SCOPE = "activities"


def activity_create(
    *,
    campaign: Campaign,
    partner: Partner,
    user: User | AnonymousUser,
    title: str,
    starts_at: datetime.datetime,
    timezone_name: str,
    city: str,
    country: str,
    language: str,
    description: str = "",
    online_url: str = "",
    show_address: bool = False,
    address: str = "",
    ends_at: datetime.datetime | None = None,
) -> Activity:
    """Register an activity (pending review). A naive `starts_at` or `ends_at` is read in
    `timezone_name`; an empty `timezone_name` means the city's zone (`activity_timezone_for`).

    The public point is the city's, from the offline gazetteer: a street address is stored only
    if given, and shown only if `show_address`.
    """
    # Members of the partner (any role) and staff, as for everything else the partner does.
    if not user_can_edit_partner(user, partner):
        raise PermissionDenied(
            _("Only members of %(partner)s can add its activities.") % {"partner": partner.name}
        )
    if campaign.kind != Campaign.Kind.DAY_OF_ACTION or not campaign.is_published:
        raise ValidationError(_("Activities can be added to published days of action only."))
    city = clean_single_line(city)
    if not timezone_name:
        timezone_name = activity_timezone_for(city=city, country=country) or ""
        if not timezone_name:
            raise ValidationError(
                {"timezone": _("Choose the time zone: we do not know this city's.")}
            )
    validate_timezone(timezone_name)
    zone = zoneinfo.ZoneInfo(timezone_name)
    if timezone.is_naive(starts_at):
        starts_at = starts_at.replace(tzinfo=zone)
    if ends_at is not None and timezone.is_naive(ends_at):
        ends_at = ends_at.replace(tzinfo=zone)
    point = city_coordinates(city, country)
    activity = Activity(
        campaign=campaign,
        partner=partner,
        title=clean_single_line(title),
        starts_at=starts_at,
        ends_at=ends_at,
        timezone=timezone_name,
        city=city,
        country=country,
        latitude=point[0] if point else None,
        longitude=point[1] if point else None,
        show_address=show_address,
        address=clean_single_line(address),
        online_url=online_url.strip(),
        language=language,
        description=description.strip(),
        created_by=user if user.is_authenticated else None,
    )
    activity.full_clean()
    activity.save()
    return activity


def activity_moderate(*, activity: Activity, status: str, actor: User | AnonymousUser) -> Activity:
    if not user_is_staff(actor):
        raise PermissionDenied
    if status not in Activity.Status.values:
        raise ValidationError(_("Unknown moderation status."))
    activity.status = status
    activity.moderated_by = actor_or_none(actor)
    activity.moderated_at = timezone.now()
    activity.save(update_fields=["status", "moderated_by", "moderated_at"])
    return activity


# What a calendar client shows of an activity (campaigns.ical): a change to any of them is a new
# revision of the event, which subscribed calendars pick up by its SEQUENCE and LAST-MODIFIED.
EVENT_FIELDS = (
    "title",
    "starts_at",
    "ends_at",
    "timezone",
    "city",
    "country",
    "latitude",
    "longitude",
    "show_address",
    "address",
    "online_url",
    "description",
    "partner_id",
)


def activity_timezone_for(*, city: str, country: str) -> str | None:
    """The zone an activity in this city most likely keeps: the city's, else its country's."""
    return city_timezone(city, country)


def activity_save(*, activity: Activity) -> Activity:
    """Staff edits in the admin: same validation, and the public point follows the city.

    An edit to what calendars show raises the stored revision (`sequence`) and `updated_at` in
    the same transaction as the row lock, so two processes editing at once still count two."""
    point = city_coordinates(activity.city, str(activity.country))
    activity.latitude, activity.longitude = point if point else (None, None)
    activity.full_clean()
    with transaction.atomic():
        stored = (
            Activity.objects.select_for_update()
            .filter(pk=activity.pk)
            .values("sequence", *EVENT_FIELDS)
            .first()
            if activity.pk is not None
            else None
        )
        if stored is not None:
            activity.sequence = stored["sequence"]
            if any(stored[name] != getattr(activity, name) for name in EVENT_FIELDS):
                activity.sequence += 1
                activity.updated_at = timezone.now()
        activity.save()
    return activity


def activity_delete(*, activity: Activity) -> None:
    """Staff removal (rejecting keeps the record; this does not)."""
    activity.delete()
