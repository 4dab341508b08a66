"""Services failing under a real server (issue 13, "Failures lose nothing"): a Redis cache stopped
or hung mid-test, database connections killed under persistent connections. Each case asserts
the status, the answer time and the database afterwards.

Measured before: with Redis down 11 of 11 pages and API calls answered 500 (sign-in and signing
included) and `/healthz` said ok; with DB_CONN_MAX_AGE=60 the first request in each worker after
the connections were killed answered 500.
"""

from __future__ import annotations

import datetime
import re
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import override_settings

from campaigns.models import Pledge
from ratification.models import ActionKind
from ratification.services.reference_data import countries_load
from tests.campaigns.factories import CampaignFactory
from tests.factories import PartnerFactory, TreatyActionFactory, TreatyFactory
from tests.integration.processes import (  # noqa: F401 - fixtures
    WebServer,
    owned_redis,
    serving,
    static_root,
)

pytestmark = pytest.mark.services

PASSWORD = "a long enough passphrase 2026"
# Generous for a shared, loaded machine: the point is "answers", not "hangs for a minute".
BOUND_SECONDS = 10.0
PAGES = (
    "/en/",
    "/en/map/",
    "/en/map/embed/",
    "/en/countries/MX/",
    "/en/countries/MX/card/",
    "/en/campaigns/",
    "/en/campaigns/the-call/",
    "/en/partners/",
    "/api/v1/partners/",
    "/api/v1/campaigns/the-call/",
    "/api/v1/treaties/",
)


def _site_data() -> None:
    countries_load()
    treaty = TreatyFactory(as_of=datetime.date(2026, 2, 3))
    TreatyActionFactory(
        treaty=treaty, country="MX", kind=ActionKind.RATIFICATION, date=datetime.date(1999, 3, 8)
    )
    PartnerFactory(name="Sin Fronteras", latitude=19.43, longitude=-99.13)
    CampaignFactory(slug="the-call", title_en="The call")
    # The servers hash passwords with the default hasher, not the tests' fast one.
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.PBKDF2PasswordHasher"]):
        get_user_model().objects.create_user("ana", "ana@example.org", PASSWORD)


def _timed(call: Callable[[], requests.Response]) -> tuple[requests.Response, float]:
    started = time.monotonic()
    response = call()
    return response, time.monotonic() - started


def _csrf(session: requests.Session, server: WebServer, path: str) -> str:
    page = session.get(server.url(path), timeout=60)
    assert page.status_code == 200, (path, page.status_code)
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    assert match, f"no CSRF token on {path}"
    return match.group(1)


def _everything(server: WebServer, tag: str) -> dict[str, tuple[int, float]]:
    """Every page and API read, sign-in, signing by form and by API: status and seconds."""
    answers: dict[str, tuple[int, float]] = {}
    for page in PAGES:
        response, seconds = _timed(lambda page=page: requests.get(server.url(page), timeout=60))
        answers[f"GET {page}"] = (response.status_code, seconds)

    session = requests.Session()
    token = _csrf(session, server, "/en/accounts/login/")
    response, seconds = _timed(
        lambda: session.post(
            server.url("/en/accounts/login/"),
            data={"username": "ana", "password": PASSWORD, "csrfmiddlewaretoken": token},
            allow_redirects=False,
            timeout=60,
        )
    )
    answers["POST sign-in"] = (response.status_code, seconds)
    member = session.get(server.url("/en/member/"), allow_redirects=False, timeout=60)
    answers["GET /en/member/ signed in"] = (member.status_code, 0.0)

    signer = requests.Session()
    token = _csrf(signer, server, "/en/campaigns/the-call/")
    response, seconds = _timed(
        lambda: signer.post(
            server.url("/en/campaigns/the-call/sign/"),
            data={
                "csrfmiddlewaretoken": token,
                "kind": "individual",
                "individual-name": "Ana López",
                "individual-country": "MX",
                "individual-city": "Oaxaca",
                "individual-email": f"form-{tag}@example.net",
                "individual-display": "full",
                "individual-website_url": "",
            },
            allow_redirects=False,
            timeout=60,
        )
    )
    answers["POST sign (form)"] = (response.status_code, seconds)
    response, seconds = _timed(
        lambda: requests.post(
            server.url("/api/v1/campaigns/the-call/pledges/"),
            json={
                "kind": "individual",
                "name": "Ben Ortiz",
                "country": "MX",
                "email": f"api-{tag}@example.net",
                "display": "initials",
                "language": "en",
            },
            timeout=60,
        )
    )
    answers["POST sign (API)"] = (response.status_code, seconds)
    return answers


def _assert_all_answered(answers: dict[str, tuple[int, float]]) -> None:
    expected = {"POST sign-in": 302, "POST sign (form)": 302, "POST sign (API)": 202}
    for what, (status, seconds) in answers.items():
        assert status == expected.get(what, 200), (what, status)
        assert seconds < BOUND_SECONDS, (what, seconds)


def _report(capsys, title: str, answers: dict[str, tuple[int, float]]) -> None:
    with capsys.disabled():
        print(f"\n{title}:")
        for what, (status, seconds) in answers.items():
            print(f"  {what}: {status} in {seconds:.2f} s")


def test_redis_stopped_mid_test_everything_keeps_answering(
    transactional_db,
    owned_redis,  # noqa: F811
    static_root,  # noqa: F811
    tmp_path,
    capsys,
):
    _site_data()
    with serving(static_root, tmp_path, workers=2, CACHE_URL=owned_redis.url) as server:
        before = _everything(server, "before")
        _assert_all_answered(before)
        assert requests.get(server.url("/healthz/ready"), timeout=30).status_code == 200

        owned_redis.stop()  # by its pid: the machine's Redis is never touched

        during = _everything(server, "during")
        _report(capsys, "Redis stopped", during)
        _assert_all_answered(during)
        ready, seconds = _timed(lambda: requests.get(server.url("/healthz/ready"), timeout=30))
        assert ready.status_code == 503
        assert ready.json()["checks"]["cache"]["status"] == "unavailable"
        assert ready.json()["checks"]["database"]["status"] == "ok"
        assert str(owned_redis.port) not in ready.text
        assert seconds < BOUND_SECONDS
        assert requests.get(server.url("/healthz"), timeout=30).status_code == 200
        assert "Redis cache unreachable" in server.error_log.read_text()

        # The pledges made during the outage were stored, once each; the pledge throttle went
        # on counting in the database cache.
        for tag in ("before", "during"):
            assert Pledge.objects.filter(email=f"form-{tag}@example.net").count() == 1
            assert Pledge.objects.filter(email=f"api-{tag}@example.net").count() == 1
        with connection.cursor() as cursor:
            cursor.execute("SELECT cache_key FROM coalition_cache")
            keys = [row[0] for row in cursor.fetchall()]
        assert any("ratelimit:pledge:" in key for key in keys), keys

        owned_redis.restart()  # back, empty
        deadline = time.monotonic() + 30
        while requests.get(server.url("/healthz/ready"), timeout=30).status_code != 200:
            assert time.monotonic() < deadline, "readiness did not recover within 30 s"
            time.sleep(1)
        _assert_all_answered(_everything(server, "after"))


def test_redis_hung_mid_test_pages_answer_within_bounds(
    transactional_db,
    owned_redis,  # noqa: F811
    static_root,  # noqa: F811
    tmp_path,
    capsys,
):
    _site_data()
    with serving(static_root, tmp_path, workers=2, CACHE_URL=owned_redis.url) as server:
        _assert_all_answered(_everything(server, "before"))
        owned_redis.pause()  # accepts connections, never answers
        try:
            during = _everything(server, "during")
            ready, seconds = _timed(lambda: requests.get(server.url("/healthz/ready"), timeout=30))
        finally:
            owned_redis.resume()
        _report(capsys, "Redis hung (SIGSTOP)", during)
        _assert_all_answered(during)
        assert ready.status_code == 503
        assert seconds < BOUND_SECONDS
        assert Pledge.objects.filter(email="form-during@example.net").count() == 1
        assert Pledge.objects.filter(email="api-during@example.net").count() == 1


def _read_country_page(server) -> int:
    response = requests.get(
        server.url("/en/countries/MX/"), timeout=60, headers={"Connection": "close"}
    )
    return response.status_code


def test_killed_database_connections_do_not_fail_the_next_request(
    transactional_db,
    static_root,  # noqa: F811
    tmp_path,
    capsys,
):
    _site_data()
    with serving(static_root, tmp_path, workers=2, DB_CONN_MAX_AGE="60") as server:
        # Twelve reads in a row can all land on one worker (they share one listening socket),
        # so read four at a time until both workers have answered, and so keep a connection.
        with ThreadPoolExecutor(max_workers=4) as pool:
            for _ in range(30):
                statuses = list(pool.map(_read_country_page, [server] * 4))
                assert statuses == [200] * 4, statuses
                if len(server.workers_seen()) == 2:
                    break
        assert len(server.workers_seen()) == 2, "both workers must have answered"
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
            killed = len(cursor.fetchall())
        assert killed >= 2, "the workers' kept connections should have been there to kill"

        after = _everything(server, "after-kill")
        _report(capsys, f"after pg_terminate_backend of {killed} connections", after)
        _assert_all_answered(after)
        assert Pledge.objects.filter(email="form-after-kill@example.net").count() == 1
        assert Pledge.objects.filter(email="api-after-kill@example.net").count() == 1
        assert "Traceback" not in server.error_log.read_text()
