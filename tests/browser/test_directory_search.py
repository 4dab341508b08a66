"""Browser: a visitor types into the directory's search box, as they would type it (issue 15,
item 9): no accents, lower case, a city, a Spanish focus-area name."""

from __future__ import annotations

import pytest

from tests.factories import FocusAreaFactory, PartnerFactory

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    ("language", "query", "found", "not_found"),
    [
        ("es", "asociacion", "Asociación Frontera Digna", "Casa del Migrante"),
        ("en", "Mexicali", "Casa del Migrante", "Asociación Frontera Digna"),
        ("es", "trabajo", "Asociación Frontera Digna", "Casa del Migrante"),
    ],
)
def test_directory_search_box(page, live_server, screenshot, language, query, found, not_found):
    labour = FocusAreaFactory(
        slug="trafficking", name="Trafficking and forced labour", name_es="Trata y trabajo forzoso"
    )
    PartnerFactory(name="Asociación Frontera Digna", city="Tijuana").focus_areas.add(labour)
    PartnerFactory(name="Casa del Migrante", city="Mexicali")
    page.goto(f"{live_server.url}/{language}/partners/")
    page.locator('input[name="q"]').fill(query)
    page.locator('input[name="q"]').press("Enter")
    page.wait_for_url(f"**q={query}**")
    results = page.inner_text("main")
    assert found in results
    assert not_found not in results
    screenshot(f"directory-search-{language}-{query}")
