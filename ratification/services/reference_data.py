"""Load the reference data shipped in `ratification/data/`: countries, the 18 treaties, their pages.

Idempotent, and quick on a second run (`make run` calls it every time): unchanged countries and
treaties are not written, and a shipped page whose "STATUS AS AT" date is not newer than the
treaty's is skipped before it is parsed.
"""

from __future__ import annotations

import csv
import datetime
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction

from ratification import treaties as catalogue
from ratification.models import Country, ImportRun, Treaty
from ratification.services.catalogue import treaty_sync_from_catalogue
from ratification.services.imports import TreatyImportError, treaty_import_from_source

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
COUNTRIES_CSV = DATA_DIR / "countries_m49.csv"
UNTC_DIR = DATA_DIR / "untc"

# Only to decide cheaply whether a shipped page is worth parsing; the parser reads it for real.
_STATUS_AS_AT = re.compile(rb"STATUS\s+AS\s+AT\s*:\s*(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})", re.I)


@dataclass(frozen=True, slots=True)
class TreatyLoadResult:
    slug: str
    outcome: str  # "imported", "unchanged", "skipped", "failed"
    as_of: datetime.date | None
    parties: int | None
    signatories: int | None
    added: int = 0
    changed: int = 0
    missing: int = 0
    error: str = ""


@transaction.atomic
def countries_load(*, path: Path = COUNTRIES_CSV) -> tuple[int, int]:
    """Create or update `Country` rows from the M49 CSV. Returns (created, updated)."""
    existing = {c.iso2: c for c in Country.objects.all()}
    created = updated = 0
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            codes = re.findall(r"[A-Z]{2}", row["iso_alpha2"])
            if not codes:
                continue
            values = {
                "iso3": row["iso_alpha3"].strip(),
                "numeric": row["iso_numeric"].strip(),
                "name": row["name"].strip(),
                "region": row["region"].strip(),
                "subregion": row["subregion"].strip(),
                "un_member_since": int(row["un_member_since"])
                if row["un_member_since"].strip()
                else None,
            }
            country = existing.get(codes[0])
            if country is not None and all(getattr(country, k) == v for k, v in values.items()):
                continue  # unchanged: no write, so a second run is nearly free
            _, was_created = Country.objects.update_or_create(iso2=codes[0], defaults=values)
            created += was_created
            updated += not was_created
    return created, updated


def _page_as_of(raw: bytes) -> datetime.date | None:
    match = _STATUS_AS_AT.search(raw)
    if not match:
        return None
    day, month, year = (int(g) for g in match.groups())
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def reference_data_load(*, force: bool = False, user: Any = None) -> list[TreatyLoadResult]:
    """Countries, the 18 catalogue treaties, and an import of each shipped UNTC page."""
    countries_load()
    # Parents first, so that protocols can point at them.
    entries = sorted(catalogue.CATALOGUE, key=lambda e: (bool(e.parent_slug), e.position))
    treaties = {entry.slug: treaty_sync_from_catalogue(entry=entry) for entry in entries}

    # One transaction for all pages: a single commit instead of one per treaty (SQLite syncs the
    # file at every commit). A failed page still records its FAILED run and is reported.
    with transaction.atomic():
        return [
            _load_page(entry, treaties[entry.slug], force=force, user=user)
            for entry in catalogue.CATALOGUE
        ]


def _load_page(
    entry: catalogue.CatalogueTreaty, treaty: Treaty, *, force: bool, user: Any
) -> TreatyLoadResult:
    path = UNTC_DIR / entry.file_name
    raw = path.read_bytes()
    hint = _page_as_of(raw)
    if not force and treaty.as_of and hint and hint <= treaty.as_of:
        return TreatyLoadResult(
            entry.slug, "skipped", treaty.as_of, treaty.header_parties, treaty.header_signatories
        )
    try:
        run = treaty_import_from_source(
            source=f"ratification/data/untc/{entry.file_name}",
            treaty_slug=entry.slug,
            content=raw,
            user=user,
        )
    except TreatyImportError as exc:
        return TreatyLoadResult(entry.slug, "failed", None, None, None, error=str(exc))
    treaty.refresh_from_db()
    return TreatyLoadResult(
        entry.slug,
        "imported" if run.status == ImportRun.Status.APPLIED else "unchanged",
        treaty.as_of,
        treaty.header_parties,
        treaty.header_signatories,
        added=run.added_count,
        changed=run.changed_count,
        missing=run.missing_count,
    )
