"""The Content-Security-Policy in a real browser: every page of the site, maps included, in
English and a few in Spanish, as the persona that sees it, records no violation; and only the
pages made to be embedded can be framed by another site.

A violation is seen twice over: a `securitypolicyviolation` listener that runs before any of the
page's own scripts (an init script, in every frame) and Chromium's console, which reports what
the listener cannot (a refused frame, say). The live server runs the site's whole middleware
stack, django-csp's included; the test checks that the header is there on every page.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlparse

import pytest

from tests.browser.a11y_support import PAGES, site_seed
from tests.browser.a11y_support import sign_in as sign_in_as

pytestmark = pytest.mark.django_db(transaction=True)

LISTENER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(
    `${e.effectiveDirective} refused ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber}` +
    (e.sample ? ` (${e.sample})` : ""));
});
"""
CSP_CONSOLE = ("Content Security Policy", "Content-Security-Policy")

# Pages beyond the accessibility tests' list: those with a map or a script of their own that the
# list has no twin for, the API's pages, the admin and an error page.
EXTRA_PAGES: list[tuple[str, str, str]] = [
    ("map-countries-only", "anonymous", "/map/?layers=countries"),
    ("map-another-date", "anonymous", "/map/?as_of=2000-01-01"),
    ("map-embed-partners", "anonymous", "/map/embed/?layers=partners"),
    ("day-of-action", "anonymous", "/campaigns/axe-day/"),
    ("sign-done", "anonymous", "/campaigns/{campaign_slug}/signed/"),
    ("not-found", "anonymous", "/no-such-page/"),
    ("admin", "staff", "/admin/"),
    ("admin-partner", "staff", "/admin/partners/partner/"),
]
# Pages outside the language prefix.
ROOT_PAGES: list[tuple[str, str, str]] = [
    ("api-docs", "anonymous", "/api/docs/"),
    ("api-root", "anonymous", "/api/v1/"),
    ("api-partners", "anonymous", "/api/v1/partners/"),
]
SPANISH = {"home", "map", "map-embed", "country", "country-card", "campaign", "campaign-widget"}
# Pages that must show a map once drawn (a Leaflet container with its panes).
WITH_MAP = {
    "home",
    "map",
    "map-embed",
    "country",
    "partner",
    "map-countries-only",
    "map-another-date",
    "map-embed-partners",
    "day-of-action",
}


def _visits() -> list[tuple[str, str, str, str]]:
    """(name, persona, language or "", path) for every page to visit."""
    visits = []
    for name, persona, path in PAGES + EXTRA_PAGES:
        visits.append((name, persona, "en", path))
        if name in SPANISH:
            visits.append((name, persona, "es", path))
    visits += [(name, persona, "", path) for name, persona, path in ROOT_PAGES]
    return visits


def _directives(header: str) -> dict[str, str]:
    pairs = (part.strip().partition(" ") for part in header.split(";") if part.strip())
    return {name: value for name, _, value in pairs}


def _seed() -> Any:
    """The accessibility tests' site, with a point for the day of action's activity (so its page
    has a map) and the staff user allowed into the admin's partner list."""
    from campaigns.models import Activity

    site = site_seed()
    Activity.objects.filter(pk=site.activity_pk).update(
        latitude=19.43, longitude=-99.13, city="Mexico City"
    )
    type(site.staff).objects.filter(pk=site.staff.pk).update(is_superuser=True)
    return site


def _watch(page: Any) -> list[str]:
    console: list[str] = []
    page.add_init_script(LISTENER)
    page.on(
        "console",
        lambda m: console.append(m.text) if any(s in m.text for s in CSP_CONSOLE) else None,
    )
    return console


def test_no_page_records_a_csp_violation(page: Any, live_server: Any) -> None:
    site = _seed()
    console = _watch(page)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    failures: list[str] = []
    visited = 0
    signed_in = "anonymous"
    for name, persona, language, path in sorted(_visits(), key=lambda v: v[1]):
        if persona != signed_in:
            page.context.clear_cookies()
            if persona != "anonymous":
                sign_in_as(page.context, live_server.url, getattr(site, persona))
            signed_in = persona
        prefix = f"/{language}" if language else ""
        url = f"{live_server.url}{prefix}{path.format(**vars(site))}"
        console.clear()
        errors.clear()
        response = page.goto(url, wait_until="load")
        assert response is not None
        expected = 404 if name == "not-found" else 200
        if response.status != expected:
            failures.append(f"{name} ({url}): HTTP {response.status}")
            continue
        policy = _directives(response.headers.get("content-security-policy", ""))
        strict = policy.get("style-src") == "'self'" or path.startswith("/api/")
        if policy.get("default-src") != "'self'" or policy.get("script-src") != "'self'":
            failures.append(f"{name} ({url}): policy {policy!r}")
        elif not strict:
            failures.append(f"{name} ({url}): inline styles allowed outside the API: {policy!r}")
        page.wait_for_load_state("networkidle")
        visited += 1
        # The zoom control is added by coalition-maps.js once it has read the map's data block.
        if (
            name in WITH_MAP
            and not page.locator(".leaflet-container .leaflet-control-zoom").count()
        ):
            failures.append(f"{name} ({url}): no map drawn; errors: {errors}")
        seen = page.evaluate("() => window.__cspViolations") + list(console)
        if seen:
            failures.append(f"{name} ({url}):\n  " + "\n  ".join(seen))
    assert visited == len(_visits()) - sum(1 for f in failures if ": HTTP " in f)
    assert visited >= 50
    assert not failures, f"{len(failures)} of {len(_visits())} pages fail:\n\n" + "\n\n".join(
        failures
    )


def test_only_the_embeddable_pages_can_be_framed_by_another_site(
    page: Any, live_server: Any, other_site: Any
) -> None:
    site = site_seed()
    pages, origin = other_site
    framed = {
        "embed": ("/en/map/embed/", ".leaflet-container"),
        "card": ("/en/countries/mx/card/", "article.card"),
        "widget": (f"/en/campaigns/{site.campaign_slug}/widget/", ".widget-title"),
        "map": ("/en/map/", ".leaflet-container"),
        # Our pages' own header: a refused frame shows the browser's error page (with an <h1>).
        "campaign": (f"/en/campaigns/{site.campaign_slug}/", "header.site-header"),
        "home": ("/en/", "header.site-header"),
    }
    pages["/partner-site/"] = (
        "<!doctype html><title>Partner site</title>"
        + "".join(
            f'<iframe id="{key}" src="{live_server.url}{path}" width="600" height="300"></iframe>'
            for key, (path, _) in framed.items()
        )
    ).encode()
    refused: list[str] = []
    page.on("console", lambda m: refused.append(m.text) if "frame-ancestors" in m.text else None)
    page.goto(f"{origin}/partner-site/")
    assert urlparse(page.url).port != urlparse(live_server.url).port
    for key in ("embed", "card", "widget"):
        page.frame_locator(f"#{key}").locator(framed[key][1]).first.wait_for()
    page.wait_for_load_state("networkidle")
    for key in ("map", "campaign", "home"):
        assert page.frame_locator(f"#{key}").locator(framed[key][1]).count() == 0, key
    assert len(refused) == 3, refused
    assert all("frame-ancestors 'none'" in message for message in refused), refused
