from __future__ import annotations

import pytest
from django.core.cache import cache, caches

LOCMEM_CACHE = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}


def pytest_configure(config):
    """Tests keep the default cache in local memory, the one place it belongs (it is per
    process): query-count tests then count the code's queries, not the database cache's. With
    CACHE_URL (`make test-services`) the tests use that Redis, as production does. The
    "database" alias stays the database cache, which the throttles fall back to."""
    from django.conf import settings
    from django.test.signals import clear_cache_handlers

    if settings.CACHES["default"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache":
        settings.CACHES = {**settings.CACHES, "default": LOCMEM_CACHE}
        clear_cache_handlers(setting="CACHES")  # in case anything opened a cache already


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    """Persona tests create several users each; PBKDF2 would make the suite take minutes."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _isolated_cache():
    """Each test starts with an empty cache, so cached selectors never leak between tests."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in English: a request to an /es/ page leaves Spanish active in the
    thread, and `reverse()` in the next test would quietly build /es/ URLs."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _no_network(monkeypatch):
    """Tests never touch the network: any attempt to open a socket to a non-local host fails."""
    import socket

    real_connect = socket.socket.connect

    def guarded_connect(self, address):
        host = address[0] if isinstance(address, tuple) else address
        if (
            isinstance(host, str)
            and host not in {"127.0.0.1", "localhost", "::1"}
            and not host.startswith("/")
        ):
            raise RuntimeError(f"Test tried to reach the network: {address!r}")
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)


@pytest.fixture(autouse=True)
def _eager_celery_unless_services(request):
    """Run Celery tasks in-process, except in tests that exercise a real worker.

    `make test-services` sets CELERY_BROKER_URL, which turns eager mode off for the app; ordinary
    tests still want tasks to run inline so they can assert on the result.
    """
    from coalition.celery import app

    if request.node.get_closest_marker("services"):
        yield
        return
    # The app reads Django settings with the CELERY_ namespace, so the namespaced key is the one
    # that takes effect (assigning `task_always_eager` is silently shadowed by it).
    previous = app.conf.CELERY_TASK_ALWAYS_EAGER
    app.conf.CELERY_TASK_ALWAYS_EAGER = True
    yield
    app.conf.CELERY_TASK_ALWAYS_EAGER = previous


def closed_port() -> int:
    """A local TCP port nothing listens on (connections to it are refused at once)."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def redis_down(settings):
    """The default cache is a Redis nobody listens to; the database cache stays."""
    port = closed_port()
    settings.CACHES = {
        "default": {
            "BACKEND": "core.cache.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        },
        "database": settings.CACHES["database"],
    }
    caches["database"].clear()
    yield caches["default"]
    caches["database"].clear()
