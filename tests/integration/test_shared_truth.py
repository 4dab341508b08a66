"""Several processes share the truth (issue 13): gunicorn with 3 workers serves every map page
while the data changes in other processes (`manage.py shell`, and this test process through the
services). Not one of 50 reads of any map page after a change may show what changed.

Measured before the fix with 2 workers and the per-process cache: 27 of 48 reads still carried
a partner's exact point after it was hidden, 26 of 48 still showed an unpublished partner.
"""

from __future__ import annotations

import datetime
import re
import time

import pytest
import requests

from partners.models import Partner
from partners.services.profiles import partner_set_published
from ratification.models import ActionKind
from ratification.services.reference_data import countries_load
from tests.factories import PartnerFactory, TreatyActionFactory, TreatyFactory
from tests.integration.processes import manage, static_root, web_server  # noqa: F401
from tests.maps.conftest import map_specs

pytestmark = pytest.mark.services

READS = 50
PAGES = ("/en/map/", "/en/map/embed/", "/en/countries/MX/", "/en/countries/MX/card/")
NAME = "Exact Point Partner"
# Exact and city-level points: far enough apart that no rounding makes one the other.
EXACT = (19.4361, -99.0719)
CITY = (19.4284, -99.1277)


def _drawn(body: str) -> dict:
    (spec,) = map_specs(body)
    assert spec["draw"] == "ratification", "no ratification map in the page"
    return spec["data"]


def _shows_exact_point(body: str) -> bool:
    return "19.4361" in body and "-99.0719" in body


def _read_all(server, pages=PAGES, reads=READS) -> dict[str, list[str]]:
    """`reads` GETs of each page, each on a new connection (so the workers share them)."""
    bodies: dict[str, list[str]] = {page: [] for page in pages}
    for _ in range(reads):
        for page in pages:
            response = requests.get(server.url(page), timeout=60, headers={"Connection": "close"})
            assert response.status_code == 200, (page, response.status_code)
            bodies[page].append(response.text)
    return bodies


def _stale(bodies: dict[str, list[str]], is_stale) -> dict[str, int]:
    return {page: sum(1 for body in found if is_stale(body)) for page, found in bodies.items()}


def test_no_map_page_serves_what_another_process_changed(web_server, capsys):  # noqa: F811
    countries_load()
    treaty = TreatyFactory(as_of=datetime.date(2026, 2, 3))
    TreatyActionFactory(
        treaty=treaty, country="MX", kind=ActionKind.RATIFICATION, date=datetime.date(1999, 3, 8)
    )
    partner = PartnerFactory(
        name=NAME,
        slug="exact-point",
        country="MX",
        city="Mexico City",
        latitude=EXACT[0],
        longitude=EXACT[1],
        city_latitude=CITY[0],
        city_longitude=CITY[1],
        show_address=True,
    )
    report: dict[str, dict[str, int]] = {}

    # Every worker reads (and the cache holds) the pages with the exact point and the partner.
    warm = _read_all(web_server)
    for page in PAGES[:3]:
        assert all(_shows_exact_point(body) for body in warm[page]), page
    for page in PAGES:
        assert all(NAME in body for body in warm[page]), page
    assert len(web_server.workers_seen()) == 3, "all three workers must have answered"

    # 1. The partner hides its exact address, in another process.
    manage(
        "shell",
        "-c",
        "from partners.models import Partner; "
        "from partners.services.profiles import partner_update; "
        "partner_update(partner=Partner.objects.get(slug='exact-point'), show_address=False)",
        env=web_server.env,
    )
    hidden = _read_all(web_server)
    report["exact point after hiding it (manage.py shell)"] = _stale(hidden, _shows_exact_point)
    for page in PAGES:
        assert all(NAME in body for body in hidden[page]), page  # still listed, at city level

    # 2. Staff unpublish it, here (a process none of the workers is).
    partner_set_published(partner=Partner.objects.get(pk=partner.pk), published=False)
    unpublished = _read_all(web_server)
    report["partner after unpublishing it (service call)"] = _stale(
        unpublished, lambda body: NAME in body
    )

    # 3. A treaty action arrives from another process: France ratifies.
    manage(
        "shell",
        "-c",
        "import datetime; from ratification.models import ActionKind, Treaty; "
        "from ratification.services.actions import treaty_action_create; "
        "treaty_action_create(treaty=Treaty.objects.get(slug='icrmw'), country='FR', "
        "kind=ActionKind.RATIFICATION, date=datetime.date(2026, 1, 15))",
        env=web_server.env,
    )
    started = time.monotonic()
    ratified = _read_all(web_server, pages=PAGES[:2])
    report["France without its ratification (manage.py shell)"] = _stale(
        ratified, lambda body: _drawn(body)["status"]["countries"]["FR"][0] != "party"
    )
    elapsed = time.monotonic() - started

    with capsys.disabled():
        print(f"\nstale reads out of {READS} per page, {len(web_server.workers_seen())} workers:")
        for what, counts in report.items():
            print(f"  {what}: {counts}")
        print(f"  100 reads after the treaty action took {elapsed:.1f} s")
    assert all(count == 0 for counts in report.values() for count in counts.values()), report


def test_limits_count_across_the_workers(web_server, capsys):  # noqa: F811
    """Measured before: 20 of 40 signatures accepted with a limit of 10 on 2 workers."""
    from django.contrib.auth import get_user_model
    from django.test import override_settings

    from campaigns.models import Pledge
    from tests.campaigns.factories import CampaignFactory

    CampaignFactory(slug="the-call")
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.PBKDF2PasswordHasher"]):
        get_user_model().objects.create_user("ana", "ana@example.org", "the right passphrase")

    api = [
        requests.post(
            web_server.url("/api/v1/campaigns/the-call/pledges/"),
            json={
                "kind": "individual",
                "name": "Ben Ortiz",
                "country": "MX",
                "email": f"signer{n}@example.net",
                "display": "initials",
                "language": "en",
            },
            headers={"Connection": "close"},
            timeout=60,
        ).status_code
        for n in range(20)
    ]
    failures = []
    for n in range(12):
        session = requests.Session()
        page = session.get(web_server.url("/en/accounts/login/"), timeout=60)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        failures.append(
            session.post(
                web_server.url("/en/accounts/login/"),
                data={"username": "ana", "password": f"wrong {n}", "csrfmiddlewaretoken": token},
                timeout=60,
            ).status_code
        )
    with capsys.disabled():
        print(f"\n{len(web_server.workers_seen())} workers; API signatures: {api}")
        print(f"failed sign-ins: {failures}")
    assert api == [202] * 10 + [429] * 10  # PLEDGE_SUBMISSIONS_PER_HOUR and pledges: 10 an hour
    assert Pledge.objects.count() == 10
    assert failures == [200] * 9 + [429] * 3  # the 10th failure (LOGIN_FAILURE_LIMIT) locks


def test_referral_codes_hold_across_the_workers(web_server, capsys):  # noqa: F811
    """Issue 15, item 3: a share link's code is kept in the database, so a signature made
    through it on any worker is credited, and the "check your e-mail" page read on any worker
    shows the signer's own code. Every request on a new connection, so the workers share them."""
    from campaigns.models import Pledge
    from campaigns.selectors import campaign_referral_counts
    from tests.campaigns.factories import CampaignFactory

    campaign = CampaignFactory(slug="the-share", goal=100)

    def sign(email: str, ref: str = "") -> str:
        session = requests.Session()
        session.headers["Connection"] = "close"
        page = session.get(web_server.url(f"/en/campaigns/the-share/?ref={ref}"), timeout=60)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        if ref:
            assert f'name="individual-ref" value="{ref}"' in page.text
        done = session.post(
            web_server.url("/en/campaigns/the-share/sign/"),
            data={
                "csrfmiddlewaretoken": token,
                "kind": "individual",
                "individual-name": "Ben Ortiz",
                "individual-country": "MX",
                "individual-email": email,
                "individual-display": "initials",
                "individual-ref": ref,
            },
            headers={"Referer": web_server.url("/en/campaigns/the-share/")},
            timeout=60,
        )
        assert done.status_code == 200, done.status_code
        assert done.url.endswith("/signed/")
        return re.search(
            r'id="share-link" class="share-link" value="[^"?]+\?ref=(\w+)"', done.text
        ).group(1)

    first = sign("first@example.net")
    assert Pledge.objects.get(email="first@example.net").referral_code == first
    codes = [sign(f"friend{n}@example.net", ref=first) for n in range(6)]
    Pledge.objects.update(confirmed_at=datetime.datetime.now(datetime.UTC))
    with capsys.disabled():
        print(f"\n{len(web_server.workers_seen())} workers; friends' codes: {codes}")
    assert len(set(codes)) == 6
    assert first not in codes
    assert Pledge.objects.filter(referred_by__referral_code=first).count() == 6
    (counted,) = campaign_referral_counts(campaign=campaign)
    assert (counted.code, counted.count) == (first, 6)
