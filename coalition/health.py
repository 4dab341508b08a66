"""`/healthz` (liveness) and `/healthz/ready` (readiness).

Liveness answers from the process alone, without touching the database or Redis: a load balancer
asks it every few seconds, and a database outage must not make it restart healthy web processes.

Readiness asks every service the site needs, with django-health-check's checks (the database
and the cache) and ours, written as its plugins (the broker, the outbox, the UNTC refresh):

- **required**: database, cache, broker (when one is configured). One down: 503.
- **reported**: the outbox backlog (mails queued and not yet sent, the oldest one's age) and the
  age of the last successful UNTC refresh. Too old is a `warning` in the body, still 200: a late
  mail or an old treaty status is for a person to look at, not a reason to take a web node out.

The body names each check and says `ok`, `warning` or `unavailable`, with counts and ages; never
an error message, a host, a URL or a password (those go to the log).
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime
from typing import Any, ClassVar

from asgiref.sync import sync_to_async
from celery import current_app
from django.apps import apps
from django.conf import settings
from django.db import DatabaseError
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from health_check import checks
from health_check.base import HealthCheck, HealthCheckResult
from health_check.exceptions import ServiceUnavailable, ServiceWarning
from health_check.views import HealthCheckView

from ratification.selectors.imports import import_last_success_at

# post_office's Email.status values (post_office.models.STATUS): not yet sent.
_OUTBOX_WAITING = (2, 3)  # queued, requeued
_OUTBOX_FAILED = 1


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness: this process answers. No database, no cache, no broker (see `/healthz/ready`)."""
    return JsonResponse({"status": "ok"})


class _Named:
    name: ClassVar[str]
    required: ClassVar[bool] = True

    def details(self) -> dict[str, Any]:
        return {}


@dataclasses.dataclass
class Database(_Named, checks.Database):
    """`SELECT 1`, on the request's own connection (so the test's database, too)."""

    name = "database"

    async def run(self) -> None:
        await sync_to_async(super().run, thread_sensitive=True)()


@dataclasses.dataclass
class Cache(_Named, checks.Cache):
    """Write a key and read it back: a Redis outage reads back nothing."""

    name = "cache"


@dataclasses.dataclass
class Broker(_Named, HealthCheck):
    """The Celery broker takes a connection (nothing to check when tasks run in-process)."""

    name = "broker"
    timeout = datetime.timedelta(seconds=2)
    configured: bool = dataclasses.field(default=False, repr=False)

    def run(self) -> None:
        app = current_app
        if app.conf.task_always_eager or not app.conf.broker_url:
            return
        self.configured = True
        seconds = self.timeout.total_seconds()
        options = {
            **(app.conf.broker_transport_options or {}),
            "socket_timeout": seconds,
            "socket_connect_timeout": seconds,
        }
        try:
            with app.connection_for_write(
                connect_timeout=seconds, transport_options=options
            ) as connection:
                connection.ensure_connection(
                    max_retries=1, interval_start=0, timeout=max(int(seconds), 1)
                )
                connection.channel().close()  # a round trip, not only a socket
        except Exception as exc:  # kombu raises its own and the transport's errors
            raise ServiceUnavailable("the broker takes no connection") from exc

    def details(self) -> dict[str, Any]:
        return {} if self.configured else {"configured": False}


@dataclasses.dataclass
class Outbox(_Named, HealthCheck):
    """Mails waiting in the outbox (django-post-office) and how long the oldest has waited."""

    name = "outbox"
    required = False
    max_age: datetime.timedelta = dataclasses.field(
        default=datetime.timedelta(minutes=15), repr=False
    )
    found: dict[str, Any] = dataclasses.field(default_factory=dict, repr=False)

    async def run(self) -> None:
        await sync_to_async(self._count, thread_sensitive=True)()

    def _count(self) -> None:
        try:
            email = apps.get_model("post_office", "Email")
        except LookupError:
            self.found = {"installed": False}
            return
        try:
            waiting = email.objects.filter(status__in=_OUTBOX_WAITING)
            oldest = waiting.order_by("created").values_list("created", flat=True).first()
            self.found = {
                "queued": waiting.count(),
                "failed": email.objects.filter(status=_OUTBOX_FAILED).count(),
                "oldest_queued_seconds": _seconds_since(oldest),
            }
        except DatabaseError as exc:
            raise ServiceWarning("the outbox could not be read") from exc
        if oldest is not None and timezone.now() - oldest > self.max_age:
            raise ServiceWarning("mail has waited in the outbox too long")

    def details(self) -> dict[str, Any]:
        return self.found


@dataclasses.dataclass
class UntcRefresh(_Named, HealthCheck):
    """How long ago the UNTC data was last read successfully; late past two refresh periods."""

    name = "untc_refresh"
    required = False
    found: dict[str, Any] = dataclasses.field(default_factory=dict, repr=False)

    async def run(self) -> None:
        await sync_to_async(self._age, thread_sensitive=True)()

    def _age(self) -> None:
        try:
            last = import_last_success_at()
        except DatabaseError as exc:
            raise ServiceWarning("the import runs could not be read") from exc
        seconds = _seconds_since(last)
        self.found = {"age_hours": None if seconds is None else round(seconds / 3600, 1)}
        if last is None:
            raise ServiceWarning("the UNTC data has never been refreshed")
        if seconds is not None and seconds > 2 * settings.UNTC_REFRESH_HOURS * 3600:
            raise ServiceWarning("the UNTC data is older than two refresh periods")

    def details(self) -> dict[str, Any]:
        return self.found


def _seconds_since(moment: datetime.datetime | None) -> int | None:
    return None if moment is None else int((timezone.now() - moment).total_seconds())


def _state(result: HealthCheckResult) -> str:
    if result.error is None:
        return "ok"
    if isinstance(result.error, ServiceWarning):
        return "warning"
    return "unavailable"


class ReadinessView(HealthCheckView):
    checks = (Database, Cache, Broker, Outbox, UntcRefresh)

    async def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
        with self.get_executor() as executor:
            results = await asyncio.gather(
                *(check.get_result(executor) for check in self.get_checks())
            )
        report: dict[str, dict[str, Any]] = {}
        down = False
        for result in results:
            check = result.check
            assert isinstance(check, _Named)
            state = _state(result)
            # A reported check that fails outright (not a warning) is still only reported.
            down |= check.required and state == "unavailable"
            if not check.required and state == "unavailable":
                state = "warning"
            report[check.name] = {
                "status": state,
                "required": check.required,
                "seconds": round(result.time_taken, 3),
                **check.details(),
            }
        status = "unavailable" if down else "ok"
        if not down and any(entry["status"] != "ok" for entry in report.values()):
            status = "degraded"
        return JsonResponse({"status": status, "checks": report}, status=503 if down else 200)


readiness = ReadinessView.as_view()
