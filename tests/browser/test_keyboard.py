"""Keyboard only: sign in, ask to join, edit a partner profile, sign a pledge and drive the map
controls with `page.keyboard` alone (no click, no fill), and every stop on the way shows where
the focus is with the site's own focus style.

Also the announced failure: a failed submission puts focus on the error summary, whose links
take focus to the field.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.core import mail

from campaigns.models import Pledge
from partners.models import JoinRequest, Membership, Partner
from ratification.models import ActionKind
from ratification.services.reference_data import countries_load
from tests.browser.a11y_support import sign_in
from tests.campaigns.factories import CampaignFactory
from tests.factories import (
    MembershipFactory,
    PartnerFactory,
    TreatyActionFactory,
    TreatyFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)

FOCUS_STYLE = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) { return null; }
    // Tab also steps through a date field's own parts (month, day, year); on a freshly loaded
    // page Chromium then reports the field as active without it matching :focus, so no style
    // can apply. The date field's focus is checked where it does match (before the reload).
    if (el.type === 'date' && !el.matches(':focus')) { return {outline: true, what: 'date'}; }
    const s = getComputedStyle(el);
    const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
    return {outline: outline, shadow: s.boxShadow !== 'none', color: s.outlineColor,
            what: el.outerHTML.slice(0, 120)};
}"""


def focus_visible(page: Any) -> None:
    style = page.evaluate(FOCUS_STYLE)
    assert style is not None, "focus is on <body>"
    assert style["outline"] or style["shadow"], f"no visible focus on {style['what']}"


def tab_to(page: Any, selector: str, limit: int = 60, backwards: bool = False) -> None:
    """Press Tab until the element matching `selector` has focus, checking every stop shows it."""
    if page.evaluate("(s) => document.activeElement.matches(s)", selector):
        focus_visible(page)  # already there (a sign-in form focuses its first field)
        return
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        if page.evaluate("() => document.activeElement === document.body"):
            continue  # past the last element the focus goes to the browser, then wraps
        focus_visible(page)
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} is not reachable with Tab in {limit} presses")


def test_sign_in_with_the_keyboard(page, live_server):
    UserFactory(username="keys", password="correct horse battery staple")
    page.goto(f"{live_server.url}/en/accounts/login/")
    tab_to(page, "#id_username")
    page.keyboard.type("keys")
    tab_to(page, "#id_password")
    page.keyboard.type("correct horse battery staple")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/member/$"))
    assert "Sign out" in page.inner_text("header")


def test_failed_sign_in_focuses_the_error_summary(page, live_server):
    page.goto(f"{live_server.url}/es/accounts/login/")
    tab_to(page, "#id_username")
    page.keyboard.type("nobody")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.title().startswith("Error:")
    assert page.evaluate("() => document.activeElement.matches('[data-error-summary]')")
    focus_visible(page)


def test_join_form_with_the_keyboard_errors_first(page, live_server):
    countries_load()
    page.goto(f"{live_server.url}/en/partners/join/")
    tab_to(page, "#id_organisation_name")
    page.keyboard.type("Keyboard Org")
    with page.expect_navigation():
        page.keyboard.press("Enter")  # submits with the other required fields empty
    assert page.title().startswith("Error:")
    assert page.evaluate("() => document.activeElement.matches('[data-error-summary]')")
    focus_visible(page)
    assert JoinRequest.objects.count() == 0

    # From the summary, a link per error; following it puts focus in the field.
    tab_to(page, ".error-summary a[href='#id_country']")
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "id_country"
    focus_visible(page)
    page.keyboard.type("Mexico")  # a closed <select> picks the option typed
    tab_to(page, "#id_city")
    page.keyboard.type("Puebla")
    tab_to(page, "#id_contact_name")
    page.keyboard.type("Ana")
    tab_to(page, "#id_contact_email")
    page.keyboard.type("ana@example.org")
    tab_to(page, "main form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/thanks/$"))
    request = JoinRequest.objects.get()
    assert (request.organisation_name, request.country, request.city) == (
        "Keyboard Org",
        "MX",
        "Puebla",
    )


def test_member_edits_the_profile_with_the_keyboard(page, live_server):
    countries_load()
    partner = PartnerFactory(slug="keys-org", city="Oaxaca")
    user = UserFactory()
    MembershipFactory(user=user, partner=partner, role=Membership.Role.EDITOR)
    sign_in(page.context, live_server.url, user)
    page.goto(f"{live_server.url}/en/member/partners/keys-org/edit/")
    tab_to(page, "#id_city")
    page.keyboard.press("Control+A")
    page.keyboard.type("Tijuana")
    tab_to(page, "main form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    partner.refresh_from_db()
    assert partner.city == "Tijuana"


def test_pledge_with_the_keyboard(page, live_server):
    countries_load()
    campaign = CampaignFactory(slug="keys-pledge", goal=10)
    page.goto(f"{live_server.url}/en/campaigns/{campaign.slug}/")
    tab_to(page, 'input[name="individual-name"]')
    page.keyboard.type("Keyboard Signer")
    tab_to(page, 'select[name="individual-country"]')
    page.keyboard.type("Mexico")
    tab_to(page, 'input[name="individual-email"]')
    page.keyboard.type("keys.signer@example.net")
    tab_to(page, 'input[name="individual-display"]')
    # Arrow keys move within the radio group and select; land on "initials".
    for _ in range(4):
        if page.evaluate("() => document.activeElement.value") == "initials":
            break
        page.keyboard.press("ArrowDown")
    assert page.evaluate("() => document.activeElement.checked")
    focus_visible(page)
    tab_to(page, "form.sign-form:has(input[value=individual]) button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/signed/$"))
    pledge = Pledge.objects.get()
    assert (pledge.name, pledge.country, pledge.display) == ("Keyboard Signer", "MX", "initials")
    assert len(mail.outbox) == 1


def test_map_controls_with_the_keyboard(page, live_server):
    countries_load()
    treaty = TreatyFactory(as_of=datetime.date(2026, 2, 3))
    TreatyActionFactory(
        treaty=treaty, country="MX", kind=ActionKind.RATIFICATION, date=datetime.date(1999, 3, 8)
    )
    TreatyFactory(
        slug="cat",
        short_name="CAT",
        name="Convention against Torture",
        untc_reference="IV-9",
        position=5,
    )
    page.goto(f"{live_server.url}/en/map/")
    tab_to(page, "#map-treaty")
    start = page.url
    # Arrowing through the treaties does not reload the page at every step...
    page.keyboard.press("ArrowDown")
    assert page.url == start
    assert page.evaluate("() => document.activeElement.value") == "cat"
    tab_to(page, "#map-as-of")
    assert page.evaluate("() => document.activeElement.matches(':focus')")
    page.keyboard.type("01011995")  # month, day, year in the en-US date field
    assert page.url == start
    # ...Enter applies them.
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"as_of=1995-01-01"))
    assert "treaty=cat" in page.url
    # A layer toggle applies at once.
    tab_to(page, 'input[name="layers"][value="partners"]')
    focus_visible(page)
    checked = page.evaluate("() => document.activeElement.checked")
    with page.expect_navigation():
        page.keyboard.press("Space")
    assert ("layers=partners" in page.url) is (not checked)
    assert Partner.objects.count() == 0  # nothing written by looking at a map
