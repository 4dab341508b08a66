"""Signed, expiring links in pledge e-mails: one salt per purpose, so a withdraw link can never
be replayed as a confirm link (or the other way round).

The token names the pledge id and a keyed fingerprint of its e-mail address: a link stays bound
to the signature it was made for even if an id is reused, and the address itself never appears
in a URL (URLs end up in logs and browser histories).
"""

from __future__ import annotations

import datetime
import enum

from django.conf import settings
from django.core import signing
from django.utils.crypto import constant_time_compare, salted_hmac

from campaigns.models import Pledge

# Withdrawal must work "at any time": the link lasts five years, and signing again with the same
# address mails a fresh one.
WITHDRAW_MAX_AGE = datetime.timedelta(days=5 * 365)


class Purpose(enum.Enum):
    CONFIRM = "campaigns.pledge.confirm"
    WITHDRAW = "campaigns.pledge.withdraw"


class LinkInvalid(Exception):
    """The link was altered, made for another purpose, or its pledge no longer exists."""


class LinkExpired(Exception):
    """The link is genuine but too old."""


def _max_age(purpose: Purpose) -> datetime.timedelta:
    if purpose is Purpose.CONFIRM:
        return datetime.timedelta(days=settings.PLEDGE_UNCONFIRMED_DAYS)
    return WITHDRAW_MAX_AGE


def _fingerprint(pledge: Pledge) -> str:
    return salted_hmac("campaigns.pledge.fingerprint", pledge.email_normalised).hexdigest()[:20]


def pledge_token(*, pledge: Pledge, purpose: Purpose) -> str:
    signer = signing.TimestampSigner(salt=purpose.value)
    return signer.sign(f"{pledge.pk}.{_fingerprint(pledge)}")


def pledge_from_token(*, token: str, purpose: Purpose) -> Pledge:
    signer = signing.TimestampSigner(salt=purpose.value)
    try:
        value = signer.unsign(token, max_age=_max_age(purpose))
    except signing.SignatureExpired as exc:
        raise LinkExpired from exc
    except signing.BadSignature as exc:
        raise LinkInvalid from exc
    pk, _, fingerprint = value.partition(".")
    if not pk.isdigit():
        raise LinkInvalid
    pledge = Pledge.objects.select_related("campaign").filter(pk=int(pk)).first()
    if pledge is None or not constant_time_compare(fingerprint, _fingerprint(pledge)):
        raise LinkInvalid
    return pledge
