"""One display name per country and language (issue 15, item 11): the United States is "United
States" on its country page, on a campaign that targets it, on a partner's page, in the map's
popups and in the API, in English; "Estados Unidos" in all of them in Spanish. Never "United
States of America" (django-countries' own English name) on one page and "United States" (the
M49 table's) on another."""

from __future__ import annotations

import datetime

import pytest
from django.utils import translation
from django_countries import countries
from rest_framework.test import APIClient

from maps.selectors import partner_layer
from ratification.names import country_name
from ratification.services.reference_data import countries_load
from tests.campaigns.factories import CampaignFactory
from tests.factories import PartnerFactory, TreatyFactory

pytestmark = pytest.mark.django_db

NAMES = {"en": "United States", "es": "Estados Unidos"}
OTHER_NAMES = ["United States of America", "Estados Unidos de América"]


@pytest.fixture
def usa():
    countries_load()  # the shipped M49 table, as load_reference_data loads it
    treaty = TreatyFactory(as_of=datetime.date(2026, 2, 3))
    partner = PartnerFactory(
        name="Border Rights", slug="border-rights", country="US", city="El Paso",
        latitude=31.76, longitude=-106.49,
    )  # fmt: skip
    campaign = CampaignFactory(slug="ratify-us", treaty_id=treaty.pk, target_country="US")
    return partner, campaign


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_one_function_and_django_countries_agree(language):
    with translation.override(language):
        assert country_name("US") == NAMES[language]
        assert str(countries.name("US")) == NAMES[language]
        assert dict(countries)["US"] == NAMES[language]  # the country selects
    with translation.override("en"):
        assert country_name("CD") == "DR Congo"  # the M49 table's English name
    with translation.override("es"):
        assert country_name("CD") == "República Democrática del Congo"


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_same_name_on_every_page(client, usa, language):
    name = NAMES[language]
    pages = {
        "country": f"/{language}/countries/US/",
        "partner": f"/{language}/partners/border-rights/",
        "campaign": f"/{language}/campaigns/ratify-us/",
        "directory": f"/{language}/partners/",
        "index": f"/{language}/countries/?q=US",
    }
    for page, path in pages.items():
        response = client.get(path)
        assert response.status_code == 200, page
        body = response.content.decode()
        assert name in body, page
        for other in OTHER_NAMES:
            assert other not in body, (page, other)


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_same_name_in_the_map_and_the_api(usa, language):
    partner, _campaign = usa
    with translation.override(language):
        (point,) = partner_layer([partner]).points
    assert point.country == NAMES[language]
    api = APIClient()
    headers = {"HTTP_ACCEPT_LANGUAGE": language}
    detail = api.get("/api/v1/partners/border-rights/", **headers).json()
    assert detail["country_name"] == NAMES[language]
    country = api.get("/api/v1/countries/us/", **headers).json()
    assert country["name"] == NAMES[language]
