"""Browser: after signing, the "check your e-mail" page shows the progress bar and the share
panel, and "Copy the link" puts the signer's referral link on the clipboard (with the Clipboard
API) or, without it, the link's box selects itself for copying by hand. A friend following the
link signs with the referral code carried along."""

from __future__ import annotations

import re

import pytest

from campaigns.models import Pledge
from tests.campaigns.factories import CampaignFactory, CampaignMessageFactory, PledgeFactory

pytestmark = pytest.mark.browser


def _sign(page, base: str, slug: str, email: str, *, query: str = "") -> None:
    page.goto(f"{base}/en/campaigns/{slug}/{query}")
    form = page.locator("form.sign-form", has=page.locator('input[value="individual"]'))
    form.locator('input[name="individual-name"]').fill("Browser Sharer")
    form.locator('select[name="individual-country"]').select_option("MX")
    form.locator('input[name="individual-email"]').fill(email)
    form.locator('button[type="submit"]').click()
    page.wait_for_url(re.compile(r"/signed/$"))


def test_copy_the_referral_link_after_signing(browser, live_server):
    campaign = CampaignFactory(slug="share-after", goal=1000)
    CampaignMessageFactory(campaign=campaign)
    PledgeFactory.create_batch(312, campaign=campaign)
    context = browser.new_context(viewport={"width": 390, "height": 800})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        _sign(page, live_server.url, campaign.slug, "sharer@example.net")
        bar = page.get_by_role("progressbar", name="Signatures toward the goal")
        assert bar.is_visible()
        assert bar.get_attribute("value") == "312"
        assert page.locator(".progress-text").inner_text() == "312 of 1,000 (31%)"

        code = Pledge.objects.get(email="sharer@example.net").referral_code
        link = page.get_by_label("Link to share")
        assert link.input_value() == f"{live_server.url}/en/campaigns/{campaign.slug}/?ref={code}"
        button = page.get_by_role("button", name="Copy the link")
        assert button.is_visible()
        button.click()
        page.wait_for_function("document.querySelector('.share-link-row .copy-status').textContent")
        assert page.locator(".share-link-row .copy-status").inner_text() == "Copied."
        assert page.evaluate("navigator.clipboard.readText()") == link.input_value()
        assert page.get_by_role("button", name="Copy the message").first.is_visible()

        # A friend, in another browser, follows the copied link and signs through it.
        friend = browser.new_context().new_page()
        _sign(friend, live_server.url, campaign.slug, "friend@example.net", query=f"?ref={code}")
        friend.context.close()
        assert Pledge.objects.get(email="friend@example.net").referred_by.referral_code == code
    finally:
        context.close()


def test_without_the_clipboard_api_the_link_selects_itself(page, live_server):
    campaign = CampaignFactory(slug="share-fallback", goal=10)
    page.add_init_script("delete Navigator.prototype.clipboard;")
    _sign(page, live_server.url, campaign.slug, "nocopy@example.net")
    assert page.locator(".copy-button").count() >= 1
    assert not page.get_by_role("button", name="Copy the link").is_visible()
    link = page.get_by_label("Link to share")
    link.focus()
    selected = page.evaluate(
        "(() => { const f = document.getElementById('share-link');"
        " return f.value.substring(f.selectionStart, f.selectionEnd); })()"
    )
    assert selected == link.input_value()
    assert "?ref=" in selected
