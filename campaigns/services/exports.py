"""The staff export of confirmed pledges, with e-mails. Every export is logged."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied

from campaigns.models import Campaign, Pledge, PledgeExport
from core.csv_export import csv_bool, csv_text
from core.permissions import user_is_staff
from core.users import actor_or_none

STAFF_EXPORT_HEADER = [
    "confirmed_at",
    "kind",
    "organisation_name",
    "name",
    "email",
    "country",
    "city",
    "display",
    "hidden_by_staff",
    "language",
    "partner",
    "partner_verified",
]


def pledge_export_staff(*, campaign: Campaign, actor: User | AnonymousUser) -> str:
    """CSV text of every confirmed pledge with its e-mail. Staff only; records who and when."""
    if not user_is_staff(actor):
        raise PermissionDenied
    rows = [
        [
            p.confirmed_at.isoformat() if p.confirmed_at else "",
            p.kind,
            p.organisation_name,
            p.name,
            p.email,
            p.country,
            p.city,
            p.display,
            csv_bool(p.hidden_by_staff),
            p.language,
            p.partner.slug if p.partner else "",
            csv_bool(p.partner_verified),
        ]
        for p in Pledge.objects.filter(campaign=campaign, confirmed_at__isnull=False)
        .select_related("partner")
        .order_by("confirmed_at", "pk")
        .iterator(chunk_size=2000)
    ]
    PledgeExport.objects.create(
        campaign=campaign, exported_by=actor_or_none(actor), row_count=len(rows)
    )
    return csv_text(STAFF_EXPORT_HEADER, rows)
