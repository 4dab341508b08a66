"""Staff reads of join and claim requests, and where the staff notices about them go."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import User

from partners.models import JoinRequest


def join_requests_pending() -> list[JoinRequest]:
    return list(
        JoinRequest.objects.filter(status=JoinRequest.Status.PENDING).select_related("partner")
    )


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
