"""The staff export of confirmed pledges, with e-mails. Every export is logged."""

from __future__ import annotations

import csv
import io

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied

from campaigns.models import Campaign, Pledge, PledgeExport
from core.csv_safety import safe_cell
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
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(STAFF_EXPORT_HEADER)
    rows = 0
    for p in (
        Pledge.objects.filter(campaign=campaign, confirmed_at__isnull=False)
        .select_related("partner")
        .order_by("confirmed_at", "pk")
        .iterator(chunk_size=2000)
    ):
        writer.writerow(
            [
                safe_cell(p.confirmed_at.isoformat() if p.confirmed_at else ""),
                safe_cell(p.kind),
                safe_cell(p.organisation_name),
                safe_cell(p.name),
                safe_cell(p.email),
                safe_cell(p.country),
                safe_cell(p.city),
                safe_cell(p.display),
                safe_cell("yes" if p.hidden_by_staff else "no"),
                safe_cell(p.language),
                safe_cell(p.partner.slug if p.partner else ""),
                safe_cell("yes" if p.partner_verified else "no"),
            ]
        )
        rows += 1
    PledgeExport.objects.create(campaign=campaign, exported_by=actor_or_none(actor), row_count=rows)
    return out.getvalue()
