"""The visitor mix of `make loadtest` (bench/loadtest/__main__.py starts locust with this file).

Readers open the home page, the map, a treaty page, the partner API and a campaign page; signers
sign the campaign by its HTML form (GET the page for the CSRF token, then POST) and by the API.
Every signature uses a new address made from LOADTEST_RUN, and each one the site accepted (a
302 to the "signed" page, or a 202) is recorded, so the orchestrator can check afterwards that
each is in the database exactly once with exactly one e-mail.

Every request (start time, duration, status or error) is kept and written to LOADTEST_RECORD
when locust stops; the orchestrator splits them by phase (steady, fault, recovery).
"""

from __future__ import annotations

import itertools
import json
import os
import re
import time
from typing import Any

from locust import HttpUser, between, events, task

RUN = os.environ.get("LOADTEST_RUN", "manual")
RECORD = os.environ.get("LOADTEST_RECORD", "")
CAMPAIGN = os.environ.get("LOADTEST_CAMPAIGN", "us-ratify-icrmw")
TREATY = os.environ.get("LOADTEST_TREATY", "icrmw")
# A request still unanswered after this long is an error (the site should answer within 2 s
# even with Redis or the broker gone; gunicorn itself kills a request at 30 s).
TIMEOUT = float(os.environ.get("LOADTEST_TIMEOUT", "15"))

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_numbers = itertools.count(1)

records: list[dict[str, Any]] = []
accepted: list[dict[str, str]] = []


@events.request.add_listener
def _record(
    request_type: str,
    name: str,
    response_time: float,
    response: Any = None,
    exception: BaseException | None = None,
    start_time: float | None = None,
    **_: Any,
) -> None:
    status = getattr(response, "status_code", 0) or 0
    records.append(
        {
            "name": name,
            "start": start_time if start_time is not None else time.time() - response_time / 1000,
            "ms": response_time,
            "status": status,
            "error": type(exception).__name__ if exception is not None else "",
        }
    )


@events.quitting.add_listener
def _write(**_: Any) -> None:
    if RECORD:
        with open(RECORD, "w", encoding="utf-8") as handle:
            json.dump({"requests": records, "accepted": accepted}, handle)


def _address(channel: str) -> str:
    return f"lt-{RUN}-{channel}-{next(_numbers)}@loadtest.example.org"


class Visitor(HttpUser):
    wait_time = between(0.2, 1.0)

    @task(3)
    def home(self) -> None:
        self.client.get("/en/", name="home", timeout=TIMEOUT)

    @task(2)
    def map_page(self) -> None:
        self.client.get("/en/map/", name="map", timeout=TIMEOUT)

    @task(2)
    def treaty(self) -> None:
        self.client.get(f"/en/treaties/{TREATY}/", name="treaty page", timeout=TIMEOUT)

    @task(3)
    def partner_api(self) -> None:
        self.client.get("/api/v1/partners/", name="partner API", timeout=TIMEOUT)

    @task(2)
    def campaign(self) -> None:
        self.client.get(f"/en/campaigns/{CAMPAIGN}/", name="campaign page", timeout=TIMEOUT)

    @task(1)
    def sign_by_form(self) -> None:
        page = self.client.get(f"/en/campaigns/{CAMPAIGN}/", name="campaign page", timeout=TIMEOUT)
        match = CSRF.search(page.text or "")
        if page.status_code != 200 or match is None:
            return
        email = _address("form")
        with self.client.post(
            f"/en/campaigns/{CAMPAIGN}/sign/",
            name="pledge by form",
            data={
                "csrfmiddlewaretoken": match.group(1),
                "kind": "individual",
                "individual-name": "Load Test Signer",
                "individual-email": email,
                "individual-country": "MX",
                "individual-city": "Oaxaca",
                "individual-display": "full",
            },
            headers={"Referer": f"{self.host}/en/campaigns/{CAMPAIGN}/"},
            allow_redirects=False,
            timeout=TIMEOUT,
            catch_response=True,
        ) as response:
            if response.status_code == 302 and "/signed/" in response.headers.get("Location", ""):
                accepted.append({"email": email, "channel": "form"})
                response.success()
            else:
                # A timeout keeps its own name (ReadTimeout), a refusal says its status.
                response.failure(response.error or f"status {response.status_code}")

    @task(1)
    def sign_by_api(self) -> None:
        email = _address("api")
        with self.client.post(
            f"/api/v1/campaigns/{CAMPAIGN}/pledges/",
            name="pledge by API",
            json={
                "kind": "individual",
                "name": "Load Test Signer",
                "email": email,
                "country": "MX",
                "display": "full",
                "language": "en",
            },
            timeout=TIMEOUT,
            catch_response=True,
        ) as response:
            if response.status_code == 202:
                accepted.append({"email": email, "channel": "api"})
                response.success()
            else:
                # A timeout keeps its own name (ReadTimeout), a refusal says its status.
                response.failure(response.error or f"status {response.status_code}")
