"""Freshness: a yearly "is this still right?" e-mail and its confirmation.

The link carries a signed token; opening it changes nothing (mail scanners follow links), only
the POST from its landing page confirms.
"""

from __future__ import annotations

import datetime
import logging

from django.core import signing
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.mail import absolute_url, mail_send, single_line
from partners.models import Partner
from partners.selectors.verification import partners_due_for_verification

logger = logging.getLogger(__name__)

_SALT = "partners.verify"
# A reminder link stays valid long enough for a busy office to get to it.
TOKEN_MAX_AGE = datetime.timedelta(days=60)


def verification_token_make(partner: Partner) -> str:
    return signing.dumps({"p": partner.pk}, salt=_SALT, compress=True)


def verification_token_check(*, partner: Partner, token: str) -> bool:
    try:
        data = signing.loads(token, salt=_SALT, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature:  # includes SignatureExpired
        return False
    return isinstance(data, dict) and data.get("p") == partner.pk


def partner_verify(*, partner: Partner, now: datetime.datetime | None = None) -> Partner:
    partner.last_verified_at = now or timezone.now()
    partner.save(update_fields=["last_verified_at", "updated_at"])
    return partner


def partners_send_verification_reminders(*, now: datetime.datetime | None = None) -> int:
    """E-mail the members of every partner not verified for a year; returns how many partners
    were reminded. Partners with no members with an e-mail are skipped (staff see them stale).

    Each partner is its own transaction: one that fails is logged and left for the next run,
    and the partners after it are still reminded.
    """
    moment = now or timezone.now()
    sent = 0
    for partner in partners_due_for_verification(now=moment):
        try:
            with transaction.atomic():
                sent += _remind(partner=partner, now=moment)
        except Exception:
            logger.exception("Verification reminder for partner %s failed", partner.pk)
    return sent


def _remind(*, partner: Partner, now: datetime.datetime) -> int:
    recipients = sorted({m.user.email for m in partner.memberships.all() if m.user.email})
    if not recipients:
        return 0
    name = single_line(partner.name)
    mail_send(
        to=recipients,
        subject=_("Is the profile of %(partner)s still right?") % {"partner": name},
        template="partners/verification_reminder",
        context={
            "partner_name": name,
            "url": absolute_url(
                "partners:partner-verify",
                slug=partner.slug,
                token=verification_token_make(partner),
            ),
        },
    )
    partner.verification_reminded_at = now
    partner.save(update_fields=["verification_reminded_at"])
    return 1
