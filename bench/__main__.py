"""Partner directory benchmark: `python -m bench` (or `make bench`).

Seeds 10,000 partners into a throwaway SQLite database, then times the partner API list (a page
of 50 with a filter) and the public directory page against a raw baseline measured in the same
run: the same rows fetched with `.values()` and serialised with `json.dumps`. The ratio says how
much the framework layers (DRF/templates, filters, pagination, prefetching) cost over the bare
minimum; the query count shows whether a page stays O(1) in queries.
"""

from __future__ import annotations

import csv
import json
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

PARTNERS = 10_000
RUNS = 20
BATCH = 1_000
COUNTRIES = ["MX", "US", "GT", "HN", "SV", "CO", "EC", "PE", "BR", "AR", "CL", "ES", "IT", "FR",
             "DE", "PH", "ID", "NP", "BD", "IN", "LK", "KE", "NG", "SN", "GH", "ZA", "MA", "EG",
             "JO", "LB"]  # fmt: skip
WORDS = ["Migrant", "Workers", "Rights", "Solidarity", "Legal", "Aid", "Centre", "Network",
         "Union", "Refuge", "Family", "Justice", "Frontier", "Labour", "Dignity", "Hope"]  # fmt: skip
ROOT = Path(__file__).resolve().parent.parent


def _configure(tmp: str) -> None:
    # Must happen before Django reads its settings: the benchmark never touches the real DB.
    os.environ["COALITION_VAR_DIR"] = tmp
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
    os.environ.pop("CACHE_URL", None)
    os.environ.pop("REDIS_URL", None)
    os.environ.pop("CELERY_BROKER_URL", None)
    os.environ["API_THROTTLE_ANON"] = "1000000/minute"  # measuring, not rate limiting
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coalition.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def _seed() -> None:
    from decimal import Decimal

    from django.core.management import call_command
    from django.utils import timezone

    from partners.models import FocusArea, Language, Partner
    from ratification.models import Country

    call_command("migrate", verbosity=0, interactive=False)
    with (ROOT / "ratification" / "data" / "countries_m49.csv").open(encoding="utf-8") as fh:
        Country.objects.bulk_create(
            [
                Country(
                    iso2=row["iso_alpha2"],
                    iso3=row["iso_alpha3"],
                    numeric=row["iso_numeric"],
                    name=row["name"],
                    region=row["region"],
                    subregion=row["subregion"],
                )
                for row in csv.DictReader(fh)
            ],
            ignore_conflicts=True,
        )
    if not FocusArea.objects.exists():
        FocusArea.objects.bulk_create(
            [FocusArea(slug=f"focus-{i}", name=f"Focus {i}") for i in range(12)]
        )
    if not Language.objects.exists():
        Language.objects.bulk_create(
            [Language(code=c, name=c) for c in ("en", "es", "fr", "pt", "ar")]
        )
    focus_ids = list(FocusArea.objects.values_list("pk", flat=True))
    language_codes = list(Language.objects.values_list("code", flat=True))

    rng = random.Random(42)
    now = timezone.now()
    kinds = [k.value for k in Partner.Kind]
    FocusThrough = Partner.focus_areas.through
    LanguageThrough = Partner.languages.through
    for start in range(0, PARTNERS, BATCH):
        batch = []
        for i in range(start, min(start + BATCH, PARTNERS)):
            name = " ".join(rng.sample(WORDS, 3)) + f" {i}"
            lat = Decimal(rng.uniform(-50, 60)).quantize(Decimal("0.000001"))
            lng = Decimal(rng.uniform(-120, 140)).quantize(Decimal("0.000001"))
            batch.append(
                Partner(
                    name=name,
                    slug=f"bench-{i}",
                    kind=kinds[i % len(kinds)],
                    description="Defends the rights of migrant workers and their families.",
                    website=f"https://p{i}.example.org/",
                    email=f"contact{i}@example.org",
                    phone="+1 555 0100",
                    country=COUNTRIES[i % len(COUNTRIES)],
                    city="Capital",
                    address_1=f"Street {i}",
                    show_address=i % 3 != 0,
                    latitude=lat,
                    longitude=lng,
                    city_latitude=lat.quantize(Decimal("0.1")),
                    city_longitude=lng.quantize(Decimal("0.1")),
                    location_source=Partner.LocationSource.GAZETTEER,
                    geocode_status=Partner.GeocodeStatus.OK,
                    is_published=i % 10 != 7,  # 10 % unpublished drafts
                    approved_at=now,
                    last_verified_at=now,
                    is_demo=True,
                )
            )
        created = Partner.objects.bulk_create(batch)
        FocusThrough.objects.bulk_create(
            [
                FocusThrough(partner_id=p.pk, focusarea_id=f)
                for p in created
                for f in rng.sample(focus_ids, min(3, len(focus_ids)))
            ]
        )
        LanguageThrough.objects.bulk_create(
            [
                LanguageThrough(partner_id=p.pk, language_id=code)
                for p in created
                for code in rng.sample(language_codes, min(2, len(language_codes)))
            ]
        )


def _time(fn: Callable[[], Any], runs: int = RUNS) -> float:
    fn()  # warm-up: URL resolvers, templates, connection
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def _queries(fn: Callable[[], Any]) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


def _baseline(size: int, **filters: Any) -> Callable[[], str]:
    from partners.models import Partner

    fields = ["slug", "name", "kind", "description", "country", "city", "website",
              "city_latitude", "city_longitude", "updated_at"]  # fmt: skip

    def run() -> str:
        rows = list(
            Partner.objects.filter(is_published=True, **filters)
            .order_by("name", "pk")
            .values(*fields)[:size]
        )
        return json.dumps(rows, default=str)

    return run


def _page(client: Any, url: str) -> Callable[[], Any]:
    def run() -> Any:
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}")
        return response

    return run


def main() -> int:
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="coalition-bench-") as tmp:
        _configure(tmp)
        from django.test import Client

        seed_started = time.perf_counter()
        _seed()
        seed_seconds = time.perf_counter() - seed_started
        client = Client()
        cases = [
            ("API list ?country=MX (50)", "/api/v1/partners/?country=MX", 50, {"country": "MX"}),
            ("API list ?kind=ngo (50)", "/api/v1/partners/?kind=ngo", 50, {"kind": "ngo"}),
            ("Directory /en/partners/ (25)", "/en/partners/", 25, {}),
            (
                "Directory ?country=MX (25)",
                "/en/partners/?country=MX",
                25,
                {"country": "MX"},
            ),
        ]
        rows = []
        for label, url, size, filters in cases:
            probe = client.get(url)
            if probe.status_code == 404:
                rows.append((label, None, None, None, None))
                continue
            page = _page(client, url)
            baseline = _baseline(size, **filters)
            page_median = _time(page)
            base_median = _time(baseline)
            rows.append(
                (label, page_median, _queries(page), base_median, page_median / base_median)
            )

        print(f"Seeded {PARTNERS:,} partners in {seed_seconds:.1f} s (SQLite, {tmp}).")
        print(f"Median of {RUNS} runs, in-process Django test client (no network).\n")
        header = f"{'case':<30} {'median ms':>10} {'queries':>8} {'baseline ms':>12} {'ratio':>7}"
        print(header)
        print("-" * len(header))
        for label, page_median, queries, base_median, ratio in rows:
            if page_median is None:
                print(f"{label:<30} {'404: page not there yet':>40}")
                continue
            print(
                f"{label:<30} {page_median * 1000:>10.1f} {queries:>8} "
                f"{base_median * 1000:>12.2f} {ratio:>6.1f}x"
            )
        print(
            "\nbaseline = the same rows via .values() + json.dumps, one query, no framework."
            f"\nTotal {time.perf_counter() - started:.1f} s."
        )
        __import__("bench.maps").maps.report()  # map figures (issue 6), same seeded database
        __import__("bench.csv_import").csv_import.run()  # staff CSV import timings
    __import__("bench.maps_build").maps_build.main()  # map builders: no database needed
    __import__("bench.untc_parse").untc_parse.main()  # UNTC parser against lxml's own parse
    __import__("bench.campaigns").campaigns.run_isolated()
    return 0


if __name__ == "__main__":
    sys.exit(main())
