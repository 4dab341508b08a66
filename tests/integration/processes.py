"""Real processes for `make test-services`: gunicorn with several workers, a redis-server the test
owns, and `manage.py` run as a separate process, all against the test database.

Import the fixtures into a test module (`from tests.integration.processes import ...`). They
need `transactional_db`: the other processes see only committed rows.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import requests
from django.conf import settings
from django.db import connection

from tests.integration.conftest import _require_services

ROOT = Path(__file__).resolve().parents[2]
LOG_DIR = ROOT / "var"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def database_url() -> str:
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def cache_url() -> str:
    """The Redis cache this test run uses (CACHE_URL), so this process and the servers share it."""
    location = settings.CACHES["default"].get("LOCATION", "")
    if not str(location).startswith("redis"):
        pytest.skip("needs CACHE_URL (run `make test-services`)")
    return str(location)


def production_env(**overrides: str) -> dict[str, str]:
    """The environment of a production process on this machine against the test database:
    DEBUG off with a throw-away key, the test run's Redis, tasks in-process, mail kept in memory."""
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="coalition.settings",
        DATABASE_URL=database_url(),
        CACHE_URL=cache_url(),
        DEBUG="false",
        SECRET_KEY=f"test-{uuid.uuid4().hex}-{uuid.uuid4().hex}",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        SECURE_COOKIES="false",
        DB_CONN_MAX_AGE="60",
        CELERY_TASK_ALWAYS_EAGER="true",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        LOG_LEVEL="WARNING",
        API_THROTTLE_ANON="100000/minute",
        API_THROTTLE_USER="100000/minute",
    )
    env.update(overrides)
    return env


def manage(*args: str, env: dict[str, str], timeout: float = 120) -> str:
    """Run `manage.py` as another process (a management command, `shell -c`)."""
    result = subprocess.run(  # noqa: S603 - fixed argv, no shell
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if result.returncode != 0:
        raise AssertionError(f"manage.py {args[0]} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


@pytest.fixture(scope="session")
def static_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`collectstatic` once per run: with DEBUG off the pages link the hashed files."""
    root = tmp_path_factory.mktemp("static")
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="coalition.settings",
        DEBUG="false",
        SECRET_KEY=f"collectstatic-{uuid.uuid4().hex}-{uuid.uuid4().hex}",
        ALLOWED_HOSTS="127.0.0.1",
        STATIC_ROOT=str(root),
    )
    manage("collectstatic", "--noinput", "-v0", env=env, timeout=600)
    return root


@dataclass
class WebServer:
    """gunicorn serving the site; `url(path)` is absolute, `workers_seen()` the pids that
    answered (from the access log)."""

    process: subprocess.Popen[bytes]
    base: str
    access_log: Path
    error_log: Path
    env: dict[str, str] = field(repr=False)

    def url(self, path: str) -> str:
        return self.base + path

    def workers_seen(self) -> set[str]:
        if not self.access_log.exists():
            return set()
        return set(re.findall(r"^pid=<?(\d+)>? ", self.access_log.read_text(), re.M))


def _wait_until_serving(process: subprocess.Popen[bytes], url: str, log: Path) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited at start-up; see {log}")
        with contextlib.suppress(requests.ConnectionError, requests.Timeout):
            requests.get(url, timeout=10)
            return
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer within 90 s; see {log}")


@contextlib.contextmanager
def serving(
    static_root: Path, tmp_path: Path, *, workers: int = 3, **env_overrides: str
) -> Iterator[WebServer]:
    _require_services()
    port = free_port()
    env = production_env(STATIC_ROOT=str(static_root), **env_overrides)
    env.setdefault("COALITION_VAR_DIR", str(tmp_path / "var"))
    access_log = tmp_path / "access.log"
    error_log = LOG_DIR / f"gunicorn-test-{port}.log"
    error_log.parent.mkdir(exist_ok=True)
    process = subprocess.Popen(  # noqa: S603 - fixed argv, no shell
        [
            sys.executable,
            "-m",
            "gunicorn",
            "coalition.wsgi",
            f"--bind=127.0.0.1:{port}",
            f"--workers={workers}",
            "--timeout=60",
            f"--access-logfile={access_log}",
            "--access-logformat=pid=%(p)s %(m)s %(U)s %(s)s %(M)sms",
            "--log-level=warning",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=error_log.open("wb"),  # the app's own log lines (LOG_LEVEL) land here too
    )
    server = WebServer(
        process=process,
        base=f"http://127.0.0.1:{port}",
        access_log=access_log,
        error_log=error_log,
        env=env,
    )
    try:
        _wait_until_serving(process, server.url("/healthz"), error_log)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@pytest.fixture
def web_server(transactional_db, static_root: Path, tmp_path: Path) -> Iterator[WebServer]:
    """gunicorn with 3 workers, DEBUG off, on the test database and the test run's Redis."""
    with serving(static_root, tmp_path, workers=3) as server:
        yield server


def _redis_start(binary: str, port: int, directory: Path) -> subprocess.Popen[bytes]:
    process = subprocess.Popen(  # noqa: S603 - fixed argv, no shell
        [
            binary,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--daemonize",
            "no",
            "--dir",
            str(directory),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
            return process
        time.sleep(0.05)
    process.kill()
    raise RuntimeError("the test's redis-server did not start")


@dataclass
class OwnedRedis:
    """A redis-server this test started (never the machine's): stopped by its own pid."""

    process: subprocess.Popen[bytes]
    port: int
    binary: str
    directory: Path

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def stop(self) -> None:
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGCONT)  # a paused server cannot take SIGTERM
            os.kill(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=10)

    def pause(self) -> None:
        """Hung: the port still accepts connections, nothing answers."""
        os.kill(self.process.pid, signal.SIGSTOP)

    def resume(self) -> None:
        os.kill(self.process.pid, signal.SIGCONT)

    def restart(self) -> None:
        """A new, empty redis-server on the same port (as after a crash and restart)."""
        self.stop()
        self.process = _redis_start(self.binary, self.port, self.directory)


@pytest.fixture
def owned_redis(tmp_path: Path) -> Iterator[OwnedRedis]:
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("needs redis-server on the PATH")
    port = free_port()
    redis = OwnedRedis(
        process=_redis_start(binary, port, tmp_path), port=port, binary=binary, directory=tmp_path
    )
    try:
        yield redis
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.kill(redis.process.pid, signal.SIGCONT)
        redis.stop()
