"""`assert_no_external_assets(html)`: fail if a page would load anything from another origin.

Reusable for every rendered page (maps, embeds, country cards, the API docs): no script,
stylesheet, font, image, frame or media may come from a CDN or any other site. Links people click
(`<a href>`, `<area href>`, `<link rel="alternate">` and the like) are navigation, not assets, and
are allowed; so is data inside scripts (partner website URLs in map JSON).
"""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Iterable

_SCRIPT_BODY = re.compile(r"(<script\b[^>]*>)(.*?)(</script\s*>)", re.S | re.I)
_STYLE_BODY = re.compile(r"<style\b[^>]*>(.*?)</style\s*>", re.S | re.I)
_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9:-]*)((?:\"[^\"]*\"|'[^']*'|[^'\">])*)>", re.S)
_ATTR = re.compile(r"([^\s\"'=<>/]+)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?", re.S)
_CSS_EXTERNAL = re.compile(r"url\(\s*['\"]?\s*(?:[a-z][a-z0-9+.-]*:)?//|@import", re.I)
_EXTERNAL = re.compile(r"^\s*(?:(?:https?|ftp|wss?):)?//", re.I)

ASSET_ATTRIBUTES = {"src", "href", "srcset", "imagesrcset", "poster", "data", "background",
                    "xlink:href", "manifest", "codebase", "archive"}  # fmt: skip
NAVIGATION_TAGS = {"a", "area"}
# <link rel=...> values that name a related page rather than something the browser fetches.
NAVIGATION_RELS = {"alternate", "canonical", "author", "license", "next", "prev", "help",
                   "bookmark", "me", "external", "nofollow", "noopener", "noreferrer"}  # fmt: skip


def _attributes(text: str) -> dict[str, str]:
    found = {}
    for name, raw in _ATTR.findall(text):
        value = raw[1:-1] if raw[:1] in ("'", '"') else raw
        found[name.lower()] = html_lib.unescape(value)
    return found


def _candidates(name: str, value: str) -> Iterable[str]:
    if name in ("srcset", "imagesrcset"):
        return [part.strip().split(" ")[0] for part in value.split(",") if part.strip()]
    return [value]


def external_assets(html: str, *, allowed_origins: Iterable[str] = ()) -> list[str]:
    """Every reference to an asset on another origin, as `<tag attr="value">` strings."""
    allowed = tuple(origin.rstrip("/") + "/" for origin in allowed_origins)
    problems: list[str] = []
    # Script bodies hold code and data, not markup: only their opening tags are checked.
    markup = _SCRIPT_BODY.sub(lambda m: m.group(1) + m.group(3), html)
    for css in _STYLE_BODY.findall(markup):
        if _CSS_EXTERNAL.search(css):
            problems.append(f"<style> {_CSS_EXTERNAL.search(css).group(0)}…")  # type: ignore[union-attr]
    for tag, attr_text in _TAG.findall(markup):
        tag = tag.lower()
        attributes = _attributes(attr_text)
        style = attributes.get("style", "")
        if style and _CSS_EXTERNAL.search(style):
            problems.append(f'<{tag} style="{style}">')
        if tag in NAVIGATION_TAGS:
            continue
        if tag == "link":
            rels = set(attributes.get("rel", "").lower().split())
            if rels and rels <= NAVIGATION_RELS:
                continue
        for name, value in attributes.items():
            if name not in ASSET_ATTRIBUTES:
                continue
            for url in _candidates(name, value):
                if _EXTERNAL.match(url) and not url.strip().startswith(allowed or ("\0",)):
                    problems.append(f'<{tag} {name}="{url}">')
    return problems


def assert_no_external_assets(html: str, *, allowed_origins: Iterable[str] = ()) -> None:
    """Fail if the page loads a script, stylesheet, font, image, frame or media from another
    origin. `allowed_origins` (e.g. "http://testserver") lists this site's own absolute URLs."""
    problems = external_assets(html, allowed_origins=allowed_origins)
    assert not problems, "External assets in the page:\n" + "\n".join(problems)
