"""Partner API reads: filters, search, ordering, hidden fields, escaping, query counts, throttle."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.utils import timezone
from rest_framework.test import APIClient

from partners.models import Partner
from tests.factories import (
    CommitmentFactory,
    CountryFactory,
    FocusAreaFactory,
    LanguageFactory,
    PartnerFactory,
)

LIST = "/api/v1/partners/"

SECRET_ADDRESS = "Calle Secreta 42"
SECRET_EMAIL = "refuge@hidden.example.org"
SECRET_PHONE = "+52 55 9999 0000"


@pytest.fixture
def api():
    return APIClient()


def _slugs(response):
    return [row["slug"] for row in response.json()["results"]]


def _hidden_partner(**extra):
    defaults = {
        "name": "Quiet Shelter",
        "address_1": SECRET_ADDRESS,
        "email": SECRET_EMAIL,
        "phone": SECRET_PHONE,
        "postal_code": "06000",
        "show_address": False,
        "show_email": False,
        "show_phone": False,
        "latitude": Decimal("19.411111"),
        "longitude": Decimal("-99.177777"),
        "city_latitude": Decimal("19.428470"),
        "city_longitude": Decimal("-99.127660"),
    }
    defaults.update(extra)
    return PartnerFactory(**defaults)


@pytest.mark.django_db
def test_list_shows_only_published_partners(api):
    PartnerFactory(slug="shown")
    PartnerFactory(slug="draft", is_published=False)
    response = api.get(LIST)
    assert response.status_code == 200
    assert _slugs(response) == ["shown"]
    assert response.json()["count"] == 1
    assert api.get(f"{LIST}draft/").status_code == 404
    assert api.get(f"{LIST}shown/").json()["slug"] == "shown"


@pytest.mark.django_db
def test_public_fields(api):
    focus = FocusAreaFactory(slug="detention", name="Detention")
    partner = PartnerFactory(
        slug="open",
        name="Open Door",
        latitude=Decimal("19.400000"),
        longitude=Decimal("-99.100000"),
        social_links=["https://social.example/open", "javascript:alert(1)"],
    )
    partner.focus_areas.add(focus)
    partner.languages.add(LanguageFactory(code="es"))
    body = api.get(f"{LIST}open/").json()
    assert body["name"] == "Open Door"
    assert body["country"] == "MX"
    assert body["contact"]["email"] == partner.email
    assert body["contact"]["address_1"] == "Calle Falsa 123"
    assert body["location"] == {"latitude": 19.4, "longitude": -99.1}
    assert body["focus_areas"][0]["slug"] == "detention"
    assert body["languages"][0]["code"] == "es"
    assert body["social_links"] == ["https://social.example/open"]
    assert body["page_url"].endswith("/partners/open/")
    # Workflow fields are not public.
    for private in ("geocode_status", "geocode_error", "is_demo", "show_address", "approved_at"):
        assert private not in body


@pytest.mark.django_db
def test_hidden_fields_never_appear_in_list_or_detail(api):
    partner = _hidden_partner()
    for url in (LIST, f"{LIST}{partner.slug}/", f"{LIST}?search=Quiet"):
        response = api.get(url)
        assert response.status_code == 200
        text = response.content.decode()
        assert SECRET_ADDRESS not in text
        assert SECRET_EMAIL not in text
        assert SECRET_PHONE not in text
        assert "06000" not in text
        assert "19.411111" not in text
        assert "-99.177777" not in text
    body = api.get(f"{LIST}{partner.slug}/").json()
    assert body["contact"] == {"website": partner.website}
    assert body["location"] == {"latitude": 19.42847, "longitude": -99.12766}


@pytest.mark.django_db
def test_script_name_comes_back_as_a_json_string(api):
    PartnerFactory(slug="xss", name="<script>alert(1)</script>")
    response = api.get(f"{LIST}xss/")
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["name"] == "<script>alert(1)</script>"
    # The browsable API is HTML: there the name must be escaped text.
    html = api.get(f"{LIST}xss/", HTTP_ACCEPT="text/html").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


@pytest.mark.django_db
def test_filters(api):
    CountryFactory(iso2="MX", iso3="MEX", region="Americas")
    CountryFactory(iso2="KE", iso3="KEN", numeric="404", name="Kenya", region="Africa")
    detention = FocusAreaFactory(slug="detention")
    english = LanguageFactory(code="en", name="English")
    mx = PartnerFactory(slug="mx-ngo", country="MX", kind=Partner.Kind.NGO)
    mx.focus_areas.add(detention)
    ke = PartnerFactory(slug="ke-union", country="KE", kind=Partner.Kind.UNION)
    ke.languages.add(english)

    assert _slugs(api.get(LIST, {"country": "mx"})) == ["mx-ngo"]
    assert _slugs(api.get(LIST, {"region": "africa"})) == ["ke-union"]
    assert _slugs(api.get(LIST, {"kind": "union"})) == ["ke-union"]
    assert _slugs(api.get(LIST, {"focus_area": "detention"})) == ["mx-ngo"]
    assert _slugs(api.get(LIST, {"language": "en"})) == ["ke-union"]
    assert api.get(LIST, {"kind": "bogus"}).status_code == 400


@pytest.mark.django_db
def test_updated_since(api):
    old = PartnerFactory(slug="old")
    PartnerFactory(slug="new")
    Partner.objects.filter(pk=old.pk).update(
        updated_at=timezone.now() - datetime.timedelta(days=30)
    )
    since = (timezone.now() - datetime.timedelta(days=1)).isoformat()
    assert _slugs(api.get(LIST, {"updated_since": since})) == ["new"]
    response = api.get(LIST, {"updated_since": "last tuesday"})
    assert response.status_code == 400
    assert "updated_since" in response.json()


@pytest.mark.django_db
def test_bbox_uses_public_coordinates_only(api):
    # Hidden address: precise point in the box, city point outside it → not found.
    _hidden_partner(slug="hidden")
    PartnerFactory(
        slug="public",
        latitude=Decimal("19.411111"),
        longitude=Decimal("-99.177777"),
    )
    tiny_box_around_precise_point = "-99.18,19.41,-99.17,19.42"
    assert _slugs(api.get(LIST, {"bbox": tiny_box_around_precise_point})) == ["public"]
    city_box = "-99.13,19.42,-99.12,19.43"
    assert _slugs(api.get(LIST, {"bbox": city_box})) == ["hidden"]


@pytest.mark.parametrize(
    "bbox",
    ["1,2,3", "a,b,c,d", "10,0,0,10", "0,10,10,0", "-200,0,0,10", "0,-91,10,10", "nan,0,1,1"],
)
@pytest.mark.django_db
def test_bbox_validation(api, bbox):
    response = api.get(LIST, {"bbox": bbox})
    assert response.status_code == 400
    assert "min_lon,min_lat,max_lon,max_lat" in response.json()["bbox"][0]


@pytest.mark.django_db
def test_search_and_ordering(api):
    PartnerFactory(slug="b", name="Beta Legal", description="Detention visits", country="US")
    PartnerFactory(slug="a", name="Alpha Union", description="Labour rights", country="MX")
    assert _slugs(api.get(LIST, {"search": "detention"})) == ["b"]
    assert _slugs(api.get(LIST, {"search": "alpha"})) == ["a"]
    assert _slugs(api.get(LIST)) == ["a", "b"]
    assert _slugs(api.get(LIST, {"ordering": "-name"})) == ["b", "a"]
    assert _slugs(api.get(LIST, {"ordering": "-country"})) == ["b", "a"]


@pytest.mark.django_db
def test_pagination_page_size_50(api):
    PartnerFactory.create_batch(51)
    body = api.get(LIST).json()
    assert body["count"] == 51
    assert len(body["results"]) == 50
    assert body["next"]


def _seed(n):
    areas = [FocusAreaFactory(), FocusAreaFactory()]
    language = LanguageFactory()
    for partner in PartnerFactory.create_batch(n):
        partner.focus_areas.set(areas)
        partner.languages.add(language)


@pytest.mark.parametrize("n", [3, 30])
@pytest.mark.django_db
def test_list_query_count_is_constant(api, django_assert_num_queries, n):
    _seed(n)
    # count + page + focus areas + languages, whatever the page size.
    with django_assert_num_queries(4):
        response = api.get(LIST, {"country": "MX"})
    assert len(response.json()["results"]) == n


@pytest.mark.parametrize("n", [3, 30])
@pytest.mark.django_db
def test_geojson_query_count_is_constant(api, django_assert_num_queries, n):
    _seed(n)
    with django_assert_num_queries(3):
        api.get(f"{LIST}geojson/")


@pytest.mark.django_db
def test_commitments_list_is_public_for_published_partners(api):
    partner = PartnerFactory(slug="p")
    CommitmentFactory(partner=partner, text="Ratify now")
    draft = PartnerFactory(slug="draft", is_published=False)
    CommitmentFactory(partner=draft)
    response = api.get(f"{LIST}p/commitments/")
    assert response.status_code == 200
    assert [c["text"] for c in response.json()] == ["Ratify now"]
    assert api.get(f"{LIST}draft/commitments/").status_code == 404


@pytest.mark.django_db
def test_anonymous_requests_are_throttled(api, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "2/minute", "user": "3/minute"},
    }
    cache.clear()
    assert api.get(LIST).status_code == 200
    assert api.get(f"{LIST}geojson/").status_code == 200
    response = api.get(LIST)
    assert response.status_code == 429
    assert "Retry-After" in response


@pytest.mark.django_db
def test_schema_documents_partner_endpoints(api):
    response = api.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    schema = response.json()
    paths = schema["paths"]
    for path in (
        "/api/v1/partners/",
        "/api/v1/partners/{slug}/",
        "/api/v1/partners/{slug}/approve/",
        "/api/v1/partners/{slug}/commitments/",
        "/api/v1/partners/geojson/",
        "/api/v1/me/",
    ):
        assert path in paths, path
    params = {p["name"] for p in paths["/api/v1/partners/"]["get"]["parameters"]}
    assert {
        "country",
        "region",
        "kind",
        "focus_area",
        "language",
        "updated_since",
        "bbox",
    } <= params
    assert {"search", "ordering", "page"} <= params
    assert "examples" in str(paths["/api/v1/partners/{slug}/"]["patch"])
