"""Headless Chromium (Debian's, not Playwright's download) against Django's live server.

Every test here is marked `browser`. Without Chromium the tests are skipped and the run ends
with a line saying how to install it; in CI (`CI=true`) a browser that cannot start fails the
run instead, so a broken CI image cannot pass silently.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

# Playwright's sync API keeps an event loop running in this thread; Django refuses ORM calls from
# a thread with a running loop unless told that this is deliberate (test code only).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
# The live server on the loopback address, so "no request leaves 127.0.0.1" is checkable.
os.environ.setdefault("DJANGO_LIVE_TEST_SERVER_ADDRESS", "127.0.0.1")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "artifacts" / "screenshots"
INSTALL_HINT = (
    "install Debian's Chromium (`apt-get install -y chromium`, or set CHROMIUM_PATH) "
    "and `pip install -e '.[dev]'` for Playwright"
)
_skipped: list[str] = []


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


def _unavailable(reason: str) -> None:
    if _in_ci():
        pytest.fail(f"Browser tests cannot run in CI: {reason}", pytrace=False)
    _skipped.append(reason)
    pytest.skip(f"{reason}; {INSTALL_HINT}")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("Playwright is not installed")
    if not os.access(CHROMIUM, os.X_OK):
        _unavailable(f"no Chromium at {CHROMIUM}")
    with sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
            )
        except Exception as exc:
            _unavailable(f"Chromium at {CHROMIUM} did not start ({exc.__class__.__name__})")
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Any, live_server: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    context.close()


@pytest.fixture
def other_site() -> Any:
    """A second origin on the loopback address (another port): a partner's web page framing our
    maps. A real server rather than a `page.route`: Chromium's Local Network Access checks block a
    page with no network address from framing a loopback one, whatever its headers say."""
    pages: dict[str, bytes] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = pages.get(self.path, b"")
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield pages, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def screenshot(page: Any) -> Any:
    def take(name: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path))
        return path

    return take


def pytest_unconfigure(config: pytest.Config) -> None:
    # After the final "N passed, M skipped" line, so that it is the last thing `make test` says.
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    if _skipped and reporter is not None:
        reporter.write_line(
            f"Browser tests SKIPPED ({_skipped[0]}): {INSTALL_HINT}, then run `make test` again.",
            yellow=True,
            bold=True,
        )
