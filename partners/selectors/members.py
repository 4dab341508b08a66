"""Member-side reads: a user's memberships, a partner's members and open invitations, API tokens."""

from __future__ import annotations

from django.contrib.auth.models import User
from rest_framework.authtoken.models import Token

from core.users import AnyUser, actor_or_none
from partners.models import Invitation, Membership, Partner


def memberships_for_user(*, user: AnyUser) -> list[Membership]:
    actor = actor_or_none(user)
    if actor is None:
        return []
    return list(
        Membership.objects.filter(user=actor).select_related("partner").order_by("partner__name")
    )


def user_verified_email_for(*, user: AnyUser) -> str:
    """The account's e-mail if the project knows it reaches them, else "".

    Accounts have no e-mail verification of their own (no allauth): the one proof is an
    invitation sent to that address and accepted by this account, which is how members join
    (`invitation_accept_new_user` gives the new account the invited address). An address
    typed in later, or by staff in the admin, is not proven (one query)."""
    actor = actor_or_none(user)
    if actor is None or not actor.email:
        return ""
    proven = Invitation.objects.filter(
        accepted_by=actor, email__iexact=actor.email.strip()
    ).exists()
    return actor.email if proven else ""


def partner_members(*, partner: Partner) -> list[Membership]:
    return list(partner.memberships.select_related("user").order_by("role", "user__username"))


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
