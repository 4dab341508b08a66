"""Reads of a partner's commitments and their dated updates: the public ones, and all of them
for the partner's members."""

from __future__ import annotations

from django.db.models import Prefetch

from partners.models import Commitment, CommitmentUpdate, Partner


def partner_public_commitments(*, partner: Partner) -> list[Commitment]:
    """Commitments of a published partner with their dated updates (empty when unpublished)."""
    if not partner.is_published:
        return []
    return list(
        partner.commitments.select_related("treaty").prefetch_related(
            Prefetch("updates", queryset=CommitmentUpdate.objects.order_by("-date", "-id"))
        )
    )


def partner_commitments(*, partner: Partner) -> list[Commitment]:
    """All of a partner's commitments (members' view, public or not) with treaty and updates."""
    return list(partner.commitments.select_related("treaty").prefetch_related("updates"))


def commitment_get_for_partner(*, partner: Partner, pk: int) -> Commitment:
    return Commitment.objects.select_related("partner").get(pk=pk, partner=partner)


def commitment_updates(*, commitment: Commitment) -> list[CommitmentUpdate]:
    return list(commitment.updates.select_related("created_by"))
