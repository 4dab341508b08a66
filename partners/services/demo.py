"""Demo partners for a fresh `make run`: invented, clearly marked, removable in one command."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from partners.models import Commitment, FocusArea, Language, Partner

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
DEMO_DESCRIPTION = (
    "Demo data: an invented organisation shown so the directory is not empty on a new "
    "installation. Remove all demo partners with `python manage.py load_demo_partners --remove`."
)


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def vocabularies_load() -> tuple[int, int]:
    """Create missing focus areas and languages from the CSVs; staff edits to existing rows
    (e.g. a better Spanish label) are kept."""
    created_focus = created_lang = 0
    for row in _rows("focus_areas.csv"):
        _focus, created = FocusArea.objects.get_or_create(
            slug=row["slug"], defaults={"name": row["name"], "name_es": row["name_es"]}
        )
        created_focus += created
    for row in _rows("languages.csv"):
        _lang, created = Language.objects.get_or_create(
            code=row["code"], defaults={"name": row["name"], "name_es": row["name_es"]}
        )
        created_lang += created
    return created_focus, created_lang


@transaction.atomic
def demo_partners_load() -> int:
    """Create or refresh the demo partners; running it twice changes nothing. Returns how many
    demo partners exist afterwards."""
    vocabularies_load()
    now = timezone.now()
    focus = {f.slug: f for f in FocusArea.objects.all()}
    for row in _rows("demo_partners.csv"):
        slug = slugify(row["name"])
        lat, lng = Decimal(row["latitude"]), Decimal(row["longitude"])
        # City coordinates straight from the data file: the demo never needs a geocoder.
        partner, _created = Partner.objects.update_or_create(
            slug=slug,
            defaults={
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
                "location_source": Partner.LocationSource.GAZETTEER,
                "geocode_status": Partner.GeocodeStatus.OK,
                "is_published": True,
                "is_demo": True,
            },
        )
        if partner.approved_at is None or partner.last_verified_at is None:
            partner.approved_at = partner.approved_at or now
            partner.last_verified_at = partner.last_verified_at or now
            partner.save(update_fields=["approved_at", "last_verified_at"])
        partner.focus_areas.set([focus[s] for s in row["focus_areas"].split(";") if s in focus])
        partner.languages.set(list(Language.objects.filter(code__in=row["languages"].split(";"))))
        if row["commitment_kind"] and not partner.commitments.exists():
            Commitment.objects.create(
                partner=partner,
                kind=row["commitment_kind"],
                status=row["commitment_status"] or Commitment.Status.PLEDGED,
                text=row["commitment_text"],
                target_country=row["country"],
            )
    return Partner.objects.filter(is_demo=True).count()


@transaction.atomic
def demo_partners_remove() -> int:
    """Delete exactly the demo partners (and, by cascade, their commitments and memberships)."""
    count, _per_model = Partner.objects.filter(is_demo=True).delete()
    return int(_per_model.get("partners.Partner", 0)) if count else 0
