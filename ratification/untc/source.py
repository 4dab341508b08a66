"""Read a UNTC status page from a file or from treaties.un.org.

The one place that touches the network for the importer: tests replace `fetch_url` (or
`read_source`) here and never open a socket.
"""

from __future__ import annotations

from pathlib import Path

import requests
from django.conf import settings

# UNTC pages are about 100-500 KB; anything much larger is not a status page.
MAX_PAGE_BYTES = 10 * 1024 * 1024


class SourceError(Exception):
    """The page could not be read (missing file, too large, HTTP error)."""


class SourceUnavailableError(SourceError):
    """A transient failure (network down, timeout, 5xx): worth retrying later."""


def user_agent() -> str:
    # UNTC is a public service: name the app and where its operators can be found.
    return f"Coalition-ratification-tracker/1.0 (+{settings.SITE_URL})"


def is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


def fetch_url(url: str) -> bytes:
    """GET a UNTC page. Network errors and 5xx become `SourceUnavailableError` (retryable)."""
    try:
        response = requests.get(
            url,
            timeout=settings.UNTC_FETCH_TIMEOUT,
            headers={"User-Agent": user_agent(), "Accept": "text/html"},
        )
    except requests.RequestException as exc:
        raise SourceUnavailableError(f"Could not fetch {url}: {exc}") from exc
    if response.status_code >= 500:
        raise SourceUnavailableError(f"{url} answered HTTP {response.status_code}.")
    if response.status_code != 200:
        raise SourceError(f"{url} answered HTTP {response.status_code}.")
    if len(response.content) > MAX_PAGE_BYTES:
        raise SourceError(f"{url} returned more than {MAX_PAGE_BYTES // (1024 * 1024)} MB.")
    return response.content


def read_file(path: str) -> bytes:
    file = Path(path)
    try:
        if file.stat().st_size > MAX_PAGE_BYTES:
            raise SourceError(f"{path} is larger than {MAX_PAGE_BYTES // (1024 * 1024)} MB.")
        return file.read_bytes()
    except FileNotFoundError as exc:
        raise SourceError(f"No such file: {path}") from exc
    except IsADirectoryError as exc:
        raise SourceError(f"{path} is a directory, not a saved UNTC page.") from exc
    except OSError as exc:
        raise SourceError(f"Could not read {path}: {exc}") from exc


def read_source(source: str) -> bytes:
    """The raw bytes of a page given as a file path or an http(s) URL."""
    return fetch_url(source) if is_url(source) else read_file(source)
