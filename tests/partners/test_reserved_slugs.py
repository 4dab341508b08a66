"""Issue 7 #11: a partner slug must not shadow a route under /partners/ (HTML or API)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from rest_framework.test import APIClient

from partners.models import Partner
from partners.services.csv_io import partners_import_csv
from partners.services.profiles import partner_create, partner_unique_slug
from partners.validators import reserved_slugs, validate_partner_slug
from tests.factories import PartnerFactory, StaffFactory

pytestmark = pytest.mark.django_db


def test_reserved_slugs_come_from_the_urlconf_and_a_fixed_list():
    reserved = reserved_slugs()
    # HTML routes /partners/join/ and /partners/requests/thanks/, the API's /partners/geojson/.
    assert {"join", "requests", "geojson"} <= reserved
    assert "new" in reserved  # from the fixed list, for routes yet to come


@pytest.mark.parametrize("slug", ["join", "requests", "geojson", "new"])
def test_validator_and_model_refuse_a_reserved_slug(slug):
    with pytest.raises(ValidationError):
        validate_partner_slug(slug)
    with pytest.raises(ValidationError) as exc:
        PartnerFactory.build(slug=slug).full_clean()
    assert "slug" in exc.value.message_dict


@pytest.mark.parametrize("slug", ["join", "requests", "geojson"])
def test_csv_import_refuses_a_reserved_slug(slug):
    report = partners_import_csv(file=f"name,slug,country\nSome Org,{slug},MX\n", dry_run=False)
    assert not report.applied
    assert "slug" in report.rows[0].errors
    assert not Partner.objects.filter(slug=slug).exists()


@pytest.mark.parametrize("slug", ["join", "requests", "geojson"])
def test_staff_api_create_refuses_a_reserved_slug(slug):
    api = APIClient()
    api.force_authenticate(StaffFactory())
    response = api.post(
        "/api/v1/partners/", {"name": "Some Org", "country": "MX", "slug": slug}, format="json"
    )
    assert response.status_code == 400, response.content
    assert "slug" in response.json()
    assert not Partner.objects.filter(slug=slug).exists()


def test_service_refuses_a_reserved_slug():
    with pytest.raises(ValidationError):
        partner_create(name="Some Org", country="MX", slug="join")
    assert not Partner.objects.filter(slug="join").exists()


@pytest.mark.parametrize("name", ["Join", "Requests", "GeoJSON"])
def test_generated_slugs_skip_reserved_words(name):
    slug = partner_unique_slug(name)
    assert slug not in reserved_slugs()
    partner = partner_create(name=name, country="MX")
    assert partner.slug not in reserved_slugs()
