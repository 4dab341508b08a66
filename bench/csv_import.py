"""Staff CSV import benchmark (issue 7 #7), run by `python -m bench` after the directory seed.

Times the preview (validation only) and the apply (bulk write in one transaction) of a
10,000-row file — half updates of seeded partners, half new ones, with focus areas and
languages — and the preview of a 50,000-row file. Geocoding is not included: the apply queues
it after commit for the worker.
"""

from __future__ import annotations

import time
from typing import Any

ROWS = 10_000
LARGE_PREVIEW_ROWS = 50_000
HEADER = "name,slug,kind,country,city,email,website,description,focus_areas,languages\n"


def _csv(rows: int, *, update_slugs: list[str], prefix: str) -> str:
    from partners.models import FocusArea, Language

    focus = ";".join(list(FocusArea.objects.values_list("slug", flat=True))[:2])
    language = next(iter(Language.objects.values_list("code", flat=True)), "")
    lines = [HEADER]
    for i in range(rows):
        slug = update_slugs[i] if i < len(update_slugs) else ""
        lines.append(
            f"{prefix} Imported Org {i},{slug},ngo,MX,Oaxaca,contact{i}@example.org,"
            f"https://import{i}.example.org/,Legal aid for migrant workers.,{focus},{language}\n"
        )
    return "".join(lines)


def _timed(fn: Any) -> tuple[float, Any]:
    started = time.perf_counter()
    result = fn()
    return time.perf_counter() - started, result


def run() -> None:
    """Print the CSV import timings (Django must be set up and the database seeded)."""
    from partners import tasks
    from partners.models import Partner
    from partners.services.csv_io import partners_import_csv

    seeded = list(Partner.objects.order_by("pk").values_list("slug", flat=True)[: ROWS // 2])
    text = _csv(ROWS, update_slugs=seeded, prefix="A")
    preview_s, preview = _timed(lambda: partners_import_csv(file=text, dry_run=True))
    if not preview.is_valid:
        raise RuntimeError(f"bench CSV invalid: {preview.error_rows[:3]} {preview.file_errors}")

    queued: list[list[int]] = []
    delay = tasks.partners_geocode_batch.delay
    tasks.partners_geocode_batch.delay = queued.append  # type: ignore[method-assign]
    try:
        apply_s, applied = _timed(lambda: partners_import_csv(file=text, dry_run=False))
    finally:
        tasks.partners_geocode_batch.delay = delay  # type: ignore[method-assign]
    if not applied.applied:
        raise RuntimeError(f"bench apply failed: {applied.file_errors}")

    large = _csv(LARGE_PREVIEW_ROWS, update_slugs=[], prefix="B")
    large_s, _report = _timed(lambda: partners_import_csv(file=large, dry_run=True))

    print(f"\nStaff CSV import (SQLite), {ROWS:,} rows: {applied.updated:,} updates, "
          f"{applied.created:,} new")  # fmt: skip
    print(f"{'preview ' + format(ROWS, ',') + ' rows':<30} {preview_s:>9.1f} s")
    print(f"{'apply ' + format(ROWS, ',') + ' rows':<30} {apply_s:>9.1f} s   (target < 30 s)")
    print(f"{'preview ' + format(LARGE_PREVIEW_ROWS, ',') + ' rows':<30} {large_s:>9.1f} s")
    print(
        f"Geocoding of {sum(map(len, queued)):,} partners queued after commit in "
        f"{len(queued)} batch task(s), not timed."
    )
