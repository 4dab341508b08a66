from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from partners.models import Partner
from tests.factories import PartnerFactory, StaffFactory

pytestmark = pytest.mark.django_db


def _admin_client(client):
    staff = StaffFactory(is_superuser=True)
    client.force_login(staff)
    return client


def _form_data(partner: Partner, **changes):
    data = {
        "name": partner.name,
        "slug": partner.slug,
        "kind": partner.kind,
        "description": partner.description,
        "country": str(partner.country),
        "city": partner.city,
        "address_1": partner.address_1,
        "social_links": "[]",
        "location_source": partner.location_source,
        "is_published": "on",
        "show_address": "on",
        "show_email": "on",
        "show_phone": "on",
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
        "commitments-TOTAL_FORMS": "0",
        "commitments-INITIAL_FORMS": "0",
    }
    data.update(changes)
    return data


def test_moving_a_partner_in_the_admin_geocodes_it_again(
    client, django_capture_on_commit_callbacks
):
    partner = PartnerFactory(city="Quito", country="EC", address_1="")
    client = _admin_client(client)
    url = reverse("admin:partners_partner_change", args=[partner.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, _form_data(partner, city="Guayaquil"))
    assert response.status_code == 302, response.content.decode()[:2000]
    partner.refresh_from_db()
    assert partner.city == "Guayaquil"
    assert partner.geocode_status == Partner.GeocodeStatus.OK
    assert round(partner.latitude, 0) == Decimal("-2")


def test_admin_save_leaves_a_manual_location_alone(client, django_capture_on_commit_callbacks):
    partner = PartnerFactory(
        city="Quito",
        country="EC",
        latitude=Decimal("1.5"),
        longitude=Decimal("2.5"),
        location_source=Partner.LocationSource.MANUAL,
        geocode_status=Partner.GeocodeStatus.MANUAL,
    )
    client = _admin_client(client)
    url = reverse("admin:partners_partner_change", args=[partner.pk])
    data = _form_data(partner, city="Guayaquil", latitude="1.5", longitude="2.5")
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, data).status_code == 302
    partner.refresh_from_db()
    assert (partner.latitude, partner.longitude) == (Decimal("1.5"), Decimal("2.5"))
    assert partner.geocode_status == Partner.GeocodeStatus.MANUAL


@pytest.mark.parametrize(
    "value", ["5", "true", '{"https://x.example.org/": 1}', '["ftp://x.org/"]']
)
def test_admin_refuses_bad_social_links(client, value):
    partner = PartnerFactory(social_links=["https://ok.example.org/"])
    client = _admin_client(client)
    url = reverse("admin:partners_partner_change", args=[partner.pk])
    response = client.post(url, _form_data(partner, social_links=value))
    assert response.status_code == 200
    assert "social_links" in response.context["adminform"].form.errors
    partner.refresh_from_db()
    assert partner.social_links == ["https://ok.example.org/"]
