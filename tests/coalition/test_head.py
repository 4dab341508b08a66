"""Every view that answers GET answers HEAD the same way, without a body: uptime monitors and
link checkers send HEAD."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.browser.a11y_support import PAGES, site_seed

ROOT = Path(__file__).resolve().parents[2]
APPS = ["core", "coalition", "campaigns", "maps", "partners", "ratification"]

# Beyond the pages every persona sees (tests/browser/a11y_support.py): downloads, feeds, the
# API, and the URLs outside the language prefix.
MORE: list[tuple[str, str, str]] = [
    ("treaty-csv", "anonymous", "/en/treaties/icrmw/participants.csv"),
    ("treaty-json", "anonymous", "/en/treaties/icrmw/participants.json"),
    ("activities-ics", "anonymous", "/en/campaigns/axe-day/activities.ics"),
    ("signers-csv", "anonymous", "/en/campaigns/{campaign_slug}/signers.csv"),
    ("sign-done", "anonymous", "/en/campaigns/{campaign_slug}/signed/"),
    ("map-options", "anonymous", "/en/map/?layers=countries&as_of=2000-01-01"),
    ("es-home", "anonymous", "/es/"),
    ("es-map-embed", "anonymous", "/es/map/embed/"),
    ("healthz", "anonymous", "/healthz"),
    ("healthz-ready", "anonymous", "/healthz/ready"),
    ("api-root", "anonymous", "/api/v1/"),
    ("api-partners", "anonymous", "/api/v1/partners/"),
    ("api-pledges", "anonymous", "/api/v1/campaigns/{campaign_slug}/pledges/"),
    ("api-activities", "anonymous", "/api/v1/campaigns/axe-day/activities/"),
    ("api-schema", "anonymous", "/api/schema/"),
    ("api-docs", "anonymous", "/api/docs/"),
    ("partners-export", "staff", "/en/staff/partners/export.csv"),
    ("pledges-export", "staff", "/en/staff/campaigns/{campaign_slug}/pledges.csv"),
    ("admin", "staff", "/en/admin/"),
]


def _body(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def _urls() -> list[tuple[str, str, str]]:
    return [(name, persona, f"/en{path}") for name, persona, path in PAGES] + MORE


@pytest.mark.django_db
def test_head_answers_like_get_without_a_body(client):
    site = site_seed()
    type(site.staff).objects.filter(pk=site.staff.pk).update(is_superuser=True)
    failures = []
    checked = 0
    for persona in ("anonymous", "member", "staff"):
        client.logout()
        if persona != "anonymous":
            client.force_login(getattr(site, persona))
        for name, who, path in _urls():
            if who != persona:
                continue
            url = path.format(**vars(site))
            get = client.get(url)
            head = client.head(url)
            checked += 1
            if get.status_code != 200 or head.status_code != 200:
                failures.append(f"{name} {url}: GET {get.status_code}, HEAD {head.status_code}")
            elif _body(head):
                failures.append(f"{name} {url}: HEAD has a body")
            elif head["Content-Type"] != get["Content-Type"]:
                failures.append(f"{name} {url}: {head['Content-Type']} != {get['Content-Type']}")
    assert checked == len(_urls())
    assert not failures, "\n".join(failures)


@pytest.mark.django_db
def test_favicon_redirects_on_head_too(client):
    assert client.head("/favicon.ico").status_code == 301


def test_no_view_answers_get_but_refuses_head():
    """`require_GET` and a `require_http_methods` list with GET but not HEAD answer HEAD 405:
    views use `require_safe`, or list HEAD beside GET."""
    offenders = []
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            source = path.read_text(encoding="utf-8")
            if re.search(r"\brequire_GET\b", source):
                offenders.append(f"{path.relative_to(ROOT)}: require_GET")
            for methods in re.findall(r"require_http_methods\(\s*\[([^\]]*)\]", source):
                if '"GET"' in methods and '"HEAD"' not in methods:
                    offenders.append(f"{path.relative_to(ROOT)}: require_http_methods([{methods}])")
    assert not offenders, offenders
