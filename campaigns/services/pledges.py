"""Signing, confirming, withdrawing and purging pledges.

One pledge per (campaign, mailbox) is enforced by the database, not by a check-then-insert
(the mailbox is `mailbox_key` of the address: IDNA domain, case, plus-tags and Gmail's dots): twenty simultaneous submissions of one address all try to insert and all but one get an
IntegrityError, which is the "already signed" answer. The client address is used only for the
cache-kept throttle and is never stored with the pledge.
"""

from __future__ import annotations

import datetime
import secrets
from dataclasses import dataclass
from typing import Literal

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from campaigns.links import Purpose, pledge_from_token, pledge_token
from campaigns.models import Campaign, Pledge
from campaigns.validators import (
    REFERRAL_CODE_ALPHABET,
    REFERRAL_CODE_LENGTH,
    clean_single_line,
    mailbox_key,
    normalise_email,
    referral_code_or_blank,
)
from core.mail import absolute_url, mail_send
from core.throttles import rate_limited
from partners.models import Partner
from partners.permissions import user_partner_role
from partners.selectors import user_verified_email_for

REMINDER_INTERVAL = datetime.timedelta(days=1)


class PledgeThrottled(Exception):
    """Too many submissions from one client address."""


@dataclass(frozen=True, slots=True)
class PledgeOutcome:
    # "discarded": the honeypot was filled in; the caller answers as if it worked, stores nothing.
    status: Literal["created", "already_signed", "discarded"]
    pledge: Pledge | None


def referral_code_new() -> str:
    """A fresh random referral code (about 50 bits: a collision is not worth a retry loop)."""
    return "".join(secrets.choice(REFERRAL_CODE_ALPHABET) for _i in range(REFERRAL_CODE_LENGTH))


def pledge_referral_code(*, pledge: Pledge) -> str:
    """The code this signer's share links carry; a pledge from before referral codes is given
    one now (a conditional UPDATE, so two pages shown at once agree on one code)."""
    if pledge.referral_code:
        return pledge.referral_code
    code = referral_code_new()
    if Pledge.objects.filter(pk=pledge.pk, referral_code__isnull=True).update(referral_code=code):
        pledge.referral_code = code
    else:
        pledge.refresh_from_db(fields=["referral_code"])
    return pledge.referral_code or ""


def _referrer_id(campaign: Campaign, referral: str) -> int | None:
    """The pledge whose share link was followed: only one of this campaign (one query, and
    none without a well-formed code)."""
    code = referral_code_or_blank(referral)
    if not code:
        return None
    return (
        Pledge.objects.filter(campaign=campaign, referral_code=code)
        .values_list("pk", flat=True)
        .first()
    )


def _absolute(viewname: str, language: str, base_url: str | None, **kwargs: str) -> str:
    """A link in the signer's language, on the host the signature came in on (`SITE_URL` only
    when there was no request, as for a scheduled job)."""
    with translation.override(language):
        return absolute_url(viewname, base_url=base_url, **kwargs)


def _send_pledge_mail(pledge: Pledge, *, reminder: bool, base_url: str | None) -> None:
    language = pledge.language
    with translation.override(language):
        title = pledge.campaign.title
        if pledge.is_confirmed and not reminder:
            # Signed for their partner with their proven account address: confirmed at once,
            # and told so (with the withdraw link), not asked to confirm.
            subject = _("Your signature is confirmed: %(title)s") % {"title": title}
            template = "campaigns/pledge_confirmed"
        elif pledge.is_confirmed:
            subject = _("You have already signed: %(title)s") % {"title": title}
            template = "campaigns/pledge_confirmed_reminder"
        else:
            subject = _("Please confirm your signature: %(title)s") % {"title": title}
            template = "campaigns/pledge_confirm"
    mail_send(
        to=[pledge.email],
        subject=subject,
        template=template,
        language=language,
        context={
            "name": pledge.name,
            "campaign_title": title,
            "campaign_url": _absolute(
                "campaigns:campaign-detail", language, base_url, slug=pledge.campaign.slug
            ),
            "confirm_url": _absolute(
                "campaigns:pledge-confirm",
                language,
                base_url,
                token=pledge_token(pledge=pledge, purpose=Purpose.CONFIRM),
            ),
            "withdraw_url": _absolute(
                "campaigns:pledge-withdraw",
                language,
                base_url,
                token=pledge_token(pledge=pledge, purpose=Purpose.WITHDRAW),
            ),
            "reminder": reminder,
            "expires_days": settings.PLEDGE_UNCONFIRMED_DAYS,
        },
    )


@transaction.atomic
def _remind_once_a_day(pledge: Pledge, *, base_url: str | None) -> None:
    now = timezone.now()
    # A conditional UPDATE, so two simultaneous repeats cannot both send a reminder.
    claimed = (
        Pledge.objects.filter(pk=pledge.pk)
        .filter(Q(last_reminder_at__isnull=True) | Q(last_reminder_at__lte=now - REMINDER_INTERVAL))
        .update(last_reminder_at=now)
    )
    if claimed:
        _send_pledge_mail(pledge, reminder=True, base_url=base_url)


def pledge_create(
    *,
    campaign: Campaign,
    kind: str,
    name: str,
    email: str,
    country: str,
    city: str = "",
    organisation_name: str = "",
    display: str = Pledge.Display.FULL,
    language: str = "en",
    client_address: str,
    honeypot: str = "",
    user: User | AnonymousUser | None = None,
    partner: Partner | None = None,
    base_url: str | None = None,
    referral: str = "",
) -> PledgeOutcome:
    """Record an unconfirmed pledge and e-mail its confirmation link (after commit); a member
    signing for their partner with their account's proven address (`user_verified_email_for`)
    is confirmed at once and e-mailed a receipt with the withdraw link instead.

    `base_url` is the site root the request came in on (`core.mail.request_base_url`), so the
    links work on whatever host and port the signer used; without it, `SITE_URL`.

    `referral` is the ?ref= code of the share link the signer came through: the new pledge is
    credited to that signer's share (a code of another campaign, or none, credits nobody).

    Raises `PledgeThrottled` past `PLEDGE_SUBMISSIONS_PER_HOUR` per client address,
    `ValidationError` for bad input or a campaign not taking signatures, and `PermissionDenied`
    when someone not a member of `partner` tries to sign in its name.
    """
    if rate_limited(
        scope="pledge",
        key=client_address,
        limit=settings.PLEDGE_SUBMISSIONS_PER_HOUR,
        period=3600,
    ):
        raise PledgeThrottled
    if honeypot:
        return PledgeOutcome(status="discarded", pledge=None)
    if not campaign.is_published or not campaign.is_open():
        raise ValidationError(_("This campaign is not collecting signatures."))
    if kind == Pledge.Kind.ORGANISATION and not campaign.accepts_organisations:
        raise ValidationError(_("This campaign is signed by individuals only."))
    if kind == Pledge.Kind.INDIVIDUAL and not campaign.accepts_individuals:
        raise ValidationError(_("This campaign is signed by organisations only."))

    verified = False
    confirmed_at: datetime.datetime | None = None
    if partner is not None:
        # Members only, not staff as such: the verified mark says the partner itself signed.
        if kind != Pledge.Kind.ORGANISATION or user_partner_role(user, partner) is None:
            raise PermissionDenied(
                _("Only members of %(partner)s can sign in its name.") % {"partner": partner.name}
            )
        organisation_name = partner.name
        verified = True
        # Their own organisation, with the address their account is known to reach: no link
        # to click (a different address still gets one).
        proven = user_verified_email_for(user=user)
        if proven and mailbox_key(proven) == mailbox_key(email):
            confirmed_at = timezone.now()

    pledge = Pledge(
        campaign=campaign,
        kind=kind,
        organisation_name=clean_single_line(organisation_name)
        if kind == Pledge.Kind.ORGANISATION
        else "",
        name=clean_single_line(name),
        email=email.strip(),
        email_normalised=normalise_email(email),
        email_canonical=mailbox_key(email),
        country=country,
        city=clean_single_line(city),
        display=display,
        language=language if language in ("en", "es") else "en",
        partner=partner,
        partner_verified=verified,
        confirmed_at=confirmed_at,
        referral_code=referral_code_new(),
        referred_by_id=_referrer_id(campaign, referral),
    )
    # The unique rules (one pledge per mailbox, one pledge per referral code) are left to the
    # database: checking them here would race.
    pledge.full_clean(validate_unique=False, validate_constraints=False)
    try:
        # The pledge and its confirmation e-mail (an outbox row, core.mail) commit together.
        with transaction.atomic():
            pledge.save()
            _send_pledge_mail(pledge, reminder=False, base_url=base_url)
    except IntegrityError:
        existing = (
            Pledge.objects.select_related("campaign")
            .filter(campaign=campaign, email_canonical=pledge.email_canonical)
            .first()
        )
        if existing is None:
            raise
        _remind_once_a_day(existing, base_url=base_url)
        return PledgeOutcome(status="already_signed", pledge=existing)
    return PledgeOutcome(status="created", pledge=pledge)


def pledge_confirm(*, token: str) -> Pledge:
    """Confirm the pledge a link names. Raises `LinkInvalid`/`LinkExpired`. Safe to repeat."""
    pledge = pledge_from_token(token=token, purpose=Purpose.CONFIRM)
    if pledge.confirmed_at is None:
        now = timezone.now()
        Pledge.objects.filter(pk=pledge.pk, confirmed_at__isnull=True).update(confirmed_at=now)
        pledge.confirmed_at = now
    return pledge


def pledge_withdraw(*, token: str) -> Campaign:
    """Delete the pledge a withdraw link names, with all its personal data; returns its campaign."""
    pledge = pledge_from_token(token=token, purpose=Purpose.WITHDRAW)
    campaign = pledge.campaign
    pledge.delete()
    return campaign


def pledge_delete(*, pledge: Pledge) -> None:
    """Staff removal (e.g. on a signer's request by e-mail)."""
    pledge.delete()


def pledge_hide(*, pledge: Pledge, hidden: bool) -> Pledge:
    """Staff hide (or show again) a signer's name; the pledge still counts."""
    if pledge.hidden_by_staff != hidden:
        pledge.hidden_by_staff = hidden
        pledge.save(update_fields=["hidden_by_staff"])
    return pledge


def pledge_purge_unconfirmed(*, now: datetime.datetime | None = None) -> int:
    """Delete pledges never confirmed within `PLEDGE_UNCONFIRMED_DAYS`; returns how many."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=settings.PLEDGE_UNCONFIRMED_DAYS)
    deleted, _ = Pledge.objects.filter(confirmed_at__isnull=True, created_at__lt=cutoff).delete()
    return deleted
