"""Map build benchmark: `python -m bench.maps_build` (also run by `make bench`).

Times the pure builders (maps/builders/), no database and no HTTP: the ratification map with
every country, alone and with 10,000 synthetic partners, built and rendered into page parts.
"cold" is the first build in the process (shapes and dots read from maps/data/); the median is
over the following builds. Sizes are the rendered map HTML (what a view caches and sends) and,
separately, the static files a first visit downloads once (cached by the browser after that).
Targets (issue 6): cold build of ratification + 10,000 partners under 0.5 s; /map/ at most
700 KB gzipped with 10,000 partners.

The functions are importable so that the HTTP/browser benchmark can reuse the data and figures.
"""

from __future__ import annotations

import csv
import gzip
import random
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 5
PARTNERS = 10_000
STATIC_FILES = [
    "vendor/leaflet/leaflet.js",
    "vendor/leaflet/leaflet.css",
    "vendor/leaflet.markercluster/leaflet.markercluster.js",
    "vendor/leaflet.markercluster/MarkerCluster.css",
    "vendor/leaflet.markercluster/MarkerCluster.Default.css",
    "maps/countries.js",
    "maps/coalition-maps.js",
    "maps/coalition-maps.css",
]
WORDS = ["Migrant", "Workers", "Rights", "Solidarity", "Legal", "Aid", "Centre", "Network",
         "Union", "Refuge", "Family", "Justice", "Frontier", "Labour", "Dignity", "Hope"]  # fmt: skip
FOCUS = ["Legal aid", "Detention", "Domestic workers", "Trafficking", "Health", "Education",
         "Labour rights", "Advocacy", "Children", "Women", "Returns", "Remittances"]  # fmt: skip


@dataclass(frozen=True)
class Result:
    label: str
    cold_s: float
    median_s: float
    raw_bytes: int
    gzip_bytes: int


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6))


def static_url(path: str) -> str:
    return f"/static/{path}"


def sample_countries() -> list:
    """Every M49 country with its ICRMW status from the shipped fixture (like the real map)."""
    from maps.builders import CountryStatus

    participants = {}
    with (ROOT / "tests" / "fixtures" / "icrmw_status.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            participants[row["iso_alpha2"]] = row
    countries = []
    with (ROOT / "ratification" / "data" / "countries_m49.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            p = participants.get(row["iso_alpha2"])
            if p:
                status = "party" if p["action"] else "signatory"
            else:
                status = "none" if row["un_member_since"] else "not_applicable"
            countries.append(
                CountryStatus(
                    iso2=row["iso_alpha2"],
                    name=row["name"],
                    status=status,
                    status_label=status.replace("_", " ").capitalize(),
                    signed_on=date.fromisoformat(p["signature_date"])
                    if p and p["signature_date"]
                    else None,
                    party_on=date.fromisoformat(p["action_date"])
                    if p and p["action_date"]
                    else None,
                    url=f"/en/countries/{row['iso_alpha2']}/",
                )
            )
    return countries


def sample_partners(n: int = PARTNERS, seed: int = 42) -> list:
    from maps.builders import PartnerPoint

    rng = random.Random(seed)
    return [
        PartnerPoint(
            name=" ".join(rng.sample(WORDS, 3)) + f" {i}",
            city=f"City {i % 500}",
            country="Mexico",
            focus_areas=tuple(rng.sample(FOCUS, 2)),
            url=f"/en/partners/partner-{i}/",
            lat=rng.uniform(-50, 60),
            lon=rng.uniform(-120, 140),
        )
        for i in range(n)
    ]


def text():
    from maps.builders import MapText

    return MapText(
        map_label="Map",
        legend_title="Migrant Workers Convention",
        party="Party",
        signatory="Signatory",
        no_action="No action",
        not_applicable="Not applicable",
        status_as_at="Status as at 3 February 2026",
        layer_status="Ratification status",
        layer_partners="Partners",
        signed="Signed",
        party_since="Party since",
        open_profile="Open the profile",
        not_on_map="Not on the map",
        attribution_shapes="Boundaries: Natural Earth",
        attribution_geonames="Capitals and places: GeoNames (CC BY 4.0)",
        disclaimer="The boundaries and names shown do not imply endorsement by the United Nations.",
        zoom_in="Zoom in",
        zoom_out="Zoom out",
    )


def page_html(parts) -> str:
    return (
        f"<!DOCTYPE html><html><head>{parts.header}</head>"
        f"<body>{parts.html}{parts.script}</body></html>"
    )


def _forget_cached_data() -> None:
    from maps import shapes

    shapes.shape_collection.cache_clear()
    shapes.shape_codes.cache_clear()
    shapes.dots.cache_clear()


def measure(label: str, build: Callable[[], str], runs: int = RUNS) -> Result:
    """Cold: as the first request of a fresh web process (the shapes and dots are read from
    maps/data/ again); then the median of `runs` builds with them cached."""
    _forget_cached_data()
    started = time.perf_counter()
    html = build()
    cold = time.perf_counter() - started
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        build()
        samples.append(time.perf_counter() - started)
    data = html.encode("utf-8")
    return Result(label, cold, statistics.median(samples), len(data), gzip_size(data))


def run() -> tuple[list[Result], list[tuple[str, int, int]]]:
    import folium  # noqa: F401 - imported before timing: a web process has it loaded already

    from maps.builders import ratification_map, render_parts

    countries, partners, labels = sample_countries(), sample_partners(), text()

    def status_only() -> str:
        m = ratification_map(countries=countries, partners=None, text=labels, static_url=static_url)
        return page_html(render_parts(m))

    def with_partners() -> str:
        m = ratification_map(
            countries=countries, partners=partners, text=labels, static_url=static_url
        )
        return page_html(render_parts(m))

    results = [
        measure("ratification only", status_only),
        measure(f"ratification + {PARTNERS:,} partners", with_partners),
    ]
    assets = []
    for path in STATIC_FILES:
        data = (ROOT / "static" / path).read_bytes()
        assets.append((path, len(data), gzip_size(data)))
    return results, assets


def main() -> int:
    sys.path.insert(0, str(ROOT))
    results, assets = run()
    print(
        f"\nMap builds (maps.builders; build + render_parts; median of {RUNS} after the cold one)\n"
    )
    header = f"{'map':<34} {'cold s':>7} {'median s':>9} {'raw KB':>8} {'gzip KB':>8}"
    print(header)
    print("-" * len(header))
    for r in results:
        print(
            f"{r.label:<34} {r.cold_s:>7.3f} {r.median_s:>9.3f} "
            f"{r.raw_bytes / 1024:>8.0f} {r.gzip_bytes / 1024:>8.0f}"
        )
    print("\nStatic files of a first visit (cached afterwards)\n")
    header = f"{'file':<52} {'raw KB':>8} {'gzip KB':>8}"
    print(header)
    print("-" * len(header))
    for path, raw, packed in assets:
        print(f"{path:<52} {raw / 1024:>8.0f} {packed / 1024:>8.0f}")
    total_raw, total_gzip = sum(a[1] for a in assets), sum(a[2] for a in assets)
    print(f"{'total':<52} {total_raw / 1024:>8.0f} {total_gzip / 1024:>8.0f}")
    big = results[-1]
    print(
        f"\nFirst visit of the map with {PARTNERS:,} partners: "
        f"{(big.gzip_bytes + total_gzip) / 1024:.0f} KB gzipped (target 700 KB); "
        f"later visits {big.gzip_bytes / 1024:.0f} KB. Cold build {big.cold_s:.3f} s (target 0.5 s)."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
