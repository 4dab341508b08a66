"""Screenshots of the pages issue 15 asks to see, kept as test artifacts: the campaign page, a
partner page and /map/, at 1280 px and on a 390 px phone, in English and Spanish.

They are written to var/artifacts/screenshots/ (git-ignored; the `screenshot` fixture of
conftest.py), where CI keeps them as the run's artifacts, with index.txt saying which page and
size each file shows. The test also checks each page drew: a failing page leaves no picture of an
error page behind.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.a11y_support import site_seed
from tests.browser.conftest import SCREENSHOTS

pytestmark = pytest.mark.django_db(transaction=True)

SHOTS = [
    ("campaign", "/campaigns/{campaign_slug}/", "h1"),
    ("partner", "/partners/{partner_slug}/", "h1"),
    ("map", "/map/", ".leaflet-container"),
]


@pytest.mark.parametrize("language", ["en", "es"])
def test_screenshots_of_the_main_pages(
    page: Any, live_server: Any, screenshot: Any, language: str
) -> None:
    site = site_seed()
    index = []
    for width, height in [(1280, 800), (390, 844)]:
        page.set_viewport_size({"width": width, "height": height})
        for name, path, drawn in SHOTS:
            url = f"{live_server.url}/{language}{path.format(**vars(site))}"
            response = page.goto(url)
            assert response is not None
            assert response.status == 200, url
            page.locator(drawn).first.wait_for(state="visible")
            page.wait_for_load_state("networkidle")
            file = screenshot(f"{name}-{language}-{width}")
            assert file.stat().st_size > 5_000, file  # a drawn page, not a blank one
            index.append(f"{file.name}\t{width}x{height}\t{path.format(**vars(site))}")
    (SCREENSHOTS / f"index-{language}.txt").write_text("\n".join(index) + "\n", encoding="utf-8")
