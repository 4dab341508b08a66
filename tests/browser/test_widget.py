"""Browser: the embeddable sign form (campaigns/views/widget.py) framed by a partner's page on
another site, where the browser sends none of our cookies; its 320 x 400 frame; the campaign
page's embed code and live preview.

The partner's page is served from 127.0.0.2 and the live server is 127.0.0.1: two sites (an IP
address is its own site), not just two origins (127.0.0.1 on another port would be the same
site, and SameSite=Lax cookies would still be sent to the frame).
"""

from __future__ import annotations

import html
import re
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlparse

import pytest
from django.core import mail
from post_office.models import Email

from campaigns.models import Pledge
from tests.campaigns.factories import CampaignFactory, PledgeFactory

pytestmark = pytest.mark.django_db(transaction=True)

FRAME = {"width": 320, "height": 400}
# Long enough to wrap at 320 px, as real campaign titles do.
TITLES = {
    "en": "Ratify the Migrant Workers Convention before the end of the year",
    "es": "Ratifiquen la Convención sobre los Trabajadores Migratorios antes de fin de año",
}


@pytest.fixture
def partner_site() -> Iterator[tuple[dict[str, bytes], str]]:
    """A partner's web server on another site (127.0.0.2), serving the pages put in the dict."""
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

    server = ThreadingHTTPServer(("127.0.0.2", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield pages, f"http://127.0.0.2:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _campaign_with_signers(slug: str) -> Any:
    campaign = CampaignFactory(slug=slug, title_en=TITLES["en"], title_es=TITLES["es"], goal=500)
    for name in ("María Fernanda Gutiérrez", "Jean-Baptiste Okonkwo", "Nguyễn Thị Minh Khai"):
        PledgeFactory(campaign=campaign, name=name, city="Ciudad de México")
    return campaign


def _partner_page(src: str) -> bytes:
    return (
        "<!doctype html><html lang=en><title>Partner site</title><h1>Our partner</h1>"
        f'<iframe id="widget" src="{src}" width="{FRAME["width"]}" height="{FRAME["height"]}"'
        ' title="Sign"></iframe>'
    ).encode()


def test_widget_signs_inside_a_frame_on_another_site_with_no_cookie(
    page: Any, live_server: Any, partner_site: Any
) -> None:
    campaign = _campaign_with_signers("framed-sign")
    pages, origin = partner_site
    assert urlparse(origin).hostname != urlparse(live_server.url).hostname
    pages["/"] = _partner_page(f"{live_server.url}/en/campaigns/{campaign.slug}/widget/")
    # A visitor who has been on our site before has our cookies (SameSite=Lax, Django's
    # default): a frame on another site must not get them, and the widget must not need them.
    page.context.add_cookies(
        [{"name": "visited", "value": "yes", "url": live_server.url, "sameSite": "Lax"}]
    )
    sent: list[Any] = []
    page.on("request", lambda r: sent.append(r) if "/widget/sign/" in r.url else None)
    page.goto(f"{origin}/")
    frame = page.frame_locator("#widget")
    frame.locator('input[name="individual-name"]').fill("Framed Signer")
    frame.locator('select[name="individual-country"]').select_option("CL")
    frame.locator('input[name="individual-email"]').fill("framed.signer@example.net")
    frame.locator('select[name="individual-display"]').select_option("initials")
    frame.get_by_role("button", name="Sign").click()
    frame.get_by_role("heading", name="Check your e-mail").wait_for()

    (request,) = sent
    post = request.all_headers()
    assert request.method == "POST"
    assert "cookie" not in post, "the frame was sent our cookies: the test is not cross-site"
    assert post["origin"] == live_server.url  # the frame's own form
    pledge = Pledge.objects.get(campaign=campaign, email="framed.signer@example.net")
    assert pledge.confirmed_at is None
    assert (pledge.name, pledge.country, pledge.display) == ("Framed Signer", "CL", "initials")
    # The confirmation went through the outbox (core.mail), and was delivered in eager mode.
    assert Email.objects.filter(to=["framed.signer@example.net"]).count() == 1
    (message,) = mail.outbox
    assert message.to == ["framed.signer@example.net"]
    assert "/en/campaigns/confirm/" in message.body
    # Nothing was set either: the widget took and left no cookie.
    assert [c["name"] for c in page.context.cookies()] == ["visited"]
    # The control: on our own site (top level) the browser does send the cookie.
    top = page.goto(f"{live_server.url}/en/campaigns/{campaign.slug}/widget/")
    assert top is not None
    assert "visited=yes" in top.request.all_headers().get("cookie", "")


@pytest.mark.parametrize("lang", ["en", "es"])
def test_widget_button_is_in_view_in_a_320_by_400_frame(
    page: Any, live_server: Any, partner_site: Any, lang: str
) -> None:
    campaign = _campaign_with_signers(f"framed-size-{lang}")
    pages, origin = partner_site
    pages["/"] = _partner_page(f"{live_server.url}/{lang}/campaigns/{campaign.slug}/widget/")
    page.set_viewport_size({"width": 800, "height": 900})
    page.goto(f"{origin}/")
    frame_box = page.locator("#widget").bounding_box()
    frame = page.frame_locator("#widget")
    frame.locator(".signers li").first.wait_for()
    assert frame.locator(".signers li").count() == 3
    label = {"en": "Sign", "es": "Firmar"}[lang]
    button = frame.get_by_role("button", name=label).bounding_box()
    assert frame_box is not None
    assert button is not None
    # Inside the frame's viewport (its box less the iframe's border): in view without scrolling.
    border = page.locator("#widget").evaluate("el => [el.clientLeft, el.clientTop]")
    left, top = frame_box["x"] + border[0], frame_box["y"] + border[1]
    bottom = button["y"] + button["height"] - top
    assert button["y"] >= top
    assert bottom <= FRAME["height"], f"button bottom at {bottom:.0f} px of {FRAME['height']} px"
    assert button["x"] + button["width"] - left <= FRAME["width"]
    # Nothing wider than the frame either.
    scroll_width = frame.locator("html").evaluate("el => el.scrollWidth")
    client_width = frame.locator("html").evaluate("el => el.clientWidth")
    assert scroll_width <= client_width


def test_campaign_page_offers_embed_code_and_live_preview(
    page: Any, live_server: Any, partner_site: Any
) -> None:
    campaign = _campaign_with_signers("embed-code")
    page.goto(f"{live_server.url}/en/campaigns/{campaign.slug}/")
    code = page.locator("textarea#embed-code")
    assert code.get_attribute("readonly") is not None
    snippet = code.input_value()
    match = re.fullmatch(
        r'<iframe src="([^"]+)" width="320" height="400" title="([^"]+)" loading="lazy"></iframe>',
        snippet,
    )
    assert match is not None, snippet
    src, title = match.groups()
    assert src == f"{live_server.url}/en/campaigns/{campaign.slug}/widget/"
    assert html.unescape(title) == f"Sign the campaign: {TITLES['en']}"
    # The preview is the live widget, framed by the campaign page itself.
    preview = page.locator("iframe.embed-preview")
    preview.scroll_into_view_if_needed()
    widget = page.frame_locator("iframe.embed-preview")
    widget.locator(".widget-title").wait_for()
    assert widget.locator(".widget-title").inner_text() == TITLES["en"]
    assert widget.get_by_role("button", name="Sign").is_visible()
    # Pasted into a partner's page, the copied code frames the same widget.
    pages, origin = partner_site
    pages["/pasted/"] = f"<!doctype html><title>Pasted</title>{snippet}".encode()
    page.goto(f"{origin}/pasted/")
    page.frame_locator("iframe").get_by_role("button", name="Sign").wait_for()
