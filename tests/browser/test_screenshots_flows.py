"""Screenshots of the pages a signer meets (issue 15): the "check your e-mail" page after signing,
the "confirmed" page after pressing the button in the e-mail's link, and the sign widget as a
partner's site frames it, 320 x 400, in English and Spanish.

Written beside the other screenshots in var/artifacts/screenshots/ (see test_screenshots.py),
with index-flows-<language>.txt saying what each file shows. Each step checks the page it
pictures is the right one, so a failing flow leaves no picture of an error behind.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail

from tests.browser.conftest import SCREENSHOTS
from tests.campaigns.factories import CampaignFactory, PledgeFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("language", ["en", "es"])
def test_screenshots_of_the_signing_pages_and_the_framed_widget(
    page: Any, live_server: Any, other_site: Any, screenshot: Any, language: str
) -> None:
    campaign = CampaignFactory(
        slug=f"shots-{language}", title_en="Ratify now", title_es="Ratificar ya", goal=1000
    )
    for _ in range(3):  # three signers, as the widget's size limit asks
        PledgeFactory(campaign=campaign)
    index = []
    page.set_viewport_size({"width": 390, "height": 844})

    page.goto(f"{live_server.url}/{language}/campaigns/{campaign.slug}/")
    form = page.locator("form.sign-form", has=page.locator('input[value="individual"]'))
    form.locator('input[name="individual-name"]').fill("Ana Pérez")
    form.locator('select[name="individual-country"]').select_option("MX")
    form.locator('input[name="individual-email"]').fill(f"ana.{language}@example.net")
    form.locator('button[type="submit"]').click()
    page.wait_for_url(re.compile(r"/signed/"))
    file = screenshot(f"signed-{language}-390")
    index.append(f"{file.name}\t390x844\tafter signing: check your e-mail")

    (message,) = mail.outbox
    link = re.search(r"https?://\S+/campaigns/confirm/\S+/", message.body)
    assert link is not None, message.body
    page.goto(live_server.url + "/" + link.group(0).split("/", 3)[3])
    page.locator("form button[type=submit]").first.click()
    page.wait_for_load_state()
    assert campaign.pledges.filter(email=f"ana.{language}@example.net").get().confirmed_at
    file = screenshot(f"confirmed-{language}-390")
    index.append(f"{file.name}\t390x844\tafter confirming from the e-mail's link")

    pages, origin = other_site
    widget = f"{live_server.url}/{language}/campaigns/{campaign.slug}/widget/"
    pages["/partner.html"] = (
        f'<!doctype html><html lang="{language}"><title>A partner site</title>'
        '<body style="margin:16px;background:#eee">'
        f'<iframe src="{widget}" width="320" height="400" title="widget"'
        ' style="border:1px solid #999;background:#fff"></iframe></body></html>'
    ).encode()
    page.set_viewport_size({"width": 400, "height": 480})
    page.goto(f"{origin}/partner.html")
    frame = page.frame_locator("iframe")
    frame.locator("button[type=submit]").first.wait_for(state="visible")
    file = screenshot(f"widget-{language}-320x400")
    index.append(f"{file.name}\t320x400 frame on another origin\tthe sign widget")
    for name in ("signed", "confirmed", "widget"):
        assert (
            SCREENSHOTS / f"{name}-{language}-{'320x400' if name == 'widget' else '390'}.png"
        ).stat().st_size > 5_000
    (SCREENSHOTS / f"index-flows-{language}.txt").write_text(
        "\n".join(index) + "\n", encoding="utf-8"
    )
