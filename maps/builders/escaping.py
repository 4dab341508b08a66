"""Escaping for everything the builders put into a page."""

from __future__ import annotations

import html
import json
import re
from typing import Any
from urllib.parse import urlsplit

_URL_UNSAFE_CHARS = re.compile(r"[\s\x00-\x1f\x7f]")  # browsers drop tabs: "java\tscript:"
# `$` and the backtick too: harmless in a JSON literal, but then no user text can ever form `${`
# or close a template literal, should anyone paste the data into one.
_JS_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "$": "\\u0024",
    "`": "\\u0060",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
_JS_ESCAPE = re.compile("[<>&$`\u2028\u2029]")


def js_json(value: Any) -> str:
    """JSON that is also safe inside an inline <script>: no `</script>`, `<!--`, `${`, backtick
    or line separator can come out of the data (json.dumps already escapes quotes and `\\`)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return _JS_ESCAPE.sub(lambda m: _JS_ESCAPES[m.group(0)], text)


def safe_url(url: str) -> str:
    """The URL if it is http(s) with a host or a site-relative path, else "" (never javascript:,
    data:, protocol-relative or backslash tricks)."""
    url = (url or "").strip()
    if not url or _URL_UNSAFE_CHARS.search(url):
        return ""
    if url.startswith("/"):
        return "" if url[1:2] in ("/", "\\") else url
    parts = urlsplit(url)
    return url if parts.scheme in ("http", "https") and parts.netloc else ""


def attribute_text(text: str) -> str:
    """HTML-escaped, and with the characters js_json also encodes, so no user text appears raw."""
    return html.escape(text).translate(
        {ord("$"): "&#36;", ord("`"): "&#96;", 0x2028: "&#8232;", 0x2029: "&#8233;"}
    )
