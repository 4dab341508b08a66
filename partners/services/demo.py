"""Demo partners for a fresh `make run`: invented, clearly marked, removable in one command."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.text import slugify

from partners.models import Commitment, FocusArea, Language, Partner
from partners.services.commitments import commitment_create
from partners.services.profiles import (
    partner_approve,
    partner_create,
    partner_delete,
    partner_update,
)
from partners.services.vocabularies import vocabulary_entry_save

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
# Shown on public pages, so it speaks to visitors: how to remove the demo is in the README and
# on the staff dashboard, not here.
DEMO_DESCRIPTION = (
    "Demo data: an invented organisation, shown as an example of what a partner profile looks "
    "like. It is not a member of the coalition."
)


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def vocabularies_load() -> tuple[int, int]:
    """Create missing focus areas and languages from the CSVs; staff edits to existing rows
    (e.g. a better Spanish label) are kept."""
    known_focus = set(FocusArea.objects.values_list("slug", flat=True))
    known_lang = set(Language.objects.values_list("code", flat=True))
    created_focus = created_lang = 0
    for row in _rows("focus_areas.csv"):
        if row["slug"] not in known_focus:
            entry = FocusArea(slug=row["slug"], name=row["name"], name_es=row["name_es"])
            vocabulary_entry_save(entry=entry)
            created_focus += 1
    for row in _rows("languages.csv"):
        if row["code"] not in known_lang:
            lang = Language(code=row["code"], name=row["name"], name_es=row["name_es"])
            vocabulary_entry_save(entry=lang)
            created_lang += 1
    return created_focus, created_lang


@transaction.atomic
def demo_partners_load() -> int:
    """Create or refresh the demo partners; running it twice changes nothing. Returns how many
    demo partners exist afterwards.

    Written through the partner and commitment services like any other partner, so the demo
    obeys the same validation and history rules. The coordinates come straight from the data
    file (so they count as set by hand): the demo never needs a geocoder.
    """
    vocabularies_load()
    for row in _rows("demo_partners.csv"):
        slug = slugify(row["name"])
        lat, lng = Decimal(row["latitude"]), Decimal(row["longitude"])
        fields: dict[str, Any] = {
            "name": row["name"],
            "kind": row["kind"],
            "description": DEMO_DESCRIPTION,
            "website": f"https://{slug}.example.org/",
            "email": f"info@{slug}.example.org",
            "country": row["country"],
            "city": row["city"],
            "latitude": lat,
            "longitude": lng,
            "city_latitude": lat,
            "city_longitude": lng,
            "is_demo": True,
            "focus_areas": [s for s in row["focus_areas"].split(";") if s],
            "languages": [c for c in row["languages"].split(";") if c],
        }
        partner = Partner.objects.filter(slug=slug).first()
        if partner is None:
            partner = partner_create(
                name=fields.pop("name"), country=fields.pop("country"), slug=slug, **fields
            )
        else:
            partner = partner_update(partner=partner, **fields)
        if not (partner.is_published and partner.approved_at and partner.last_verified_at):
            partner_approve(partner=partner)
        if row["commitment_kind"] and not partner.commitments.exists():
            commitment_create(
                partner=partner,
                user=None,
                kind=row["commitment_kind"],
                status=row["commitment_status"] or Commitment.Status.PLEDGED,
                text=row["commitment_text"],
                target_country=row["country"],
            )
    return Partner.objects.filter(is_demo=True).count()


@transaction.atomic
def demo_partners_remove() -> int:
    """Delete exactly the demo partners (and, by cascade, their commitments and memberships)."""
    demo = list(Partner.objects.filter(is_demo=True))
    for partner in demo:
        partner_delete(partner=partner)
    return len(demo)
