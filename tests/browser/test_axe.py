"""axe-core on every page of the site, in English and Spanish, as the persona that sees it:
no violation of serious or critical impact (WCAG 2.2 A/AA rules and axe's best practices).

One browser for the session. The site is seeded once per (language, persona) test rather than
once per page (seeding is most of the cost of a page), and every page of the group is checked
before the test fails, so one run lists every page's violations with where they are and how to
fix them. All findings, whatever their impact, are written to var/artifacts/axe/ for review.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.browser.a11y_support import (
    BLOCKING,
    BROKEN_REFERENCES,
    FAILED_FORMS,
    PAGES,
    axe_run,
    sign_in,
    site_seed,
    violations_text,
)

pytestmark = pytest.mark.django_db(transaction=True)

REPORTS = Path(__file__).resolve().parents[2] / "var" / "artifacts" / "axe"
PERSONAS = ["anonymous", "member", "staff"]


def test_every_page_is_listed_once() -> None:
    names = [name for name, _, _ in PAGES]
    assert len(names) == len(set(names))
    assert {persona for _, persona, _ in PAGES} == set(PERSONAS)


# Every page at 1280px; the public pages at 320px too, where target sizes and reflow bite (the
# member and staff pages at 320px are left to the layout tests, to keep this file quick).
RUNS = [
    (language, persona, width)
    for language in ("en", "es")
    for persona in PERSONAS
    for width in (1280, 320)
    if width == 1280 or persona == "anonymous"
]


@pytest.mark.parametrize(("language", "persona", "width"), RUNS)
def test_no_serious_or_critical_violation(
    page: Any, live_server: Any, language: str, persona: str, width: int
) -> None:
    site = site_seed()
    page.set_viewport_size({"width": width, "height": 800})
    if persona != "anonymous":
        sign_in(page.context, live_server.url, getattr(site, persona))
    report: dict[str, list[dict[str, Any]]] = {}
    failures = []
    for name, who, path in PAGES:
        if who != persona:
            continue
        url = f"{live_server.url}/{language}{path.format(**vars(site))}"
        response = page.goto(url)
        status = response.status if response else None
        if status != 200:
            failures.append(f"{name} ({url}): HTTP {status}")
            continue
        violations = axe_run(page)
        report[name] = violations
        blocking = [v for v in violations if v["impact"] in BLOCKING]
        if blocking:
            failures.append(f"{name} ({url}):\n{violations_text(blocking)}")
        broken = page.evaluate(BROKEN_REFERENCES)
        if broken:
            failures.append(f"{name} ({url}): references to missing ids:\n  " + "\n  ".join(broken))
    REPORTS.mkdir(parents=True, exist_ok=True)
    (REPORTS / f"{persona}-{language}-{width}.json").write_text(
        json.dumps(report, indent=1, ensure_ascii=False), encoding="utf-8"
    )
    checked = len(report)
    assert not failures, f"{len(failures)} of {checked} pages fail:\n\n" + "\n\n".join(failures)


@pytest.mark.parametrize("language", ["en", "es"])
def test_failed_submissions_are_announced_without_violations(
    page: Any, live_server: Any, language: str
) -> None:
    """Each form submitted with its required fields empty comes back with "Error:" in the title,
    focus on the error summary, no reference to a missing id, and nothing serious for axe."""
    site = site_seed()
    failures = []
    signed_in_as = "anonymous"
    for name, persona, path, form in FAILED_FORMS:
        if persona != signed_in_as:
            sign_in(page.context, live_server.url, getattr(site, persona))
            signed_in_as = persona
        url = f"{live_server.url}/{language}{path.format(**vars(site))}"
        page.goto(url)
        target = page.locator(form).first
        # Empty every required text field the page filled in (the profile form comes filled).
        target.evaluate(
            """f => f.querySelectorAll('input[required]:not([type=checkbox]):not([type=radio]),'
                                        + 'textarea[required]').forEach(i => { i.value = ''; })"""
        )
        with page.expect_navigation():
            target.evaluate("f => f.requestSubmit()")
        problems = []
        if not page.title().startswith("Error:"):
            problems.append(f"title is {page.title()!r}")
        page.wait_for_function("() => document.activeElement !== document.body")
        if not page.evaluate("() => document.activeElement.matches('[data-error-summary]')"):
            problems.append("focus is not on the error summary")
        problems += page.evaluate(BROKEN_REFERENCES)
        blocking = [v for v in axe_run(page) if v["impact"] in BLOCKING]
        if blocking:
            problems.append(violations_text(blocking))
        if problems:
            failures.append(f"{name} ({url}):\n  " + "\n  ".join(problems))
    assert not failures, "\n\n".join(failures)


@pytest.mark.parametrize("language", ["en", "es"])
def test_import_list_link_target_and_table_width(
    browser: Any, live_server: Any, language: str
) -> None:
    """The issue's findings on /staff/imports/: the "Staff dashboard" link is a 24px target at
    320px, and the table of runs stays inside <main> at 1280px (it ran past it in Spanish)."""
    site = site_seed()
    for width in (320, 1280):
        context = browser.new_context(viewport={"width": width, "height": 800})
        try:
            page = context.new_page()
            sign_in(context, live_server.url, site.staff)
            page.goto(f"{live_server.url}/{language}/staff/imports/")
            link = page.locator("main a[href$='/staff/']").first.bounding_box()
            assert link is not None
            assert link["height"] >= 24, link
            if width == 1280:
                main = page.locator("main").bounding_box()
                table = page.locator("main table").bounding_box()
                assert main is not None
                assert table is not None
                assert table["x"] + table["width"] <= main["x"] + main["width"] + 0.5, (table, main)
        finally:
            context.close()


@pytest.mark.parametrize("language", ["en", "es"])
def test_status_is_never_told_by_colour_alone(page: Any, live_server: Any, language: str) -> None:
    """The map's colours come with a legend in words, and its table twin and the country index
    write each status out; the charts label every bar with its name and number."""
    site_seed()
    page.goto(f"{live_server.url}/{language}/map/")
    page.wait_for_selector(".cm-legend-items li")
    legend = page.inner_text(".cm-legend-items")
    twin = page.locator("#map-table tbody tr[data-iso2=MX] td").nth(1).inner_text()
    assert twin.strip()
    assert twin.strip() in legend  # the word the table uses is the word the legend uses
    assert len([line for line in legend.splitlines() if line.strip()]) >= 3
    page.goto(f"{live_server.url}/{language}/countries/")
    badge = page.locator("#country-index tbody tr", has_text="M").locator(".badge").first
    assert badge.inner_text().strip()
