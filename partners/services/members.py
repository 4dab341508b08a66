"""Memberships, invitations and API tokens."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token

from core.mail import absolute_url, mail_send, single_line
from core.users import AnyUser, actor_or_none
from partners.models import Invitation, Membership, Partner


class InvitationUnusable(Exception):
    """The invitation was used, revoked or has expired."""


@transaction.atomic
def invitation_create(
    *,
    partner: Partner,
    email: str,
    role: str,
    invited_by: AnyUser,
    base_url: str | None = None,
) -> Invitation:
    """Create an invitation and e-mail its link (after commit).

    `base_url` is the site root the request came in on (`request.build_absolute_uri("/")`), so
    the link points at the host and port the inviter is using; without it, `SITE_URL`.
    """
    invitation = Invitation(
        partner=partner,
        email=email.strip().lower(),
        role=role,
        invited_by=actor_or_none(invited_by),
        expires_at=timezone.now() + datetime.timedelta(days=settings.INVITATION_MAX_AGE_DAYS),
    )
    invitation.full_clean()
    invitation.save()
    mail_send(
        to=[invitation.email],
        subject=_("You are invited to keep %(partner)s's profile up to date")
        % {"partner": single_line(partner.name)},
        template="partners/invitation",
        context={
            "partner_name": single_line(partner.name),
            "role": str(invitation.get_role_display()),
            "url": absolute_url(
                "partners:invitation-accept", base_url=base_url, token=invitation.token
            ),
            "max_age_days": settings.INVITATION_MAX_AGE_DAYS,
        },
    )
    return invitation


def invitation_revoke(*, invitation: Invitation) -> Invitation:
    if invitation.accepted_at is None and invitation.revoked_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
    return invitation


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user: AbstractBaseUser) -> Membership:
    """Turn an invitation into a membership for `user`; single use.

    The row is locked so two tabs submitting the same link cannot both use it.
    """
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not locked.is_usable():
        raise InvitationUnusable
    membership, created = Membership.objects.get_or_create(
        user=user, partner=locked.partner, defaults={"role": locked.role}
    )
    # An existing editor invited as admin is promoted; an admin is never demoted by an invite.
    if not created and locked.role == Membership.Role.ADMIN and membership.role != locked.role:
        membership.role = Membership.Role.ADMIN
        membership.save(update_fields=["role"])
    locked.accepted_at = timezone.now()
    locked.accepted_by = user  # type: ignore[assignment]
    locked.save(update_fields=["accepted_at", "accepted_by"])
    invitation.accepted_at, invitation.accepted_by = locked.accepted_at, locked.accepted_by
    return membership


@transaction.atomic
def invitation_accept_new_user(
    *, invitation: Invitation, username: str, password: str
) -> AbstractBaseUser:
    """Create the invitee's account (with the invited e-mail) and accept the invitation."""
    if not invitation.is_usable():
        raise InvitationUnusable
    user_model = get_user_model()
    user = user_model(username=username, email=invitation.email)
    validate_password(password, user)
    user.set_password(password)
    user.full_clean()
    user.save()
    invitation_accept(invitation=invitation, user=user)
    return user


def membership_admin_count(*, partner: Partner) -> int:
    return partner.memberships.filter(role=Membership.Role.ADMIN).count()


def _refuse_losing_last_admin(membership: Membership) -> None:
    # Lock the partner's admin rows so two concurrent removals cannot both pass the check.
    admins = Membership.objects.select_for_update().filter(
        partner_id=membership.partner_id, role=Membership.Role.ADMIN
    )
    if membership.role == Membership.Role.ADMIN and admins.count() <= 1:
        raise ValidationError(_("A partner must keep at least one admin."))


@transaction.atomic
def membership_create(*, partner: Partner, user: User, role: str) -> Membership:
    """Make `user` a member of `partner` (staff, from the admin; members join by invitation)."""
    membership = Membership(partner=partner, user=user, role=role)
    membership.full_clean()
    membership.save()
    return membership


@transaction.atomic
def membership_set_role(*, membership: Membership, role: str) -> Membership:
    """Change a member's role, refusing to demote a partner's last admin."""
    current = Membership.objects.select_for_update().get(pk=membership.pk)
    if current.role == role:
        return membership
    if role != Membership.Role.ADMIN:
        _refuse_losing_last_admin(current)
    membership.role = role
    membership.full_clean()
    membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership) -> None:
    """Remove a membership, refusing to leave a partner with no admin."""
    current = Membership.objects.select_for_update().filter(pk=membership.pk).first()
    if current is None:
        return  # already gone: removing twice changes nothing
    _refuse_losing_last_admin(current)
    current.delete()


@transaction.atomic
def token_regenerate(*, user: User) -> Token:
    """A fresh API token; any previous one stops working."""
    Token.objects.filter(user=user).delete()
    return Token.objects.create(user=user)


def token_revoke(*, user: User) -> bool:
    deleted, _rows = Token.objects.filter(user=user).delete()
    return deleted > 0
