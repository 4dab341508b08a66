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


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("language", ["en", "es"])
def test_no_serious_or_critical_violation(
    page: Any, live_server: Any, language: str, persona: str
) -> None:
    site = site_seed()
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
    REPORTS.mkdir(parents=True, exist_ok=True)
    (REPORTS / f"{persona}-{language}.json").write_text(
        json.dumps(report, indent=1, ensure_ascii=False), encoding="utf-8"
    )
    checked = len(report)
    assert not failures, f"{len(failures)} of {checked} pages fail:\n\n" + "\n\n".join(failures)
