"""Share links built as plain URLs: no third-party script, widget or tracker is ever loaded.

Each service's documented "web intent" address takes the text in the query string; following it
is the visitor's choice, and nothing is sent anywhere until they click.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlencode

from django.utils.translation import gettext as _


@dataclass(frozen=True, slots=True)
class ShareLink:
    label: str
    url: str


def share_links(*, text: str, url: str) -> list[ShareLink]:
    with_url = f"{text} {url}"
    return [
        ShareLink(
            _("E-mail"),
            "mailto:?" + urlencode({"subject": text[:120], "body": with_url}, quote_via=quote),
        ),
        ShareLink("Bluesky", "https://bsky.app/intent/compose?" + urlencode({"text": with_url})),
        ShareLink(
            "Mastodon", "https://mastodonshare.com/?" + urlencode({"text": text, "url": url})
        ),
        ShareLink("X", "https://x.com/intent/post?" + urlencode({"text": text, "url": url})),
        ShareLink(
            "Facebook", "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url})
        ),
        ShareLink("WhatsApp", "https://wa.me/?" + urlencode({"text": with_url})),
        ShareLink("Telegram", "https://t.me/share/url?" + urlencode({"url": url, "text": text})),
    ]
