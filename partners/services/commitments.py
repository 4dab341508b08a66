"""Writes to a partner's commitments and their dated updates."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction

from core.fields import reject_unknown_fields
from core.users import AnyUser, actor_or_none
from partners.models import Commitment, CommitmentUpdate, Partner

# The fields a commitment's form, serializer, admin and services share, in display order.
COMMITMENT_FIELDS = (
    "kind",
    "text",
    "text_language",
    "text_translation",
    "target_country",
    "treaty",
    "due_on",
    "status",
)
COMMITMENT_UPDATE_FIELDS = ("date", "status", "text")


def commitment_create(*, partner: Partner, user: AnyUser, **fields: Any) -> Commitment:
    reject_unknown_fields(fields, COMMITMENT_FIELDS, what="commitment")
    commitment = Commitment(partner=partner, **fields)
    commitment.full_clean()
    commitment.save()
    return commitment


def commitment_update(*, commitment: Commitment, **fields: Any) -> Commitment:
    reject_unknown_fields(fields, COMMITMENT_FIELDS, what="commitment")
    changed = [name for name, value in fields.items() if getattr(commitment, name) != value]
    for name in changed:
        setattr(commitment, name, fields[name])
    commitment.full_clean()
    if changed:
        commitment.save(update_fields=[*changed, "updated_at"])
    return commitment


@transaction.atomic
def commitment_add_update(
    *,
    commitment: Commitment,
    text: str,
    status: str,
    date: datetime.date,
    user: AnyUser,
) -> CommitmentUpdate:
    """Record a dated progress note; the commitment takes the update's status."""
    update = CommitmentUpdate(
        commitment=commitment,
        text=text,
        status=status,
        date=date,
        created_by=actor_or_none(user),
    )
    update.full_clean()
    update.save()
    if commitment.status != status:
        commitment.status = status
        commitment.save(update_fields=["status", "updated_at"])
    return update


@transaction.atomic
def commitment_delete(*, commitment: Commitment) -> None:
    commitment.delete()
