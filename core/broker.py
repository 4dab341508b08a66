"""Publishing to the broker without letting an outage reach the caller.

Every task of the project is a `FailSoftTask` (coalition/celery.py sets it as the app's task
class), so `.delay()` and `.apply_async()` never raise because the broker is down, hung or
refusing: the failure is logged and the call returns None. Callers publish after their
transaction committed (`transaction.on_commit`), so by then the row is saved and a 500 would
only hide that; what the task would have done is picked up by a periodic sweep instead (see
`coalition/celery.py`: the mail outbox, stalled geocoding and import jobs).

How long a publish may take is bounded by the broker settings (`CELERY_BROKER_TRANSPORT_OPTIONS`
socket timeouts, `CELERY_TASK_PUBLISH_RETRY_POLICY`). After one failure this process skips
publishing for `BROKER_OUTAGE_PAUSE_SECONDS`, so a request that queues several tasks (or a
CSV import queueing hundreds) waits for the timeout once, not once per task.

Eager mode (no broker: `make run`, tests) is untouched: the task runs in-process as before.
This module imports no models: Celery loads it when the app is created.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

from celery import Task
from django.conf import settings
from kombu.exceptions import OperationalError

logger = logging.getLogger(__name__)

# Errors that say "the broker cannot be reached", as opposed to a task that cannot be encoded.
BROKER_DOWN_ERRORS = (OperationalError, OSError, TimeoutError)

_lock = threading.Lock()
_paused_until = 0.0
_skipped = 0


def broker_paused() -> bool:
    """True while this process skips publishing after a broker failure."""
    return time.monotonic() < _paused_until


def broker_pause_reset() -> None:
    """Publish again at the next call (tests; a process that knows the broker is back)."""
    global _paused_until, _skipped
    with _lock:
        _paused_until = 0.0
        _skipped = 0


def _pause() -> None:
    global _paused_until
    with _lock:
        _paused_until = time.monotonic() + float(settings.BROKER_OUTAGE_PAUSE_SECONDS)


def _count_skip() -> int:
    global _skipped
    with _lock:
        _skipped += 1
        return _skipped


class FailSoftTask(Task):
    """A task whose publishing logs broker failures instead of raising them."""

    abstract = True

    def apply_async(self, args: Any = None, kwargs: Any = None, *rest: Any, **options: Any) -> Any:
        if self.app.conf.task_always_eager:
            return super().apply_async(args, kwargs, *rest, **options)
        if broker_paused():
            skipped = _count_skip()
            logger.warning(
                "Broker unavailable: not queueing %s (%d skipped since the last failure); "
                "the periodic sweeps pick the work up",
                self.name,
                skipped,
            )
            return None
        try:
            return super().apply_async(args, kwargs, *rest, **options)
        except BROKER_DOWN_ERRORS:
            _pause()
            logger.exception(
                "Broker unavailable: could not queue %s; pausing publishing for %s s",
                self.name,
                settings.BROKER_OUTAGE_PAUSE_SECONDS,
            )
        except Exception:
            logger.exception("Could not queue %s", self.name)
        return None
