"""Map benchmark, run by `python -m bench` after the directory cases (same seeded database).

With every seeded partner published (10,000) and the shipped ICRMW status data loaded, reports:
cold build (selectors, builder + render, whole uncached render), the cached `/map/` response time
(server time through the test client), the page size raw and gzipped, and the time until the map
is drawn in headless Chromium (shapes and clusters on screen), loading from a local server.
Targets (issue 6): cached < 10 ms, cold build < 0.5 s, ≤ 700 KB gzipped, drawn within 1.5 s.
"""

from __future__ import annotations

import gzip
import io
import os
import socketserver
import statistics
import threading
import time
from collections.abc import Callable
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

COLD_RUNS = 5
CACHED_RUNS = 50
BROWSER_RUNS = 5
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def _median(fn: Callable[[], Any], runs: int) -> float:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


class _ThreadingServer(socketserver.ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, *args: Any) -> None:
        pass


def _serve() -> tuple[Any, str]:
    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from django.core.wsgi import get_wsgi_application

    server = make_server(
        "127.0.0.1",
        0,
        StaticFilesHandler(get_wsgi_application()),
        server_class=_ThreadingServer,
        handler_class=_QuietHandler,
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def _drawn_seconds(url: str) -> float | str:
    """Median time from navigation until shapes and partner clusters are drawn (fresh browser
    context each run: nothing cached)."""
    if not os.access(CHROMIUM, os.X_OK):
        return f"skipped: no Chromium at {CHROMIUM}"
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return "skipped: Playwright not installed"
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    samples = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
            ],
        )
        for _ in range(BROWSER_RUNS + 1):  # the first run warms the server, not counted
            context = browser.new_context(viewport={"width": 1280, "height": 800})
            page = context.new_page()
            started = time.perf_counter()
            page.goto(url, wait_until="commit")
            page.wait_for_function(
                "() => document.querySelectorAll('.leaflet-overlay-pane path').length > 200"
                " && document.querySelector('.marker-cluster')",
                timeout=30_000,
                polling="raf",
            )
            samples.append(time.perf_counter() - started)
            context.close()
        browser.close()
    return statistics.median(samples[1:])


def run() -> list[tuple[str, str, str]]:
    from django.core.cache import cache
    from django.core.management import call_command
    from django.templatetags.static import static
    from django.test import Client
    from django.utils import translation

    from maps import rendering
    from maps.builders import ratification_map, render_parts
    from maps.cache import map_data_version_bump
    from maps.selectors import LAYERS, map_countries, map_partners
    from maps.text import map_text
    from partners.models import Partner
    from ratification.models import Treaty

    call_command("load_reference_data", verbosity=0, stdout=io.StringIO())
    Partner.objects.update(is_published=True)
    published = Partner.objects.filter(is_published=True).count()
    treaty = Treaty.objects.get(slug="icrmw")
    query = rendering.MapQuery(treaty="icrmw", on=None, layers=LAYERS)
    rows: list[tuple[str, str, str]] = []

    with translation.override("en"):
        on = query.date
        data_s = _median(lambda: (map_countries(treaty=treaty, on=on), map_partners()), COLD_RUNS)
        countries = map_countries(treaty=treaty, on=on).countries
        points = map_partners().points
        text = map_text(treaty=treaty, as_at=treaty.as_of)

        def build() -> None:
            render_parts(
                ratification_map(countries=countries, partners=points, text=text, static_url=static)
            )

        build_s = _median(build, COLD_RUNS)

        def cold() -> None:
            map_data_version_bump()  # a fresh version: nothing cached
            rendering.map_render(query=query, kind=rendering.KIND_PAGE)

        cold_s = _median(cold, COLD_RUNS)

    client = Client()
    cache.clear()
    first = client.get("/en/map/")
    assert first.status_code == 200, first.status_code
    cached_s = _median(lambda: client.get("/en/map/"), CACHED_RUNS)
    body = first.content
    gz = len(gzip.compress(body, compresslevel=6))
    shapes_path = os.path.join("static", "maps", "countries.js")
    shapes_raw = open(shapes_path, "rb").read() if os.path.exists(shapes_path) else b""  # noqa: SIM115
    shapes_gz = len(gzip.compress(shapes_raw, compresslevel=6))

    server, base = _serve()
    try:
        drawn = _drawn_seconds(f"{base}/en/map/")
    finally:
        server.shutdown()

    def verdict(ok: bool) -> str:
        return "ok" if ok else "MISSES target"

    rows.append(("published partners on the map", f"{len(points):,} of {published:,}", ""))
    rows.append(("selectors: countries + partners", f"{data_s * 1000:.0f} ms", ""))
    rows.append(("cold build: builder + render", f"{build_s * 1000:.0f} ms",
                 f"target < 500 ms: {verdict(build_s < 0.5)}"))  # fmt: skip
    rows.append(("cold /map/ render, all included", f"{cold_s * 1000:.0f} ms", ""))
    rows.append(("cached /map/ response (median)", f"{cached_s * 1000:.1f} ms",
                 f"target < 10 ms: {verdict(cached_s < 0.010)}"))  # fmt: skip
    rows.append(("/map/ HTML raw", f"{len(body) / 1024:,.0f} KB", ""))
    rows.append(("/map/ HTML gzipped", f"{gz / 1024:,.0f} KB",
                 f"target ≤ 700 KB: {verdict(gz <= 700 * 1024)}"))  # fmt: skip
    rows.append(("+ shapes (static, cached) gzipped", f"{shapes_gz / 1024:,.0f} KB",
                 f"page + shapes {(gz + shapes_gz) / 1024:,.0f} KB"))  # fmt: skip
    if isinstance(drawn, str):
        rows.append(("drawn in headless Chromium", drawn, ""))
    else:
        rows.append(("drawn in headless Chromium (median)", f"{drawn * 1000:.0f} ms",
                     f"target < 1500 ms: {verdict(drawn < 1.5)}"))  # fmt: skip
    return rows


def report() -> None:
    rows = run()
    print("\nMaps (ICRMW, shipped UNTC data; every seeded partner published)\n")
    for label, value, note in rows:
        print(f"{label:<36} {value:>18}  {note}")
