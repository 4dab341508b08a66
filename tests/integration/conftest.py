"""Fixtures for `make test-services`: a real Celery worker process against the test database."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


def _require_services() -> None:
    if not settings.CELERY_BROKER_URL:
        pytest.skip("needs CELERY_BROKER_URL (run `make test-services`)")
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (run `make test-services`)")


@contextmanager
def _celery_worker(
    extra_env: dict[str, str], extra_args: tuple[str, ...] = ()
) -> Iterator[subprocess.Popen[bytes]]:
    db = connection.settings_dict
    env = dict(os.environ)
    env["DATABASE_URL"] = (
        f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    )
    env["CELERY_TASK_ALWAYS_EAGER"] = "false"
    env.update(extra_env)
    log = open(ROOT / "var" / "celery-worker-test.log", "wb")  # noqa: SIM115 - closed below
    process = subprocess.Popen(  # noqa: S603 - fixed argv, no shell
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "coalition",
            "worker",
            "--pool=solo",
            "--concurrency=1",
            "--without-gossip",
            "--without-mingle",
            "--loglevel=INFO",
            "-Q",
            settings.CELERY_TASK_DEFAULT_QUEUE,
            *extra_args,
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        _wait_for_worker(process)
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


@pytest.fixture
def celery_worker_process(transactional_db) -> Iterator[subprocess.Popen[bytes]]:
    """Start `celery worker` in a child process, pointed at the test database.

    The worker is a separate process, so it sees only committed rows: tests using it need
    `transactional_db` (which this fixture requests).
    """
    _require_services()
    with _celery_worker({}) as process:
        yield process


@pytest.fixture
def celery_worker_factory(transactional_db, tmp_path) -> Iterator[Any]:
    """Like `celery_worker_process`, started when the test says, with extra environment
    variables (`start(EMAIL_PORT="2525")`) and, with `beat=True`, beat embedded (its schedule
    file in the test's temporary folder); stopped at the end of the test."""
    _require_services()
    with ExitStack() as stack:

        def start(*, beat: bool = False, **extra_env: str) -> subprocess.Popen[bytes]:
            args = ("-B", f"--schedule={tmp_path / 'beat-schedule'}") if beat else ()
            return stack.enter_context(_celery_worker(extra_env, args))

        yield start


def _wait_for_worker(process: subprocess.Popen[bytes], timeout: float = 60.0) -> None:
    from coalition.celery import app

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(
                "the Celery worker exited at start-up; see var/celery-worker-test.log"
            )
        replies = app.control.ping(timeout=1.0)
        if replies:
            return
    raise RuntimeError("the Celery worker did not answer a ping within 60 s")


def wait_until(predicate, *, timeout: float = 30.0, interval: float = 0.2) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return False
