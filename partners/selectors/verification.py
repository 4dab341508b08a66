"""Which partners are due for the yearly "is your profile still right?" reminder."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db.models import Q

from partners.models import Partner

# After a verification reminder, wait this long before sending another one to the same partner.
REMIND_AGAIN_AFTER = datetime.timedelta(days=30)


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
