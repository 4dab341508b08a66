"""`make run`'s embedded SQLite database takes ordinary concurrent writes without failing.

Run against a real file database (not the in-memory test database) behind a real multi-threaded
server: ten editors' PATCHes arriving at once must all succeed. With SQLite's defaults (rollback
journal, deferred transactions) nine of ten failed with "database is locked".
"""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]
WRITERS = 10


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _embedded_env(var_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    # The embedded defaults, whatever this test run itself is configured with.
    for name in (
        "DATABASE_URL",
        "CACHE_URL",
        "REDIS_URL",
        "CELERY_BROKER_URL",
        "CELERY_RESULT_BACKEND",
        "CELERY_TASK_ALWAYS_EAGER",
    ):
        env.pop(name, None)
    env.update(
        COALITION_VAR_DIR=str(var_dir),
        API_THROTTLE_USER="100000/minute",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        LOG_LEVEL="WARNING",
    )
    return env


def _manage(env: dict[str, str], *args: str) -> None:
    subprocess.run(  # noqa: S603 - fixed argv, no shell
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, timeout=120
    )


def _wait_until_serving(process: subprocess.Popen[bytes], url: str) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("the server exited at start-up")
        try:
            requests.get(url, timeout=10)  # the first request is slow on a busy machine
            return
        except (requests.ConnectionError, requests.Timeout):
            # Not listening yet, or a worker still importing Django on a loaded machine (the
            # first request can take longer than the 2 s per try): keep waiting until the
            # deadline.
            time.sleep(0.2)
    raise RuntimeError("the server did not answer within 60 s")


def test_ten_concurrent_api_writes_on_the_embedded_sqlite_database_all_succeed(tmp_path):
    env = _embedded_env(tmp_path)
    _manage(env, "migrate", "--noinput", "-v0")
    _manage(env, "seed_api_personas", "--output", str(tmp_path / "seed.json"))
    seed = json.loads((tmp_path / "seed.json").read_text(encoding="utf-8"))

    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(  # noqa: S603 - fixed argv, no shell
        [
            sys.executable,
            "-m",
            "gunicorn",
            "coalition.wsgi",
            f"--bind=127.0.0.1:{port}",
            "--workers=2",
            f"--threads={WRITERS}",
            "--log-level=warning",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=(tmp_path / "server.log").open("wb"),
    )
    try:
        _wait_until_serving(server, f"{base}/healthz")
        url = f"{base}/api/v1/partners/{seed['partner']}/"
        headers = {"Authorization": f"Token {seed['editor_token']}"}
        start = threading.Barrier(WRITERS, timeout=30)
        results: list[tuple[int, str]] = []

        def write(n: int) -> None:
            start.wait()
            response = requests.patch(
                url, json={"description": f"Edit number {n}."}, headers=headers, timeout=60
            )
            results.append((response.status_code, response.text[:200]))

        threads = [threading.Thread(target=write, args=(n,)) for n in range(WRITERS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=90)
    finally:
        server.terminate()
        server.wait(timeout=20)

    assert [status for status, _body in results] == [200] * WRITERS, results
    with sqlite3.connect(tmp_path / "db.sqlite3") as db:
        (description,) = db.execute(
            "select description from partners_partner where slug = ?", (seed["partner"],)
        ).fetchone()
        (journal_mode,) = db.execute("pragma journal_mode").fetchone()
    assert description.startswith("Edit number ")
    assert journal_mode == "wal"
