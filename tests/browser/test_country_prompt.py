"""Browser: the sign form's country select starts on "Choose a country", a signature without a
country is refused with a clear error and nothing saved, and typing a name picks it (the native
<select>'s type-ahead, over names sorted in the page's language)."""

from __future__ import annotations

import pytest
from django.core import mail

from campaigns.models import Pledge
from tests.campaigns.factories import CampaignFactory

pytestmark = pytest.mark.browser


def _individual_form(page):
    return page.locator("form.sign-form", has=page.locator('input[value="individual"]'))


def test_country_starts_empty_and_is_required(page, live_server):
    campaign = CampaignFactory(slug="country-prompt")
    page.goto(f"{live_server.url}/en/campaigns/{campaign.slug}/")
    form = _individual_form(page)
    select = form.locator('select[name="individual-country"]')
    assert select.input_value() == ""
    assert select.locator("option:checked").inner_text() == "Choose a country"
    assert select.get_attribute("required") is not None

    form.locator('input[name="individual-name"]').fill("Careless Signer")
    form.locator('input[name="individual-email"]').fill("careless@example.net")
    form.locator('button[type="submit"]').click()
    page.wait_for_selector(".error-summary")

    summary = page.locator(".error-summary")
    assert "Country: Choose a country from the list." in summary.inner_text()
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    # What the signer typed is kept; the country is still to choose.
    form = _individual_form(page)
    assert form.locator('input[name="individual-name"]').input_value() == "Careless Signer"
    assert form.locator('select[name="individual-country"]').input_value() == ""
    assert Pledge.objects.count() == 0
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("lang", "typed", "code", "name"),
    [("en", "Spa", "ES", "Spain"), ("es", "Espa", "ES", "España"), ("es", "Sue", "SE", "Suecia")],
)
def test_typing_selects_a_country_in_the_page_language(page, live_server, lang, typed, code, name):
    campaign = CampaignFactory(slug="country-typeahead")
    page.goto(f"{live_server.url}/{lang}/campaigns/{campaign.slug}/")
    select = _individual_form(page).locator('select[name="individual-country"]')
    select.focus()
    page.keyboard.type(typed)
    assert select.input_value() == code
    assert select.locator("option:checked").inner_text() == name
