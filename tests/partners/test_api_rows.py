"""The partner list is built from `.values()` rows (partners.selectors.partner_public_rows), not
from PartnerPublicSerializer: both must give the same public data, hidden fields hidden alike."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal

import pytest
from django.db.models import QuerySet
from django.utils import translation
from rest_framework.renderers import JSONRenderer
from rest_framework.test import APIClient

from partners.models import Partner
from partners.selectors.profiles import (
    partner_geojson_feature,
    partner_geojson_features,
    partner_list_public,
)
from partners.serializers import PartnerPublicSerializer
from tests.factories import FocusAreaFactory, LanguageFactory, PartnerFactory

pytestmark = pytest.mark.django_db

LIST = "/api/v1/partners/"


def _variety() -> None:
    """Partners covering every visibility choice and every odd stored value a row can hold."""
    detention = FocusAreaFactory(slug="detention", name="Detention", name_es="Detención")
    health = FocusAreaFactory(slug="health", name="Health", name_es="")
    spanish = LanguageFactory()
    english = LanguageFactory(code="en", name="English", name_es="Inglés")
    shown = PartnerFactory(
        name="Shown Everything",
        latitude=Decimal("19.432608"),
        longitude=Decimal("-99.133209"),
        city_latitude=Decimal("19.4"),
        city_longitude=Decimal("-99.1"),
        postal_code="06000",
        social_links=["https://social.example.org/a", "javascript:alert(1)", 7, "HTTP://x.org"],
        description_language="es",
        description_translation="Defends the rights of migrant workers.",
    )
    shown.focus_areas.set([health, detention])
    shown.languages.set([spanish, english])
    hidden = PartnerFactory(
        name="Hidden Everything",
        show_address=False,
        show_email=False,
        show_phone=False,
        latitude=Decimal("10.5"),
        longitude=Decimal("-84.25"),
        city_latitude=Decimal("10.0"),
        city_longitude=Decimal("-84.0"),
        country="CR",
        social_links={"not": "a list"},
        last_verified_at=None,
    )
    hidden.languages.set([english])
    PartnerFactory(name="No Point", website="", email="", phone="", country="XK")
    PartnerFactory(
        name="Precise Only Hidden",
        show_address=False,
        latitude=Decimal("1.5"),
        longitude=Decimal("2.5"),
    )
    PartnerFactory(name="Draft", is_published=False)
    # Microseconds are kept, and UTC is written "Z", as DRF formats them.
    Partner.objects.filter(name="No Point").update(
        updated_at=datetime.datetime(2026, 1, 15, 10, 0, 0, 123456, tzinfo=datetime.UTC)
    )


def _serialized(queryset: QuerySet[Partner]) -> list[dict]:
    data = PartnerPublicSerializer(queryset, many=True).data
    return json.loads(JSONRenderer().render(data))


@pytest.mark.parametrize("language", ["en", "es"])
def test_list_rows_equal_the_serializer(language):
    _variety()
    response = APIClient().get(LIST, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    rows = response.json()["results"]
    with translation.override(language):
        expected = _serialized(partner_list_public())
    assert rows == expected
    assert [list(row) for row in rows] == [list(row) for row in expected]  # key order too
    assert len(rows) == 4
    hidden = next(r for r in rows if r["name"] == "Hidden Everything")
    assert hidden["contact"] == {"website": "https://partner.example.org/"}
    assert hidden["location"] == {"latitude": 10.0, "longitude": -84.0}
    assert hidden["social_links"] == []
    assert next(r for r in rows if r["name"] == "Precise Only Hidden")["location"] is None


def test_list_rows_equal_the_serializer_filtered_and_searched():
    _variety()
    for params in ({"country": "CR"}, {"search": "everything"}, {"focus_area": "health"}):
        rows = APIClient().get(LIST, params).json()["results"]
        slugs = [r["slug"] for r in rows]
        expected = _serialized(partner_list_public().filter(slug__in=slugs))
        assert rows == expected, params


def test_geojson_features_equal_the_per_partner_feature():
    _variety()
    with translation.override("en"):
        expected = [f for f in map(partner_geojson_feature, partner_list_public()) if f is not None]
        assert partner_geojson_features(partner_list_public()) == expected
    assert len(expected) == 2  # "No Point" and the hidden precise-only partner have none


def test_list_datetimes_formatted_like_drf():
    _variety()
    row = next(r for r in APIClient().get(LIST).json()["results"] if r["name"] == "No Point")
    assert row["updated_at"] == "2026-01-15T10:00:00.123456Z"
    hidden = next(
        r for r in APIClient().get(LIST).json()["results"] if r["name"] == "Hidden Everything"
    )
    assert hidden["last_verified_at"] is None
