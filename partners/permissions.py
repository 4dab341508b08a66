"""The access chokepoints for partner data. HTML views and the API both call these, so a rule
changes in one place and an outsider persona test covers every entry point."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from core.permissions import user_is_staff
from core.users import AnyUser, actor_or_none
from partners.models import Membership, Partner


def user_partner_role(user: AnyUser, partner: Partner) -> str | None:
    actor = actor_or_none(user)
    if actor is None:
        return None
    return (
        Membership.objects.filter(user=actor, partner=partner)
        .values_list("role", flat=True)
        .first()
    )


def user_can_edit_partner(user: AnyUser, partner: Partner) -> bool:
    """Members of the partner (any role) and staff may edit its profile and commitments."""
    return user_is_staff(user) or user_partner_role(user, partner) is not None


def user_can_admin_partner(user: AnyUser, partner: Partner) -> bool:
    """Partner admins and staff may manage memberships and invitations."""
    return user_is_staff(user) or user_partner_role(user, partner) == Membership.Role.ADMIN


def _refuse(user: AnyUser, partner: Partner) -> None:
    # An unpublished partner is private: to someone with no tie to it, it must look exactly
    # like a missing slug (a 403 would confirm that a draft with that slug exists).
    if not partner.is_published and user_partner_role(user, partner) is None:
        raise Partner.DoesNotExist
    raise PermissionDenied


def partner_get_for_editor(*, user: AnyUser, slug: str) -> Partner:
    """The partner `slug` if `user` may edit it.

    Raises `Partner.DoesNotExist` for an unknown slug and for an unpublished partner the user is
    not a member of, and `PermissionDenied` for anyone else, including anonymous users (views
    send those to the login page before calling this).
    """
    partner = Partner.objects.get(slug=slug)
    if not user_can_edit_partner(user, partner):
        _refuse(user, partner)
    return partner


def partner_get_for_admin(*, user: AnyUser, slug: str) -> Partner:
    """The partner `slug` if `user` may manage its memberships (partner admin or staff); the
    same refusals as `partner_get_for_editor`."""
    partner = Partner.objects.get(slug=slug)
    if not user_can_admin_partner(user, partner):
        _refuse(user, partner)
    return partner


def partner_get_for_viewer(*, user: AnyUser, slug: str) -> Partner:
    """A partner for its public page: published ones for everyone, unpublished ones only for
    its members and staff (a preview). Raises `Partner.DoesNotExist` otherwise, so the public
    cannot tell an unpublished profile from a missing one."""
    partner = Partner.objects.prefetch_related("focus_areas", "languages").get(slug=slug)
    if partner.is_published or user_can_edit_partner(user, partner):
        return partner
    raise Partner.DoesNotExist
