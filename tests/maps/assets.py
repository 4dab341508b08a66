"""The no-external-assets check for rendered pages (maps-a may ship its own; same rule)."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup

# What a page may load: only its own origin (relative or root-relative URLs) or inline data.
_EXTERNAL = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.I)
_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)""", re.I)
_CSS_IMPORT = re.compile(r"""@import\s+(?:url\()?\s*['"]?([^'");\s]+)""", re.I)


def external_assets(html: str) -> list[str]:
    """Every script, stylesheet, font, image, frame or media source that is not same-origin."""
    soup = BeautifulSoup(html, "html.parser")
    found: list[str] = []
    for tag in soup.find_all(["script", "img", "iframe", "source", "video", "audio", "embed"]):
        for attr in ("src", "srcset"):
            value = tag.get(attr)
            if value and _EXTERNAL.match(str(value)):
                found.append(f"<{tag.name} {attr}={value}>")
    for tag in soup.find_all("link"):
        rel = " ".join(tag.get("rel") or []).lower()
        href = str(tag.get("href") or "")
        if (
            href
            and _EXTERNAL.match(href)
            and any(
                r in rel for r in ("stylesheet", "preload", "modulepreload", "icon", "prefetch")
            )
        ):
            found.append(f"<link rel={rel} href={href}>")
    for tag in soup.find_all(style=True):
        for url in _CSS_URL.findall(str(tag["style"])):
            if _EXTERNAL.match(url):
                found.append(f"style url({url})")
    for tag in soup.find_all("style"):
        css = tag.get_text()
        for url in _CSS_URL.findall(css) + _CSS_IMPORT.findall(css):
            if _EXTERNAL.match(url):
                found.append(f"<style> {url}")
    # Scripts that inject assets: a CDN URL written inside inline JavaScript.
    for tag in soup.find_all("script"):
        for url in re.findall(
            r"""['"]((?:https?:)?//[^'"\s]+\.(?:js|css|woff2?|ttf|png|svg))""", tag.get_text()
        ):
            found.append(f"script text {url}")
    return found


def assert_no_external_assets(html: str) -> None:
    found = external_assets(html)
    assert not found, f"assets from another origin: {found}"
