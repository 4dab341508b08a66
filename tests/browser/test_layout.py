"""Every page on a phone and on a desktop: nothing wider than the screen, a menu that works
without JavaScript, language links to the same page, and pages light enough to load on a phone.

One browser for the session (conftest), one context per persona; each page is loaded once per
language and measured at both widths by resizing the viewport, which re-lays the page out
without another request. Screenshots of the main pages go to var/artifacts/screenshots/.
"""

from __future__ import annotations

import datetime
import gzip
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.test import Client

from campaigns.models import Campaign
from ratification.services.imports import treaty_import_from_source
from ratification.services.reference_data import countries_load
from tests.browser.conftest import SCREENSHOTS
from tests.campaigns.factories import CampaignFactory, PledgeFactory
from tests.factories import (
    CommitmentFactory,
    FocusAreaFactory,
    MembershipFactory,
    PartnerFactory,
    StaffFactory,
    UserFactory,
)
from tests.partners.factories import JoinRequestFactory
from tests.ratification.untc_pages import CMW

pytestmark = pytest.mark.django_db(transaction=True)

WIDTHS = (320, 1280)
LANGUAGES = ("en", "es")
PARTNER = "casa-sur"
CAMPAIGN = "ratify-now"

PUBLIC_PAGES = [
    "/",
    "/map/",
    "/map/embed/",
    "/treaties/",
    "/treaties/icrmw/",
    "/countries/",
    "/countries/mx/",
    "/countries/mx/card/",
    "/partners/",
    f"/partners/{PARTNER}/",
    "/partners/join/",
    f"/partners/{PARTNER}/claim/",
    "/campaigns/",
    f"/campaigns/{CAMPAIGN}/",
    f"/campaigns/{CAMPAIGN}/widget/",
    f"/campaigns/{CAMPAIGN}/signed/",
    "/accounts/login/",
]
MEMBER_PAGES = [
    "/member/",
    "/member/tokens/",
    f"/member/partners/{PARTNER}/edit/",
    f"/member/partners/{PARTNER}/history/",
    f"/member/partners/{PARTNER}/commitments/",
    f"/member/partners/{PARTNER}/commitments/{{commitment}}/",
    f"/member/partners/{PARTNER}/members/",
    "/campaigns/day-of-action/activities/new/",
]
STAFF_PAGES = [
    "/staff/",
    "/staff/imports/",
    "/staff/imports/new/",
    "/staff/imports/{run}/",
    "/staff/partners/requests/",
    "/staff/partners/import/",
    "/staff/campaigns/",
]
PAGES = {"public": PUBLIC_PAGES, "member": MEMBER_PAGES, "staff": STAFF_PAGES}
# The pages the issue names for screenshots, by artifact name.
SCREENSHOT_PAGES = {
    "/": "home",
    "/map/": "map",
    "/treaties/": "treaties",
    "/treaties/icrmw/": "treaty",
    "/countries/mx/": "country",
    "/partners/": "directory",
    f"/partners/{PARTNER}/": "partner",
    f"/campaigns/{CAMPAIGN}/": "campaign",
    f"/member/partners/{PARTNER}/edit/": "member-edit",
    "/staff/": "staff-dashboard",
}
# Public pages whose point is the map: their shapes and Leaflet are the weight.
MAP_PAGES = {"/map/", "/map/embed/"}
PAGE_WEIGHT_LIMIT = 150 * 1024

OVERFLOWING = """(width) => {
    const wide = [];
    for (const el of document.querySelectorAll('body *')) {
        const box = el.getBoundingClientRect();
        if (box.width > 0 && box.right > width + 0.5) {
            wide.push(`${el.tagName.toLowerCase()}.${el.className} (${Math.round(box.right)} px)`);
        }
    }
    return wide.slice(0, 5);
}"""


@pytest.fixture
def site() -> dict[str, Any]:
    """Real reference data where it is fast (countries, the ICRMW from its shipped UNTC page),
    factories for the rest: long names, long Spanish dates, every table with rows."""
    countries_load()
    run = treaty_import_from_source(source=str(CMW))
    area = FocusAreaFactory(
        slug="labour-rights", name="Labour rights", name_es="Derechos laborales"
    )
    partner = PartnerFactory(
        slug=PARTNER,
        name="Casa del Migrante Sur: red regional de defensa de personas trabajadoras migrantes",
        country="MX",
        city="Tapachula",
        latitude=14.9,
        longitude=-92.26,
    )
    partner.focus_areas.add(area)
    for n in range(3):
        PartnerFactory(slug=f"partner-{n}", country="PH", city="Quezon City")
    member = UserFactory(username="member-editor")
    MembershipFactory(user=member, partner=partner, role="admin")
    commitment = CommitmentFactory(partner=partner, due_on=datetime.date(2026, 12, 18))
    staff = StaffFactory(username="staff-person")
    JoinRequestFactory()
    campaign = CampaignFactory(
        slug=CAMPAIGN,
        title_en="Ratify the Migrant Workers Convention now",
        title_es="Ratifiquen ya la Convención sobre los Trabajadores Migratorios",
        goal=100,
        is_published=True,
        opens_on=datetime.date(2026, 2, 3),
        closes_on=datetime.date(2026, 12, 18),
        target_country="US",
        kind=Campaign.Kind.RATIFICATION,
    )
    for _ in range(3):
        PledgeFactory(campaign=campaign)
    CampaignFactory(
        slug="day-of-action",
        title_en="International Migrants Day",
        kind=Campaign.Kind.DAY_OF_ACTION,
        is_published=True,
    )
    return {"run": run.pk, "commitment": commitment.pk, "member": member, "staff": staff}


@pytest.fixture
def persona_page(
    browser: Any, live_server: Any, site: dict[str, Any], request: Any
) -> Iterator[Any]:
    """A page signed in as the persona of the test's `persona` parameter (session cookie)."""
    persona = request.node.callspec.params["persona"]
    context = browser.new_context(viewport={"width": WIDTHS[-1], "height": 800})
    user = site.get(persona)
    if user is not None:
        client = Client()
        client.force_login(user)
        context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                    "url": live_server.url,
                }
            ]
        )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.mark.parametrize("persona", ["public", "member", "staff"])
def test_no_page_is_wider_than_the_screen(
    persona_page: Any, live_server: Any, site: dict[str, Any], persona: str
) -> None:
    page = persona_page
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    problems: list[str] = []
    measured = 0
    for path_template in PAGES[persona]:
        path = path_template.format(**site)
        for language in LANGUAGES:
            page.set_viewport_size({"width": WIDTHS[0], "height": 800})
            response = page.goto(f"{live_server.url}/{language}{path}", wait_until="load")
            if response is None or response.status != 200:
                problems.append(f"/{language}{path}: HTTP {response and response.status}")
                continue
            for width in WIDTHS:
                page.set_viewport_size({"width": width, "height": 800})
                scroll_width = page.evaluate("document.documentElement.scrollWidth")
                inner_width = page.evaluate("window.innerWidth")
                measured += 1
                if scroll_width > inner_width:
                    wide = page.evaluate(OVERFLOWING, inner_width)
                    problems.append(
                        f"/{language}{path} at {width} px is {scroll_width} px wide: {wide}"
                    )
                name = SCREENSHOT_PAGES.get(path_template)
                if name:
                    page.screenshot(path=str(SCREENSHOTS / f"layout-{name}-{language}-{width}.png"))
    assert not problems, "\n".join(problems)
    assert measured == len(PAGES[persona]) * len(LANGUAGES) * len(WIDTHS)


def test_the_menu_opens_and_closes_without_javascript(browser: Any, live_server: Any) -> None:
    context = browser.new_context(viewport={"width": 320, "height": 640}, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/en/treaties/")
        treaties = page.get_by_role("link", name="Treaties", exact=True)
        menu = page.locator(".site-menu > summary")
        assert menu.is_visible()
        assert not treaties.is_visible()
        header = page.locator(".site-header").bounding_box()
        assert header is not None
        assert header["height"] <= 64  # was about 140 px at 390 px

        menu.click()
        assert treaties.is_visible()
        assert page.get_by_role("link", name="Sign in").is_visible()
        treaties.click()
        page.wait_for_url("**/en/treaties/")

        menu.click()
        menu.click()
        assert not treaties.is_visible()

        # Wide screens: the links are in the bar, no menu button.
        page.set_viewport_size({"width": 1280, "height": 800})
        assert treaties.is_visible()
        assert not menu.is_visible()
    finally:
        context.close()


def test_the_language_link_opens_the_same_page_in_the_other_language(
    browser: Any, live_server: Any
) -> None:
    countries_load()
    context = browser.new_context(viewport={"width": 320, "height": 640}, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/en/countries/?region=americas")
        assert page.locator(".language-switcher button, .language-switcher select").count() == 0
        page.get_by_role("link", name="Español").click()
        page.wait_for_load_state()
        assert page.url == f"{live_server.url}/es/countries/?region=americas"
        assert page.locator("html").get_attribute("lang") == "es"
        page.get_by_role("link", name="English").click()
        page.wait_for_load_state()
        assert page.url == f"{live_server.url}/en/countries/?region=americas"
    finally:
        context.close()


def _page_weights(browser: Any, live_server: Any, paths: list[str]) -> dict[str, int]:
    """First load with an empty cache, in both languages: the HTML and every same-origin file
    it loads, each gzipped; the heavier language counts. Fonts from other origins fail."""
    origin = urlparse(live_server.url).netloc
    weights: dict[str, int] = {}
    foreign_fonts: list[str] = []
    for path in paths:
        for language in LANGUAGES:
            context = browser.new_context(viewport={"width": 320, "height": 640})
            page = context.new_page()
            responses: list[Any] = []

            def keep(response: Any, seen: list[Any] = responses) -> None:
                seen.append(response)  # Playwright cannot wrap a builtin such as list.append

            page.on("response", keep)
            try:
                page.goto(f"{live_server.url}/{language}{path}", wait_until="load")
                total = 0
                for response in responses:
                    url = urlparse(response.url)
                    if response.request.resource_type == "font" and url.netloc != origin:
                        foreign_fonts.append(response.url)
                    if url.netloc != origin or not (200 <= response.status < 300):
                        continue
                    total += len(gzip.compress(response.body(), compresslevel=6))
            finally:
                context.close()
            key = f"/{language}{path}"
            weights[key] = total
    assert not foreign_fonts, foreign_fonts
    return weights


def test_public_pages_weigh_under_150_kb_gzipped_and_use_no_foreign_fonts(
    browser: Any, live_server: Any, site: dict[str, Any]
) -> None:
    paths = [p for p in PUBLIC_PAGES if p not in MAP_PAGES]
    weights = _page_weights(browser, live_server, paths)
    assert len(weights) == len(paths) * len(LANGUAGES)
    heavy = {path: weight for path, weight in weights.items() if weight >= PAGE_WEIGHT_LIMIT}
    assert not heavy, heavy
