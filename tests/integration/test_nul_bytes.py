"""Issue 7 #6: NUL bytes are a 400 or a 404, never a 500 — PostgreSQL refuses NUL in text, so
these run under `make test-services` (on PostgreSQL) as well as `make test` (SQLite)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from rest_framework.test import APIClient

from partners.models import Membership, Partner
from partners.services.csv_io import partners_import_csv
from tests.factories import CountryFactory, InvitationFactory, MembershipFactory, PartnerFactory

URLS_404 = [
    "/en/invitations/%00/",
    "/en/invitations/abc%00def/",
    "/en/countries/M%00/",
    "/en/partners/a%00b/",
    "/en/partners/ours/verify/%00/",
    "/api/v1/partners/a%00b/",
]
QUERIES_400_OR_OK = [
    "/en/partners/?q=%00",
    "/en/partners/?country=M%00",
    "/api/v1/partners/?search=%00",
    "/api/v1/partners/?country=M%00",
    "/api/v1/treaties/?q=%00",
]


def _check_everything() -> None:
    partner = PartnerFactory(slug="ours", description="Before")
    CountryFactory(iso2="MX")
    InvitationFactory(partner=partner)
    client = Client(raise_request_exception=False)
    for url in URLS_404:
        response = client.get(url)
        assert response.status_code == 404, (url, response.status_code)
    for url in QUERIES_400_OR_OK:
        response = client.get(url)
        assert response.status_code in {200, 400, 404}, (url, response.status_code)

    user = MembershipFactory(partner=partner, role=Membership.Role.EDITOR).user
    api = APIClient(raise_request_exception=False)
    api.force_authenticate(user)
    for body in [
        {"social_links": ["https://a.example.org/\u0000"]},
        {"description": "nul \u0000 byte"},
        {"name": "\u0000"},
        {"phone": "+52\u0000"},
        {"focus_areas": ["\u0000"]},
        {"country": "M\u0000"},
    ]:
        response = api.patch("/api/v1/partners/ours/", body, format="json")
        assert response.status_code == 400, (body, response.status_code)
    response = api.post(
        "/api/v1/partners/ours/commitments/", {"kind": "advocacy", "text": "a\u0000"}
    )
    assert response.status_code == 400
    assert Partner.objects.get(slug="ours").description == "Before"

    client.force_login(user)
    for data in [
        {"name": "Ours", "kind": "ngo", "country": "MX", "languages": ["\x00"]},
        {"name": "Ours", "kind": "ngo", "country": "M\x00", "description": "\x00"},
    ]:
        response = client.post("/en/member/partners/ours/edit/", data)
        assert response.status_code in {200, 400}, (data, response.status_code)
    response = client.post(
        "/en/partners/join/",
        {"organisation_name": "\x00", "country": "M\x00", "contact_email": "a@example.org"},
    )
    assert response.status_code in {200, 400}
    assert Partner.objects.get(slug="ours").description == "Before"

    report = partners_import_csv(
        file="name,slug,country,description\nGood,good,MX,fine\nNul\x00Org,nul,MX,a\x00b\n",
        dry_run=False,
    )
    assert not report.applied
    assert report.rows[1].errors
    assert report.rows[1].row == 3
    assert not Partner.objects.filter(slug__in=["good", "nul"]).exists()


@pytest.mark.django_db
def test_nul_bytes_never_give_a_500():
    _check_everything()


@pytest.mark.services
@pytest.mark.django_db
def test_nul_bytes_never_give_a_500_on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (run `make test-services`)")
    _check_everything()
